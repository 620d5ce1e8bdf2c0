import { sanitizeArticleHtml } from '../../sanitize/articleHtml.js';
import { canonicalEncoding } from '../decoders.js';
import { displayName, toPlainTitle } from '../text.js';
import { httpUrl } from '../urls.js';

/** How one of our fields is compared with what feedparser produced for the same thing. */
export type FieldKind = 'text' | 'html' | 'url' | 'id' | 'author' | 'language' | 'encoding' | 'instant';

export class Field {
  constructor(
    readonly kind: FieldKind,
    readonly value: string | null,
  ) {}
}

/** 'exact': the same; 'policy': the same once feedparser's output passes our stricter allowlist. */
export type Match = 'exact' | 'policy' | false;

/** Both sides are serializer output (double-quoted attributes); only `<br>` versus `<br />` differs. */
function reserialize(html: string): string {
  return html.replace(/\s*\/>/g, '>').trim();
}

/**
 * feedparser keeps the `<div>` that wraps inline XHTML in Atom 0.3; feedsmith drops it, as Atom
 * 1.0 says to. The wrapper carries nothing, so it is ignored on both sides.
 */
function unwrapDiv(html: string): string {
  const match = /^<div(?:\s[^>]*)?>([\s\S]*)<\/div>$/.exec(html.trim());
  return match && !/<\/?div\b/i.test(match[1] ?? '') ? (match[1] ?? '') : html;
}

function htmlMatch(ours: string | null, expected: string): Match {
  const mine = unwrapDiv(ours ?? '');
  const theirs = unwrapDiv(expected);
  if (reserialize(mine) === reserialize(theirs)) return 'exact';
  return unwrapDiv(sanitizeArticleHtml(theirs).html.trim()) === mine ? 'policy' : false;
}

/** feedparser's title is plain text or HTML depending on a type the Expect line does not show: either reading counts. */
function titleMatch(ours: string | null, expected: string): Match {
  const asText = toPlainTitle({ value: expected, markup: false });
  const asHtml = toPlainTitle({ value: expected, markup: true });
  return (ours ?? null) === asText || (ours ?? null) === asHtml ? 'exact' : false;
}

/** The UTC fields of a time.struct_time tuple (year, month, day, hour, minute, second, …). */
function instantMatch(ours: string | null, expected: unknown): boolean {
  if (!Array.isArray(expected) || ours === null) return false;
  const date = new Date(ours);
  const actual = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  return actual.every((value, index) => value === expected[index]);
}

/**
 * Our field against a Python value from an `Expect:` line. Titles are plain text here while
 * feedparser keeps (sanitized) HTML, so its title is reduced to text the way ours was; an author
 * `Name (email)` is reduced to the name we show.
 */
export function fieldMatches(field: Field, expected: unknown): Match {
  if (expected === null) return field.value === null || field.value === '' ? 'exact' : false;
  if (field.kind === 'instant') return instantMatch(field.value, expected) && 'exact';
  if (typeof expected !== 'string') return false;
  const ours = field.value;
  const same = (value: string | null) => (ours ?? '') === (value ?? '') && 'exact';
  switch (field.kind) {
    case 'html':
      return htmlMatch(ours, expected);
    case 'text':
      return titleMatch(ours, expected);
    case 'url':
      return same(httpUrl(expected) ?? expected);
    case 'id':
      return same(expected.trim());
    case 'author':
      return same(displayName(expected));
    case 'language':
      return same(expected);
    case 'encoding':
      return same(canonicalEncoding(expected));
  }
}
