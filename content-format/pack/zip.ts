import { manifestBlobRefs, type BlobRef } from '../../common/pack.js';
import { ArchiveError, openSafeZip, type SafeZip, type ZipLimits } from '../zip/safeZip.js';
import { MAX_PACK_JSON_BYTES, PackError, parsePackManifest, type PackSource } from './manifest.js';

export interface PackZipLimits extends ZipLimits {
  maxManifestBytes: number;
}

export const DEFAULT_PACK_ZIP_LIMITS: PackZipLimits = {
  // A pack may carry a season of video on one stick: the archive and entry sizes are bounded by the
  // disk, and what guards the board is the inflated total and the bomb ratio.
  maxArchiveBytes: 64 * 1024 ** 3,
  maxEntries: 500_000,
  maxEntryBytes: 16 * 1024 ** 3,
  maxManifestBytes: MAX_PACK_JSON_BYTES,
  maxTotalBytes: 64 * 1024 ** 3,
  // Article JSON compresses 3-10x and even long runs of repeated text stay far below this; bombs reach 1000x.
  maxCompressionRatio: 200,
};

const BLOB_ENTRY = /^blobs\/sha256\/([0-9a-f]{64})$/;

/** A pack may sit at the zip's root or inside one top-level folder (what "compress folder" makes). */
function packPrefix(names: Iterable<string>): string {
  const candidates: string[] = [];
  for (const name of names) {
    if (name === 'pack.json') return '';
    const match = /^([^/]+\/)pack\.json$/.exec(name);
    if (match) candidates.push(match[1] as string);
  }
  if (candidates.length === 1) return candidates[0] as string;
  if (candidates.length === 0) throw new PackError('pack zip has no pack.json');
  throw new PackError(`pack zip holds ${candidates.length} packs (${candidates.join(', ')}); carry one per zip`);
}

/** Archive faults reach the operator as pack faults, still naming the entry. */
async function* asPackErrors(chunks: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (error) {
    throw error instanceof ArchiveError ? new PackError(error.message) : error;
  }
}

function readManifest(zip: SafeZip, prefix: string, limits: PackZipLimits): Promise<Buffer> {
  const name = `${prefix}pack.json`;
  const declared = zip.sizeOf(name) as number;
  if (declared > limits.maxManifestBytes)
    throw new PackError(`pack.json is ${declared} bytes, over the ${limits.maxManifestBytes}-byte limit`);
  return zip.read(name);
}

/** Opens a pack zip for a streaming import; hostile archives are refused (content-format/zip/). */
export async function openPackZip(file: string, overrides: Partial<PackZipLimits> = {}): Promise<PackSource> {
  const limits = { ...DEFAULT_PACK_ZIP_LIMITS, ...overrides };
  let zip: SafeZip | undefined;
  try {
    zip = await openSafeZip({ file }, limits);
    const prefix = packPrefix(zip.names);
    const manifest = parsePackManifest(await readManifest(zip, prefix, limits));
    const blobEntries = new Map<string, string>();
    for (const name of zip.names) {
      const match = name.startsWith(prefix) ? BLOB_ENTRY.exec(name.slice(prefix.length)) : null;
      if (match) blobEntries.set(match[1] as string, name);
    }
    for (const ref of manifestBlobRefs(manifest)) {
      const name = blobEntries.get(ref.sha256);
      if (!name) throw new PackError(`blob ${ref.sha256} is missing`);
      const declared = zip.sizeOf(name);
      if (declared !== ref.size)
        throw new PackError(`blob ${ref.sha256} has ${declared} bytes, the manifest says ${ref.size}`);
    }
    const open = zip;
    return {
      manifest,
      openBlob: async (ref: BlobRef) => {
        const name = blobEntries.get(ref.sha256);
        if (!name) throw new PackError(`blob ${ref.sha256} is missing`);
        return asPackErrors(open.stream(name, ref.size));
      },
      close: async () => open.close(),
    };
  } catch (error) {
    zip?.close();
    throw error instanceof ArchiveError ? new PackError(error.message) : error;
  }
}
