import { z } from 'zod';
import { imageRefSchema, paragraphsSchema, sanitizedHtmlSchema } from './base.js';
import { editionPlacementSchema } from './edition.js';

export const ARTICLE_BODY_MEDIA_TYPE = 'application/vnd.newsboard.article+json';

/** List metadata carried inline in the pack item. */
export const articlePackFieldsSchema = z.object({
  /** A small picture for the list. */
  thumbnail: imageRefSchema.optional(),
});

/**
 * The body of an article: plain paragraphs always (search, read-aloud, the text fallback), and
 * sanitized HTML when the source had markup. `html` has passed the ingest sanitizer; the renderer
 * sanitizes it once more with DOMPurify before it touches the DOM. Fields after `html` arrived with
 * newsboard-pack/2 and are optional, so every body a /1 pack carries is still valid.
 */
export const articleBodySchema = z.object({
  paragraphs: paragraphsSchema,
  html: sanitizedHtmlSchema.optional(),
  author: z.string().max(200).optional(),
  /** Images the article shows; each is one of the item's media blobs. */
  images: z.array(imageRefSchema).max(200).optional(),
  /** Set when the article is a story of a newspaper or periodical edition. */
  edition: editionPlacementSchema.optional(),
});
export type ArticleBody = z.infer<typeof articleBodySchema>;
