import type { Migration } from './types.js';

/**
 * Search over folded text (simplified/traditional, full/half width and case: content-cache/search/
 * fold.ts), with a pinyin column for titles and a title index for one- and two-character queries.
 *
 * Publishing only queues rows (search_pending, filled by the triggers below); the indexer
 * (content-cache/search/indexer.ts) folds them in JavaScript and indexes them in batches of one
 * transaction each. So a publish becomes readable at close to the raw insert rate, a search during
 * indexing finds what is indexed so far, and a crash mid-way leaves the rest queued for the next
 * run. The triggers are plain SQL: any connection, the sqlite3 shell included, can still write items.
 *
 * - search_text holds each indexed item's folded text under its search rowid, which orders by
 *   publication day, so newest-first reads stop early (see indexer.ts). items_fts is the trigram
 *   index over it as external content, so the integrity check compares index and text and
 *   'rebuild' can restore the index from it. The text is folded already, so the tokenizer does
 *   not fold case again: the index holds exactly the terms the short-query path looks up.
 * - items_chars indexes titles and their pinyin one character per token (charTokens.ts), so one-
 *   and two-character queries find title matches exactly. Bodies are not in it: a second index of
 *   every body cost as much again as the trigram index; short queries find body matches by reading
 *   search_text newest first, or through the trigram index's vocabulary (shortSearch.ts).
 *
 * The 32 MB hash lets one indexing batch go to disk as one segment instead of a flush every
 * megabyte, which is most of the bulk speed-up over per-row indexing.
 */
/** Takes an item row out of both indexes and the queue; external content needs its old text to delete. */
const FORGET_OLD_ROW = `
  INSERT INTO items_fts (items_fts, rowid, title, body_text, pinyin)
    SELECT 'delete', fts_rowid, title, body_text, pinyin FROM search_text WHERE row_id = old.row_id;
  DELETE FROM items_chars WHERE rowid = (SELECT fts_rowid FROM search_text WHERE row_id = old.row_id);
  DELETE FROM search_text WHERE row_id = old.row_id;
  DELETE FROM search_pending WHERE row_id = old.row_id;`;

export const migration003: Migration = {
  version: 3,
  name: 'search over folded text',
  up(db) {
    db.exec(`
      DROP TRIGGER items_fts_insert;
      DROP TRIGGER items_fts_delete;
      DROP TRIGGER items_fts_update;
      DROP TABLE items_fts;

      CREATE TABLE search_text (
        fts_rowid INTEGER PRIMARY KEY,
        row_id INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body_text TEXT NOT NULL,
        pinyin TEXT NOT NULL
      );
      CREATE TABLE search_pending (row_id INTEGER PRIMARY KEY);

      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, body_text, pinyin, content='search_text', content_rowid='fts_rowid',
        tokenize='trigram case_sensitive 1'
      );
      CREATE VIRTUAL TABLE items_chars USING fts5(
        title, pinyin, content='', contentless_delete=1, tokenize='ascii'
      );
      INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', 33554432);
      INSERT INTO items_chars (items_chars, rank) VALUES ('hashsize', 33554432);

      CREATE TRIGGER search_queue AFTER INSERT ON items BEGIN
        INSERT INTO search_pending (row_id) VALUES (new.row_id);
      END;
      CREATE TRIGGER search_forget AFTER DELETE ON items BEGIN
        ${FORGET_OLD_ROW}
      END;
      CREATE TRIGGER search_requeue AFTER UPDATE OF row_id, title, body_text, published_at ON items BEGIN
        ${FORGET_OLD_ROW}
        INSERT INTO search_pending (row_id) VALUES (new.row_id);
      END;

      INSERT INTO search_pending (row_id) SELECT row_id FROM items;
    `);
  },
};
