import { expect, test } from '@playwright/test';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempDir } from './support/processes.js';

const subcommands = [
  'fleet',
  'enroll-code',
  'devices',
  'kiosk',
  'demo',
  'ingest',
  'search',
  'verify',
  'demo-pack',
  'parse-feed',
];

test('every subcommand has --help', () => {
  for (const name of subcommands) {
    const result = runCli([name, '--help']);
    expect(result.status, name).toBe(0);
    expect(result.stdout, name).toContain(`Usage: newsboard ${name}`);
  }
  expect(runCli(['--help']).stdout).toContain('Usage: newsboard <command>');
});

test('failures exit non-zero with a one-line reason on stderr', () => {
  for (const args of [
    ['nonsense'],
    ['kiosk', '--bogus'],
    ['fleet'],
    ['search', 'x'],
    ['kiosk', '--data-dir', '/tmp', '--shell', 'firefox'],
    ['verify', '--data-dir', '/nonexistent/board'],
  ]) {
    const result = runCli(args);
    expect(result.status, args.join(' ')).not.toBe(0);
    expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  }
});

test('ingest a pack, search it (JSON), verify it, and catch a damaged blob', () => {
  const packDir = tempDir('cli-pack');
  const dataDir = tempDir('cli-kiosk');
  expect(runCli(['demo-pack', packDir]).status).toBe(0);
  const ingest = runCli(['ingest', packDir, '--data-dir', dataDir, '--json']);
  expect(ingest.status, ingest.stderr).toBe(0);
  const ingested = JSON.parse(ingest.stdout) as { items: number };
  expect(ingested.items).toBeGreaterThanOrEqual(5);

  const search = runCli(['search', '阅报栏', '--data-dir', dataDir, '--json']);
  expect(search.status, search.stderr).toBe(0);
  type Marks = [number, number][];
  const hits = JSON.parse(search.stdout) as {
    id: string;
    kind: string;
    title: string;
    titleMarks: Marks;
    snippet: string;
    snippetMarks: Marks;
  }[];
  expect(hits.length).toBeGreaterThan(0);
  for (const hit of hits) {
    expect(Object.keys(hit).sort()).toEqual(['id', 'kind', 'snippet', 'snippetMarks', 'title', 'titleMarks']);
    const marked = [
      ...hit.titleMarks.map(([from, to]) => hit.title.slice(from, to)),
      ...hit.snippetMarks.map(([from, to]) => hit.snippet.slice(from, to)),
    ];
    expect(marked).toContain('阅报栏');
  }
  const short = JSON.parse(runCli(['search', '报', '--data-dir', dataDir, '--json']).stdout) as unknown[];
  expect(short.length).toBeGreaterThan(0);

  expect(runCli(['verify', '--data-dir', dataDir]).status).toBe(0);
  const shard = readdirSync(path.join(dataDir, 'blobs', 'sha256'))[0] as string;
  const file = readdirSync(path.join(dataDir, 'blobs', 'sha256', shard))[0] as string;
  writeFileSync(path.join(dataDir, 'blobs', 'sha256', shard, file), 'damaged');
  const verify = runCli(['verify', '--data-dir', dataDir]);
  expect(verify.status).not.toBe(0);
  expect(verify.stderr).toContain('damaged');
});

test('a pack with a wrong hash is rejected and nothing is published', () => {
  const packDir = tempDir('cli-bad-pack');
  const dataDir = tempDir('cli-bad-kiosk');
  expect(runCli(['demo-pack', packDir]).status).toBe(0);
  const blobDir = path.join(packDir, 'blobs', 'sha256');
  writeFileSync(path.join(blobDir, readdirSync(blobDir)[0] as string), 'tampered');
  const ingest = runCli(['ingest', packDir, '--data-dir', dataDir]);
  expect(ingest.status).not.toBe(0);
  expect(ingest.stderr).toMatch(/bytes|hash/);
  expect(JSON.parse(runCli(['search', '阅报栏', '--data-dir', dataDir, '--json']).stdout)).toEqual([]);
});

test('ingest a feed file as its own origin, then search finds its entry', () => {
  const dataDir = tempDir('cli-feed-kiosk');
  const feed = path.join(tempDir('cli-feed'), 'city.xml');
  writeFileSync(
    feed,
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>城市快讯</title>
      <item><guid>metro-7</guid><title>地铁七号线今日开通</title>
      <description><![CDATA[<p>新线路共设十二座车站，首班车六点发车。</p>]]></description></item>
    </channel></rss>`,
  );
  const ingest = runCli(['ingest', feed, '--data-dir', dataDir, '--json']);
  expect(ingest.status, ingest.stderr).toBe(0);
  expect(JSON.parse(ingest.stdout)).toMatchObject({ origin: `feed:file://${feed}`, items: 1, warnings: [] });
  const search = runCli(['search', '七号线', '--data-dir', dataDir, '--json']);
  expect(search.status, search.stderr).toBe(0);
  const hits = JSON.parse(search.stdout) as { kind: string; title: string }[];
  expect(hits.map(({ kind, title }) => ({ kind, title }))).toEqual([{ kind: 'article', title: '地铁七号线今日开通' }]);
});
