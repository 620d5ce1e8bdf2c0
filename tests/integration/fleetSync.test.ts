import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FleetSync } from '../../content-cache/sync/fleetSync.js';
import { verifyContentCache } from '../../content-cache/verify.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { buildPack } from '../../content-format/pack/build.js';
import { generateSigningKeyPem, signDocument, signingKeyFromPem } from '../../content-format/signing/ed25519.js';
import { article, SyncHarness, type SyncTarget } from './support/syncHarness.js';

const v1 = buildPack(
  [
    article('s1', '全市地铁新线开通', '2024-05-01T08:00:00+08:00', [
      '今日上午，地铁新线正式开通运营。',
      '沿线居民出行更加便捷。',
    ]),
    article('s2', '社区举办义诊活动', '2024-05-02T08:00:00+08:00', ['本周六上午，社区卫生服务中心举办义诊。']),
    article('s3', 'City library extends hours', '2024-05-03T08:00:00+08:00', [
      'The central library now opens until 9 pm.',
    ]),
  ],
  '2024-05-03T00:00:00Z',
);
const v2 = buildPack(
  [...v1.manifest.items.map((i) => i.id)].map((id, n) =>
    article(id, `更新 ${id}`, `2024-06-0${n + 1}`, [`第二版内容 ${id}`]),
  ),
  '2024-06-03T00:00:00Z',
);

let h: SyncHarness;

/** The key of the stand-in servers below; boards syncing from them trust it. */
const standInKey = signingKeyFromPem(generateSigningKeyPem());

/** A manifest as a stand-in server signs it, with a version above anything the real server issued. */
function signedByStandIn(body: unknown): string {
  return JSON.stringify(
    signDocument(
      { v: 1, kind: 'manifest', scope: 'fleet', version: 100, issuedAt: new Date().toISOString(), body },
      standInKey,
    ),
  );
}

