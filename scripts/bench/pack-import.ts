// Bulk import of a content pack, side by side in one run, the same rows each time:
//   raw     – a bare better-sqlite3 INSERT of the item rows into a copy of the items table;
//   ours    – ContentWriter.publish: readable in lists when its transaction commits (seen by a
//             reader polling from a worker thread), searchable when the indexer it calls is done;
//   naive   – the same publish with migration 002's per-row trigram trigger instead of our queue.
//             It takes most of the run (some four minutes on two cores). --naive-items N times it
//             over the first N rows only: quicker, but per-row indexing slows as its index grows, so
//             a shorter run flatters naive.
// Blob copying and hashing (the pack reader's part of an import) are not counted in any of them.
// Run: node scripts/bench/pack-import.ts [--items N] [--naive-items N] [--no-write]
// Writes its section of docs/benchmarks.md (between the bench:pack-import markers) unless --no-write.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type * as BenchmarksDocModule from './benchmarksDoc.js';
import type * as LoadBundleModule from './loadBundle.js';
import type * as Project from './searchProject.js';

const { loadBundle, repoRoot } = (await import(
  new URL('./loadBundle.ts', import.meta.url).href
)) as typeof LoadBundleModule;
const { writeBenchSection } = (await import(
  new URL('./benchmarksDoc.ts', import.meta.url).href
)) as typeof BenchmarksDocModule;

type Db = ReturnType<typeof Project.openWriter>;
const now = () => performance.timeOrigin + performance.now();

interface PollerData {
  dataDir: string;
  rows: number;
}

/** Worker: reports the instant the items table, read through its own connection, holds every row. */
async function poll({ dataDir, rows }: PollerData): Promise<void> {
  const project = await loadBundle<typeof Project>('scripts/bench/searchProject.ts');
  const db = project.openReader(dataDir);
  const lastRow = db.prepare('SELECT max(row_id) FROM items').pluck();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  parentPort?.postMessage({ ready: true });
  while (((lastRow.get() as number | null) ?? 0) < rows) Atomics.wait(pause, 0, 0, 2);
  parentPort?.postMessage({ readableAt: now() });
  db.close();
}

if (!isMainThread) {
  await poll(workerData as PollerData);
} else {
  await main();
}

