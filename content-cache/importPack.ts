import { manifestBlobRefs, type PackManifest } from '../common/pack.js';
import { BlobIntegrityError, type BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { openPackDir } from '../content-format/pack/directory.js';
import { PackError, type PackSource } from '../content-format/pack/manifest.js';
import { openPackZip, type PackZipLimits } from '../content-format/pack/zip.js';
import { storeBlobStream } from './blobs/blobFile.js';
import { PACK_ORIGIN, type ContentWriter, type PublishEntry } from './contentWriter.js';
import { entriesFromBlobs } from './sync/publishEntries.js';

export interface ImportResult {
  version: string;
  items: number;
  blobsAdded: number;
}

/** A body that is not what its kind requires is the pack's fault, and the operator should hear it as such. */
function packEntries(manifest: PackManifest, blobs: BlobStore): PublishEntry[] {
  try {
    return entriesFromBlobs(manifest.items, blobs);
  } catch (error) {
    throw error instanceof PackError ? error : new PackError((error as Error).message);
  }
}

/**
 * Every blob is streamed into the store and verified before the one transaction that publishes the
 * source as `origin`. A bad source leaves the published content untouched and takes back the blobs
 * it brought (should a sync have published one of them meanwhile, the sync's scrubber finds it
 * missing and fetches it again). Packs, and every other ingested source once converted into a
 * pack in memory (content-cache/ingest/), come through here.
 */
export async function importSource(
  source: PackSource,
  origin: string,
  writer: ContentWriter,
  blobs: BlobStore,
): Promise<ImportResult> {
  const added: string[] = [];
  try {
    for (const ref of manifestBlobRefs(source.manifest)) {
      if (blobs.has(ref.sha256)) continue;
      await storeBlobStream(blobs, ref, await source.openBlob(ref)).catch((error: unknown) => {
        throw error instanceof BlobIntegrityError ? new PackError(error.message) : error;
      });
      added.push(ref.sha256);
    }
    writer.publish(origin, source.manifest.version, packEntries(source.manifest, blobs));
  } catch (error) {
    for (const sha256 of added) blobs.remove(sha256);
    throw error;
  } finally {
    await source.close();
  }
  return { version: source.manifest.version, items: source.manifest.items.length, blobsAdded: added.length };
}

/** Provisions content from a pack folder (a USB stick, say). */
export async function importPackDir(packDir: string, writer: ContentWriter, blobs: BlobStore): Promise<ImportResult> {
  return importSource(await openPackDir(packDir), PACK_ORIGIN, writer, blobs);
}

/** Provisions content from a pack zip; hostile archives are refused before anything is published. */
export async function importPackZip(
  zipFile: string,
  writer: ContentWriter,
  blobs: BlobStore,
  limits: Partial<PackZipLimits> = {},
): Promise<ImportResult> {
  return importSource(await openPackZip(zipFile, limits), PACK_ORIGIN, writer, blobs);
}
