import type { Migration } from './types.js';

/**
 * Items hold exactly the published content of each origin (the fleet, or the provisioned pack):
 * a publish replaces an origin's rows in one transaction, so readers never see half a version.
 * The same item id may exist in two origins; readers show the most recently published row, and
 * when one origin drops it the other's copy shows again. An explicit INTEGER PRIMARY KEY keeps
 * rowids stable across VACUUM, which the search index relies on.
 */
export const migration001: Migration = {
  version: 1,
  name: 'content',
  up(db) {
    db.exec(`
      CREATE TABLE content_versions (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        version TEXT NOT NULL,
        published_at TEXT NOT NULL,
        item_count INTEGER NOT NULL
      );
      CREATE INDEX content_versions_origin ON content_versions (origin, id DESC);

      CREATE TABLE items (
        row_id INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        origin TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        section TEXT NOT NULL,
        language TEXT NOT NULL,
        published_at TEXT NOT NULL,
        summary TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        body_json TEXT NOT NULL,
        body_text TEXT NOT NULL,
        UNIQUE (origin, id)
      );
      CREATE INDEX items_home ON items (published_at DESC, id);
      CREATE INDEX items_id ON items (id, row_id);

      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        last_used_at TEXT NOT NULL
      );

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