function startPoller(dataDir: string, rows: number): Promise<{ readableAt: Promise<number> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { dataDir, rows } satisfies PollerData });
  return new Promise((resolveReady, rejectReady) => {
    const readableAt = new Promise<number>((resolve, reject) => {
      worker.on('message', (message: { ready?: true; readableAt?: number }) => {
        if (message.ready) resolveReady({ readableAt });
        if (message.readableAt !== undefined) resolve(message.readableAt);
      });
      worker.once('error', (error) => {
        reject(error);
        rejectReady(error);
      });
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '100000' },
      'naive-items': { type: 'string' },
      'no-write': { type: 'boolean' },
    },
  });
  const items = Number(values.items);
  const naiveItems = Math.min(items, Number(values['naive-items'] ?? items));
  const command = [
    'node scripts/bench/pack-import.ts',
    ...(values.items === '100000' ? [] : [`--items ${items}`]),
    ...(values['naive-items'] === undefined ? [] : [`--naive-items ${naiveItems}`]),
  ].join(' ');
  const project = await loadBundle<typeof Project>('scripts/bench/searchProject.ts');
  const loadAverage = () =>
    os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ');
  const loadAtStart = loadAverage();

  const started = now();
  const corpus = project.searchCorpus(items, path.resolve(repoRoot, '../shared'));
  const corpusSeconds = (now() - started) / 1000;
  // The first fold builds the table from opencc-js's dictionaries; nothing has folded yet.
  const tableStart = now();
  project.foldText('媒體');
  const tableMs = now() - tableStart;
  process.stderr.write(`corpus: ${items} items, ~${corpus.averageChars} chars, ${corpusSeconds.toFixed(1)} s\n`);

  const withDataDir = async <T>(run: (dataDir: string, db: Db) => Promise<T> | T): Promise<T> => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nb-bench-import-'));
    const db = project.openWriter(dataDir);
    try {
      return await run(dataDir, db);
    } finally {
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  const raw = await withDataDir((_, db) => {
    const ddl = db
      .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'items' AND type IN ('table', 'index') AND sql NOT NULL")
      .pluck()
      .all() as string[];
    for (const sql of ddl) db.exec(sql.replace(/\bitems(?=\b|_)/g, 'raw_items'));
    const insert = db.prepare(`INSERT INTO raw_items
      (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text,
        priority, valid_from_ms, expires_at_ms, emergency, meta_json)
      VALUES (@id, 'pack', @kind, @title, @source, @section, @language, @publishedAt, @summary, @bodySha256,
        @bodyJson, @bodyText, @priority, @validFromMs, @expiresAtMs, @emergency, @metaJson)`);
    const rows = corpus.entries.map((entry) => ({
      ...entry.item,
      bodySha256: entry.item.body.sha256,
      ...project.itemColumns(entry),
    }));
    const start = now();
    db.transaction(() => {
      for (const row of rows) insert.run(row);
    })();
    return { seconds: (now() - start) / 1000 };
  });
  process.stderr.write(`raw: ${raw.seconds.toFixed(1)} s\n`);

  const ours = await withDataDir(async (dataDir, db) => {
    const poller = await startPoller(dataDir, items);
    const start = now();
    new project.ContentWriter(db).publish(project.PACK_ORIGIN, 'bench', corpus.entries);
    const searchable = (now() - start) / 1000;
    const readable = ((await poller.readableAt) - start) / 1000;
    const pending = db.prepare('SELECT count(*) FROM search_pending').pluck().get() as number;
    const indexed = db.prepare('SELECT count(*) FROM search_text').pluck().get() as number;
    if (pending !== 0 || indexed !== items) throw new Error(`index incomplete: ${indexed} indexed, ${pending} pending`);
    const bytes = db.prepare('SELECT page_count * page_size FROM pragma_page_count, pragma_page_size').pluck();
    return { readable, searchable, megabytes: (bytes.get() as number) / 1e6 };
  });
  process.stderr.write(`ours: readable ${ours.readable.toFixed(1)} s, searchable ${ours.searchable.toFixed(1)} s\n`);

  const naive = await withDataDir((_, db) => {
    db.exec(`
      DROP TRIGGER search_queue;
      CREATE VIRTUAL TABLE naive_fts USING fts5(title, body_text, content='items', content_rowid='row_id', tokenize='trigram');
      CREATE TRIGGER naive_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO naive_fts (rowid, title, body_text) VALUES (new.row_id, new.title, new.body_text);
      END;`);
    const start = now();
    new project.ContentWriter(db).publish(project.PACK_ORIGIN, 'bench', corpus.entries.slice(0, naiveItems));
    return { seconds: (now() - start) / 1000 };
  });
  process.stderr.write(`naive: ${naiveItems} items in ${naive.seconds.toFixed(1)} s\n`);

  const costs = perCharCosts(project, corpus.entries);
  const rate = (seconds: number, rows = items) => Math.round(rows / seconds);
  const fmt = (value: number) => value.toLocaleString('en-US');
  const readableRatio = rate(ours.readable) / rate(raw.seconds);
  const searchableRatio = rate(ours.searchable) / rate(naive.seconds, naiveItems);
  const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
  const section = `<!-- bench:pack-import -->
## Bulk import and indexing (scripts/bench/pack-import.ts)

\`${command}\` — ${fmt(items)} articles of ~${corpus.averageChars} characters (clauses of the ${corpus.origin === 'seeds' ? 'seed texts in ../shared/seeds' : 'built-in demo texts (seeds absent)'}, a quarter converted to traditional script, dates over two years, fixed PRNG seed), written three ways one after the other in one run, each into a fresh data dir:

| path | what is timed | seconds | rows/s |
| --- | --- | ---: | ---: |
| raw | one transaction of bare INSERTs into a copy of \`items\` (same columns and indexes, no triggers) | ${raw.seconds.toFixed(1)} | ${fmt(rate(raw.seconds))} |
| ours, readable | \`ContentWriter.publish\` until a reader on another connection sees every row in \`items\` | ${ours.readable.toFixed(1)} | ${fmt(rate(ours.readable))} |
| ours, searchable | the same publish until it returns: the rows it queued are folded, indexed and committed (\`indexPending\`) | ${ours.searchable.toFixed(1)} | ${fmt(rate(ours.searchable))} |
| naive | the same publish with migration 002's trigger (one external-content trigram row per item, unfolded), ${naiveItems < items ? `over the first ${fmt(naiveItems)} rows only: its rate falls as its index grows, so this flatters it` : 'all rows'} | ${naive.seconds.toFixed(1)} | ${fmt(rate(naive.seconds, naiveItems))} |

| budget | ratio | verdict |
| --- | ---: | --- |
| readable ≥ 0.5 × raw insert rate | ${readableRatio.toFixed(2)} | ${verdict(readableRatio >= 0.5)} |
| searchable ≥ 1.3 × naive per-row trigram rate | ${searchableRatio.toFixed(2)} | ${verdict(searchableRatio >= 1.3)} |

Our database after the import: ${fmt(Math.round(ours.megabytes))} MB (items, their folded text, the trigram index and the title character index).
JavaScript costs inside our indexing, on the same corpus: folding ${costs.foldNs.toFixed(1)} ns per character (opencc-js's dictionaries built once into a table: ${tableMs.toFixed(0)} ms), title pinyin ${costs.pinyinUs.toFixed(1)} µs per title.

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadAtStart} at the start, ${loadAverage()} at the end (the machine is shared: absolute rates move with it, ratios much less).
<!-- /bench:pack-import -->`;
  process.stdout.write(`${section}\n`);
  if (!values['no-write']) await writeBenchSection(repoRoot, 'pack-import', section);
}

function perCharCosts(project: typeof Project, entries: ReturnType<typeof Project.searchCorpus>['entries']) {
  const sample = entries.slice(0, 5000);
  const bodies = sample.map((entry) => entry.body.paragraphs.join('\n'));
  const chars = bodies.reduce((sum, body) => sum + body.length, 0);
  let start = now();
  for (const body of bodies) project.foldText(body);
  const foldNs = ((now() - start) * 1e6) / chars;
  start = now();
  for (const entry of sample) project.titlePinyin(project.foldText(entry.item.title));
  const pinyinUs = ((now() - start) * 1e3) / sample.length;
  return { foldNs, pinyinUs };
}
