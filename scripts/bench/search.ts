// Search latency at scale: a store of N articles (the pack-import corpus, published and indexed
// the way a board does it), then fixed query sets run round after round, ours and the naive query
// interleaved per query so both see the same machine:
//   ours  – Searcher.search: parsing, folding, ranking (or the short-query path), visibility,
//           and marked titles and snippets of the original text for every hit;
//   naive – the same trigram MATCH on the same index, ordered by bm25 over all matches, LIMIT 20
//           (row ids only: no visibility, no text, no highlights).
// Run: node scripts/bench/search.ts [--items N] [--rounds N] [--no-write]
// Writes its section of docs/benchmarks.md (between the bench:search markers) unless --no-write.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type * as BenchmarksDocModule from './benchmarksDoc.js';
import type * as LoadBundleModule from './loadBundle.js';
import type * as Project from './searchProject.js';

const { loadBundle, repoRoot } = (await import(
  new URL('./loadBundle.ts', import.meta.url).href
)) as typeof LoadBundleModule;
const { writeBenchSection } = (await import(
  new URL('./benchmarksDoc.ts', import.meta.url).href
)) as typeof BenchmarksDocModule;

const QUERY_SETS = {
  'simplified, 3+ characters': [
    '媒体融合',
    '电子阅报栏',
    '习近平',
    '人民日报',
    '新媒体大厦',
    '主流舆论',
    '全媒体时代',
    '学习强国',
  ],
  'traditional, 3+ characters': ['媒體融合', '電子閱報欄', '縣級融媒體中心', '學習強國', '人民日報社', '數字化終端'],
  'several terms, 3+ characters': ['媒体融合 电子阅报栏', '人民日报 新媒体', '习近平 主流舆论'],
  '1–2 characters': [
    '报',
    '媒',
    '的',
    '融',
    '藉',
    '鄂',
    '阅报',
    '媒体',
    '强国',
    '中心',
    '習',
    '人民',
    '习媒',
    '示机',
    '求销',
  ],
  pinyin: ['meiti', 'mtrh', 'dianziyuebaolan', 'dzybl', 'xinwen', 'rmrb', 'yuebaolan', 'mt'],
} as const;
type SetName = keyof typeof QUERY_SETS;
const LONG_SETS: SetName[] = [
  'simplified, 3+ characters',
  'traditional, 3+ characters',
  'several terms, 3+ characters',
];
const LIMIT = 20;

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '7' },
    'no-write': { type: 'boolean' },
  },
});
const items = Number(values.items);
const rounds = Number(values.rounds);
const command = [
  'node scripts/bench/search.ts',
  ...(values.items === '100000' ? [] : [`--items ${items}`]),
  ...(values.rounds === '7' ? [] : [`--rounds ${rounds}`]),
].join(' ');
const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');
const loadAtStart = loadAverage();
const project = await loadBundle<typeof Project>('scripts/bench/searchProject.ts');
const now = () => performance.now();

