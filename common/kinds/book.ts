import { z } from 'zod';
import { httpUrlSchema, imageRefSchema, mediaRefSchema, paragraphsSchema, sanitizedHtmlSchema } from './base.js';

/**
 * Books. An EPUB is converted at ingest into a cover and sanitized chapters; the EPUB itself never
 * reaches a board, so none of its script, styles or forms can run there. Each chapter is its own
 * blob: a passerby reads one chapter at a time, and an unchanged chapter is not downloaded again.
 */
export const BOOK_BODY_MEDIA_TYPE = 'application/vnd.newsboard.book+json';
export const BOOK_CHAPTER_MEDIA_TYPE = 'application/vnd.newsboard.chapter+json';

/** List metadata carried inline in the pack item. */
export const bookPackFieldsSchema = z.object({
  author: z.string().max(200),
  cover: imageRefSchema.optional(),
});
export type BookPackFields = z.infer<typeof bookPackFieldsSchema>;

/** One chapter blob: plain paragraphs always (search, read-aloud), sanitized HTML when the source had markup. */
export const bookChapterSchema = z.object({
  title: z.string().min(1).max(500),
  paragraphs: paragraphsSchema,
  html: sanitizedHtmlSchema.optional(),
  /** Images the chapter shows; each is one of the book item's media blobs. */
  images: z.array(imageRefSchema).max(500),
});
export type BookChapter = z.infer<typeof bookChapterSchema>;

export const bookChapterIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'chapter ids are ASCII letters, digits and . _ -');

export const bookTocEntrySchema = z.object({
  id: bookChapterIdSchema,
  title: z.string().min(1).max(500),
  /** Nesting in the table of contents, 0 for top-level chapters. */
  depth: z.number().int().min(0).max(5),
  /** The blob holding this chapter (bookChapterSchema JSON). */
  chapter: mediaRefSchema,
});
export type BookTocEntry = z.infer<typeof bookTocEntrySchema>;

/** The book's body blob: everything but the chapters' text, in reading order. */
export const bookBodySchema = z
  .object({
    publisher: z.string().max(200).optional(),
    description: paragraphsSchema,
    /** Where a passerby may continue reading on a phone, shown as a QR code. */
    continueUrl: httpUrlSchema.optional(),
    chapters: z.array(bookTocEntrySchema).min(1).max(2_000),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of body.chapters.entries()) {
      if (seen.has(entry.id)) {
        ctx.addIssue({ code: 'custom', path: ['chapters', index, 'id'], message: `duplicate chapter id ${entry.id}` });
      }
      seen.add(entry.id);
    }
  });
export type BookBody = z.infer<typeof bookBodySchema>;
