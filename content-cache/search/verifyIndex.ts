import type { Database } from 'better-sqlite3';

/**
 * What `newsboard verify` can check of search beyond SQLite's own integrity check: both indexes
 * against FTS5's checks (the trigram index also against the folded text it indexes), and every item
 * either indexed or queued, with no folded text left of a deleted item. One line per fault.
 */
export function searchIndexFaults(db: Database): string[] {
  const faults: string[] = [];
  for (const table of ['items_fts', 'items_chars']) {
    try {
      db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (error) {
      faults.push(`search index ${table}: ${(error as Error).message}`);
    }
  }
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const unindexed = count(`SELECT count(*) FROM items WHERE row_id NOT IN (SELECT row_id FROM search_text)
    AND row_id NOT IN (SELECT row_id FROM search_pending)`);
  if (unindexed > 0) faults.push(`search index: ${unindexed} item(s) neither indexed nor queued`);
  const orphans = count('SELECT count(*) FROM search_text WHERE row_id NOT IN (SELECT row_id FROM items)');
  if (orphans > 0) faults.push(`search index: ${orphans} indexed text(s) of deleted items`);
  return faults;
}
