import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyContentCache } from '../../content-cache/verify.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { article, SyncHarness } from '../integration/support/syncHarness.js';

const pack = buildPack(
  [
    article('a1', '停水通知', '2024-05-01', ['周三上午停水，请提前储水。']),
    article('a2', '义诊活动', '2024-05-02', ['周六上午社区义诊。']),
  ],
  'now',
);
const target = pack.manifest.items[1]!.body;

let h: SyncHarness;

beforeEach(() => {
  h = new SyncHarness();
});

afterEach(() => h.close());

function flipBit(file: string): void {
  const bytes = readFileSync(file);
  bytes[5]! ^= 0x04;
  writeFileSync(file, bytes);
}

describe('a blob damaged on the board’s disk', () => {
  it('is reported by verify, deleted rather than shown, and fetched again by the next round', async () => {
    const server = await h.fleet('fleet', pack);
    const sync = h.makeSync(server);
    await sync.syncOnce();
    flipBit(h.blobs.pathOf(target.sha256));
    expect(verifyContentCache(h.writerDb, h.blobs)).toEqual([
      expect.stringMatching(new RegExp(`blob ${target.sha256} on disk is damaged`)),
    ]);

    h.calls.length = 0;
    const repaired = await sync.syncOnce();
    expect(repaired).toMatchObject({ online: true, lastError: null, pendingBlobs: 0 });
    // The manifest was unchanged (304); only the damaged blob was fetched.
    expect(h.calls.map((c) => [c.url.replace(server.url, ''), c.status])).toEqual([
      [`/api/v1/devices/${server.device.deviceId}/manifest`, 304],
      [`/blobs/sha256/${target.sha256}`, 200],
    ]);
    expect(verifyContentCache(h.writerDb, h.blobs)).toEqual([]);
    expect(h.reader.article('a2')?.paragraphs).toEqual(['周六上午社区义诊。']);
  });

  it('does not loop when the server’s copy is damaged too: bounded tries, then a backoff, content still shown', async () => {
    const server = await h.fleet('fleet', pack);
    const sync = h.makeSync(server, { attemptsPerBlob: 3 });
    await sync.syncOnce();
    flipBit(h.blobs.pathOf(target.sha256));
    flipBit(new BlobStore(server.dataDir).pathOf(target.sha256));
    h.calls.length = 0;

    const first = await sync.syncOnce();
    expect(first.online).toBe(false);
    expect(first.lastError).toMatch(new RegExp(`blob ${target.sha256} arrived with the wrong bytes`));
    for (let round = 0; round < 5; round += 1) await sync.syncOnce();
    expect(h.blobCalls().filter((c) => c.url.endsWith(target.sha256))).toHaveLength(3);
    expect(sync.status().lastError).toMatch(/failed 1 round\(s\) in a row .* next try after/);
    // The damaged file is gone, never served; the list and the article text still show from the database.
    expect(h.blobs.has(target.sha256)).toBe(false);
    expect(h.listedIds()).toEqual(['a2', 'a1']);
    expect(h.reader.article('a2')?.paragraphs).toEqual(['周六上午社区义诊。']);
  });
});