const corpus = project.searchCorpus(items, path.resolve(repoRoot, '../shared'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nb-bench-search-'));
try {
  const writerDb = project.openWriter(dataDir);
  let start = now();
  new project.ContentWriter(writerDb).publish(project.PACK_ORIGIN, 'bench', corpus.entries);
  const buildSeconds = (now() - start) / 1000;
  writerDb.close();
  process.stderr.write(`built ${items} items in ${buildSeconds.toFixed(1)} s\n`);

  const db = project.openReader(dataDir);
  start = now();
  const searcher = new project.Searcher(db);
  searcher.search('媒体融合', { limit: LIMIT, now: Date.now() });
  const firstSearchMs = now() - start;
  const naive = db.prepare(
    'SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY bm25(items_fts, 5.0, 1.0, 4.0) LIMIT 20',
  );
  const matchCount = db.prepare('SELECT count(*) FROM items_fts WHERE items_fts MATCH ?').pluck();
  const phrase = (query: string) =>
    query
      .split(' ')
      .map((term) => `"${project.foldText(term)}"`)
      .join(' AND ');

  const ours = new Map<SetName, number[]>();
  const naiveTimes = new Map<SetName, number[]>();
  const perQuery = new Map<string, { ours: number[]; naive: number[]; hits: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const [name, queries] of Object.entries(QUERY_SETS) as [SetName, readonly string[]][]) {
      for (const query of queries) {
        const record = perQuery.get(query) ?? { ours: [], naive: [], hits: 0 };
        let t = now();
        record.hits = searcher.search(query, { limit: LIMIT, now: Date.now() }).length;
        const oursMs = now() - t;
        record.ours.push(oursMs);
        ours.set(name, [...(ours.get(name) ?? []), oursMs]);
        if (LONG_SETS.includes(name)) {
          t = now();
          naive.all(phrase(query));
          const naiveMs = now() - t;
          record.naive.push(naiveMs);
          naiveTimes.set(name, [...(naiveTimes.get(name) ?? []), naiveMs]);
        }
        perQuery.set(query, record);
      }
    }
  }

  const percentile = (samples: readonly number[], p: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  };
  const ms = (value: number) => value.toFixed(1);
  const allLong = LONG_SETS.flatMap((name) => ours.get(name) ?? []);
  const allNaive = LONG_SETS.flatMap((name) => naiveTimes.get(name) ?? []);
  const short = ours.get('1–2 characters') ?? [];
  const longP95 = percentile(allLong, 95);
  const naiveP95 = percentile(allNaive, 95);
  const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
  const rows = (Object.keys(QUERY_SETS) as SetName[]).map((name) => {
    const samples = ours.get(name) ?? [];
    const baseline = naiveTimes.get(name);
    return `| ${name} | ${QUERY_SETS[name].length} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 95))} | ${
      baseline ? `${ms(percentile(baseline, 50))} | ${ms(percentile(baseline, 95))}` : '– | –'
    } |`;
  });
  const queryRows = [...perQuery].map(([query, record]) => {
    const matches = LONG_SETS.some((name) => (QUERY_SETS[name] as readonly string[]).includes(query))
      ? (matchCount.get(phrase(query)) as number).toLocaleString('en-US')
      : '–';
    return `| ${query} | ${matches} | ${record.hits} | ${ms(percentile(record.ours, 50))} | ${
      record.naive.length ? ms(percentile(record.naive, 50)) : '–'
    } |`;
  });
  db.close();

  const section = `<!-- bench:search -->
## Search at ${items.toLocaleString('en-US')} items (scripts/bench/search.ts)

\`${command}\` — the corpus of the pack-import bench (${items.toLocaleString('en-US')} articles of ~${corpus.averageChars} characters, a quarter in traditional script), published and indexed as a board does it (${buildSeconds.toFixed(0)} s), then searched on a read-only connection: ${rounds} rounds over the fixed query sets below, ours and the naive query interleaved per query. Ours is \`Searcher.search\` with a limit of ${LIMIT}, the whole call: parsing and folding the query, ranking (or the short-query path), hiding expired and shadowed items, and marking titles and snippets of the original text. Naive is the same trigram MATCH on the same index ordered by \`bm25()\` over all matches, \`LIMIT 20\`, returning row ids only.

| queries | count | ours p50 ms | ours p95 ms | naive p50 ms | naive p95 ms |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

| budget | measured | verdict |
| --- | ---: | --- |
| 3+ characters: p95 ≤ 20 ms | ${ms(longP95)} ms | ${verdict(longP95 <= 20)} |
| 3+ characters: ≥ 2 × faster than naive bm25 (p95) | ${(naiveP95 / longP95).toFixed(1)} × | ${verdict(naiveP95 / longP95 >= 2)} |
| 1–2 characters: p95 ≤ 50 ms | ${ms(percentile(short, 95))} ms | ${verdict(percentile(short, 95) <= 50)} |

The first search on a fresh connection (folding table, prepared statements) took ${firstSearchMs.toFixed(0)} ms.

<details><summary>Per query: trigram matches, hits returned, p50 ms ours / naive</summary>

| query | matches | hits | ours p50 | naive p50 |
| --- | ---: | ---: | ---: | ---: |
${queryRows.join('\n')}

</details>

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadAtStart} at the start, ${loadAverage()} at the end.
<!-- /bench:search -->`;
  process.stdout.write(`${section}\n`);
  if (!values['no-write']) await writeBenchSection(repoRoot, 'search', section);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
