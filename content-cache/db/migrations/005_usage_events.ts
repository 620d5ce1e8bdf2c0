import type { Migration } from './types.js';

/**
 * What passersby did (an article opened, a quiz finished), queued on the board until the fleet
 * report takes it. Rows are marked sent rather than deleted at once, so a report that fails after
 * the server stored it can be retried without counting twice (the report carries the ids).
 */
export const migration005: Migration = {
  version: 5,
  name: 'usage events',
  up(db) {
    db.exec(`
      CREATE TABLE usage_events (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        item_id TEXT,
        at TEXT NOT NULL,
        payload_json TEXT NOT NULL DEFAULT '{}',
        sent INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
      );
      -- The reporter reads the oldest unsent events; sent ones stay out of this index.
      CREATE INDEX usage_events_unsent ON usage_events (id) WHERE sent = 0;
    `);
  },
};
