// Feed parse throughput, including sanitizing, against python3-feedparser on the same file, side
// by side in one run. Run: node scripts/bench/feeds.ts [--rounds N] [--no-write]
// Writes its section of docs/benchmarks.md (between the bench:feeds markers) unless --no-write.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseRssFeed } from 'feedsmith';
import type * as BenchmarksDocModule from './benchmarksDoc.js';
import type * as LoadBundleModule from './loadBundle.js';
import type * as ParseFeedModule from '../../content-format/feeds/parseFeed.js';
import type * as SanitizeModule from '../../content-format/sanitize/articleHtml.js';
import type * as SeedsModule from '../../content-format/seeds/index.js';

const { loadBundle, repoRoot } = (await import(
  new URL('./loadBundle.ts', import.meta.url).href
)) as typeof LoadBundleModule;
const { writeBenchSection } = (await import(
  new URL('./benchmarksDoc.ts', import.meta.url).href
)) as typeof BenchmarksDocModule;
const { parseFeedBytes } = await loadBundle<typeof ParseFeedModule>('content-format/feeds/parseFeed.ts');
const { demoArticles } = await loadBundle<typeof SeedsModule>('content-format/seeds/index.ts');
const { sanitizeArticleHtml } = await loadBundle<typeof SanitizeModule>('content-format/sanitize/articleHtml.ts');

const ITEMS = 500;
const BUDGET = 5;
const DEFAULT_ROUNDS = '9';
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: DEFAULT_ROUNDS }, 'no-write': { type: 'boolean' } },
});
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a whole number ≥ 1, not ${values.rounds}`);

/** A small deterministic PRNG (mulberry32): the same feed on every run, so figures compare across runs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentencePool(): { sentences: string[]; origin: string } {
  const { articles, origin } = demoArticles(path.resolve(repoRoot, '../shared'));
  const sentences = articles
    .flatMap((article) => article.paragraphs)
    .flatMap((paragraph) => paragraph.split(/(?<=[。！？；])/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);
  return { sentences, origin };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Characters of text per item before the last paragraph: items come out at ~700 characters, the feed at ~1.3 MB. */
const ITEM_TEXT_MIN = 620;

/** 500 items of a few paragraphs each, as a Chinese news site's RSS 2.0 feed writes them (HTML in CDATA). */
function generateFeed(sentences: readonly string[]): { xml: string; averageChars: number } {
  const next = random(20_240_501);
  const pick = () => sentences[Math.floor(next() * sentences.length)] ?? '';
  const items: string[] = [];
  let totalChars = 0;
  for (let index = 0; index < ITEMS; index++) {
    const paragraphs: string[] = [];
    let length = 0;
    while (length < ITEM_TEXT_MIN) {
      const paragraph = Array.from({ length: 1 + Math.floor(next() * 4) }, pick).join('');
      paragraphs.push(paragraph);
      length += paragraph.length;
    }
    totalChars += length;
    const day = String(1 + (index % 28)).padStart(2, '0');
    const body = paragraphs
      .map((paragraph, at) =>
        at === 1
          ? `<p><strong>${paragraph.slice(0, 12)}</strong>${paragraph.slice(12)}<img src="/images/2024/05/${index}.jpg" alt="配图" /></p>`
          : at === 2
            ? `<p>${paragraph}<a href="https://news.example.cn/2024/05${day}/n${index - 1}.html">相关报道</a></p>`
            : `<p>${paragraph}</p>`,
      )
      .join('\n');
    items.push(`<item>
  <title>${escapeXml(pick().replace(/[。！？；]$/u, ''))}</title>
  <link>https://news.example.cn/2024/05${day}/n${index}.html</link>
  <guid isPermaLink="false">news-2024-${index}</guid>
  <pubDate>${new Date(Date.UTC(2024, 4, 1 + (index % 28), index % 24, index % 60)).toUTCString()}</pubDate>
  <dc:creator>记者 ${index % 37}</dc:creator>
  <description><![CDATA[${body}]]></description>
