import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseBefore, type MigrationFixture } from '../testing/migrationFixture.js';
import { up } from './006_report_retention.js';

let fixture: MigrationFixture;

beforeEach(async () => {
  fixture = await databaseBefore('006_report_retention');
  const { db } = fixture;
  for (const id of ['future', 'honest']) {
    await db
      .insertInto('devices')
      .values({
        id,
        name: null,
        hardware_id: 'hw',
        token_hash: 'b'.repeat(64),
        public_key: 'k'.repeat(43),
        enrolled_at: '2026-11-01T00:00:00.000Z',
        last_seen_at: null,
      })
      .execute();
    const { id: reportId } = await db
      .insertInto('reports')
      .values({ device_id: id, idempotency_key: 'key', received_at: '2026-11-22T08:00:00.000Z', body_json: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('device_state')
      .values({
        device_id: id,
        report_id: reportId,
        reported_at: id === 'future' ? '2099-01-01T00:00:00.000Z' : '2026-11-22T07:59:58.000Z',
        received_at: '2026-11-22T08:00:00.000Z',
        body_json: '{}',
      })
      .execute();
  }
});
afterEach(() => fixture.close());

describe('fleet migration 006 (report retention)', () => {
  it('unpins a state reported from the future and leaves an honest one as it was', async () => {
    const { db } = fixture;
    await up(db as never);
    const states = await db
      .selectFrom('device_state')
      .select(['device_id', 'reported_at'])
      .orderBy('device_id')
      .execute();
    expect(states).toEqual([
      { device_id: 'future', reported_at: '2026-11-22T08:05:00.000Z' },
      { device_id: 'honest', reported_at: '2026-11-22T07:59:58.000Z' },
    ]);
  });

  it("finds a device's newest reports through an index", async () => {
    const { db } = fixture;
    await up(db as never);
    const plan = await sql<{ detail: string }>`
      EXPLAIN QUERY PLAN SELECT id FROM reports WHERE device_id = 'future' ORDER BY id DESC LIMIT 1 OFFSET 499
    `.execute(db);
    expect(plan.rows.map((row) => row.detail).join('\n')).toMatch(/USING (COVERING )?INDEX reports_device_newest/);
  });
});
