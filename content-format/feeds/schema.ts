import { z } from 'zod';

const text = z.string().max(2_000);
const httpUrl = z.url({ protocol: /^https?$/ }).max(4_000);
const isoInstant = z.iso.datetime();
const sanitizedHtml = z.string().max(2_000_000);

export const feedFormatSchema = z.enum(['rss', 'atom', 'rdf', 'json']);
export type FeedFormat = z.infer<typeof feedFormatSchema>;

/**
 * One entry as `newsboard parse-feed` prints it. Titles are plain text (markup removed, entities
 * decoded); summary and content are HTML that has passed the ingest sanitizer; links are absolute
 * http(s); dates are ISO 8601 in UTC; anything absent or unreadable is null.
 */
export const normalizedEntrySchema = z.object({
  id: z.string().min(1).max(4_000),
  title: text.nullable(),
  link: httpUrl.nullable(),
  published: isoInstant.nullable(),
  updated: isoInstant.nullable(),
  author: z.string().max(500).nullable(),
  summary: sanitizedHtml.nullable(),
  content: sanitizedHtml.nullable(),
  /** The entry's own language tag (Atom xml:lang, JSON Feed `language`), as declared. */
  language: z.string().max(35).nullable(),
});
export type NormalizedEntry = z.infer<typeof normalizedEntrySchema>;

export const normalizedFeedSchema = z.object({
  format: feedFormatSchema,
  /** The character encoding the bytes were decoded with (see charset.ts for how it is chosen). */
  encoding: z.string().max(40),
  feed: z.object({
    title: text.nullable(),
    link: httpUrl.nullable(),
    language: z.string().max(35).nullable(),
    updated: isoInstant.nullable(),
  }),
  entries: z.array(normalizedEntrySchema),
  /** Things an operator may want to know that did not stop the feed: a mislabelled encoding, a skipped entry. */
  warnings: z.array(z.string()),
});
export type NormalizedFeed = z.infer<typeof normalizedFeedSchema>;
