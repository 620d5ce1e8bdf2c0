import type { Database } from 'better-sqlite3';
import { BlobIntegrityError, type BlobStore } from '../content-format/blobs/fsBlobStore.js';

/**
 * Checks what an operator or a test needs to trust a board's cache: SQLite's own integrity check,
 * the full-text index against its content, and every published item's body blob on disk.
 * Returns one line per fault; an empty list means clean.
 */
export function verifyContentCache(db: Database, blobs: BlobStore): string[] {
  const faults: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) if (row.integrity_check !== 'ok') faults.push(`sqlite: ${row.integrity_check}`);
  try {
    db.prepare("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (error) {
    faults.push(`search index: ${(error as Error).message}`);
  }
  const bodies = db.prepare('SELECT DISTINCT body_sha256 FROM items').pluck().all() as string[];
  for (const sha256 of bodies) {
    try {
      blobs.get(sha256);
    } catch (error) {
      faults.push(
        error instanceof BlobIntegrityError ? error.message : `blob ${sha256} referenced by published items is missing`,
      );
    }
  }
  const unrecorded = db
    .prepare('SELECT DISTINCT body_sha256 FROM items WHERE body_sha256 NOT IN (SELECT sha256 FROM blobs)')
    .pluck()
    .all() as string[];
  for (const sha256 of unrecorded) faults.push(`blob ${sha256} is used by items but not recorded in the blob table`);
  return faults;
}
