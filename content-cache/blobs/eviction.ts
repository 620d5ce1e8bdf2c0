import type { Database } from 'better-sqlite3';
import type { Dirent } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { PARTIAL_SUFFIX } from './blobFile.js';
import { referencedBlobs } from './references.js';

export interface BlobBudget {
  budgetBytes: number;
  /** Blobs to keep besides those published content references (a version still downloading, say). */
  keep: ReadonlySet<string>;
  now: Date;
  /** Partial downloads and temporary files untouched this long are deleted. */
  staleAfterMs: number;
}

export interface EvictionReport {
  /** Bytes of blobs and partial downloads left on disk. */
  storedBytes: number;
  evicted: number;
  evictedBytes: number;
  /** Stale partial downloads and temporary files deleted. */
  reclaimed: number;
  /** How far the blobs that must stay exceed the budget; they stay regardless. */
  overBudgetBytes: number;
}

interface StoredBlob {
  sha256: string;
  size: number;
  lastUsedMs: number;
}

const BLOB_NAME = /^[0-9a-f]{62}$/;
const TEMP_NAME = /\.(tmp|import)-\d+$/;

async function entriesOf(folder: string): Promise<Dirent[]> {
  return readdir(folder, { withFileTypes: true }).catch(() => []);
}

/**
 * Keeps the blob cache under its byte budget: blobs no published content references (and not in
 * `keep`) are evicted least recently used first, where "used" is the last publish that included
 * them (the blobs table) or, for a blob no version has used yet, its file's age. Blobs the
 * published versions of every origin reference are never touched, even over budget. Partial
 * downloads and temporary files of crashed writers are reclaimed once stale.
 */
export async function enforceBlobBudget(db: Database, blobs: BlobStore, budget: BlobBudget): Promise<EvictionReport> {
  const lastUsed = new Map(
    (db.prepare('SELECT sha256, last_used_at FROM blobs').all() as { sha256: string; last_used_at: string }[]).map(
      (row) => [row.sha256, Date.parse(row.last_used_at)],
    ),
  );
  const stored: StoredBlob[] = [];
  let storedBytes = 0;
  let reclaimed = 0;
  for (const shard of await entriesOf(blobs.root)) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    const folder = path.join(blobs.root, shard.name);
    for (const entry of await entriesOf(folder)) {
      if (!entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      const info = await stat(file).catch(() => null);
      if (!info) continue;
      if (BLOB_NAME.test(entry.name)) {
        const sha256 = shard.name + entry.name;
        stored.push({ sha256, size: info.size, lastUsedMs: lastUsed.get(sha256) ?? info.mtimeMs });
        storedBytes += info.size;
      } else if (entry.name.endsWith(PARTIAL_SUFFIX) || TEMP_NAME.test(entry.name)) {
        if (budget.now.getTime() - info.mtimeMs > budget.staleAfterMs) {
          await unlink(file).catch(() => {});
          reclaimed += 1;
        } else {
          storedBytes += info.size;
        }
      }
    }
  }
  let evicted = 0;
  let evictedBytes = 0;
  if (storedBytes > budget.budgetBytes) {
    const referenced = referencedBlobs(db);
    const forget = db.prepare('DELETE FROM blobs WHERE sha256 = ?');
    const candidates = stored
      .filter((blob) => !referenced.has(blob.sha256) && !budget.keep.has(blob.sha256))
      .sort((a, b) => a.lastUsedMs - b.lastUsedMs);
    for (const blob of candidates) {
      if (storedBytes <= budget.budgetBytes) break;
      blobs.remove(blob.sha256);
      forget.run(blob.sha256);
      storedBytes -= blob.size;
      evicted += 1;
      evictedBytes += blob.size;
    }
  }
  return {
    storedBytes,
    evicted,
    evictedBytes,
    reclaimed,
    overBudgetBytes: Math.max(0, storedBytes - budget.budgetBytes),
  };
}
