import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyContentCache } from '../../content-cache/verify.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { article, SyncHarness } from './support/syncHarness.js';

const small = buildPack([article('a1', '社区通知', '2024-05-01', ['周三停水。'])], 'v1');
/** A version with one large body (an edition, say) beside a small one. */
const withLarge = buildPack(
  [
    article('a1', '社区通知', '2024-05-01', ['周三停水。']),
    article(
      'big',
      '今日报纸',
      '2024-05-02',
      Array.from({ length: 10 }, () => '版面文字'.repeat(4_000)),
    ),
  ],
  'v2',
);
const largeRef = withLarge.manifest.items[1]!.body;

let h: SyncHarness;
let clock: Date;
const now = () => clock;

beforeEach(() => {
  h = new SyncHarness();
  clock = new Date('2024-06-01T12:00:00Z');
});

afterEach(() => h.close());

describe('sync policy against a real fleet server', () => {
  it('holds a version with a large blob until the download window, without re-reading the manifest meanwhile', async () => {
    const server = await h.fleet('fleet', withLarge);
    const sync = h.makeSync(
      server,
      { downloadWindow: { start: '01:00', end: '05:00' }, largeBlobBytes: 100_000, timeZone: 'UTC' },
      now,
    );
    const waiting = await sync.syncOnce();
    expect(waiting).toMatchObject({ online: true, lastError: null, contentVersion: null, pendingBlobs: 1 });
    expect(waiting.pendingReason).toMatch(/1 large blob\(s\) \(0\.\d MB\) wait for the download window 01:00-05:00/);
    expect(h.blobCalls().some((c) => c.url.endsWith(largeRef.sha256))).toBe(false);
    expect(h.listedIds()).toEqual([]);

    h.calls.length = 0;
    await sync.syncOnce();
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({ status: 304, bodyBytes: 0 });

    clock = new Date('2024-06-02T02:00:00Z');
    const done = await sync.syncOnce();
    expect(done).toMatchObject({ contentVersion: withLarge.manifest.version, pendingBlobs: 0, pendingReason: null });
    expect(h.listedIds().sort()).toEqual(['a1', 'big']);
  });

  it('keeps to the daily byte budget, counts bytes in the status, and lets an oversized blob open the next day', async () => {
    const server = await h.fleet('fleet', withLarge);
    const sync = h.makeSync(server, { dailyByteBudget: 50_000, timeZone: 'UTC' }, now);
    const first = await sync.syncOnce();
    expect(first.pendingReason).toMatch(/1 blob\(s\) .* wait for tomorrow's download budget/);
    expect(first.bytesToday).toBeGreaterThan(0);
    expect(first.bytesToday).toBeLessThan(50_000);
    expect(first.contentVersion).toBeNull();

    clock = new Date('2024-06-02T00:10:00Z');
    const next = await sync.syncOnce();
    expect(next.contentVersion).toBe(withLarge.manifest.version);
    expect(next.bytesToday).toBeGreaterThanOrEqual(largeRef.size);
    // The count survives a restart: it lives in the database, not in the FleetSync object.
    expect(h.makeSync(server, { timeZone: 'UTC' }, now).status().bytesToday).toBe(next.bytesToday);
  });

  it('tries a blob that keeps failing verification a bounded number of times, then backs off across rounds', async () => {
    const server = await h.fleet('fleet', withLarge);
    const file = new BlobStore(server.dataDir).pathOf(largeRef.sha256);
    writeFileSync(file, Buffer.alloc(readFileSync(file).length, 0x20));
    const sync = h.makeSync(server, { attemptsPerBlob: 3, failedBlobBackoffMs: 60_000 }, now);
    const failed = await sync.syncOnce();
    const requestsFor = () => h.blobCalls().filter((c) => c.url.endsWith(largeRef.sha256)).length;
    expect(requestsFor()).toBe(3);
    expect(failed).toMatchObject({ online: false, contentVersion: null });
    expect(failed.lastError).toContain(largeRef.sha256);

    const held = await sync.syncOnce();
    expect(requestsFor()).toBe(3);
    expect(held.lastError).toMatch(
      new RegExp(`blob ${largeRef.sha256} failed 1 round\\(s\\) in a row .*next try after`),
    );

    clock = new Date(clock.getTime() + 61_000);
    await sync.syncOnce();
    expect(requestsFor()).toBe(6);
    expect(h.listedIds()).toEqual([]);
  });

  it('evicts the previous version’s blobs once over the disk budget, never the published ones', async () => {
    const server = await h.fleet('fleet', withLarge);
    const sync = h.makeSync(server, { diskBudgetBytes: 1_000 }, now);
    await sync.syncOnce();
    expect(h.blobs.has(largeRef.sha256)).toBe(true);
    await server.close();
    const restarted = await h.fleet('fleet', small);
    await h.makeSync(restarted, { diskBudgetBytes: 1_000 }, now).syncOnce();
    expect(h.listedIds()).toEqual(['a1']);
    expect(h.blobs.has(largeRef.sha256)).toBe(false);
    expect(h.blobs.has(small.manifest.items[0]!.body.sha256)).toBe(true);
    expect(verifyContentCache(h.writerDb, h.blobs)).toEqual([]);
  });
});
