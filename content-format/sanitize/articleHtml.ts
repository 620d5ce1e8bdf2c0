import { Parser } from 'htmlparser2';
import { ArticleWriter } from './articleWriter.js';

export interface SanitizedArticle {
  /** Markup that keeps only the allowlist of common/articleMarkup.ts; safe to store, still re-sanitized by the renderer. */
  html: string;
  /** Plain text, one paragraph per entry, for search, read-aloud and the text fallback. */
  paragraphs: string[];
  /** Absolute http(s) URLs of images the article shows; ingest fetches them into the blob cache. */
  imageUrls: string[];
}

export interface SanitizeOptions {
  /** Resolves relative links and image sources (the feed's or entry's link). */
  baseUrl?: string;
}

/** Lines of text, whitespace folded, empty ones left out. */
function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  for (const line of text.split('\n')) {
    const folded = line.replace(/\s+/g, ' ').trim();
    if (folded !== '') paragraphs.push(folded);
  }
  return paragraphs;
}

function write(dirty: string, options: SanitizeOptions): ArticleWriter {
  const writer = new ArticleWriter(options.baseUrl);
  const parser = new Parser(writer, { decodeEntities: true });
  parser.write(dirty);
  parser.end();
  return writer;
}

/**
 * The ingest sanitizer: an allowlist of reading markup (common/articleMarkup.ts), written in one
 * pass over htmlparser2's events together with the article's plain text. Links keep an absolute
 * http(s) `href` (the renderer shows them inert; a later QR code can use it); images keep an
 * absolute http(s) source, which ingest fetches into the blob cache, or a small base64 raster
 * `data:` image. Everything else about the policy is in articleWriter.ts and attributes.ts.
 */
export function sanitizeArticleHtml(dirty: string, options: SanitizeOptions = {}): SanitizedArticle {
  const writer = write(dirty, options);
  return { html: writer.html, paragraphs: paragraphsOf(writer.text), imageUrls: [...writer.imageUrls] };
}

/**
 * The same markup as sanitizeArticleHtml, for callers that only store it (feed parsing): splitting
 * the text into paragraphs was a twentieth of a feed's parse time, spent on text nobody read.
 */
export function sanitizeArticleMarkup(dirty: string, options: SanitizeOptions = {}): string {
  return write(dirty, options).html;
}
