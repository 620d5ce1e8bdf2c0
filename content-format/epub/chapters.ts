import { z } from 'zod';
import { bookChapterSchema, type BookChapter } from '../../common/kinds/book.js';
import { sanitizeArticleHtml } from '../sanitize/articleHtml.js';
import type { BookImages } from './images.js';
import { decodeXmlBytes } from './xml.js';
import { parseXhtml, serializePieces } from './xhtml.js';

/** Pieces are paragraphs or, when a wrapper is smaller than this, whole sections. */
const MAX_PIECE_CHARS = 100_000;
/**
 * Markup per chapter part before sanitizing. A passerby reads one part at a time, and a part must
 * fit the chapter schema (2 MB of HTML, 2,000 paragraphs); parts that still do not fit are halved.
 */
const MAX_PART_CHARS = 300_000;
const MAX_TITLE_CHARS = 480;

function groupPieces(pieces: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (current.length > 0 && size + piece.length > MAX_PART_CHARS) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(piece);
    size += piece.length;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

export interface ChapterDocument {
  /** The zip entry of the spine document. */
  entry: string;
  bytes: Buffer;
  /** From the table of contents, when it names this document. */
  tocTitle: string | undefined;
  /** Used when neither the table of contents nor the document has a title. */
  fallbackTitle: string;
}

/**
 * One spine document as sanitized chapter parts: usually one, more when the document is too
 * large to read (or ship) as one page. Parts with neither text nor pictures are left out.
 */
export async function convertChapter(
  doc: ChapterDocument,
  images: BookImages,
  warn: (message: string) => void,
): Promise<BookChapter[]> {
  const xhtml = parseXhtml(decodeXmlBytes(doc.bytes));
  const mapImage = await images.mapperFor(doc.entry, xhtml.imageSources);
  const pieces = serializePieces(xhtml.content, doc.entry, mapImage, MAX_PIECE_CHARS);
  const title = (doc.tocTitle || xhtml.title || doc.fallbackTitle).slice(0, MAX_TITLE_CHARS);
  const parts: Omit<BookChapter, 'title'>[] = [];

  const build = (group: string[]) => {
    const sanitized = sanitizeArticleHtml(group.join(''));
    const { html, images: shown } = images.finalize(sanitized.html);
    const part = { paragraphs: sanitized.paragraphs, ...(html ? { html } : {}), images: shown };
    const checked = bookChapterSchema.omit({ title: true }).safeParse(part);
    if (checked.success) {
      if (part.paragraphs.length > 0 || part.images.length > 0) parts.push(checked.data);
    } else if (group.length > 1) {
      const middle = Math.ceil(group.length / 2);
      build(group.slice(0, middle));
      build(group.slice(middle));
    } else {
      warn(`part of ${doc.entry} dropped: ${z.prettifyError(checked.error)}`);
    }
  };
  for (const group of groupPieces(pieces)) build(group);

  return parts.map((part, index) => ({ ...part, title: index === 0 ? title : `${title} (${index + 1})` }));
}
