import path from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { manifestBlobRefs, type BlobRef } from '../../common/pack.js';
import { MAX_PACK_JSON_BYTES, PackError, parsePackManifest, type PackSource } from './manifest.js';

/**
 * Bounds for a pack zip someone carried in. Headers are checked up front, and inflated bytes are
 * counted again while streaming, because a hostile archive can lie in its headers.
 */
export interface PackZipLimits {
  maxEntries: number;
  maxManifestBytes: number;
  /** Inflated bytes read from the whole archive, summed over every read. */
  maxTotalBytes: number;
  /** Inflated/compressed ratio above which an entry is taken for a decompression bomb. */
  maxCompressionRatio: number;
}

export const DEFAULT_PACK_ZIP_LIMITS: PackZipLimits = {
  maxEntries: 500_000,
  maxManifestBytes: MAX_PACK_JSON_BYTES,
  maxTotalBytes: 64 * 1024 ** 3,
  // Article JSON compresses 3-10x and even long runs of repeated text stay far below this; bombs reach 1000x.
  maxCompressionRatio: 200,
};

/** Ratios of small entries say nothing: a 100 KB run of spaces compresses 500x and harms no one. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const BLOB_ENTRY = /^blobs\/sha256\/([0-9a-f]{64})$/;

function checkEntry(entry: Entry): void {
  const name = entry.fileName;
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK) throw new PackError(`zip entry ${name} is a symbolic link; packs may hold only regular files`);
  // Archivers that record no Unix mode (type 0) make ordinary files and folders.
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
    throw new PackError(`zip entry ${name} is not a regular file`);
  if (entry.isEncrypted()) throw new PackError(`zip entry ${name} is encrypted`);
  if (!entry.canDecodeFileData())
    throw new PackError(`zip entry ${name} uses unsupported compression method ${entry.compressionMethod}`);
}

function ratioCap(entry: Entry, limits: PackZipLimits): number {
  return Math.max(RATIO_FLOOR_BYTES, entry.compressedSize * limits.maxCompressionRatio);
}

async function indexEntries(zip: ZipFile, limits: PackZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries)
    throw new PackError(`pack zip has ${zip.entryCount} entries, over the ${limits.maxEntries}-entry limit`);
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      checkEntry(entry);
      if (entries.has(entry.fileName)) throw new PackError(`zip entry ${entry.fileName} appears twice`);
      if (entry.uncompressedSize > ratioCap(entry, limits))
        throw new PackError(
          `zip entry ${entry.fileName} claims ${entry.uncompressedSize} bytes from ${entry.compressedSize}, ` +
            `over the ${limits.maxCompressionRatio}:1 limit (a decompression bomb)`,
        );
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof PackError) throw error;
    // yauzl refuses absolute paths, "..", backslashes and malformed records here, naming the entry.
    throw new PackError(`pack zip has an unsafe or unreadable entry: ${(error as Error).message}`);
  }
  return entries;
}

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

/**
 * Opens a pack zip for a streaming import. Nothing is extracted by name: entries are only read
 * into memory (pack.json) or streamed to the caller (blobs named by their hash), so no entry name
 * can choose where anything is written.
 */
export async function openPackZip(file: string, overrides: Partial<PackZipLimits> = {}): Promise<PackSource> {
  const limits = { ...DEFAULT_PACK_ZIP_LIMITS, ...overrides };
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw new PackError(`${path.basename(file)} is not a readable zip archive: ${(error as Error).message}`);
  }
  let inflatedTotal = 0;

  /** Streams one entry, counting inflated bytes against the entry's cap and the archive's total. */
  async function* inflate(entry: Entry, cap: number, what: string): AsyncGenerator<Uint8Array> {
    let size = 0;
    let stream;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new PackError(`${what} cannot be read from the zip: ${(error as Error).message}`);
    }
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        inflatedTotal += chunk.length;
        if (size > cap) throw new PackError(`${what} inflates past ${cap} bytes, more than its limit allows`);
        if (inflatedTotal > limits.maxTotalBytes)
          throw new PackError(`pack zip inflates past ${limits.maxTotalBytes} bytes in total, over the limit`);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof PackError) throw error;
      throw new PackError(`${what} cannot be inflated: ${(error as Error).message}`);
    } finally {
      stream.destroy();
    }
  }

  try {
    const entries = await indexEntries(zip, limits);
    const prefix = packPrefix(entries.keys());
    const manifestEntry = entries.get(`${prefix}pack.json`) as Entry;
    if (manifestEntry.uncompressedSize > limits.maxManifestBytes)
      throw new PackError(
        `pack.json is ${manifestEntry.uncompressedSize} bytes, over the ${limits.maxManifestBytes}-byte limit`,
      );
    const chunks: Uint8Array[] = [];
    const manifestCap = Math.min(limits.maxManifestBytes, ratioCap(manifestEntry, limits));
    for await (const chunk of inflate(manifestEntry, manifestCap, 'pack.json')) chunks.push(chunk);
    const manifest = parsePackManifest(Buffer.concat(chunks));

    const blobEntries = new Map<string, Entry>();
    for (const [name, entry] of entries) {
      const match = name.startsWith(prefix) ? BLOB_ENTRY.exec(name.slice(prefix.length)) : null;
      if (match) blobEntries.set(match[1] as string, entry);
    }
    let declaredTotal = inflatedTotal;
    for (const ref of manifestBlobRefs(manifest)) {
      declaredTotal += ref.size;
      if (declaredTotal > limits.maxTotalBytes)
        throw new PackError(`pack declares over ${limits.maxTotalBytes} bytes of blobs, over the limit`);
      const entry = blobEntries.get(ref.sha256);
      if (!entry) throw new PackError(`blob ${ref.sha256} is missing`);
      if (entry.uncompressedSize !== ref.size)
        throw new PackError(`blob ${ref.sha256} has ${entry.uncompressedSize} bytes, the manifest says ${ref.size}`);
    }
    return {
      manifest,
      openBlob: async (ref: BlobRef) => {
        const entry = blobEntries.get(ref.sha256);
        if (!entry) throw new PackError(`blob ${ref.sha256} is missing`);
        return inflate(entry, Math.min(ref.size, ratioCap(entry, limits)), `blob ${ref.sha256}`);
      },
      close: async () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}
