import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../common/bridge/contract.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { ContentWriter } from '../contentWriter.js';
import { openWriter } from '../db/open.js';
import { FleetSync } from './fleetSync.js';
import { scheduleSync } from './schedule.js';
import { startFaultyFleetServer, type FaultyFleetServer } from './testing/faultyFleetServer.js';

let dir: string;
let db: ReturnType<typeof openWriter>;
let server: FaultyFleetServer;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-schedule-'));
  db = openWriter(dir);
  server = await startFaultyFleetServer();
  server.publish({ format: 'newsboard-pack/1', version: 'v1', createdAt: 'now', items: [] }, new Map());
});

afterEach(async () => {
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduleSync', () => {
  it('runs rounds on the cron schedule, shows the next attempt, and stops', async () => {
    const statuses: SyncStatus[] = [];
    const sync = new FleetSync(
      {
        serverUrl: server.url,
        device: server.device,
        writer: new ContentWriter(db),
        db,
        blobs: new BlobStore(dir),
        logger: pino({ level: 'silent' }),
        config: { schedule: '* * * * * *', maxRandomDelayMs: 0 },
        onPublished: () => {},
        onStatus: (status) => statuses.push(status),
      },
      null,
    );
    const schedule = scheduleSync(sync, pino({ level: 'silent' }));
    const first = Date.parse(sync.status().nextAttemptAt ?? '');
    expect(first - Date.now()).toBeLessThanOrEqual(1_000);
    await expect.poll(() => server.manifestRequests, { timeout: 4_000 }).toBeGreaterThanOrEqual(2);
    expect(sync.status()).toMatchObject({ online: true, contentVersion: 'v1', lastError: null });
    expect(Date.parse(sync.status().nextAttemptAt ?? '')).toBeGreaterThan(first);
    await schedule.stop();
    expect(sync.status().nextAttemptAt).toBeNull();
    const after = server.manifestRequests;
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(server.manifestRequests).toBe(after);
  });
});
