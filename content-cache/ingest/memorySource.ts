import { z } from 'zod';
import { packFormatFor, packManifestSchema, type PackItem } from '../../common/pack.js';
import { sha256Hex } from '../../content-format/hash.js';
import { PackError, type PackSource } from '../../content-format/pack/manifest.js';

/** A converted source before import: its pack items and the bytes of the blobs they need. */
export interface ConvertedSource {
  items: PackItem[];
  blobs: ReadonlyMap<string, Buffer>;
}

/**
 * A converted source as a pack held in memory, so it goes through the same verify-then-publish
 * import as a pack on a USB stick (importSource). The version is derived from the items, as
 * buildPack's is: ingesting unchanged content yields the same version.
 */
export function memoryPackSource(converted: ConvertedSource, createdAt: Date): PackSource {
  const { items, blobs } = converted;
  const parsed = packManifestSchema.safeParse({
    format: packFormatFor(items),
    version: sha256Hex(Buffer.from(JSON.stringify(items), 'utf8')).slice(0, 16),
    createdAt: createdAt.toISOString(),
    items,
  });
  if (!parsed.success) throw new PackError(`the converted content is invalid: ${z.prettifyError(parsed.error)}`);
  return {
    manifest: parsed.data,
    async openBlob(ref) {
      const bytes = blobs.get(ref.sha256);
      // importSource skips blobs the store already holds, so only a converter's bug reaches this.
      if (!bytes) throw new PackError(`blob ${ref.sha256} was referenced but not produced`);
      return (async function* () {
        yield bytes;
      })();
    },
    close: async () => {},
  };
}
