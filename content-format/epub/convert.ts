import { z } from 'zod';
import type { BlobRef, ImageRef, Language } from '../../common/kinds/base.js';
import {
  BOOK_CHAPTER_MEDIA_TYPE,
  bookBodySchema,
  type BookBody,
  type BookChapter,
  type BookPackFields,
  type BookTocEntry,
} from '../../common/kinds/book.js';
import { sha256Hex } from '../hash.js';
import { declaredLanguage, detectLanguage } from '../feeds/language.js';
import { sanitizeArticleHtml } from '../sanitize/articleHtml.js';
import { convertChapter } from './chapters.js';
import { EpubError } from './errors.js';
import { BookImages, DEFAULT_IMAGE_LIMITS, type ImageLimits } from './images.js';
import { CONTAINER_PATH, parseContainer, parsePackage, type EpubPackage } from './opf.js';
import { ArchiveError, openSafeZip, type SafeZip, type ZipLimits } from '../zip/safeZip.js';
import { parseToc, tocItemOf, type TocEntry } from './toc.js';
import { decodeXmlBytes } from './xml.js';

export type EpubLimits = ZipLimits & ImageLimits & { maxChapterBytes: number };
export const DEFAULT_EPUB_LIMITS: EpubLimits = {
  maxArchiveBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
  // Text compresses ~3-10x and even long runs of markup rarely pass 50x; bombs reach 1000x.
  maxCompressionRatio: 200,
  ...DEFAULT_IMAGE_LIMITS,
  // A whole novel in one XHTML file is about 5 MB; parsing takes ~10× its size in memory, which a
  // board importing from USB must be able to spare.
  maxChapterBytes: 16 * 1024 * 1024,
};

const XHTML_TYPES = new Set(['application/xhtml+xml', 'text/html']);

const SUMMARY_CHARS = 300;

export interface ConvertEpubOptions {
  limits?: Partial<EpubLimits>;
  /** The title when the package names none (the file name, say). */
  fallbackTitle?: string;
}

/** A converted book: what its pack item, body blob and media blobs are made of. */
export interface ConvertedBook {
  /** Stable across re-ingests of the same book: derived from its dc:identifier (or its bytes when it has none). */
  id: string;
  title: string;
  language: Language;
  /** ISO 8601 date from dc:date, when the package has a usable one. */
  publishedAt: string | undefined;
  summary: string;
  fields: BookPackFields;
  body: BookBody;
  /** Every blob the body and fields reference (chapters and images), with what a manifest lists for each. */
  media: BlobRef[];
  blobs: Map<string, Buffer>;
  /** What was left out and why (remote or broken images, unreadable chapters), for the operator. */
  warnings: string[];
}

async function readText(zip: SafeZip, entry: string, what: string): Promise<string> {
  if (!zip.names.has(entry)) throw new EpubError(`${what} ${entry} is missing from the EPUB`);
  return decodeXmlBytes(await zip.read(entry));
}

async function checkMimetype(zip: SafeZip): Promise<void> {
  // Optional in practice (many tools omit it), wrong when present and not EPUB.
  if (!zip.names.has('mimetype')) return;
  const mimetype = (await zip.read('mimetype')).toString('latin1').trim();
  if (mimetype !== 'application/epub+zip') throw new EpubError(`not an EPUB: its mimetype is "${mimetype}"`);
}

async function readToc(zip: SafeZip, pkg: EpubPackage, warn: (m: string) => void): Promise<Map<string, TocEntry>> {
  const toc = tocItemOf(pkg);
  if (!toc || !zip.names.has(toc.item.entry)) return new Map();
  try {
    return parseToc(decodeXmlBytes(await zip.read(toc.item.entry)), toc.item.entry, toc.format);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    warn(
      `table of contents ${toc.item.entry} unreadable (${(error as Error).message}); chapter titles come from the chapters`,
    );
    return new Map();
  }
}

/** "2019", "2019-03" and "2019-03-08T…" become dates a list can sort; anything else is dropped. */
function isoDateOf(value: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (!match) return undefined;
  const date = `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}`;
  return z.iso.date().safeParse(date).success ? date : undefined;
}

interface ChapterEntry {
  chapter: BookChapter;
  depth: number;
}

interface SpineContext {
  zip: SafeZip;
  pkg: EpubPackage;
  toc: Map<string, TocEntry>;
  images: BookImages;
  cover: ImageRef | undefined;
  maxChapterBytes: number;
  warn: (message: string) => void;
}

async function convertSpine(context: SpineContext): Promise<ChapterEntry[]> {
  const { zip, pkg, toc, images, cover, maxChapterBytes, warn } = context;
  const chapters: ChapterEntry[] = [];
  for (const [index, idref] of pkg.spine.entries()) {
    const item = pkg.manifest.get(idref);
    if (!item || !zip.names.has(item.entry)) {
      warn(`spine item ${idref} skipped: ${item ? `${item.entry} is missing from the EPUB` : 'not in the manifest'}`);
      continue;
    }
    if (!XHTML_TYPES.has(item.mediaType)) {
      warn(`spine item ${item.entry} skipped: ${item.mediaType || 'no media type'} is not XHTML`);
      continue;
    }
    const size = zip.sizeOf(item.entry) ?? 0;
    if (size > maxChapterBytes) {
      warn(`chapter ${item.entry} skipped: ${size} bytes is over the ${maxChapterBytes}-byte chapter limit`);
      continue;
    }
    const tocEntry = toc.get(item.entry);
    let parts: BookChapter[];
    try {
      const bytes = await zip.read(item.entry);
      parts = await convertChapter(
        { entry: item.entry, bytes, tocTitle: tocEntry?.title, fallbackTitle: String(index + 1) },
        images,
        warn,
      );
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      warn(`chapter ${item.entry} skipped: ${(error as Error).message}`);
      continue;
    }
    // The cover page repeats the cover the list already shows.
    const coverPage =
      parts.length === 1 &&
      parts[0]?.paragraphs.length === 0 &&
      parts[0].images.every((i) => i.sha256 === cover?.sha256);
    if (coverPage) continue;
    for (const chapter of parts) chapters.push({ chapter, depth: tocEntry?.depth ?? 0 });
  }
  return chapters;
}

