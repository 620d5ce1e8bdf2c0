import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, type MigrationFixture } from '../testing/migrationFixture.js';
import { up } from './004_devices.js';

let fixture: MigrationFixture;

beforeEach(async () => {
  fixture = await databaseBefore('004_devices');
  await up(fixture.db as never);
});
afterEach(() => fixture.close());

const device = (id: string) => ({
  id,
  name: '东门阅报栏',
  hardware_id: 'hw-1',
  token_hash: 'b'.repeat(64),
  public_key: 'k'.repeat(43),
  enrolled_at: '2026-11-22T00:00:00.000Z',
  last_seen_at: null,
});

describe('fleet migration 004 (devices)', () => {
  it('stores a device with its token hash and key, and refuses a second device with the same id', async () => {
    const { db } = fixture;
    await db.insertInto('devices').values(device('d1')).execute();
    await expect(db.insertInto('devices').values(device('d1')).execute()).rejects.toThrow(/UNIQUE|PRIMARY/);
    expect(await db.selectFrom('devices').select(['id', 'name']).execute()).toEqual([{ id: 'd1', name: '东门阅报栏' }]);
  });

  it('refuses a device without a token hash', async () => {
    await expect(
      sql`INSERT INTO devices (id, hardware_id, public_key, enrolled_at) VALUES ('d', 'hw', 'k', 'now')`.execute(
        fixture.db,
      ),
    ).rejects.toThrow(/NOT NULL/);
  });
});
