import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../common/content.js';
import { signedDocumentSchema } from '../../common/protocol.js';
import { buildPack } from '../../content-format/pack/build.js';
import { verifyDocument } from '../../content-format/signing/ed25519.js';
import { publishPack } from '../ingest/publishPack.js';
import { fleetAppFixture, type FleetAppFixture } from './testing/fleetAppFixture.js';

const articles: Article[] = [
  {
    id: 'a1',
    kind: 'article',
    title: '北京今日晴',
    source: '北京日报',
    section: '本地',
    language: 'zh-CN',
    publishedAt: '2024-05-01',
    summary: '晴',
    paragraphs: ['今天晴，最高气温二十六度。', '明天多云。'],
  },
  {
    id: 'a2',
    kind: 'article',
    title: '社区义诊',
    source: '街道办',
    section: '通知',
    language: 'zh-CN',
    publishedAt: '2024-05-02',
    summary: '义诊',
    paragraphs: ['周六上午。'],
  },
];
const pack = buildPack(articles, '2024-05-02T00:00:00Z');
const [firstItem] = pack.manifest.items;
const blobHex = firstItem!.body.sha256;
const blobBytes = pack.blobs.get(blobHex)!;

let f: FleetAppFixture;

beforeEach(async () => {
  f = await fleetAppFixture();
});

afterEach(() => f.close());

describe('GET /api/v1/devices/:id/manifest', () => {
  async function getManifest(device: { deviceId: string; token: string }, headers: Record<string, string> = {}) {
    return f.app.inject({
      method: 'GET',
      url: `/api/v1/devices/${device.deviceId}/manifest`,
      headers: { authorization: `Bearer ${device.token}`, ...headers },
    });
  }

  it('answers 404 with a clear message before anything is published', async () => {
    const response = await getManifest(await f.enroll());
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'no-content', message: 'no content has been published yet' } });
  });

  it('serves the published manifest as a document signed by the server key, with an ETag', async () => {
    const release = await publishPack(pack, f.blobs, f.releases);
    const response = await getManifest(await f.enroll());
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(release.etag);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const document = verifyDocument(response.json(), {
      kind: 'manifest',
      trustedKeys: [f.key.publicKey],
      minVersion: 0,
      now: new Date(),
    });
    expect(document).toMatchObject({ scope: 'fleet', version: 1, body: pack.manifest, keyId: f.key.keyId });
  });

  it('answers 304 with an empty body when the board already has this manifest', async () => {
    const { etag } = await publishPack(pack, f.blobs, f.releases);
    const device = await f.enroll();
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const response = await getManifest(device, { 'if-none-match': ifNoneMatch });
      expect(response.statusCode, ifNoneMatch).toBe(304);
      expect(response.rawPayload.length).toBe(0);
      expect(response.headers.etag).toBe(etag);
    }
    expect((await getManifest(device, { 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });

  it('serves the newest release with a higher version and a new ETag once another pack is published', async () => {
    const first = await publishPack(pack, f.blobs, f.releases);
    const changed = buildPack([{ ...articles[0]!, paragraphs: ['今天有雨。'] }, articles[1]!], 'later');
    const second = await publishPack(changed, f.blobs, f.releases);
    expect(second.etag).not.toBe(first.etag);
    const response = await getManifest(await f.enroll(), { 'if-none-match': first.etag });
    expect(response.statusCode).toBe(200);
    const document = signedDocumentSchema.parse(response.json());
    expect(document.version).toBe(2);
    expect((document.body as typeof changed.manifest).version).toBe(changed.manifest.version);
  });

  it("answers 401 without a token, with a wrong token, or with another device's token", async () => {
    await publishPack(pack, f.blobs, f.releases);
    const a = await f.enroll();
    const b = await f.enroll();
    const attempts = [
      f.app.inject({ method: 'GET', url: `/api/v1/devices/${a.deviceId}/manifest` }),
      getManifest({ deviceId: a.deviceId, token: b.token }),
      getManifest({ deviceId: a.deviceId, token: 'x'.repeat(43) }),
      getManifest({ deviceId: 'no-such-device', token: a.token }),
      f.app.inject({
        method: 'GET',
        url: `/api/v1/devices/${a.deviceId}/manifest`,
        headers: { authorization: `Basic ${a.token}` },
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).not.toContain('manifest');
    }
  });

  it('no longer serves an unsigned fleet-wide manifest', async () => {
    await publishPack(pack, f.blobs, f.releases);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/manifest' })).statusCode).toBe(404);
  });
});

describe('GET /blobs/sha256/:hex', () => {
  beforeEach(async () => {
    await publishPack(pack, f.blobs, f.releases);
  });

  it('serves the exact bytes as immutable for a year', async () => {
    const response = await f.app.inject({ method: 'GET', url: `/blobs/sha256/${blobHex}` });
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(blobBytes)).toBe(true);
    expect(response.headers['cache-control']).toContain('immutable');
    expect(response.headers['cache-control']).toContain('max-age=31536000');
    expect(response.headers['cache-control']).toContain('public');
    expect(response.headers['accept-ranges']).toBe('bytes');
  });

  it('serves a byte range with 206, so an interrupted download resumes', async () => {
    const response = await f.app.inject({
      method: 'GET',
      url: `/blobs/sha256/${blobHex}`,
      headers: { range: 'bytes=5-20' },
    });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 5-20/${blobBytes.length}`);
    expect(response.rawPayload.equals(blobBytes.subarray(5, 21))).toBe(true);
    const tail = await f.app.inject({
      method: 'GET',
      url: `/blobs/sha256/${blobHex}`,
      headers: { range: 'bytes=10-' },
    });
    expect(tail.rawPayload.equals(blobBytes.subarray(10))).toBe(true);
  });

  it('answers 400 for a name that is not lowercase sha256 hex', async () => {
    for (const hex of ['abc', blobHex.toUpperCase(), `${blobHex}0`, 'g'.repeat(64)]) {
      const response = await f.app.inject({ method: 'GET', url: `/blobs/sha256/${hex}` });
      expect(response.statusCode, hex).toBe(400);
      expect(response.json().error.code).toBe('bad-request');
    }
  });

  it('answers 404 for a blob it does not have', async () => {
    const response = await f.app.inject({ method: 'GET', url: `/blobs/sha256/${'0'.repeat(64)}` });
    expect(response.statusCode).toBe(404);
  });

  it('never serves a file outside the blob store', async () => {
    for (const url of [
      '/blobs/sha256/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/blobs/sha256/../../../../etc/passwd',
      '/blobs/sha256/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      `/blobs/sha256/${blobHex.slice(0, 2)}%2F${blobHex.slice(2)}`,
      '/blobs/sha256/..%2F..%2Ffleet.sqlite',
      '/blobs/../fleet.sqlite',
    ]) {
      const response = await f.app.inject({ method: 'GET', url });
      expect([400, 404], url).toContain(response.statusCode);
      expect(response.body, url).not.toMatch(/root:|SQLite format/);
    }
  });
});
