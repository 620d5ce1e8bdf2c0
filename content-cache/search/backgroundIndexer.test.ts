import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReader, openWriter } from '../db/open.js';
import { BackgroundIndexer } from './backgroundIndexer.js';
import { Searcher } from './searcher.js';

const logger = pino({ level: 'silent' });
let dir: string;
let db: ReturnType<typeof openWriter>;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-bg-index-'));
  db = openWriter(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores items the way a publish does, which queues them for search without indexing them. */
function queueItems(count: number, from = 0): void {
  const insert = db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, 'fleet', 'article', ?, 'src', 'news', 'zh-CN', '2025-01-02', '', ?, '{"paragraphs":[]}', ?)`,
  );
  db.transaction(() => {
    for (let i = from; i < from + count; i++)
      insert.run(`item-${i}`, `标题${i}号`, 'c'.repeat(64), `第${i}篇：社区电子阅报栏启用，居民可以在这里读报。`);
  })();
}

const queued = () => db.prepare('SELECT count(*) FROM search_pending').pluck().get() as number;

describe('BackgroundIndexer', () => {
  it('indexes the queue in slices and lets other work run between them', async () => {
    queueItems(1000);
    const indexer = new BackgroundIndexer(db, logger, 100);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    indexer.kick();
    // Nothing is indexed synchronously: the caller (a publish, a bridge call) returns at once.
    expect(queued()).toBe(1000);
    await indexer.idle();
    clearInterval(ticker);
    expect(queued()).toBe(0);
    // Ten slices, and the event loop ran between them.
    expect(turns).toBeGreaterThanOrEqual(5);
    const reader = openReader(dir);
    try {
      const hits = new Searcher(reader).search('电子阅报栏', { limit: 100, now: Date.now() });
      expect(hits).toHaveLength(100);
    } finally {
      reader.close();
    }
  });

  it('picks up rows queued while it runs, wherever their kicks land', async () => {
    const indexer = new BackgroundIndexer(db, logger, 7);
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    for (let round = 0; round < 40; round++) {
      queueItems(5, round * 5);
      indexer.kick();
      // Vary where the next kick lands: synchronously, between microtasks, between slices, after the run.
      for (let wait = 0; wait < round % 4; wait++) await (round % 2 ? turn() : Promise.resolve());
    }
    await indexer.idle();
    expect(queued()).toBe(0);
  });

  it('stops after the slice in progress and leaves the rest queued for the next start', async () => {
    queueItems(1000);
    const indexer = new BackgroundIndexer(db, logger, 100);
    indexer.kick();
    await new Promise((resolve) => setImmediate(resolve));
    await indexer.stop();
    const left = queued();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1000);
    indexer.kick();
    await indexer.idle();
    expect(queued()).toBe(left);
  });
});
