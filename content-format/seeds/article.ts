import type { Language } from '../../common/content.js';

/** A demo article: the list fields of an item summary plus its body as plain paragraphs. */
export interface DemoArticle {
  id: string;
  title: string;
  source: string;
  section: string;
  language: Language;
  /** ISO 8601 date or date-time. */
  publishedAt: string;
  /** The first ~80 characters of the body text. */
  summary: string;
  paragraphs: string[];
}

/** What a seed parser finds in a file; metadata it finds overrides the seed table's. */
export interface ParsedArticle {
  title: string;
  paragraphs: string[];
  publishedAt?: string;
  source?: string;
}

const SUMMARY_LENGTH = 80;

/**
 * Paragraphs run together as one text (with a space only between Latin sentences), cut in code
 * points so that a summary never ends in half a surrogate pair.
 */
export function summarize(paragraphs: readonly string[]): string {
  const text = paragraphs.reduce((joined, next) => {
    const latinBoundary = /[\x21-\x7E]$/u.test(joined) && /^[\x21-\x7E]/u.test(next);
    return joined === '' ? next : joined + (latinBoundary ? ' ' : '') + next;
  }, '');
  const chars = [...text];
  if (chars.length <= SUMMARY_LENGTH) return chars.join('');
  return `${chars.slice(0, SUMMARY_LENGTH).join('')}…`;
}
