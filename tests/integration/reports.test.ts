import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/bridge/contract.js';
import { buildPack } from '../../content-format/pack/build.js';
import { deviceState } from '../../electron/host/fleetLink.js';
import { StatusReporter } from '../../kiosk-config/reports/statusReporter.js';
import { openFleetDatabase } from '../../server/db/database.js';
import { DeviceRepository } from '../../server/db/devices.js';
import { article, silentLogger, SyncHarness, type HarnessFleet } from './support/syncHarness.js';

const pack = buildPack([article('s1', '停水通知', '2024-05-01', ['周三停水。'])], 'v1');

let h: SyncHarness;
let fleet: HarnessFleet;

beforeEach(async () => {
  h = new SyncHarness();
  fleet = await h.fleet('fleet', pack);
});

afterEach(() => h.close());

const status = (lastError: string | null): SyncStatus => ({
  online: lastError === null,
  serverUrl: fleet.url,
  contentVersion: pack.manifest.version,
  lastAttemptAt: '2026-11-22T08:00:00.000Z',
  lastSuccessAt: '2026-11-22T08:00:00.000Z',
  lastError,
});

interface FlakyLink {
  url: string;
  /** `down`: 503 without forwarding; `lose-answer`: forwards, then cuts the connection instead of answering. */
  mode: 'down' | 'lose-answer' | 'up';
  forwarded: number;
}

/** A link to the fleet that is down, loses answers, or works. */
async function flakyLink(mode: FlakyLink['mode']): Promise<FlakyLink> {
  const proxy: FlakyLink = { url: '', mode, forwarded: 0 };
  const server = createServer((request, response) => {
    if (proxy.mode === 'down') return void response.writeHead(503).end();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const answer = await fetch(`${fleet.url}${request.url}`, {
        method: request.method,
        headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      proxy.forwarded += 1;
      if (proxy.mode === 'lose-answer') return void response.socket?.destroy();
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  proxy.url = await h.serve(server);
  return proxy;
}

async function storedReports(): Promise<{ keys: string[]; lastError: string | null | undefined }> {
  const db = await openFleetDatabase(fleet.dataDir);
  try {
    const keys = (await db.selectFrom('reports').select('idempotency_key').execute()).map((r) => r.idempotency_key);
    const [device] = await new DeviceRepository(db).list();
    return { keys, lastError: device?.state?.sync.lastError };
  } finally {
    await db.destroy();
  }
}

describe('status reports to the fleet', () => {
  it('stores a report once when its answer was lost and the board sent it again with the same key', async () => {
    const link = await flakyLink('lose-answer');
    const target = { serverUrl: link.url, deviceId: fleet.device.deviceId, token: fleet.device.token };
    const reporter = new StatusReporter({ target, logger: silentLogger });
    reporter.submit(deviceState(status('disk full'), 1));
    const key = reporter.unsent?.idempotencyKey;

    expect(await reporter.flush()).toBe(false);
    expect(reporter.unsent?.idempotencyKey).toBe(key);
    link.mode = 'up';
    expect(await reporter.flush()).toBe(true);
    expect(reporter.unsent).toBeNull();

    expect(link.forwarded).toBe(2);
    expect(await storedReports()).toEqual({ keys: [key], lastError: 'disk full' });
  });

  it('keeps only the newest unsent state while the fleet is unreachable, and sends just that one', async () => {
    const link = await flakyLink('down');
    const target = { serverUrl: link.url, deviceId: fleet.device.deviceId, token: fleet.device.token };
    const reporter = new StatusReporter({ target, logger: silentLogger });
    for (let round = 0; round < 50; round += 1) {
      reporter.submit(deviceState(status(`round ${round} failed`), 1));
      expect(await reporter.flush()).toBe(false);
    }
    link.mode = 'up';
    expect(await reporter.flush()).toBe(true);
    const stored = await storedReports();
    expect(stored).toMatchObject({ lastError: 'round 49 failed' });
    expect(stored.keys).toHaveLength(1);
    expect(link.forwarded).toBe(1);
  });

  it('stores nothing for a report with a wrong token', async () => {
    const target = { serverUrl: fleet.url, deviceId: fleet.device.deviceId, token: 'y'.repeat(43) };
    const reporter = new StatusReporter({ target, logger: silentLogger });
    reporter.submit(deviceState(status(null), 1));
    expect(await reporter.flush()).toBe(false);
    expect(await storedReports()).toEqual({ keys: [], lastError: undefined });
  });
});
