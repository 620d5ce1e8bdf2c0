import { pathToFileURL } from 'node:url';
import { sha256Hex } from '../../content-format/hash.js';

/**
 * Each ingested source publishes as its own origin, so it replaces only its own previous items
 * (ContentWriter.publish). Sources read from a place (a feed, a text or HTML article) are named
 * by that place, so reading the same place again replaces what it gave before, even when its
 * content changed. Books and editions are named by what they are, as their converters identify
 * them, so an updated EPUB of the same book, or a re-exported PDF of the same issue, replaces the
 * copy ingested before wherever it was read from.
 */

/** Where a source was read from, as one URL: an http(s) address without its fragment, or a file:// URL. */
export function sourceLocation(source: URL | string): string {
  if (typeof source === 'string') return pathToFileURL(source).href;
  const url = new URL(source.href);
  url.hash = '';
  return url.href;
}

export function feedOrigin(location: string): string {
  return `feed:${location}`;
}

export function articleOrigin(location: string): string {
  return `article:${location}`;
}

/** A book's converter id comes from its dc:identifier (or its bytes when it has none). */
export function bookOrigin(bookId: string): string {
  return `book:${bookId}`;
}

/** An edition's converter id is `<publication id>-<issue date>`. */
export function editionOrigin(editionId: string): string {
  return `edition:${editionId}`;
}

/**
 * A text or HTML article's item id: derived from its location, so it is stable across re-ingests
 * and, being a hash under its own prefix, never equal to another source's id (ids shared across
 * origins show only the newest row; see migration 001).
 */
export function articleItemId(location: string): string {
  return `article:${sha256Hex(Buffer.from(location, 'utf8')).slice(0, 40)}`;
}
