import { z } from 'zod';
import { BOOK_BODY_MEDIA_TYPE } from '../../common/kinds/book.js';
import { packItemSchema, type PackItem } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import type { ConvertedBook } from './convert.js';
import { EpubError } from './errors.js';

export interface ItemContext {
  /** Who supplied the content, as lists show it: the publisher, a library. */
  source: string;
  section: string;
  /** Used as `publishedAt` when the book carries no date. */
  ingestedAt: string;
}

/**
 * A converted book as one pack item plus every blob it needs (its body, chapters and images),
 * checked against the pack schema, so a fleet server and a kiosk's USB import publish it alike.
 */
export function bookPackItem(
  book: ConvertedBook,
  context: ItemContext,
): { item: PackItem; blobs: Map<string, Buffer> } {
  const bodyBytes = Buffer.from(JSON.stringify(book.body), 'utf8');
  const body = { sha256: sha256Hex(bodyBytes), size: bodyBytes.length, mediaType: BOOK_BODY_MEDIA_TYPE };
  const parsed = packItemSchema.safeParse({
    kind: 'book',
    id: book.id,
    title: book.title,
    source: context.source || book.body.publisher || '',
    section: context.section,
    language: book.language,
    publishedAt: book.publishedAt ?? context.ingestedAt,
    summary: book.summary,
    ...book.fields,
    body,
    media: book.media,
  });
  if (!parsed.success) throw new EpubError(`the book does not fit a content pack: ${z.prettifyError(parsed.error)}`);
  return { item: parsed.data, blobs: new Map([...book.blobs, [body.sha256, bodyBytes]]) };
}
