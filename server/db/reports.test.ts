import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceReport } from '../../common/fleetApi.js';
import { openFleetDatabase } from './database.js';
import { DeviceRepository } from './devices.js';
import { REPORTS_KEPT_PER_DEVICE, ReportRepository } from './reports.js';
import type { FleetDatabase } from './schema.js';
import { insertTestDevice } from './testing/devices.js';

let dir: string;
let db: Kysely<FleetDatabase>;
let reports: ReportRepository;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-fleet-reports-'));
  db = await openFleetDatabase(dir);
  reports = new ReportRepository(db);
  for (const id of ['board-a', 'board-b']) {
    await insertTestDevice(db, id, `2026-11-01T00:00:0${id === 'board-a' ? 0 : 1}.000Z`);
  }
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const report = (key: string, sentAt: string, lastError: string | null = null): DeviceReport => ({
  idempotencyKey: `report-${key}-`.padEnd(16, 'x'),
  state: {
    sentAt,
    appliedVersion: 1,
    uptimeSeconds: 60,
    sync: {
      online: lastError === null,
      serverUrl: 'http://fleet',
      contentVersion: 'v1',
      lastAttemptAt: sentAt,
      lastSuccessAt: sentAt,
      lastError,
    },
  },
});

async function shownError(deviceId = 'board-a') {
  const listed = await new DeviceRepository(db).list();
  return listed.find((device) => device.id === deviceId)?.state?.sync.lastError;
}

const at = (iso: string) => new Date(iso);

describe('ReportRepository: which report is the device state', () => {
  it('shows a correct report after one sent by a board whose clock said 2099', async () => {
    await reports.record(
      'board-a',
      report('bad-clock', '2099-01-01T00:00:00Z', 'from 2099'),
      at('2026-11-22T08:00:00Z'),
    );
    await reports.record(
      'board-a',
      report('after-ntp', '2026-11-22T08:10:00Z', 'after ntp'),
      at('2026-11-22T08:10:01Z'),
    );
    expect(await shownError()).toBe('after ntp');
  });

  it('still keeps the newer state when an older report, sent minutes before, lands after it', async () => {
    await reports.record('board-a', report('newer', '2026-11-22T08:02:00Z', 'newer'), at('2026-11-22T08:02:01Z'));
    await reports.record('board-a', report('older', '2026-11-22T08:01:00+00:00', 'older'), at('2026-11-22T08:02:02Z'));
    expect(await shownError()).toBe('newer');
  });

  it('orders the reports of a board whose clock runs an hour fast by that clock, not by arrival', async () => {
    // Sent 10:00 and 09:55 by the board's clock; the older one is a retry that lands a minute later.
    await reports.record('board-a', report('newer', '2026-11-22T10:00:00Z', 'newer'), at('2026-11-22T09:01:00Z'));
    await reports.record('board-a', report('older', '2026-11-22T09:55:00Z', 'older'), at('2026-11-22T09:02:00Z'));
    expect(await shownError()).toBe('newer');
    await reports.record('board-a', report('next', '2026-11-22T10:05:00Z', 'next'), at('2026-11-22T09:06:00Z'));
    expect(await shownError()).toBe('next');
  });
});

describe('ReportRepository: retention', () => {
  const sentAt = (i: number) => new Date(Date.parse('2026-11-22T00:00:00Z') + i * 60_000).toISOString();

  async function recordRounds(deviceId: string, from: number, to: number) {
    for (let i = from; i < to; i++) {
      await reports.record(deviceId, report(`r${i}`, sentAt(i), `round ${i}`), new Date(sentAt(i)));
    }
  }

  async function keysOf(deviceId: string) {
    const rows = await db
      .selectFrom('reports')
      .select('idempotency_key')
      .where('device_id', '=', deviceId)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.idempotency_key);
  }

  it("keeps only each board's newest reports, without touching another board's", async () => {
    const extra = 5;
    await recordRounds('board-b', 0, 3);
    await recordRounds('board-a', 0, REPORTS_KEPT_PER_DEVICE + extra);
    const kept = await keysOf('board-a');
    expect(kept).toHaveLength(REPORTS_KEPT_PER_DEVICE);
    expect(kept[0]).toBe(report(`r${extra}`, '').idempotencyKey);
    expect(kept.at(-1)).toBe(report(`r${REPORTS_KEPT_PER_DEVICE + extra - 1}`, '').idempotencyKey);
    expect(await keysOf('board-b')).toHaveLength(3);
    expect(await shownError()).toBe(`round ${REPORTS_KEPT_PER_DEVICE + extra - 1}`);
  }, 30_000);

  it('stores nothing for a retry of a recent report, and a late retry of a pruned one does not become the state', async () => {
    const last = REPORTS_KEPT_PER_DEVICE + 1;
    await recordRounds('board-a', 0, last + 1);
    const now = new Date(sentAt(last + 1));
    expect(await reports.record('board-a', report(`r${last - 10}`, sentAt(last - 10)), now)).toBe(false);
    expect(await reports.record('board-a', report('r0', sentAt(0), 'pruned retry'), now)).toBe(true);
    expect(await keysOf('board-a')).toHaveLength(REPORTS_KEPT_PER_DEVICE);
    expect(await shownError()).toBe(`round ${last}`);
  }, 30_000);

  it('never prunes the report the device state shows, however many older-dated reports follow it', async () => {
    await reports.record('board-a', report('good', '2026-11-22T08:00:00Z', 'good clock'), at('2026-11-22T08:00:00Z'));
    // A board whose clock fell back to 1970 after a power cut keeps reporting until NTP answers.
    for (let i = 0; i < REPORTS_KEPT_PER_DEVICE + 2; i++) {
      await reports.record('board-a', report(`r${i}`, sentAt(-1e7 + i), '1970'), at('2026-11-22T09:00:00Z'));
    }
    expect(await shownError()).toBe('good clock');
    expect(await keysOf('board-a')).toHaveLength(REPORTS_KEPT_PER_DEVICE + 1);
  }, 30_000);
});
