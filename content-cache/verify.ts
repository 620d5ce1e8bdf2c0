import type { Database } from 'better-sqlite3';
import { BlobIntegrityError, type BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { referencedBlobs } from './blobs/references.js';
import { searchIndexFaults } from './search/verifyIndex.js';

/**
 * Checks what an operator or a test needs to trust a board's cache: SQLite's own integrity check,
 * the full-text index against its content, and every blob published content references (bodies,
 * media, pages, chapters: any `*_sha256` column, as eviction counts them) on disk.
 * Returns one line per fault; an empty list means clean.
 */
export function verifyContentCache(db: Database, blobs: BlobStore): string[] {
  const faults: string[] = [];
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
  for (const row of integrity) if (row.integrity_check !== 'ok') faults.push(`sqlite: ${row.integrity_check}`);
  faults.push(...searchIndexFaults(db).map((fault) => `search index: ${fault}`));
  for (const sha256 of referencedBlobs(db)) {
    try {
      blobs.get(sha256);
    } catch (error) {
      faults.push(
        error instanceof BlobIntegrityError
          ? error.message
          : `blob ${sha256} referenced by published content is missing`,
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
