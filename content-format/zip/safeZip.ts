import path from 'node:path';
import yauzl, { type Entry, type Options, type ZipFile } from 'yauzl';

/**
 * Bounds for reading an archive someone else made: a pack on a USB stick, an EPUB from a
 * publisher. Declared sizes are checked up front and bytes are counted again while inflating,
 * because a hostile archive can lie in its headers.
 */
export interface ZipLimits {
  /** Bytes of the archive itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of the whole archive, declared and as read. */
  maxTotalBytes: number;
  /** Declared inflated/compressed ratio above which an entry is taken for a bomb. */
  maxCompressionRatio: number;
}

/** Ratios of small entries say nothing: a 1 MB run of spaces compresses 1000x and harms no one. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const YAUZL_OPTIONS: Options = { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true };

export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export interface SafeZip {
  /** Names of the file entries, exactly as stored (folders are left out). */
  readonly names: ReadonlySet<string>;
  /** The inflated size an entry declares (checked again while it is read). */
  sizeOf(name: string): number | undefined;
  /** Streams one entry, counting bytes against `cap`, its own limits and the archive's total. */
  stream(name: string, cap?: number): AsyncGenerator<Uint8Array>;
  /** Inflates one entry into memory, with the same counting as `stream`. */
  read(name: string): Promise<Buffer>;
  close(): void;
}

/** Where a zip comes from: bytes already in memory, or a file streamed from disk. */
export type ZipSource = { bytes: Uint8Array } | { file: string };

function checkEntry(entry: Entry, limits: ZipLimits): void {
  const name = entry.fileName;
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (type === S_IFLNK)
    throw new ArchiveError(`zip entry ${name} is a symbolic link; archives may hold only regular files`);
  // Archivers that record no Unix mode (type 0) make ordinary files and folders.
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
    throw new ArchiveError(`zip entry ${name} is not a regular file`);
  if (entry.isEncrypted()) throw new ArchiveError(`zip entry ${name} is encrypted`);
  if (!entry.canDecodeFileData())
    throw new ArchiveError(`zip entry ${name} uses unsupported compression method ${entry.compressionMethod}`);
  if (entry.uncompressedSize > limits.maxEntryBytes)
    throw new ArchiveError(
      `zip entry ${name} inflates to ${entry.uncompressedSize} bytes, over the ${limits.maxEntryBytes}-byte limit`,
    );
  if (entry.uncompressedSize > Math.max(RATIO_FLOOR_BYTES, entry.compressedSize * limits.maxCompressionRatio))
    throw new ArchiveError(
      `zip entry ${name} claims ${entry.uncompressedSize} bytes from ${entry.compressedSize}, ` +
        `over the ${limits.maxCompressionRatio}:1 limit (a decompression bomb)`,
    );
}

async function indexEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries)
    throw new ArchiveError(`zip has ${zip.entryCount} entries, over the ${limits.maxEntries}-entry limit`);
  const entries = new Map<string, Entry>();
  let declaredTotal = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      checkEntry(entry, limits);
      if (entries.has(entry.fileName)) throw new ArchiveError(`zip entry ${entry.fileName} appears twice`);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes)
        throw new ArchiveError(`zip inflates to over ${limits.maxTotalBytes} bytes in total, over the limit`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    // yauzl refuses absolute paths, "..", backslashes and malformed records here, naming the entry.
    throw new ArchiveError(`unsafe or unreadable zip entry: ${(error as Error).message}`);
  }
  return entries;
}

async function openYauzl(source: ZipSource, limits: ZipLimits): Promise<ZipFile> {
  const what = 'file' in source ? path.basename(source.file) : 'the archive';
  try {
    if ('bytes' in source) {
      if (source.bytes.length > limits.maxArchiveBytes)
        throw new ArchiveError(`zip is ${source.bytes.length} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
      const buffer = Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length);
      return await yauzl.fromBufferPromise(buffer, YAUZL_OPTIONS);
    }
    const zip = await yauzl.openPromise(source.file, YAUZL_OPTIONS);
    if (zip.fileSize > limits.maxArchiveBytes) {
      zip.close();
      throw new ArchiveError(`zip is ${zip.fileSize} bytes, over the ${limits.maxArchiveBytes}-byte limit`);
    }
    return zip;
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`${what} is not a readable zip archive: ${(error as Error).message}`);
  }
}

/**
 * Opens a zip for reading by entry name. Nothing is ever extracted to a path: entries are only
 * streamed to the caller, so no name inside the archive can choose where anything is written.
 */
export async function openSafeZip(source: ZipSource, limits: ZipLimits): Promise<SafeZip> {
  const zip = await openYauzl(source, limits);
  let entries: Map<string, Entry>;
  try {
    entries = await indexEntries(zip, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
  let inflatedTotal = 0;

  async function* stream(name: string, cap = Infinity): AsyncGenerator<Uint8Array> {
    const entry = entries.get(name);
    if (!entry) throw new ArchiveError(`zip has no entry ${name}`);
    const entryCap = Math.min(cap, entry.uncompressedSize, limits.maxEntryBytes);
    let size = 0;
    let inflating;
    try {
      inflating = await zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new ArchiveError(`zip entry ${name} cannot be read: ${(error as Error).message}`);
    }
    try {
      for await (const chunk of inflating as AsyncIterable<Buffer>) {
        size += chunk.length;
        inflatedTotal += chunk.length;
        if (size > entryCap)
          throw new ArchiveError(`zip entry ${name} inflates past ${entryCap} bytes, more than it declared or may`);
        if (inflatedTotal > limits.maxTotalBytes)
          throw new ArchiveError(`zip inflates past ${limits.maxTotalBytes} bytes in total, over the limit`);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      throw new ArchiveError(`zip entry ${name} cannot be inflated: ${(error as Error).message}`);
    } finally {
      inflating.destroy();
    }
  }

  async function read(name: string): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream(name)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  return {
    names: new Set(entries.keys()),
    sizeOf: (name) => entries.get(name)?.uncompressedSize,
    stream,
    read,
    close: () => zip.close(),
  };
}
