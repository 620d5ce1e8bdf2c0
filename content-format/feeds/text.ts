import { sanitizeArticleHtml, sanitizeArticleMarkup } from '../sanitize/articleHtml.js';
import { exceedsMarkupDepth } from './markupDepth.js';
import { MAX_MARKUP_DEPTH } from './limits.js';
import type { RawText } from './formats/raw.js';

export class MarkupTooDeep extends Error {}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char] ?? char);
}

function guardDepth(html: string): void {
  if (exceedsMarkupDepth(html, MAX_MARKUP_DEPTH))
    throw new MarkupTooDeep(`markup nested deeper than ${MAX_MARKUP_DEPTH} levels`);
}

/** Sanitized HTML for a summary or content; plain text is escaped, never interpreted. Null when empty. */
export function toSafeHtml(text: RawText | undefined, baseUrl: string | undefined): string | null {
  if (!text) return null;
  if (!text.markup) {
    const escaped = escapeHtml(text.value.trim());
    return escaped === '' ? null : escaped;
  }
  guardDepth(text.value);
  const html = sanitizeArticleMarkup(text.value, { baseUrl }).trim();
  return html === '' ? null : html;
}

/** A title as one line of plain text: markup removed by the sanitizer, entities decoded. */
export function toPlainTitle(text: RawText | undefined): string | null {
  if (!text) return null;
  // Most titles are plain words: skip the sanitizer when there is nothing it could change.
  const plain = !text.markup || !/[<&]/.test(text.value);
  if (!plain) guardDepth(text.value);
  const title = collapseWhitespace(plain ? text.value : sanitizeArticleHtml(text.value).paragraphs.join(' '));
  return title === '' ? null : title.slice(0, 2_000);
}

/**
 * The name to show for an author: RSS writes `me@example.com (Me)`, others `Me <me@example.com>`
 * or `Me (me@example.com)`; a bare address stays as it is.
 */
export function displayName(author: string | undefined): string | null {
  if (!author) return null;
  const text = collapseWhitespace(author);
  const email = '[^\\s@()<>]+@[^\\s@()<>]+';
  const name =
    new RegExp(`^${email}\\s*\\((.+)\\)$`).exec(text)?.[1] ??
    new RegExp(`^(.+?)\\s*\\(${email}\\)$`).exec(text)?.[1] ??
    new RegExp(`^(.+?)\\s*<${email}>$`).exec(text)?.[1] ??
    text;
  const trimmed = name.trim();
  return trimmed === '' ? null : trimmed.slice(0, 500);
}
