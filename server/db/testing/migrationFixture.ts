import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FLEET_DATABASE_FILE, serverMigrations } from '../database.js';
import type { FleetDatabase } from '../schema.js';

export interface MigrationFixture {
  db: Kysely<FleetDatabase>;
  close(): Promise<void>;
}

/** A fleet database file in a temp dir with the migrations before `name` applied, as an older server left it. */
export async function databaseBefore(name: string): Promise<MigrationFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `nb-fleet-${name}-`));
  const sqlite = new SQLite(path.join(dir, FLEET_DATABASE_FILE));
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<FleetDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  for (const [migration, { up }] of Object.entries(serverMigrations)) {
    if (migration >= name) break;
    await up(db as Kysely<unknown>);
  }
  return {
    db,
    close: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
