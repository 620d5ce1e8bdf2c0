import { z } from 'zod';

/** Languages the kiosk shows content and interface in. zh-TW covers traditional script generally. */
export const languageSchema = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Language = z.infer<typeof languageSchema>;

export const itemKindSchema = z.enum(['article']);
export type ItemKind = z.infer<typeof itemKindSchema>;

const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids are ASCII letters, digits and . _ : -');

/** What a list shows: enough to choose, nothing that needs the body. */
export const itemSummarySchema = z.object({
  id: idSchema,
  kind: itemKindSchema,
  title: z.string().min(1).max(500),
  source: z.string().max(200),
  section: z.string().max(100),
  language: languageSchema,
  /** ISO 8601 date or date-time. */
  publishedAt: z.string().max(40),
  summary: z.string().max(1000),
});
export type ItemSummary = z.infer<typeof itemSummarySchema>;

/**
 * The body of an article: plain paragraphs always (search, read-aloud, the text fallback), and
 * sanitized HTML when the source had markup. `html` has passed the ingest sanitizer; the renderer
 * sanitizes it once more with DOMPurify before it touches the DOM.
 */
export const articleBodySchema = z.object({
  paragraphs: z.array(z.string().max(20_000)).max(2_000),
  html: z.string().max(2_000_000).optional(),
});
export type ArticleBody = z.infer<typeof articleBodySchema>;

export const articleSchema = itemSummarySchema.extend(articleBodySchema.shape);
export type Article = z.infer<typeof articleSchema>;

export const searchHitSchema = z.object({
  id: idSchema,
  kind: itemKindSchema,
  title: z.string(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export { idSchema as itemIdSchema };
