import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readingCornerPng } from './support/picture.js';
import { runCliAsync, startCli, tempDir, type CliProcess } from './support/processes.js';
import { PORTRAIT, boardPage, screenshot } from './support/screens.js';

/**
 * A feed whose story shows two pictures on a news site: one is there, one is gone. `newsboard
 * ingest <url>` fetches the feed and the pictures into the blob cache; the board then shows the
 * picture from its own cache and the missing one as its description, and never calls the site.
 */
const TITLE = '社区图书角改造完成';
const PICTURE = readingCornerPng();
const hits = new Map<string, number>();
let site: Server;
let siteOrigin: string;
let kiosk: CliProcess | undefined;
let rendererUrl: string;

function feed(origin: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>幸福里社区</title>
  <link>${origin}/</link>
  <item><guid>${origin}/news/1</guid><title>${TITLE}</title><link>${origin}/news/1</link>
  <pubDate>Sat, 01 Feb 2025 08:00:00 +0800</pubDate>
  <description><![CDATA[<p>经过两个月的改造，幸福里社区图书角于本周六重新开放，面积扩大到八十平方米。</p>
  <img src="${origin}/photos/reading-corner.png" alt="改造后的图书角：靠窗的长桌与三排书架">
  <p>新增的儿童阅读区每周六上午有志愿者讲故事，大字版图书也增加了三百余册。</p>
  <img src="${origin}/photos/before.png" alt="改造前的旧书架">
  <p>开放时间：周一至周五 9:00–17:30，周末延长至晚上八点。</p>]]></description></item>
</channel></rss>`;
}

test.beforeAll(async () => {
  site = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    if (pathname === '/feed.xml')
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(siteOrigin));
    else if (pathname === '/photos/reading-corner.png')
      response.writeHead(200, { 'content-type': 'image/png' }).end(PICTURE);
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  const dataDir = tempDir('images-kiosk');
  const ingest = await runCliAsync(['ingest', `${siteOrigin}/feed.xml`, '--data-dir', dataDir, '--json']);
  expect(ingest.status, ingest.stderr).toBe(0);
  const result = JSON.parse(ingest.stdout) as { items: number; warnings: string[] };
  expect(result.items).toBe(1);
  expect(result.warnings).toEqual([expect.stringMatching(/before\.png.*404/)]);
  kiosk = startCli(['kiosk', '--data-dir', dataDir, '--shell', 'none']);
  rendererUrl = await kiosk.line('renderer:');
});

test.afterAll(async () => {
  await kiosk?.kill();
  site?.closeAllConnections();
  await new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve()));
});

test("a feed's pictures are fetched at ingest and shown from the board's own cache", async ({ browser }) => {
  const { context, page } = await boardPage(browser, PORTRAIT);
  const offBoard: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(siteOrigin)) offBoard.push(request.url());
  });
  const siteHitsBefore = [...hits.values()].reduce((a, b) => a + b, 0);
  await page.goto(rendererUrl);
  await page.getByTestId('article-card').filter({ hasText: TITLE }).first().tap();
  await expect(page.getByTestId('article-body')).toHaveAttribute('aria-busy', 'false');

  const picture = page.getByTestId('article-html').locator('img');
  await expect(picture).toHaveCount(1);
  await expect(picture).toBeVisible();
  await expect
    .poll(() => picture.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0)))
    .toBe(960);
  expect(await picture.getAttribute('src')).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
  expect(await picture.getAttribute('alt')).toBe('改造后的图书角：靠窗的长桌与三排书架');
  const box = await picture.boundingBox();
  const column = await page.getByTestId('article-body').boundingBox();
  expect(box && column && box.x >= column.x && box.x + box.width <= column.x + column.width + 1).toBe(true);

  await expect(page.getByTestId('article-html').locator('.article-image-missing')).toHaveText('改造前的旧书架');
  await screenshot(page, 'article-image-portrait');

  expect(offBoard).toEqual([]);
  expect([...hits.values()].reduce((a, b) => a + b, 0)).toBe(siteHitsBefore);
  expect(hits.get('/photos/reading-corner.png')).toBe(1);
  await context.close();
});