</item>`);
  }
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>新闻中心 - 要闻</title><link>https://news.example.cn/</link><language>zh-cn</language>
<lastBuildDate>Wed, 01 May 2024 08:00:00 +0800</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
  return { xml, averageChars: totalChars / ITEMS };
}

/** The system Python apt installs python3-feedparser for, which may not be the first python3 on PATH. */
function pythonWithFeedparser(): string {
  const candidates = ['/usr/bin/python3', 'python3'];
  const works = (python: string) => spawnSync(python, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0;
  let python = candidates.find(works);
  if (!python && process.getuid?.() === 0) {
    process.stderr.write('feeds bench: installing python3-feedparser with apt-get…\n');
    const install = spawnSync('apt-get', ['install', '-y', 'python3-feedparser'], { stdio: 'inherit' });
    if (install.status !== 0) spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (install.status !== 0) spawnSync('apt-get', ['install', '-y', 'python3-feedparser'], { stdio: 'inherit' });
    python = candidates.find(works);
  }
  if (!python) throw new Error('python3-feedparser is not installed (apt-get install -y python3-feedparser, as root)');
  return python;
}

const PYTHON_TIMER = `
import sys, time, feedparser
data = open(sys.argv[1], 'rb').read()
feedparser.parse(data)  # warm-up, like the Node side
start = time.perf_counter()
result = feedparser.parse(data)
print(len(result.entries), time.perf_counter() - start, feedparser.__version__)
`;

function timeFeedparser(python: string, file: string): { items: number; seconds: number; version: string } {
  const run = spawnSync(python, ['-c', PYTHON_TIMER, file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  const [items, seconds, version] = run.stdout.trim().split(' ');
  return { items: Number(items), seconds: Number(seconds), version: version ?? '?' };
}

function timeOurs(bytes: Uint8Array): { items: number; seconds: number } {
  const start = performance.now();
  const result = parseFeedBytes(bytes);
  return { items: result.entries.length, seconds: (performance.now() - start) / 1000 };
}

/** Where our time goes: feedsmith alone, and the ingest sanitizer alone over the same items' HTML. */
function timeParts(text: string, html: readonly string[]): { feedsmith: number; sanitizer: number } {
  let start = performance.now();
  parseRssFeed(text);
  const feedsmith = (performance.now() - start) / 1000;
  start = performance.now();
  for (const item of html) sanitizeArticleHtml(item);
  return { feedsmith, sanitizer: (performance.now() - start) / 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const best = (values: number[]) => Math.max(...values);
const rate = (itemsPerSecond: number) => Math.round(itemsPerSecond).toLocaleString('en-US');

/** The HTML parser the sanitizer runs on, as the bundles resolve it: its version moves the figures. */
const htmlparser2 = (
  JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'htmlparser2', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

const loadAtStart = os.loadavg()[0]?.toFixed(1);
const { sentences, origin } = sentencePool();
const { xml, averageChars } = generateFeed(sentences);
const dir = mkdtempSync(path.join(os.tmpdir(), 'feeds-bench-'));
const file = path.join(dir, 'feed.xml');
writeFileSync(file, xml);
const bytes = readFileSync(file);
const python = pythonWithFeedparser();

const itemHtml = (parseRssFeed(xml).items ?? []).map((item) => item.description ?? '');
for (let warm = 0; warm < 3; warm++) {
  timeOurs(bytes);
  timeParts(xml, itemHtml);
}
const ours: number[] = [];
const theirs: number[] = [];
const feedsmithOnly: number[] = [];
const sanitizerOnly: number[] = [];
let version = '?';
for (let round = 0; round < rounds; round++) {
  const mine = timeOurs(bytes);
  const other = timeFeedparser(python, file);
  if (mine.items !== ITEMS || other.items !== ITEMS)
    throw new Error(`item counts differ: ours ${mine.items}, feedparser ${other.items}`);
  const parts = timeParts(xml, itemHtml);
  ours.push(mine.items / mine.seconds);
  theirs.push(other.items / other.seconds);
  feedsmithOnly.push(ITEMS / parts.feedsmith);
  sanitizerOnly.push(ITEMS / parts.sanitizer);
  version = other.version;
}
rmSync(dir, { recursive: true, force: true });

const ratio = median(ours) / median(theirs);
const megabytes = (bytes.byteLength / 1e6).toFixed(2);
const command = `node scripts/bench/feeds.ts${values.rounds === DEFAULT_ROUNDS ? '' : ` --rounds ${rounds}`}`;
const section = `<!-- bench:feeds -->
## Feed parsing (scripts/bench/feeds.ts)

\`${command}\` — one ${ITEMS}-item Chinese RSS 2.0 feed (${megabytes} MB, ${Math.round(averageChars)} characters of text per item on average, in HTML,
sentences from the ${origin === 'seeds' ? 'seed texts in ../shared/seeds' : 'built-in demo texts (seeds absent)'}, fixed PRNG seed), parsed
${rounds} times by each side, interleaved round by round; medians. Ours is \`parseFeedBytes\`: charset
detection, DOCTYPE neutralizing, feedsmith, the ingest sanitizer on htmlparser2 ${htmlparser2} (summary and content), dates, links, zod validation.
feedparser ${version} (\`feedparser.parse\` on the bytes, sanitizing on, its default) runs in ${python}.

| parser | items/s, median of ${rounds} | best round |
| --- | ---: | ---: |
| newsboard parseFeedBytes | ${rate(median(ours))} | ${rate(best(ours))} |
| python3-feedparser ${version} | ${rate(median(theirs))} | ${rate(best(theirs))} |
| **ratio** | **${ratio.toFixed(1)}×** | ${(best(ours) / best(theirs)).toFixed(1)}× |
| _parts of ours:_ feedsmith alone | ${rate(median(feedsmithOnly))} | ${rate(best(feedsmithOnly))} |
| _parts of ours:_ sanitizeArticleHtml alone, same items' HTML | ${rate(median(sanitizerOnly))} | ${rate(best(sanitizerOnly))} |

Budget ≥ ${BUDGET}× (on the median): **${ratio >= BUDGET ? 'met' : 'not met'}**.

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version};
load average ${loadAtStart} at the start, ${os.loadavg()[0]?.toFixed(1)} at the end (the machine is shared: absolute rates move with it, the ratio much less).
<!-- /bench:feeds -->`;

process.stdout.write(`${section}\n`);
if (!values['no-write']) await writeBenchSection(repoRoot, 'feeds', section);
if (ratio < BUDGET) process.exitCode = 1;
