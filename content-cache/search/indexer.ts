import type { Database } from 'better-sqlite3';
import { charTokens } from './charTokens.js';
import { foldText } from './fold.js';
import { titlePinyin } from './pinyin.js';
import { DAY_SLOTS, publicationDay } from './searchRowid.js';

export interface IndexOptions {
  /** Rows per transaction: each batch is one FTS segment and what a crash can cost to redo. */
  batchSize?: number;
  /** Stop after about this many rows, so a caller can index in slices between other work. */
  maxRows?: number;
}

export interface IndexProgress {
  indexed: number;
  remaining: number;
}

interface PendingRow {
  row_id: number;
  title: string | null;
  body_text: string | null;
  published_at: string | null;
}

interface Prepared {
  rowId: number;
  day: number;
  publishedAt: string;
  title: string;
  pinyin: string;
  /** Title, body and pinyin as search_text and items_fts hold them. */
  columns: [string, string, string];
  rowid: number;
}

const DEFAULT_BATCH_SIZE = 5000;
/**
 * Ends every indexed column, so that each character of the text starts a trigram of the index:
 * a one- or two-character query can then be answered from the trigrams it begins (shortSearch.ts).
 * Folding turns control characters in texts and queries into spaces, so nothing else contains it.
 */
const ENDS = '\u0001\u0001';

function statements(db: Database) {
  return {
    pending: db.prepare(`SELECT p.row_id, i.title, i.body_text, i.published_at FROM search_pending AS p
      LEFT JOIN items AS i ON i.row_id = p.row_id ORDER BY p.row_id LIMIT ?`),
    lastOfDay: db.prepare('SELECT max(fts_rowid) FROM search_text WHERE fts_rowid >= ? AND fts_rowid < ?').pluck(),
    text: db.prepare('INSERT INTO search_text (fts_rowid, row_id, title, body_text, pinyin) VALUES (?, ?, ?, ?, ?)'),
    trigrams: db.prepare('INSERT INTO items_fts (rowid, title, body_text, pinyin) VALUES (?, ?, ?, ?)'),
    chars: db.prepare('INSERT INTO items_chars (rowid, title, pinyin) VALUES (?, ?, ?)'),
    done: db.prepare('DELETE FROM search_pending WHERE row_id = ?'),
    remaining: db.prepare('SELECT count(*) FROM search_pending').pluck(),
  };
}

function prepare(row: PendingRow & { title: string; body_text: string; published_at: string }): Prepared {
  const title = foldText(row.title);
  const pinyin = titlePinyin(title);
  return {
    rowId: row.row_id,
    day: publicationDay(row.published_at),
    publishedAt: row.published_at,
    title,
    pinyin,
    columns: [title + ENDS, foldText(row.body_text) + ENDS, pinyin + ENDS],
    rowid: 0,
  };
}

function byPublication(a: Prepared, b: Prepared): number {
  if (a.day !== b.day) return a.day - b.day;
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? -1 : 1;
  return a.rowId - b.rowId;
}

/**
 * Indexes the items that publishing queued, in batches of one transaction each, oldest queue entry
 * first. Call it after each publish and once at start (a crash mid-way leaves the rest queued);
 * it runs on the writer connection. Within a batch rows are inserted in rowid order: FTS5 flushes
 * its in-memory segment whenever a rowid is not larger than the previous one.
 */
export function indexPending(db: Database, options: IndexOptions = {}): IndexProgress {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
  const sql = statements(db);
  const indexBatch = db.transaction((limit: number): number => {
    const rows = sql.pending.all(limit) as PendingRow[];
    const prepared: Prepared[] = [];
    for (const row of rows) {
      if (row.title === null || row.body_text === null || row.published_at === null) sql.done.run(row.row_id);
      else
        prepared.push(prepare({ ...row, title: row.title, body_text: row.body_text, published_at: row.published_at }));
    }
    prepared.sort(byPublication);
    const nextOfDay = new Map<number, number>();
    for (const item of prepared) {
      let next = nextOfDay.get(item.day);
      if (next === undefined) {
        const last = sql.lastOfDay.get(item.day * DAY_SLOTS, (item.day + 1) * DAY_SLOTS) as number | null;
        next = last === null ? item.day * DAY_SLOTS : last + 1;
      }
      item.rowid = next;
      nextOfDay.set(item.day, next + 1);
    }
    // One table at a time: interleaving them measured a fifth slower (their working sets compete).
    for (const item of prepared) sql.text.run(item.rowid, item.rowId, ...item.columns);
    for (const item of prepared) sql.trigrams.run(item.rowid, ...item.columns);
    for (const item of prepared) sql.chars.run(item.rowid, charTokens(item.title), charTokens(item.pinyin));
    for (const item of prepared) sql.done.run(item.rowId);
    return rows.length;
  });
  let indexed = 0;
  while (indexed < maxRows) {
    const taken = indexBatch.immediate(Math.min(batchSize, maxRows - indexed));
    if (taken === 0) break;
    indexed += taken;
  }
  return { indexed, remaining: sql.remaining.get() as number };
}
