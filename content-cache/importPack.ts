import { readPackBlob, readPackManifest } from '../content-format/pack/directory.js';
import type { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { PACK_ORIGIN, type ContentWriter } from './contentWriter.js';
import { entriesFromBlobs } from './sync/publishEntries.js';

export interface ImportResult {
  version: string;
  items: number;
  blobsAdded: number;
}

/**
 * Provisions content from a pack directory (a USB stick, say). Every blob is verified before the
 * one transaction that publishes the pack; a bad pack leaves the published content untouched.
 */
export async function importPackDir(packDir: string, writer: ContentWriter, blobs: BlobStore): Promise<ImportResult> {
  const manifest = await readPackManifest(packDir);
  let blobsAdded = 0;
  for (const ref of new Map(manifest.items.map((item) => [item.body.sha256, item.body])).values()) {
    if (blobs.has(ref.sha256)) continue;
    blobs.put(ref.sha256, await readPackBlob(packDir, ref));
    blobsAdded += 1;
  }
  writer.publish(PACK_ORIGIN, manifest.version, entriesFromBlobs(manifest.items, blobs));
  return { version: manifest.version, items: manifest.items.length, blobsAdded };
}
