import type { Migration } from './types.js';

/**
 * Every content kind beside the article. Items gain what lists filter and order by (priority, the
 * window in which an item is shown, the emergency flag) and their kind's list metadata as JSON.
 * Each kind's parts hang off the item row and go with it (ON DELETE CASCADE), so replacing an
 * origin's rows in one transaction replaces its editions, questions and chapters with them.
 *
 * Instants are epoch milliseconds: the pack's ISO strings carry offsets, which do not compare as
 * text. Items stored under earlier schemas are plain articles and take the defaults.
 */
export const migration004: Migration = {
  version: 4,
  name: 'content kinds',
  up(db) {
    db.exec(`
      ALTER TABLE items ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN valid_from_ms INTEGER;
      ALTER TABLE items ADD COLUMN expires_at_ms INTEGER;
      ALTER TABLE items ADD COLUMN emergency INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN meta_json TEXT NOT NULL DEFAULT '{}';

      -- Lists of one kind, highest priority first, then newest: read in index order, never sorted.
      CREATE INDEX items_kind_list ON items (kind, priority DESC, published_at DESC, id);
      -- Notices in the order a board shows them: emergencies, then priority, then the newest.
      CREATE INDEX items_notices ON items (emergency DESC, priority DESC, valid_from_ms DESC, id)
        WHERE kind = 'notice';

      -- Blobs an item uses besides its body: what must be present before a version is published
      -- and what eviction must never touch.
      CREATE TABLE item_media (
        item_row INTEGER NOT NULL REFERENCES items (row_id) ON DELETE CASCADE,
        sha256 TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (item_row, sha256)
      ) WITHOUT ROWID;
      CREATE INDEX item_media_sha256 ON item_media (sha256);

      CREATE TABLE editions (
        item_row INTEGER PRIMARY KEY REFERENCES items (row_id) ON DELETE CASCADE,
        publication_id TEXT NOT NULL,
        issue_date TEXT NOT NULL
      );
      CREATE INDEX editions_publication ON editions (publication_id, issue_date DESC);

      CREATE TABLE edition_pages (
        item_row INTEGER NOT NULL REFERENCES editions (item_row) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        label TEXT NOT NULL,
        name TEXT,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        image_sha256 TEXT,
        pdf_sha256 TEXT,
        pdf_page_index INTEGER,
        PRIMARY KEY (item_row, number),
        CHECK (image_sha256 IS NOT NULL OR pdf_sha256 IS NOT NULL)
      ) WITHOUT ROWID;

      CREATE TABLE edition_regions (
        item_row INTEGER NOT NULL,
        page_number INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        polygon_json TEXT NOT NULL,
        PRIMARY KEY (item_row, page_number, seq),
        FOREIGN KEY (item_row, page_number) REFERENCES edition_pages (item_row, number) ON DELETE CASCADE
      ) WITHOUT ROWID;
      -- From an article back to the page areas that show it.
      CREATE INDEX edition_regions_article ON edition_regions (article_id);

      CREATE TABLE quiz_questions (
        item_row INTEGER NOT NULL REFERENCES items (row_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        type TEXT NOT NULL,
        question_json TEXT NOT NULL,
        PRIMARY KEY (item_row, seq),
        UNIQUE (item_row, question_id)
      ) WITHOUT ROWID;

      CREATE TABLE quiz_question_tags (
        item_row INTEGER NOT NULL,
        tag TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (item_row, tag, seq),
        FOREIGN KEY (item_row, seq) REFERENCES quiz_questions (item_row, seq) ON DELETE CASCADE
      ) WITHOUT ROWID;

      CREATE TABLE book_chapters (
        item_row INTEGER NOT NULL REFERENCES items (row_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        chapter_id TEXT NOT NULL,
        title TEXT NOT NULL,
        depth INTEGER NOT NULL,
        body_sha256 TEXT NOT NULL,
        body_json TEXT NOT NULL,
        PRIMARY KEY (item_row, seq),
        UNIQUE (item_row, chapter_id)
      ) WITHOUT ROWID;

      CREATE TABLE study_entries (
        item_row INTEGER NOT NULL REFERENCES items (row_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        note TEXT,
        PRIMARY KEY (item_row, seq)
      ) WITHOUT ROWID;
    `);
  },
};
