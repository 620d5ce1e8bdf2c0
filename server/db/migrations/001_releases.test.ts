import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLEET_DATABASE_FILE, openFleetDatabase } from '../database.js';
import type { FleetDatabase } from '../schema.js';
import { up } from './001_releases.js';

let dir: string;
let db: Kysely<FleetDatabase>;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-fleet-m001-'));
  db = new Kysely<FleetDatabase>({
    dialect: new SqliteDialect({ database: new SQLite(path.join(dir, FLEET_DATABASE_FILE)) }),
  });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const row = (seq: number, version: string) => ({
  seq,
  version,
  created_at: '2024-05-01T00:00:00.000Z',
  manifest_json: '{}',
  etag: `"${version}"`,
});

describe('fleet migration 001 (releases)', () => {
  it('creates the releases table on an empty database with the columns the repository reads', async () => {
    await up(db as Kysely<unknown>);
    const columns = await sql<{ name: string; notnull: number; pk: number }>`PRAGMA table_info(releases)`.execute(db);
    expect(columns.rows.map((c) => [c.name, c.notnull || c.pk ? 'required' : 'optional'])).toEqual([
      ['seq', 'required'],
      ['version', 'required'],
      ['created_at', 'required'],
      ['manifest_json', 'required'],
      ['etag', 'required'],
    ]);
  });

  it('keeps releases in sequence and refuses a second release with the same sequence number', async () => {
    await up(db as Kysely<unknown>);
    await db.insertInto('releases').values(row(1, 'v1')).execute();
    await db.insertInto('releases').values(row(2, 'v2')).execute();
    await expect(db.insertInto('releases').values(row(2, 'v2bis')).execute()).rejects.toThrow(/UNIQUE|PRIMARY KEY/);
    const newest = await db.selectFrom('releases').select('version').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    expect(newest?.version).toBe('v2');
  });

  it('refuses a release without its manifest', async () => {
    await up(db as Kysely<unknown>);
    await expect(
      sql`INSERT INTO releases (seq, version, created_at, etag) VALUES (1, 'v1', 'now', '"e"')`.execute(db),
    ).rejects.toThrow(/NOT NULL/);
  });

  it('is applied once by the migrator, and reopening a migrated database keeps its releases', async () => {
    const first = await openFleetDatabase(dir);
    await first.insertInto('releases').values(row(1, 'kept')).execute();
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(first);
    expect(applied.rows.map((r) => r.name)).toEqual([
      '001_releases',
      '002_release_signatures',
      '003_enrollment_codes',
      '004_devices',
      '005_reports',
      '006_report_retention',
    ]);
    await first.destroy();

    const second = await openFleetDatabase(dir);
    const rows = await second.selectFrom('releases').select('version').execute();
    await second.destroy();
    expect(rows).toEqual([{ version: 'kept' }]);
  });
});
