import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../blobs/fsBlobStore.js';
import { makePng } from '../epub/test-support.js';
import { sha256Hex } from '../hash.js';
import { sanitizeArticleHtml } from '../sanitize/articleHtml.js';
import { localizeImages, type LocalizeOptions } from './localizeImages.js';
import { makeJpeg } from './testing/jpeg.js';
import { startImageServer, type ImageServer } from './testing/imageServer.js';

const PNG = makePng(640, 360);
const JPEG = makeJpeg(1200, 800);
const SMALL_PNG = makePng(2, 2);
const BOMB = makePng(1, 1, { width: 100_000, height: 100_000 });
const STRIP = makePng(1, 1, { width: 20_000, height: 10 });
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';

const scratch = mkdtempSync(path.join(tmpdir(), 'newsboard-images-'));
let server: ImageServer;

function serve(bytes: Buffer | string, delayMs = 0) {
  return (_: unknown, response: ServerResponse) => {
    setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(bytes), delayMs);
  };
}

beforeAll(async () => {
  const slow = Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`/slow/${i}.png`, serve(makePng(i + 1, 1), 40)]),
  );
  server = await startImageServer({
    '/img/photo.png': serve(PNG),
    '/img/photo.jpg': (_, response) => response.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG),
    '/img/copy.png': serve(PNG),
    '/img/query': (request, response) =>
      request.url === '/img/query?a=1&b=2' ? serve(SMALL_PNG)(request, response) : response.writeHead(400).end(),
    '/img/vector.png': serve(SVG),
    '/img/page.png': serve('<!doctype html><html><body><script>alert(1)</script></body></html>'),
    '/img/bomb.png': serve(BOMB),
    '/img/strip.png': serve(STRIP),
    '/img/never.png': () => {},
    ...slow,
  });
});

afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

function freshStore(): BlobStore {
  return new BlobStore(mkdtempSync(path.join(scratch, 'data-')));
}

function storedHashes(blobs: BlobStore): string[] {
  return readdirSync(blobs.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.basename(entry.parentPath) + entry.name)
    .sort();
}

/** What a feed entry would bring: markup through the ingest sanitizer, against the entry's address. */
async function localize(markup: string, options: Partial<Omit<LocalizeOptions, 'blobs'>> = {}) {
  const baseUrl = `${server.origin}/news/2025/story.html`;
  const blobs = freshStore();
  const { html } = sanitizeArticleHtml(markup, { baseUrl });
  return { blobs, ...(await localizeImages(html, { baseUrl, blobs, ...options })) };
}

const src = (sha256: string) => `blob:sha256:${sha256}`;

