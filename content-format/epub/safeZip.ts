import yauzl, { type Entry, type ZipFile } from 'yauzl';

/**
 * Bounds for reading an archive someone else made. Declared sizes are checked up front and the
 * bytes are counted again while inflating, because a hostile archive can lie in its headers.
 */
export interface ZipLimits {
  maxArchiveBytes: number;
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes read from the whole archive, summed over every read. */
  maxTotalBytes: number;
  /** Declared uncompressed/compressed ratio above which an entry is taken for a bomb. */
  maxCompressionRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  // Text compresses ~3-10x and even long runs of markup rarely pass 50x; bombs reach 1000x.
  maxCompressionRatio: 200,
};

/** Ratios of tiny entries say nothing (a 20 KB run of spaces compresses 500x and harms no one). */
const RATIO_CHECK_FLOOR_BYTES = 1024 * 1024;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export interface SafeZip {
  /** Names of the regular file entries, exactly as stored (directories are left out). */
  readonly names: ReadonlySet<string>;
  /** The uncompressed size an entry declares (checked again while it is read). */
  sizeOf(name: string): number | undefined;
  /** Inflates one entry, counting bytes against the entry and archive limits as they arrive. */
  read(name: string): Promise<Buffer>;
  close(): void;
}

function checkEntry(entry: Entry, limits: ZipLimits): void {
  const name = entry.fileName;
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK)
    throw new ArchiveError(`entry ${name} is a symbolic link; archives may hold only regular files`);
  // Archivers that record no Unix mode (type 0) make ordinary files and folders.
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new ArchiveError(`entry ${name} is not a regular file`);
  if (entry.isEncrypted()) throw new ArchiveError(`entry ${name} is encrypted`);
  if (!entry.canDecodeFileData())
    throw new ArchiveError(`entry ${name} uses unsupported compression method ${entry.compressionMethod}`);
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw new ArchiveError(
      `entry ${name} inflates to ${entry.uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit`,
    );
  if (
    entry.uncompressedSize > RATIO_CHECK_FLOOR_BYTES &&
    entry.uncompressedSize > entry.compressedSize * limits.maxCompressionRatio
  )
    throw new ArchiveError(
      `entry ${name} compresses ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1, ` +
        `over the ${limits.maxCompressionRatio}:1 limit (a decompression bomb)`,
    );
}

async function indexEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries)
    throw new ArchiveError(`archive has ${zip.entryCount} entries, over the ${limits.maxEntries}-entry limit`);
  const entries = new Map<string, Entry>();
  let declaredTotal = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      checkEntry(entry, limits);
      if (entries.has(entry.fileName)) throw new ArchiveError(`entry ${entry.fileName} appears twice`);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes)
        throw new ArchiveError(`archive inflates to over ${limits.maxTotalBytes} bytes in total`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    // yauzl refuses absolute paths, "..", backslashes and malformed records here, naming the entry.
    throw new ArchiveError(`unsafe or unreadable archive entry: ${(error as Error).message}`);
  }
  return entries;
}

export async function openSafeZip(bytes: Uint8Array, overrides: Partial<ZipLimits> = {}): Promise<SafeZip> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...overrides };
  if (bytes.length > limits.maxArchiveBytes)
    throw new ArchiveError(`archive is ${bytes.length} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new ArchiveError(`not a zip archive: ${(error as Error).message}`);
  }
  let entries: Map<string, Entry>;
  try {
    entries = await indexEntries(zip, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
  let readTotal = 0;

  async function read(name: string): Promise<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw new ArchiveError(`archive has no entry ${name}`);
    const cap = Math.min(entry.uncompressedSize, limits.maxEntryBytes, limits.maxTotalBytes - readTotal);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > cap) {
          stream.destroy();
          throw new ArchiveError(`entry ${name} inflates past ${cap} bytes, more than it declared or the limit allows`);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      throw new ArchiveError(`entry ${name} cannot be inflated: ${(error as Error).message}`);
    }
    readTotal += size;
    return Buffer.concat(chunks, size);
  }

  return {
    names: new Set(entries.keys()),
    sizeOf: (name) => entries.get(name)?.uncompressedSize,
    read,
    close: () => zip.close(),
  };
}
