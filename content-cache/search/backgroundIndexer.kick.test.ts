import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openWriter } from '../db/open.js';
import { BackgroundIndexer } from './backgroundIndexer.js';
import type * as IndexerModule from './indexer.js';

/** Runs once, in a microtask queued the moment a slice finds the queue empty: as a run is ending. */
const atRunEnd = vi.hoisted(() => ({ hook: undefined as (() => void) | undefined }));

vi.mock('./indexer.js', async (importOriginal) => {
  const real = await importOriginal<typeof IndexerModule>();
  return {
    ...real,
    indexPending: (...args: Parameters<typeof real.indexPending>) => {
      const progress = real.indexPending(...args);
      const hook = atRunEnd.hook;
      if (progress.remaining === 0 && hook) {
        atRunEnd.hook = undefined;
        queueMicrotask(hook);
      }
      return progress;
    },
  };
});

let dir: string;
let db: ReturnType<typeof openWriter>;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-bg-kick-'));
  db = openWriter(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function queueItems(from: number, count: number): void {
  const insert = db.prepare(
    `INSERT INTO items (id, origin, kind, title, source, section, language, published_at, summary, body_sha256, body_json, body_text)
    VALUES (?, 'fleet', 'article', ?, 'src', 'news', 'zh-CN', '2025-01-02', '', ?, '{"paragraphs":[]}', '社区电子阅报栏')`,
  );
  for (let i = from; i < from + count; i++) insert.run(`item-${i}`, `标题${i}`, 'c'.repeat(64));
}

it('indexes rows published just as a run ends, without waiting for the next publish', async () => {
  const indexer = new BackgroundIndexer(db, pino({ level: 'silent' }), 50);
  queueItems(0, 10);
  atRunEnd.hook = () => {
    queueItems(10, 10);
    indexer.kick();
  };
  indexer.kick();
  await indexer.idle();
  expect(atRunEnd.hook).toBeUndefined();
  expect(db.prepare('SELECT count(*) FROM search_pending').pluck().get()).toBe(0);
});
