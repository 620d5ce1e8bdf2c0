import { open } from 'node:fs/promises';
import path from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { IngestError } from './errors.js';
import type { TextKind } from './textArticle.js';

/** What a file holds, judged from its bytes; feeds and text are told apart later, by parsing. */
export type FileKind = 'pack-zip' | 'epub' | 'pdf' | 'other';

const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
/** PDF readers accept the header anywhere in the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;
const EPUB_MIMETYPE = 'application/epub+zip';

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readSmallEntry(zip: ZipFile, entry: Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('latin1').trim();
}

/**
 * A zip is an EPUB when its mimetype entry says so (or, as many tools omit that entry, when it has
 * an OCF container and no pack.json), and a pack when it holds pack.json at its root or in one
 * top-level folder. Only names are listed here; the pack or EPUB reader then refuses hostile entries.
 */
async function zipKind(file: string): Promise<'pack-zip' | 'epub'> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    throw new IngestError(`not a readable zip archive: ${(error as Error).message}`);
  }
  try {
    let pack = false;
    let container = false;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name === 'mimetype' && entry.uncompressedSize <= 100 && !entry.isEncrypted()) {
        if ((await readSmallEntry(zip, entry)) === EPUB_MIMETYPE) return 'epub';
      }
      pack ||= /^(?:[^/]+\/)?pack\.json$/.test(name);
      container ||= name === 'META-INF/container.xml';
    }
    if (pack) return 'pack-zip';
    if (container) return 'epub';
    throw new IngestError('a zip that is neither a content pack (no pack.json) nor an EPUB');
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(`an unsafe or unreadable zip archive: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}

/** The kind of a non-empty regular file, from its first bytes (and a zip's entry names). */
export async function fileKind(file: string): Promise<FileKind> {
  const head = await readHead(file, PDF_HEADER_WINDOW);
  if (ZIP_SIGNATURES.some((signature) => head.subarray(0, 4).equals(signature))) return zipKind(file);
  if (head.includes('%PDF-')) return 'pdf';
  return 'other';
}

const TEXT_EXTENSIONS: Readonly<Record<string, TextKind>> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/** Text that is not a feed is an article only when its name says which kind of text it is. */
export function textKindOf(file: string): TextKind | undefined {
  return TEXT_EXTENSIONS[path.extname(file).toLowerCase()];
}
