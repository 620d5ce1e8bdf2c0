import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partialPathOf } from '../../content-cache/blobs/blobFile.js';
import { startFaultyFleetServer, type FaultyFleetServer } from '../../content-cache/sync/testing/faultyFleetServer.js';
import { verifyContentCache } from '../../content-cache/verify.js';
import { buildPack } from '../../content-format/pack/build.js';
import { article, SyncHarness } from '../integration/support/syncHarness.js';

const before = buildPack([article('old', '昨日新闻', '2024-05-01', ['昨天的内容。'])], 'now');
/** About 1.4 MB of body: big enough that a cut leaves most of it to come. */
const edition = buildPack(
  [
    article('old', '昨日新闻', '2024-05-01', ['昨天的内容。']),
    article(
      'paper',
      '今日报纸全文',
      '2024-05-02',
      Array.from({ length: 30 }, (_, n) => `第${n}版。`.repeat(3_000)),
    ),
  ],
  'now',
);
const [v0, v1] = [before.manifest.version, edition.manifest.version];
const big = edition.manifest.items[1]!.body;
const K = 150_000;

let h: SyncHarness;
let server: FaultyFleetServer;

beforeEach(async () => {
  h = new SyncHarness();
  server = await startFaultyFleetServer();
  h.track(server);
});

afterEach(() => h.close());

describe('network cut mid-download', () => {
  it('uses a blob several cuts long', () => expect(big.size).toBeGreaterThan(5 * K));

  it('keeps showing the last version, resumes from the byte where the cut happened, and publishes only when complete', async () => {
    server.publish(before.manifest, before.blobs);
    const sync = h.makeSync(server, { attemptsPerBlob: 2 });
    expect((await sync.syncOnce()).contentVersion).toBe(v0);

    server.publish(edition.manifest, edition.blobs);
    let cutting = true;
    server.faults = (sha256) => (cutting && sha256 === big.sha256 ? { kind: 'cut', afterBytes: K } : null);
    const cut = await sync.syncOnce();
    expect(cut.online).toBe(false);
    expect(cut.lastError).toMatch(new RegExp(`blob ${big.sha256} was cut off after ${2 * K} bytes`));
    expect(cut.contentVersion).toBe(v0);
    expect(cut.pendingBlobs).toBe(1);
    expect(h.listedIds()).toEqual(['old']);
    expect(statSync(partialPathOf(h.blobs, big.sha256)).size).toBe(2 * K);

    cutting = false;
    const resumed = await sync.syncOnce();
    expect(resumed).toMatchObject({ online: true, lastError: null, contentVersion: v1, pendingBlobs: 0 });
    const forBig = server.requests.filter((r) => r.sha256 === big.sha256);
    // Round 1: a fresh start and one in-round retry, each cut after K bytes; round 2 resumes from 2K.
    expect(forBig.map((r) => [r.range, r.status])).toEqual([
      [null, 200],
      [`bytes=${K}-`, 206],
      [`bytes=${2 * K}-`, 206],
    ]);
    expect(forBig.reduce((sum, r) => sum + r.sent, 0)).toBe(big.size);
    expect(h.published).toEqual([v0, v1]);
    expect(h.listedIds().sort()).toEqual(['old', 'paper']);
    expect(h.reader.article('paper')?.paragraphs).toHaveLength(30);
    expect(verifyContentCache(h.writerDb, h.blobs)).toEqual([]);
  });

  it('survives a flapping link: each round gains ground until the blob is whole', async () => {
    server.publish(edition.manifest, edition.blobs);
    server.faults = (sha256, attempt) =>
      sha256 === big.sha256 && attempt <= 4 ? { kind: 'cut', afterBytes: K } : null;
    const sync = h.makeSync(server, { attemptsPerBlob: 1 });
    const versions: (string | null)[] = [];
    for (let round = 0; round < 5; round += 1) versions.push((await sync.syncOnce()).contentVersion);
    expect(versions).toEqual([null, null, null, null, v1]);
    const ranges = server.requests.filter((r) => r.sha256 === big.sha256).map((r) => r.range);
    expect(ranges).toEqual([null, `bytes=${K}-`, `bytes=${2 * K}-`, `bytes=${3 * K}-`, `bytes=${4 * K}-`]);
  });
});
