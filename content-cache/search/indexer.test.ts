import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openReader, openWriter } from '../db/open.js';
import { indexPending } from './indexer.js';
import { Searcher } from './searcher.js';
import { DAY_SLOTS, publicationDay } from './searchRowid.js';
import { searchIndexFaults } from './verifyIndex.js';

let dir: string;
let db: ReturnType<typeof openWriter>;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-indexer-'));
  db = openWriter(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores items the way a publish does, which queues them for the indexer without indexing them. */
function queueItems(
  count: number,
  bodyOf: (i: number) => string,
  publishedAt = (i: number) => `2025-01-${(i % 28) + 1}`,
) {
  const insert = db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, 'fleet', 'article', ?, 'src', 'news', 'zh-CN', ?, '', ?, '{"paragraphs":[]}', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`item-${i}`, `标题${i}号`, publishedAt(i), 'c'.repeat(64), bodyOf(i));
  })();
}

const count = (sql: string, connection = db) => connection.prepare(sql).pluck().get() as number;
describe('indexPending', () => {
  it('indexes in slices, and a search in between finds exactly what is indexed so far', () => {
    queueItems(5, (i) => `第${i}篇：社区电子阅报栏启用。`);
    const reader = openReader(dir);
    const searcher = new Searcher(reader);
    const found = () => searcher.search('电子阅报栏', { limit: 20, now: Date.now() }).map((hit) => hit.id);
    try {
      expect(found()).toEqual([]);
      expect(indexPending(db, { batchSize: 1, maxRows: 2 })).toEqual({ indexed: 2, remaining: 3 });
      expect(found().sort()).toEqual(['item-0', 'item-1']);
      expect(indexPending(db)).toEqual({ indexed: 3, remaining: 0 });
      expect(found()).toHaveLength(5);
    } finally {
      reader.close();
    }
  });

  it('gives items search rowids in order of publication, consecutive within a day', () => {
    const dates = ['2025-03-02T10:00:00Z', '2024-12-31', 'not a date', '2025-03-02T08:00:00Z', '2025-03-03'];
    queueItems(
      dates.length,
      () => '正文',
      (i) => dates[i] as string,
    );
    indexPending(db);
    const byRowid = db
      .prepare('SELECT items.published_at FROM search_text JOIN items USING (row_id) ORDER BY fts_rowid')
      .pluck()
      .all();
    expect(byRowid).toEqual(['not a date', '2024-12-31', '2025-03-02T08:00:00Z', '2025-03-02T10:00:00Z', '2025-03-03']);
    const sameDay = db
      .prepare('SELECT fts_rowid FROM search_text WHERE fts_rowid >= ? AND fts_rowid < ? ORDER BY fts_rowid')
      .pluck()
      .all(publicationDay('2025-03-02') * DAY_SLOTS, (publicationDay('2025-03-02') + 1) * DAY_SLOTS) as number[];
    expect(sameDay).toEqual([publicationDay('2025-03-02') * DAY_SLOTS, publicationDay('2025-03-02') * DAY_SLOTS + 1]);
  });

  it('leaves the queue for the next run when indexing fails while opening, and the board opens anyway', () => {
    queueItems(3, () => '停水通知');
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON search_text BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    db.close();
    db = openWriter(dir);
    expect(count('SELECT count(*) FROM items')).toBe(3);
    expect(count('SELECT count(*) FROM search_pending')).toBe(3);
    db.exec('DROP TRIGGER refuse');
    expect(indexPending(db)).toEqual({ indexed: 3, remaining: 0 });
  });

  it('survives kill -9 part way: the database stays consistent and the next open finishes the index', async () => {
    const items = 3000;
    queueItems(
      items,
      (i) => `唯一标记${String(i).padStart(5, '0')}。${'社区电子阅报栏今天启用，居民可以浏览新闻。'.repeat(20)}`,
    );
    db.close();
    const child = path.join(
      fileURLToPath(new URL('.', import.meta.url)),
      '../../node_modules/.cache/newsboard-test/indexChild.mjs',
    );
    await build({
      entryPoints: [fileURLToPath(new URL('./testing/indexChild.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: child,
      logLevel: 'warning',
    });
    const file = path.join(dir, DATABASE_FILE);
    for (const killAfter of [300, 1200]) {
      const indexer = spawn(process.execPath, [child, file, '100'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => indexer.once('exit', resolve));
      // A plain connection: opening the writer (openWriter) would finish the queue at once.
      const watcher = new Database(file);
      try {
        const indexed = () => count('SELECT count(*) FROM search_text', watcher);
        while (indexed() < killAfter) await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
        indexer.kill('SIGKILL');
        await exited;
        const done = indexed();
        expect(done, 'killed before it finished').toBeLessThan(items);
        expect(done + count('SELECT count(*) FROM search_pending', watcher)).toBe(items);
        expect(searchIndexFaults(watcher)).toEqual([]);
      } finally {
        watcher.close();
      }
    }
    db = openWriter(dir);
    expect(count('SELECT count(*) FROM search_pending')).toBe(0);
    expect(count('SELECT count(*) FROM search_text')).toBe(items);
    expect(searchIndexFaults(db)).toEqual([]);
    for (const i of [0, 1234, 2999]) {
      const marker = `"唯一标记${String(i).padStart(5, '0')}"`;
      expect(count(`SELECT count(*) FROM items_fts WHERE items_fts MATCH '${marker}'`), marker).toBe(1);
    }
  }, 60_000);
});