describe('localizeImages', () => {
  it('fetches PNG and JPEG images into the blob store and points the HTML at them', async () => {
    const { html, images, media, warnings, blobs } = await localize(
      `<p>会场</p><img src="${server.origin}/img/photo.png" alt="会场全景"><figure><img src="/img/photo.jpg" alt="主席台" width="600"></figure>`,
    );
    const png = sha256Hex(PNG);
    const jpeg = sha256Hex(JPEG);
    expect(warnings).toEqual([]);
    expect(html).toBe(
      `<p>会场</p><img src="${src(png)}" alt="会场全景" width="640" height="360" />` +
        `<figure><img src="${src(jpeg)}" alt="主席台" width="600" height="400" /></figure>`,
    );
    expect(images).toEqual([
      { sha256: png, width: 640, height: 360, alt: '会场全景' },
      { sha256: jpeg, width: 1200, height: 800, alt: '主席台' },
    ]);
    expect(media).toEqual([
      { sha256: png, size: PNG.length, mediaType: 'image/png' },
      { sha256: jpeg, size: JPEG.length, mediaType: 'image/jpeg' },
    ]);
    expect(blobs.get(png).equals(PNG)).toBe(true);
    expect(blobs.get(jpeg).equals(JPEG)).toBe(true);
  });

  it('fetches each address once and stores the same picture once, relative sources resolved against the entry', async () => {
    const before = server.hits('/img/photo.png');
    const { html, images, blobs } = await localize(
      `<img src="/img/photo.png" alt="一"><p>正文</p><img src="../../img/photo.png"><img src="${server.origin}/img/photo.png">` +
        '<img src="/img/copy.png" alt="同一张图的另一个地址">',
    );
    expect(server.hits('/img/photo.png') - before).toBe(1);
    const png = sha256Hex(PNG);
    expect(html.match(/blob:sha256:[0-9a-f]{64}/g)).toEqual([src(png), src(png), src(png), src(png)]);
    expect(images).toEqual([{ sha256: png, width: 640, height: 360, alt: '一' }]);
    expect(storedHashes(blobs)).toEqual([png]);
  });

  it('fetches the address the HTML means, entities decoded', async () => {
    const { html, warnings } = await localize(`<img src="${server.origin}/img/query?a=1&amp;b=2">`);
    expect(warnings).toEqual([]);
    expect(html).toContain(src(sha256Hex(SMALL_PNG)));
  });

  it('drops what fails, keeping its alt text for the placeholder, and says which address failed and why', async () => {
    const { html, images, warnings, blobs } = await localize(
      '<img src="/img/photo.png" alt="好图"><img src="/img/missing.png" alt="丢失的图">' +
        '<img src="/img/vector.png" alt="矢量"><img src="/img/page.png"><img src="/img/bomb.png" alt="炸弹">' +
        '<img src="/img/strip.png" alt="长条">',
    );
    expect(html).toBe(
      `<img src="${src(sha256Hex(PNG))}" alt="好图" width="640" height="360" />` +
        '<img alt="丢失的图" /><img alt="矢量" /><img /><img alt="炸弹" /><img alt="长条" />',
    );
    const at = (name: string) => `image ${server.origin}/img/${name} dropped: `;
    expect(warnings).toEqual([
      `${at('missing.png')}the server answered HTTP 404`,
      `${at('vector.png')}it is not a PNG, JPEG, GIF, WebP or AVIF image`,
      `${at('page.png')}it is not a PNG, JPEG, GIF, WebP or AVIF image`,
      `${at('bomb.png')}100000×100000 pixels is over the limit (16384 px a side, 40000000 pixels)`,
      `${at('strip.png')}20000×10 pixels is over the limit (16384 px a side, 40000000 pixels)`,
    ]);
    expect(images.map((image) => image.sha256)).toEqual([sha256Hex(PNG)]);
    expect(storedHashes(blobs)).toEqual([sha256Hex(PNG)]);
  });

  it('gives up on a silent server at the deadline and keeps the rest of the article', async () => {
    const started = performance.now();
    const { html, warnings } = await localize('<img src="/img/never.png" alt="等不到"><img src="/img/photo.png">', {
      limits: { timeoutMs: 300 },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(warnings).toEqual([`image ${server.origin}/img/never.png dropped: no complete answer within 0.3 s`]);
    expect(html).toBe(`<img alt="等不到" /><img src="${src(sha256Hex(PNG))}" width="640" height="360" />`);
  });

  it('holds even a fetcher that ignores its signal to the deadline', async () => {
    const { warnings } = await localize('<img src="https://cms.example/a.png">', {
      fetchImage: () => new Promise(() => {}),
      limits: { timeoutMs: 100 },
    });
    expect(warnings).toEqual(['image https://cms.example/a.png dropped: no complete answer within 0.1 s']);
  });

  it('refuses what an injected fetcher returns past the byte limit', async () => {
    const { warnings } = await localize('<img src="https://cms.example/a.png">', {
      fetchImage: async () => PNG,
      limits: { maxBytes: 100 },
    });
    expect(warnings).toEqual(['image https://cms.example/a.png dropped: it is over the 100-byte limit']);
  });

  it('fetches at most four images at a time', async () => {
    const markup = Array.from({ length: 10 }, (_, i) => `<img src="/slow/${i}.png">`).join('');
    const { images } = await localize(markup);
    expect(images).toHaveLength(10);
    expect(server.mostAtOnce()).toBe(4);
  });

  it('turns inline data: images into blobs too, checked like fetched ones', async () => {
    const inline = `data:image/png;base64,${SMALL_PNG.toString('base64')}`;
    const disguised = `data:image/png;base64,${BOMB.toString('base64')}`;
    const { html, images, warnings } = await localize(
      `<img src="${inline}" alt="小图"><img src="${disguised}" alt="伪装">`,
    );
    expect(html).toBe(`<img src="${src(sha256Hex(SMALL_PNG))}" alt="小图" width="2" height="2" /><img alt="伪装" />`);
    expect(images).toEqual([{ sha256: sha256Hex(SMALL_PNG), width: 2, height: 2, alt: '小图' }]);
    expect(warnings).toEqual([
      'image an inline data: image dropped: 100000×100000 pixels is over the limit (16384 px a side, 40000000 pixels)',
    ]);
  });

  it('lists at most the images an article body may carry', async () => {
    const markup = Array.from({ length: 3 }, (_, i) => `<img src="/slow/${i}.png">`).join('');
    const { images, warnings } = await localize(markup, { limits: { maxImages: 2 } });
    expect(images).toHaveLength(2);
    expect(warnings).toEqual([`image ${server.origin}/slow/2.png dropped: the article has over 2 images`]);
  });
});
