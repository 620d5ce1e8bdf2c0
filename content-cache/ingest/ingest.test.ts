import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { makePng } from '../../content-format/epub/test-support.js';
import { sha256Hex } from '../../content-format/hash.js';
import { ContentReader } from '../contentReader.js';
import { ContentWriter } from '../contentWriter.js';
import { openReader, openWriter } from '../db/open.js';
import { startImageServer } from '../../content-format/images/testing/imageServer.js';
import { fetchImagesForIngest, keepImagesRemote, type LocalizeImages } from './articleItems.js';
import { IngestError } from './errors.js';
import { ingest } from './ingest.js';

const PNG = makePng(8, 6);
const PNG_SHA = sha256Hex(PNG);
const FEED = `<rss version="2.0"><channel><title>图片新闻</title>
  <item><guid>1</guid><title>新公园开放</title>
  <description><![CDATA[<p>湖边新修了步道。</p><img src="https://example.org/park.png" alt="公园">]]></description></item>
</channel></rss>`;

let dir: string;
let dataDir: string;
let db: ReturnType<typeof openWriter>;
let store: { writer: ContentWriter; blobs: BlobStore };

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-ingest-core-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  db = openWriter(dataDir);
  store = { writer: new ContentWriter(db), blobs: new BlobStore(dataDir) };
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function read<T>(use: (reader: ContentReader) => T): T {
  const readerDb = openReader(dataDir);
  try {
    return use(new ContentReader(readerDb));
  } finally {
    readerDb.close();
  }
}

function feedFile(): string {
  const file = path.join(dir, 'photos.xml');
  writeFileSync(file, FEED);
  return file;
}

/** A stand-in images step, so a test can hand the import a blob that lies about itself. */
function localizer(bytes: Buffer): LocalizeImages {
  return async (html) => ({
    html: html.replace('https://example.org/park.png', `blob:sha256:${PNG_SHA}`),
    images: [{ sha256: PNG_SHA, width: 8, height: 6, alt: '公园' }],
    media: [{ sha256: PNG_SHA, size: PNG.length, mediaType: 'image/png' }],
    blobs: new Map([[PNG_SHA, bytes]]),
    warnings: ['1 image fetched'],
  });
}

