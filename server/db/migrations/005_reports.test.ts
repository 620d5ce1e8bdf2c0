import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, type MigrationFixture } from '../testing/migrationFixture.js';
import { up } from './005_reports.js';

let fixture: MigrationFixture;

beforeEach(async () => {
  fixture = await databaseBefore('005_reports');
  await up(fixture.db as never);
  await fixture.db
    .insertInto('devices')
    .values({
      id: 'd1',
      name: null,
      hardware_id: 'hw',
      token_hash: 'b'.repeat(64),
      public_key: 'k'.repeat(43),
      enrolled_at: 'now',
      last_seen_at: null,
    })
    .execute();
});
afterEach(() => fixture.close());

const report = (deviceId: string, key: string) => ({
  device_id: deviceId,
  idempotency_key: key,
  received_at: 'now',
  body_json: '{}',
});

describe('fleet migration 005 (reports)', () => {
  it('stores one report per device and idempotency key', async () => {
    const { db } = fixture;
    await db.insertInto('reports').values(report('d1', 'key-1')).execute();
    await expect(db.insertInto('reports').values(report('d1', 'key-1')).execute()).rejects.toThrow(/UNIQUE/);
    expect(await db.selectFrom('reports').select('idempotency_key').execute()).toHaveLength(1);
  });

  it('refuses reports and latest state for a device that does not exist', async () => {
    const { db } = fixture;
    await expect(db.insertInto('reports').values(report('ghost', 'key-1')).execute()).rejects.toThrow(/FOREIGN KEY/);
    const { id } = await db.insertInto('reports').values(report('d1', 'k')).returning('id').executeTakeFirstOrThrow();
    const state = { report_id: id, reported_at: 'now', received_at: 'now', body_json: '{}' };
    await expect(
      db
        .insertInto('device_state')
        .values({ device_id: 'ghost', ...state })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
    await db
      .insertInto('device_state')
      .values({ device_id: 'd1', ...state })
      .execute();
    await expect(
      db
        .insertInto('device_state')
        .values({ device_id: 'd1', ...state })
        .execute(),
    ).rejects.toThrow(/UNIQUE|PRIMARY/);
  });
});
