import { FeedError } from './errors.js';

/** Larger feeds are refused before a byte is decoded: a news feed is a few megabytes at most. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;

/** Entries beyond this are not read: a board shows the newest few hundred stories of a source. */
export const MAX_ENTRIES = 5_000;

/**
 * HTML inside a title, summary or content nested deeper than this is refused for that entry.
 * The HTML parser under the sanitizer (htmlparser2) costs the square of the nesting depth
 * (200,000 nested `<div>`s take 10–30 s), and no article needs more than a few dozen levels.
 */
export const MAX_MARKUP_DEPTH = 1_000;

/** Declared entities may add at most this many characters to a document (feedparser's "safe" entities only). */
export const MAX_ENTITY_EXPANSION_CHARS = 1024 * 1024;

/**
 * Refuses a feed by its declared length (e.g. Content-Length) or its actual size, whichever is
 * known; the sync daemon calls it with the header before downloading, the parser with the bytes.
 */
export function assertFeedSize(bytes: number, what = 'feed'): void {
  if (bytes > MAX_FEED_BYTES)
    throw new FeedError('too-large', `${what} is ${bytes} bytes, over the ${MAX_FEED_BYTES}-byte (50 MiB) limit`);
}
