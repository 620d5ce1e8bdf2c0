import type { Database, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import type { BlobRef } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { referencedBlobs } from './references.js';

/** Blobs up to this size are read in one call: far cheaper than a stream for the small files most blobs are. */
const READ_WHOLE_BYTES = 4 * 1024 * 1024;

async function hashOnDisk(file: string, size: number): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    if (size <= READ_WHOLE_BYTES) hash.update(readFileSync(file));
    else for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/**
 * Re-hashes stored blobs a slice at a time, in hash order, wrapping around, so damage on disk (a
 * flipped bit, a truncated file) is found without a full pass in any one round. A damaged file is
 * deleted at once, so nothing can show it; published content that needs it gets it back from the
 * next download, and a damaged blob nothing needs is simply forgotten.
 */
export class BlobScrubber {
  private cursor = '';
  private readonly slice: Statement;
  private readonly forget: Statement;

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
  ) {
    this.slice = db.prepare('SELECT sha256, size, media_type FROM blobs WHERE sha256 > ? ORDER BY sha256 LIMIT ?');
    this.forget = db.prepare('DELETE FROM blobs WHERE sha256 = ?');
  }

  /**
   * Checks at most `maxBlobs` blobs and about `maxBytes` of them (always at least one); returns the
   * referenced blobs that are now missing.
   */
  async step(maxBytes: number, maxBlobs: number): Promise<BlobRef[]> {
    if (maxBytes <= 0 || maxBlobs <= 0) return [];
    const rows = this.slice.all(this.cursor, maxBlobs) as { sha256: string; size: number; media_type: string }[];
    const lost: BlobRef[] = [];
    let checked = 0;
    let reachedEnd = rows.length < maxBlobs;
    for (const [index, row] of rows.entries()) {
      this.cursor = row.sha256;
      if ((await hashOnDisk(this.blobs.pathOf(row.sha256), row.size)) !== row.sha256) {
        this.blobs.remove(row.sha256);
        lost.push({ sha256: row.sha256, size: row.size, mediaType: row.media_type });
      }
      checked += row.size;
      if (checked >= maxBytes) {
        reachedEnd &&= index === rows.length - 1;
        break;
      }
    }
    if (reachedEnd) this.cursor = '';
    if (lost.length === 0) return [];
    const referenced = referencedBlobs(this.db);
    for (const ref of lost) if (!referenced.has(ref.sha256)) this.forget.run(ref.sha256);
    return lost.filter((ref) => referenced.has(ref.sha256));
  }
}