/** A tiny HTTP server answering every request with `handler`, and a board enrolled with it. */
async function tinyServer(
  handler: (url: string) => { status: number; body: string | Buffer; headers?: Record<string, string> },
): Promise<SyncTarget> {
  const server: Server = createServer((request, response) => {
    const { status, body, headers } = handler(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  });
  return {
    url: await h.serve(server),
    device: { deviceId: 'stand-in-board', token: 'stand-in-token', trustedKeys: [standInKey.publicKey] },
  };
}

/** First sync against a good server: the state every failure case must keep. */
async function syncedToV1(): Promise<{ server: Awaited<ReturnType<SyncHarness['fleet']>>; sync: FleetSync }> {
  const server = await h.fleet('fleet', v1);
  const sync = h.makeSync(server);
  const status = await sync.syncOnce();
  expect(status.contentVersion).toBe(v1.manifest.version);
  return { server, sync };
}

function expectV1Intact(): void {
  expect(h.listedIds()).toEqual(['s3', 's2', 's1']);
  expect(h.reader.contentVersion()).toBe(v1.manifest.version);
  expect(h.reader.article('s1')?.paragraphs).toEqual(['今日上午，地铁新线正式开通运营。', '沿线居民出行更加便捷。']);
  expect(verifyContentCache(h.writerDb, h.blobs)).toEqual([]);
}

beforeEach(() => {
  h = new SyncHarness();
});

afterEach(() => h.close());

describe('FleetSync against a real fleet server', () => {
  it('publishes every item of the first manifest and announces it once', async () => {
    const server = await h.fleet('fleet', v1);
    const sync = h.makeSync(server);
    const status = await sync.syncOnce();
    expect(status).toMatchObject({
      online: true,
      serverUrl: server.url,
      contentVersion: v1.manifest.version,
      lastError: null,
    });
    expect(status.lastSuccessAt).not.toBeNull();
    expect(h.published).toEqual([v1.manifest.version]);
    expectV1Intact();
    expect(h.reader.search('地铁新线').map((hit) => hit.id)).toEqual(['s1']);
    expect(h.calls.filter((c) => c.url.includes('/blobs/'))).toHaveLength(3);
  });

  it('spends one request and no body bytes when nothing changed', async () => {
    const { sync } = await syncedToV1();
    h.calls.length = 0;
    const status = await sync.syncOnce();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({ status: 304, bodyBytes: 0 });
    expect(h.calls[0]!.url).toMatch(/\/api\/v1\/devices\/[0-9a-f-]{36}\/manifest$/);
    expect(status).toMatchObject({ online: true, contentVersion: v1.manifest.version, lastError: null });
    expect(h.published).toEqual([v1.manifest.version]);
  });

  it('downloads only the blobs it lacks when a new version arrives', async () => {
    const { server } = await syncedToV1();
    await server.close();
    const edited = buildPack(
      [
        article('s1', '全市地铁新线开通', '2024-05-01T08:00:00+08:00', [
          '今日上午，地铁新线正式开通运营。',
          '沿线居民出行更加便捷。',
        ]),
        article('s4', '新增', '2024-06-09', ['新文章']),
      ],
      'later',
    );
    // Same fleet data dir, a new address: the kiosk's sync state lives in its database, not in the FleetSync object.
    const restarted = await h.fleet('fleet', edited);
    h.calls.length = 0;
    const status = await h.makeSync(restarted).syncOnce();
    expect(status.contentVersion).toBe(edited.manifest.version);
    expect(h.calls.filter((c) => c.url.includes('/blobs/'))).toHaveLength(1);
    expect(h.listedIds()).toEqual(['s4', 's1']);
    expect(h.published).toEqual([v1.manifest.version, edited.manifest.version]);
  });

  it('goes offline with a reason when the server stops, and keeps showing its content', async () => {
    const { server, sync } = await syncedToV1();
    await server.close();
    const status = await sync.syncOnce();
    expect(status.online).toBe(false);
    // The cause, not just fetch's "fetch failed": refused, or a kept-alive socket the server just closed.
    expect(status.lastError).toMatch(/ECONNREFUSED|other side closed|ECONNRESET/);
    expect(status.contentVersion).toBe(v1.manifest.version);
    expect(status.lastSuccessAt).not.toBeNull();
    expect(h.statuses.at(-1)).toEqual(status);
    expectV1Intact();
  });

  it('publishes nothing when a blob the server sends is tampered with, and names the blob', async () => {
    const { server } = await syncedToV1();
    await server.close();
    const tamperedServer = await h.fleet('fleet', v2);
    const target = v2.manifest.items[1]!.body;
    const fleetBlobFile = new BlobStore(tamperedServer.dataDir).pathOf(target.sha256);
    writeFileSync(fleetBlobFile, Buffer.alloc(readFileSync(fleetBlobFile).length, 0x20)); // same size, wrong bytes
    const status = await h.makeSync(tamperedServer).syncOnce();
    expect(status.online).toBe(false);
    expect(status.lastError).toContain(target.sha256);
    expect(status.contentVersion).toBe(v1.manifest.version);
    expect(h.published).toEqual([v1.manifest.version]);
    expect(h.blobs.has(target.sha256)).toBe(false);
    expectV1Intact();
  });

  it('stops downloading once a blob fails, so a failed round leaves nothing running behind it', async () => {
    const many = buildPack(
      Array.from({ length: 24 }, (_, n) =>
        article(`m${n}`, `文章 ${n}`, `2024-07-${String(n + 1).padStart(2, '0')}`, [
          `第 ${n} 篇：${'内容'.repeat(2000)}`,
        ]),
      ),
      'now',
    );
    const server = await h.fleet('fleet', many);
    const bad = many.manifest.items[0]!.body;
    writeFileSync(new BlobStore(server.dataDir).pathOf(bad.sha256), Buffer.from('short'));
    // One attempt per blob: with retries the other blobs would all finish before the bad one gives up.
    const status = await h.makeSync(server, { attemptsPerBlob: 1 }).syncOnce();
    const settledAt = performance.now();
    expect(status.lastError).toContain(bad.sha256);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const blobCalls = h.calls.filter((c) => c.url.includes('/blobs/'));
    expect(blobCalls.filter((c) => c.startedAt > settledAt)).toEqual([]);
    expect(blobCalls.length).toBeLessThan(24);
    expect(h.listedIds()).toEqual([]);
  });

  it('rejects a manifest that breaks the schema and keeps the last good version', async () => {
    await syncedToV1();
    const bad = {
      format: 'newsboard-pack/1',
      version: 'evil',
      createdAt: 'now',
      items: [{ id: 's1', title: '缺字段' }],
    };
    const standIn = await tinyServer(() => ({ status: 200, body: signedByStandIn(bad) }));
    const status = await h.makeSync(standIn).syncOnce();
    expect(status.online).toBe(false);
    expect(status.lastError).toMatch(/manifest is malformed/);
    expect(h.calls.filter((c) => c.url.startsWith(standIn.url))).toHaveLength(1);
    expectV1Intact();
  });

  it('rejects a manifest that is not JSON, or whose blob the server cannot find, and keeps the last good version', async () => {
    await syncedToV1();
    const notJson = await tinyServer(() => ({ status: 200, body: '<html>captive portal</html>' }));
    expect((await h.makeSync(notJson).syncOnce()).online).toBe(false);
    const missingBlob = await tinyServer((url) =>
      url.endsWith('/manifest') ? { status: 200, body: signedByStandIn(v2.manifest) } : { status: 404, body: '{}' },
    );
    const status = await h.makeSync(missingBlob).syncOnce();
    expect(status.lastError).toMatch(/404 for blob/);
    expect(h.published).toEqual([v1.manifest.version]);
    expectV1Intact();
  });

  it('runs concurrent syncs as one: one set of requests, one publish', async () => {
    const server = await h.fleet('fleet', v1);
    const sync = h.makeSync(server);
    const [a, b, c] = await Promise.all([sync.syncOnce(), sync.syncOnce(), sync.syncOnce()]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(h.calls.filter((call) => call.url.includes('/manifest'))).toHaveLength(1);
    expect(h.calls).toHaveLength(1 + 3);
    expect(h.published).toEqual([v1.manifest.version]);

    h.calls.length = 0;
    await Promise.all([sync.syncOnce(), sync.syncOnce()]);
    expect(h.calls).toHaveLength(1);
  });
});