describe('the localizeImages step of the feed path', () => {
  it('by default fetches each image once per feed into the blob cache, and drops a broken one to its alt text', async () => {
    const server = await startImageServer({
      '/park.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
    });
    try {
      const entry = (guid: number, title: string) =>
        `<item><guid>${guid}</guid><title>${title}</title><description><![CDATA[<p>${title}。</p>` +
        `<img src="${server.origin}/park.png" alt="公园"><img src="${server.origin}/gone.png" alt="旧照片">]]></description></item>`;
      const file = path.join(dir, 'two.xml');
      writeFileSync(
        file,
        `<rss version="2.0"><channel><title>图片新闻</title>${entry(1, '新公园开放')}${entry(2, '湖边步道')}</channel></rss>`,
      );
      const result = await ingest(file, store);
      expect(result.items).toBe(2);
      expect(result.warnings).toHaveLength(2);
      for (const warning of result.warnings) expect(warning).toMatch(/gone\.png.*404/);
      expect(server.hits('/park.png')).toBe(1);
      expect(server.hits('/gone.png')).toBe(1);
      expect(store.blobs.get(PNG_SHA).equals(PNG)).toBe(true);
      const articles = read((reader) => reader.list().map((item) => reader.article(item.id)));
      for (const article of articles) {
        expect(article?.html).toContain(`src="blob:sha256:${PNG_SHA}"`);
        expect(article?.html).not.toContain(server.origin);
        expect(article?.html).toContain('alt="旧照片"');
        expect(article?.images).toEqual([{ sha256: PNG_SHA, width: 8, height: 6, alt: '公园' }]);
      }
      expect(read((reader) => reader.mediaInfo(PNG_SHA))).toEqual({ mediaType: 'image/png', size: PNG.length });
    } finally {
      await server.close();
    }
  });

  it("gives up on a source's images once its time budget is spent, and still publishes the articles", async () => {
    const silent = await startImageServer({
      // Accepts the request and never answers, as a host behind a dropping firewall does.
      '/slow-1.png': () => {},
      '/slow-2.png': () => {},
      '/slow-3.png': () => {},
    });
    try {
      const entries = [1, 2, 3]
        .map(
          (n) =>
            `<item><guid>${n}</guid><title>停电通知${n}</title><description><![CDATA[<p>第${n}片区停电。</p>` +
            `<img src="${silent.origin}/slow-${n}.png" alt="片区${n}地图">]]></description></item>`,
        )
        .join('');
      const file = path.join(dir, 'slow.xml');
      writeFileSync(file, `<rss version="2.0"><channel><title>通知</title>${entries}</channel></rss>`);
      const started = performance.now();
      const result = await ingest(file, store, {
        localizeImages: fetchImagesForIngest(store.blobs, { budgetMs: 300 }),
      });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(result.items).toBe(3);
      expect(result.warnings).toHaveLength(3);
      for (const warning of result.warnings)
        expect(warning).toMatch(/0\.3 s this source's images may take are used up/);
      const articles = read((reader) => reader.list().map((item) => reader.article(item.id)));
      for (const article of articles) expect(article?.html).not.toContain(silent.origin);
    } finally {
      await silent.close();
    }
  });

  it("starts a source's image time budget at its first image, not while the feed itself is slow to come", async () => {
    const server = await startImageServer({
      '/slow-feed.xml': (_request, response) => {
        const feed = FEED.replace('https://example.org/park.png', `${server.origin}/park.png`);
        setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed), 600);
      },
      '/park.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
    });
    try {
      const localizeImages = fetchImagesForIngest(store.blobs, { budgetMs: 400 });
      const result = await ingest(`${server.origin}/slow-feed.xml`, store, { localizeImages });
      expect(result.warnings).toEqual([]);
      expect(server.hits('/park.png')).toBe(1);
      const article = read((reader) => reader.article(reader.list()[0]?.id ?? ''));
      expect(article?.html).toContain(`src="blob:sha256:${PNG_SHA}"`);
    } finally {
      await server.close();
    }
  });

  it("leaves out a source's images past its byte budget with a warning, and still publishes every article", async () => {
    const wide = makePng(16, 6);
    const server = await startImageServer({
      '/park.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
      '/wide.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(wide),
    });
    try {
      const entry = (guid: number, image: string) =>
        `<item><guid>${guid}</guid><title>公告${guid}</title><description><![CDATA[<p>第${guid}条。</p>` +
        `<img src="${server.origin}/${image}" alt="图${guid}">]]></description></item>`;
      const file = path.join(dir, 'budget.xml');
      const entries = `${entry(1, 'park.png')}${entry(2, 'wide.png')}${entry(3, 'park.png')}`;
      writeFileSync(file, `<rss version="2.0"><channel><title>公告</title>${entries}</channel></rss>`);
      const budgetBytes = PNG.length + wide.length - 1;
      const result = await ingest(file, store, { localizeImages: fetchImagesForIngest(store.blobs, { budgetBytes }) });
      expect(result.items).toBe(3);
      expect(result.warnings).toEqual([
        `公告2: image ${server.origin}/wide.png dropped: the ${budgetBytes} bytes this source's images may hold are used up`,
      ]);
      const html = read((reader) => reader.list().map((item) => reader.article(item.id)?.html ?? ''));
      expect(html.filter((body) => body.includes(`src="blob:sha256:${PNG_SHA}"`))).toHaveLength(2);
      expect(html.some((body) => body.includes('wide.png'))).toBe(false);
      expect(server.hits('/park.png')).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('holds an image shown by several articles once in memory, not once per article', async () => {
    const fetched: Uint8Array[] = [];
    const localize = fetchImagesForIngest(store.blobs, {
      fetchImage: async () => {
        fetched.push(new Uint8Array(PNG));
        return fetched.at(-1) ?? new Uint8Array();
      },
    });
    const first = await localize('<p>一</p><img src="https://example.org/logo.png" alt="标志">');
    const second = await localize('<p>二</p><img src="https://example.org/logo.png" alt="标志">');
    expect(fetched).toHaveLength(1);
    for (const localized of [first, second]) expect(localized.blobs.get(PNG_SHA)?.buffer).toBe(fetched[0]?.buffer);
  });

  it("localizes a feed's articles side by side, keeping their order", async () => {
    let inFlight = 0;
    let most = 0;
    const slow: LocalizeImages = async (html) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return { html, images: [], media: [], blobs: new Map(), warnings: html.includes('第3条') ? ['third'] : [] };
    };
    const entries = [1, 2, 3, 4, 5, 6]
      .map((n) => `<item><guid>${n}</guid><title>通知${n}</title><description>第${n}条通知。</description></item>`)
      .join('');
    const file = path.join(dir, 'six.xml');
    writeFileSync(file, `<rss version="2.0"><channel><title>通知</title>${entries}</channel></rss>`);
    const result = await ingest(file, store, { localizeImages: slow });
    expect(result.items).toBe(6);
    expect(most).toBeGreaterThan(1);
    expect(result.warnings).toEqual(['通知3: third']);
  });

  it('keeps images out when told to (ingesting without a network)', async () => {
    const result = await ingest(feedFile(), store, { localizeImages: keepImagesRemote });
    expect(result).toMatchObject({ items: 1, blobsAdded: 1, warnings: [] });
    const article = read((reader) => reader.article(reader.list()[0]?.id ?? ''));
    expect(article?.images).toBeUndefined();
  });

  it("publishes a localized article's images as verified media blobs of the article", async () => {
    const result = await ingest(feedFile(), store, { localizeImages: localizer(PNG) });
    expect(result).toMatchObject({ items: 1, blobsAdded: 2, warnings: ['新公园开放: 1 image fetched'] });
    const article = read((reader) => reader.article(reader.list()[0]?.id ?? ''));
    expect(article?.html).toContain(`src="blob:sha256:${PNG_SHA}"`);
    expect(article?.images).toEqual([{ sha256: PNG_SHA, width: 8, height: 6, alt: '公园' }]);
    expect(read((reader) => reader.mediaInfo(PNG_SHA))).toEqual({ mediaType: 'image/png', size: PNG.length });
    expect(store.blobs.get(PNG_SHA).equals(PNG)).toBe(true);
  });

  it('refuses the whole feed when an image blob does not match its reference, and takes back the blobs it stored', async () => {
    const error = await ingest(feedFile(), store, { localizeImages: localizer(Buffer.concat([PNG, PNG])) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(new RegExp(`photos\\.xml: blob ${PNG_SHA} is longer than the`));
    expect(read((reader) => reader.list())).toEqual([]);
    expect(
      readdirSync(path.join(dataDir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()),
    ).toEqual([]);
  });
});
