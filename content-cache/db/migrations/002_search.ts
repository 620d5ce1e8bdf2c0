import type { Migration } from './types.js';

/**
 * Trigram full-text index over title and body. External content keeps one copy of the text; the
 * triggers keep the index in step with every publish inside the same transaction.
 */
export const migration002: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, body_text, content='items', content_rowid='row_id', tokenize='trigram'
      );
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, title, body_text) VALUES (new.row_id, new.title, new.body_text);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, body_text) VALUES ('delete', old.row_id, old.title, old.body_text);
      END;
      CREATE TRIGGER items_fts_update AFTER UPDATE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, body_text) VALUES ('delete', old.row_id, old.title, old.body_text);
        INSERT INTO items_fts (rowid, title, body_text) VALUES (new.row_id, new.title, new.body_text);
      END;
      -- Items cached under schema 1 must be indexed too, or they are unsearchable and deleting them corrupts the index.
      INSERT INTO items_fts (items_fts) VALUES ('rebuild');
    `);
  },
};
