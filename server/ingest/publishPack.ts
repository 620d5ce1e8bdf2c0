import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import type { BuiltPack } from '../../content-format/pack/build.js';
import type { ReleaseRepository, StoredRelease } from '../db/releases.js';

/** Blobs first, release row last: a manifest is never served before every blob it names is on disk. */
export async function publishPack(
  pack: BuiltPack,
  blobs: BlobStore,
  releases: ReleaseRepository,
): Promise<StoredRelease> {
  for (const [sha256, bytes] of pack.blobs) if (!blobs.has(sha256)) blobs.put(sha256, bytes);
  const latest = await releases.latest();
  if (latest?.version === pack.manifest.version) return latest;
  return releases.publish(pack.manifest);
}
