import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../content-format/feeds/testing/legacyEncode.js';
import { rss, TestKiosk } from './ingest-test-support.js';

const routes = new Map<string, RequestListener>();
/** Bytes each oversized route managed to write before the client gave up. */
const written = new Map<string, number>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (route) return void route(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = new TestKiosk();
});
afterEach(() => kiosk.close());

function serve(path: string, body: string | Uint8Array, contentType: string): void {
  routes.set(path, (_request, response) => response.writeHead(200, { 'content-type': contentType }).end(body));
}

/** Streams `total` bytes of an endless-looking feed, with or without announcing the length. */
function serveHuge(path: string, total: number, announce: boolean): void {
  routes.set(path, (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/rss+xml',
      ...(announce ? { 'content-length': String(total) } : {}),
    });
    const chunk = Buffer.alloc(1024 * 1024, ' ');
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        written.set(path, sent);
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.on('error', () => {});
    pump();
  });
}

/** A feed whose few Chinese characters are too few to guess its encoding: only the header can tell. */
const SHORT_GBK = rss('News', [
  { guid: '1', title: '停水', body: '<p>Water off on Wednesday.</p>' },
  { guid: '2', title: 'Free clinic', body: '<p>On Saturday.</p>' },
]).replace('<?xml version="1.0" encoding="UTF-8"?>', '');

async function expectNothingPublished(url: string, ...args: string[]): Promise<string> {
  const message = await kiosk.failure(url, ...args);
  expect(kiosk.origins()).toEqual({});
  expect(kiosk.blobFiles()).toEqual([]);
  return message;
}

describe('newsboard ingest <http(s) URL>', () => {
  it('decodes a feed by the charset of its Content-Type header when the XML declares none', async () => {
    const bytes = encodeLegacy(SHORT_GBK, 'gbk');
    serve('/gbk.xml', bytes, 'application/rss+xml; charset=gbk');
    serve('/unlabelled.xml', bytes, 'application/rss+xml');
    const result = await kiosk.json(`${base}/gbk.xml#top`);
    expect(result).toMatchObject({ origin: `feed:${base}/gbk.xml`, items: 2 });
    expect(kiosk.read((reader) => reader.list().map((item) => item.title)).sort()).toEqual(['Free clinic', '停水']);

    await kiosk.json(`${base}/unlabelled.xml`);
    const unlabelled = kiosk.origins()[`feed:${base}/unlabelled.xml`] ?? [];
    const titles = kiosk.read((reader) => unlabelled.map((id) => reader.article(id)?.title));
    expect(titles).toHaveLength(2);
    expect(titles).not.toContain('停水');
  });

  it('replaces the feed when it is fetched again, dropping an entry the feed no longer has', async () => {
    const stories = [
      { guid: 'a', title: '地铁延长线今日开通', body: '<p>共设八座车站。</p>' },
      { guid: 'b', title: '菜市场改造完成', body: '<p>新增二十个摊位。</p>' },
    ];
    serve('/city.xml', rss('城市快讯', stories), 'application/rss+xml; charset=utf-8');
    await kiosk.json(`${base}/city.xml`);
    await kiosk.json(`${base}/city.xml`);
    expect(kiosk.read((reader) => reader.list().length)).toBe(2);
    serve('/city.xml', rss('城市快讯', stories.slice(0, 1)), 'application/rss+xml; charset=utf-8');
    await kiosk.json(`${base}/city.xml`);
    expect(kiosk.read((reader) => reader.list().map((item) => item.title))).toEqual(['地铁延长线今日开通']);
  });

  it('refuses a URL that answers 404, and publishes nothing', async () => {
    expect(await expectNothingPublished(`${base}/gone.xml`)).toBe(
      `newsboard ingest: ${base}/gone.xml: the server answered HTTP 404 Not Found`,
    );
  });

  it('gives up on a server that does not answer within --timeout', async () => {
    routes.set('/slow.xml', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<rss version="2.0"><channel>');
    });
    const started = performance.now();
    expect(await expectNothingPublished(`${base}/slow.xml`, '--timeout', '0.3')).toBe(
      `newsboard ingest: ${base}/slow.xml: no complete answer within 0.3 s`,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('refuses 60 MB announced by Content-Length before reading it, and unannounced ones at 50 MiB', async () => {
    const sixty = 60 * 1024 * 1024;
    serveHuge('/announced.xml', sixty, true);
    serveHuge('/streamed.xml', sixty, false);
    expect(await expectNothingPublished(`${base}/announced.xml`)).toBe(
      `newsboard ingest: ${base}/announced.xml: the server sends ${sixty} bytes, over the 52428800-byte limit for a feed`,
    );
    expect(await expectNothingPublished(`${base}/streamed.xml`)).toBe(
      `newsboard ingest: ${base}/streamed.xml: the server sends more than 52428800 bytes, over the 52428800-byte limit for a feed`,
    );
    // The client stopped reading: the server never got to write all 60 MB.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written.get('/streamed.xml')).toBeLessThan(sixty);
  });

  it('refuses a page that is not a feed, a URL nobody listens on, and schemes other than http(s)', async () => {
    serve('/page.html', '<!DOCTYPE html><html><body><p>你好</p></body></html>', 'text/html; charset=utf-8');
    expect(await expectNothingPublished(`${base}/page.html`)).toMatch(
      new RegExp(`^newsboard ingest: ${base}/page\\.html: not a feed: .*root element: html`),
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await expectNothingPublished(`http://127.0.0.1:${port}/feed.xml`)).toBe(
      `newsboard ingest: http://127.0.0.1:${port}/feed.xml: cannot fetch it: ECONNREFUSED`,
    );
    expect(await expectNothingPublished('ftp://127.0.0.1/feed.xml')).toBe(
      'newsboard ingest: ftp://127.0.0.1/feed.xml: only http and https URLs can be ingested',
    );
  });
});
