import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, type MigrationFixture } from '../testing/migrationFixture.js';
import { up } from './002_release_signatures.js';

let fixture: MigrationFixture;

beforeEach(async () => {
  fixture = await databaseBefore('002_release_signatures');
});
afterEach(() => fixture.close());

describe('fleet migration 002 (release signatures)', () => {
  it('keeps releases published before signing, with no signature until first served', async () => {
    const { db } = fixture;
    await sql`INSERT INTO releases (seq, version, created_at, manifest_json, etag) VALUES (1, 'old', 'now', '{}', '"e"')`.execute(
      db,
    );
    await up(db as never);
    const rows = await db.selectFrom('releases').select(['version', 'signed_json']).execute();
    expect(rows).toEqual([{ version: 'old', signed_json: null }]);
    await db.updateTable('releases').set({ signed_json: '{"sig":"x"}' }).where('seq', '=', 1).execute();
    const signed = await db.selectFrom('releases').select('signed_json').executeTakeFirst();
    expect(signed?.signed_json).toBe('{"sig":"x"}');
  });
});
