import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFleetDatabase } from './database.js';
import { DeviceRepository } from './devices.js';
import { ReportRepository } from './reports.js';
import type { FleetDatabase } from './schema.js';
import { insertTestDevice } from './testing/devices.js';

let dir: string;
let db: Kysely<FleetDatabase>;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-fleet-devices-'));
  db = await openFleetDatabase(dir);
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function boardWithReport(id: string, enrolledAt: string) {
  await insertTestDevice(db, id, enrolledAt);
  const sentAt = '2026-11-22T08:00:00.000Z';
  await new ReportRepository(db).record(id, {
    idempotencyKey: `report-of-${id}`,
    state: {
      sentAt,
      appliedVersion: 2,
      uptimeSeconds: 10,
      sync: {
        online: true,
        serverUrl: null,
        contentVersion: 'v2',
        lastAttemptAt: sentAt,
        lastSuccessAt: sentAt,
        lastError: null,
      },
    },
  });
}

describe('DeviceRepository.list', () => {
  it('lists a board whose stored state is damaged with no state, and the others as they reported', async () => {
    await boardWithReport('damaged', '2026-11-01T00:00:00.000Z');
    await boardWithReport('foreign', '2026-11-02T00:00:00.000Z');
    await boardWithReport('intact', '2026-11-03T00:00:00.000Z');
    await db
      .updateTable('device_state')
      .set({ body_json: '{"sentAt":"2026-11-2' })
      .where('device_id', '=', 'damaged')
      .execute();
    await db
      .updateTable('device_state')
      .set({ body_json: '{"sentAt":42}' })
      .where('device_id', '=', 'foreign')
      .execute();

    const listed = await new DeviceRepository(db).list();
    expect(listed.map((device) => [device.id, device.state?.appliedVersion ?? null])).toEqual([
      ['damaged', null],
      ['foreign', null],
      ['intact', 2],
    ]);
  });
});
