import { SHOWN, VISIBLE } from '../kinds/shown.js';

/**
 * The statements of both search paths, in one place so their query plans can be checked against
 * the real schema (searchSql.test.ts). `@now` judges items' windows; `@t0`… are folded terms.
 */

/** Title, body, pinyin: the columns of search_text and items_fts, in this order. */
export const TEXT_COLUMNS = ['title', 'body_text', 'pinyin'] as const;

const SHOWN_NOW = `${SHOWN} AND ${VISIBLE}`;

const contains = (term: number) =>
  `(${TEXT_COLUMNS.map((column) => `instr(search_text.${column}, @t${term})`).join(' OR ')})`;
const containsAll = (terms: number) => Array.from({ length: terms }, (_, i) => contains(i)).join(' AND ');
/** Non-overlapping occurrences of a term in a column, by string functions alone. */
const occurrences = (column: string, term: number) =>
  `(length(${column}) - length(replace(${column}, @t${term}, ''))) / length(@t${term})`;

/** Builds a value per number of query terms on first use: statements are prepared once per shape. */
export function perTermCount<T>(build: (terms: number) => T): (terms: number) => T {
  const built = new Map<number, T>();
  return (terms) => {
    let value = built.get(terms);
    if (value === undefined) {
      value = build(terms);
      built.set(terms, value);
    }
    return value;
  };
}

export const SEARCH_SQL = {
  newestMatches: 'SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  newestTitleMatches: 'SELECT rowid FROM items_chars WHERE items_chars MATCH ? ORDER BY rowid DESC LIMIT ?',
  /** FTS5's own totals: row count and each column's token count (see bm25.ts). */
  averages: 'SELECT block FROM items_fts_data WHERE id = 1',
  // Two subqueries: SQLite reads a lone min() or max() off the key, but scans the table for both at once.
  span: 'SELECT (SELECT min(fts_rowid) FROM search_text) AS oldest, (SELECT max(fts_rowid) FROM search_text) AS newest',
  shownItem: `SELECT items.row_id FROM search_text JOIN items ON items.row_id = search_text.row_id
    WHERE search_text.fts_rowid = @rowid AND ${SHOWN_NOW}`,
  shownTitleMatches: `SELECT items.row_id FROM items_chars
    JOIN search_text ON search_text.fts_rowid = items_chars.rowid JOIN items ON items.row_id = search_text.row_id
    WHERE items_chars MATCH @expression AND ${SHOWN_NOW} ORDER BY items_chars.rowid DESC LIMIT @limit`,
  /** The search rowid of the n-th newest indexed item: where reading the newest directly stops. */
  nthNewest: 'SELECT fts_rowid FROM search_text ORDER BY fts_rowid DESC LIMIT 1 OFFSET ?',
  prefixTrigrams: 'SELECT term FROM temp.search_vocabulary WHERE term >= ? AND term < ? LIMIT ?',
  vocabulary: 'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, items_fts, row)',
  itemRow: 'SELECT id, kind, title, body_text FROM items WHERE row_id = ?',

  /** Each candidate's search rowid, its columns' lengths, then every term's count in every column. */
  counts: (terms: number) => `SELECT fts_rowid, ${[
    ...TEXT_COLUMNS.map((column) => `length(${column})`),
    ...Array.from({ length: terms }, (_, term) => TEXT_COLUMNS.map((column) => occurrences(column, term))).flat(),
  ].join(', ')}
    FROM search_text WHERE fts_rowid IN (SELECT value FROM json_each(@rowids))`,
  /** Shown items holding every term, newest first, among those from search rowid @floor on. */
  scan: (terms: number) => `SELECT items.row_id FROM search_text JOIN items ON items.row_id = search_text.row_id
    WHERE search_text.fts_rowid >= @floor AND ${containsAll(terms)} AND ${SHOWN_NOW}
    ORDER BY search_text.fts_rowid DESC LIMIT @need`,
  /** How many items from search rowid @floor on hold each term. */
  termCounts: (terms: number) =>
    `SELECT ${Array.from({ length: terms }, (_, i) => `sum(${contains(i)} > 0)`).join(', ')}
    FROM search_text WHERE fts_rowid >= @floor`,
  /** Shown items an FTS expression narrows down to, holding every term, newest first. */
  narrowed: (terms: number) => `SELECT items.row_id FROM items_fts
    JOIN search_text ON search_text.fts_rowid = items_fts.rowid JOIN items ON items.row_id = search_text.row_id
    WHERE items_fts MATCH @expression AND ${containsAll(terms)} AND ${SHOWN_NOW}
    ORDER BY items_fts.rowid DESC LIMIT @need`,
};