/**
 * Chapters become JSON blobs; images become blobs only when a chapter or the cover shows them
 * (an image whose only chapter part was dropped is not shipped to every board for nothing).
 */
function packChapters(
  chapters: ChapterEntry[],
  images: BookImages,
  cover: ImageRef | undefined,
): { entries: BookTocEntry[]; blobs: Map<string, Buffer>; media: BlobRef[] } {
  const blobs = new Map<string, Buffer>();
  const media: BlobRef[] = [];
  const add = (sha256: string, bytes: Buffer, mediaType: string) => {
    if (blobs.has(sha256)) return;
    blobs.set(sha256, bytes);
    media.push({ sha256, size: bytes.length, mediaType });
  };
  for (const image of [...(cover ? [cover] : []), ...chapters.flatMap(({ chapter }) => chapter.images)]) {
    const bytes = images.blobs.get(image.sha256);
    if (bytes) add(image.sha256, bytes, images.mediaTypeOf(image.sha256) ?? 'application/octet-stream');
  }
  const entries = chapters.map(({ chapter, depth }, index) => {
    const bytes = Buffer.from(JSON.stringify(chapter), 'utf8');
    const sha256 = sha256Hex(bytes);
    add(sha256, bytes, BOOK_CHAPTER_MEDIA_TYPE);
    return { id: `c${String(index + 1).padStart(4, '0')}`, title: chapter.title, depth, chapter: { sha256 } };
  });
  return { entries, blobs, media };
}

async function convertOpenEpub(
  zip: SafeZip,
  limits: EpubLimits,
  options: ConvertEpubOptions,
  epubBytes: Uint8Array,
): Promise<ConvertedBook> {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  await checkMimetype(zip);
  const opfEntry = parseContainer(await readText(zip, CONTAINER_PATH, 'the container file'));
  const pkg = parsePackage(await readText(zip, opfEntry, 'the package document'), opfEntry);
  const title = pkg.metadata.title || options.fallbackTitle || '';
  if (!title) throw new EpubError(`${opfEntry} names no title (dc:title)`);

  const images = new BookImages(zip, limits, warn);
  const coverItem = pkg.coverId ? pkg.manifest.get(pkg.coverId) : undefined;
  const coverImage = coverItem && zip.names.has(coverItem.entry) ? await images.fromEntry(coverItem.entry) : null;
  const cover = coverImage ? images.refOf(coverImage, title.slice(0, 500)) : undefined;

  const toc = await readToc(zip, pkg, warn);
  const chapters = await convertSpine({
    zip,
    pkg,
    toc,
    images,
    cover,
    maxChapterBytes: limits.maxChapterBytes,
    warn,
  });
  if (chapters.length === 0) throw new EpubError('the EPUB has no readable chapters');

  const { entries, blobs, media } = packChapters(chapters, images, cover);
  const description = sanitizeArticleHtml(pkg.metadata.description).paragraphs;
  const firstText = chapters
    .flatMap(({ chapter }) => chapter.paragraphs)
    .slice(0, 50)
    .join(' ');
  const language = declaredLanguage(pkg.metadata.language) ?? detectLanguage(`${title} ${firstText}`);
  const parsed = bookBodySchema.safeParse({
    ...(pkg.metadata.publisher ? { publisher: pkg.metadata.publisher.slice(0, 200) } : {}),
    description,
    chapters: entries,
  });
  if (!parsed.success) throw new EpubError(`the converted book is not valid: ${z.prettifyError(parsed.error)}`);

  return {
    id: `book-${sha256Hex(pkg.metadata.identifier ? Buffer.from(pkg.metadata.identifier, 'utf8') : epubBytes).slice(0, 24)}`,
    title: title.slice(0, 500),
    language,
    publishedAt: isoDateOf(pkg.metadata.date),
    summary: (description.join(' ') || firstText).slice(0, SUMMARY_CHARS),
    fields: {
      author: pkg.metadata.creators.join(language === 'en' ? ', ' : '、').slice(0, 200),
      ...(cover ? { cover } : {}),
    },
    body: parsed.data,
    media,
    blobs,
    warnings,
  };
}

/**
 * Converts an EPUB into a book: sanitized chapters and images as content-addressed blobs. Nothing
 * of the EPUB's script, style, forms or remote resources survives, so a board only ever shows
 * markup the ingest sanitizer allows and images the book itself carried.
 */
export async function convertEpub(bytes: Uint8Array, options: ConvertEpubOptions = {}): Promise<ConvertedBook> {
  const limits = { ...DEFAULT_EPUB_LIMITS, ...options.limits };
  let zip: SafeZip | undefined;
  try {
    zip = await openSafeZip({ bytes }, limits);
    return await convertOpenEpub(zip, limits, options, bytes);
  } catch (error) {
    throw error instanceof ArchiveError ? new EpubError(`not a safe EPUB archive: ${error.message}`) : error;
  } finally {
    zip?.close();
  }
}
