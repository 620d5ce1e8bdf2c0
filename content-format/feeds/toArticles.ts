import { z } from 'zod';
import { articleSchema, type Article } from '../../common/content.js';
import { sha256Hex } from '../hash.js';
import { sanitizeArticleHtml } from '../sanitize/articleHtml.js';
import { declaredLanguage, detectLanguage } from './language.js';
import type { NormalizedEntry, NormalizedFeed } from './schema.js';

const SUMMARY_MAX = 1_000;
const TITLE_FALLBACK_CHARS = 60;
const PARAGRAPH_MAX = 20_000;
const PARAGRAPHS_MAX = 2_000;
const HTML_MAX = 2_000_000;

export interface FeedArticleOptions {
  /** The URL the feed is fetched from: with the entry id, what makes an article's id. */
  feedUrl: string;
  /** The kiosk section the source's articles go to (from the source's configuration). */
  section?: string;
  /** When the feed was fetched: the date of an entry that carries none. */
  fetchedAt: Date;
}

export interface FeedArticle {
  article: Article;
  /** Absolute http(s) image URLs the article's HTML shows; the sync daemon fetches them into the blob cache. */
  imageUrls: string[];
}

export interface FeedArticles {
  articles: FeedArticle[];
  /** Entries that could not become an article (nothing to show, or invalid), with the reason. */
  skipped: { entryId: string; reason: string }[];
}

/** Why one entry cannot become an article; the others still can. */
class SkippedEntry extends Error {}

/** At most `max` UTF-16 units, cut at a code point and ending in an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text.slice(0, max - 1)];
  if (chars.at(-1)?.match(/[\ud800-\udbff]/)) chars.pop();
  return `${chars.join('')}…`;
}

/** Paragraphs within the body schema's bounds: long ones split, beyond the count dropped. */
function boundedParagraphs(paragraphs: readonly string[]): string[] {
  const pieces = paragraphs.flatMap((paragraph) => {
    const parts: string[] = [];
    for (let start = 0; start < paragraph.length; start += PARAGRAPH_MAX)
      parts.push(paragraph.slice(start, start + PARAGRAPH_MAX));
    return parts;
  });
  return pieces.slice(0, PARAGRAPHS_MAX);
}

/** Stable across fetches and feeds: the same entry of the same feed is always the same article. */
export function feedArticleId(feedUrl: string, entryId: string): string {
  return `feed:${sha256Hex(Buffer.from(`${feedUrl}\n${entryId}`, 'utf8')).slice(0, 40)}`;
}

function sourceName(feed: NormalizedFeed['feed'], feedUrl: string): string {
  if (feed.title) return clip(feed.title, 200);
  try {
    return new URL(feedUrl).hostname;
  } catch {
    return '';
  }
}

function toArticle(entry: NormalizedEntry, feed: NormalizedFeed['feed'], options: FeedArticleOptions): FeedArticle {
  // The entry's HTML has passed the sanitizer once already; this pass yields its text and images.
  const body = sanitizeArticleHtml(entry.content ?? entry.summary ?? '');
  const summaryText = entry.summary && entry.content ? sanitizeArticleHtml(entry.summary).paragraphs.join(' ') : '';
  const text = body.paragraphs.join(' ');
  const title = entry.title ?? (text ? clip(text, TITLE_FALLBACK_CHARS) : null);
  if (!title) throw new SkippedEntry('the entry has neither a title nor any text');
  const language =
    declaredLanguage(entry.language) ?? declaredLanguage(feed.language) ?? detectLanguage(`${title} ${text}`);
  const candidate = {
    id: feedArticleId(options.feedUrl, entry.id),
    kind: 'article' as const,
    title: clip(title, 500),
    source: sourceName(feed, options.feedUrl),
    section: clip(options.section ?? 'news', 100),
    language,
    publishedAt: entry.published ?? entry.updated ?? feed.updated ?? options.fetchedAt.toISOString(),
    summary: clip(summaryText || text, SUMMARY_MAX),
    paragraphs: boundedParagraphs(body.paragraphs),
    ...(body.html && body.html.length <= HTML_MAX ? { html: body.html } : {}),
    ...(entry.author ? { author: clip(entry.author, 200) } : {}),
  };
  const parsed = articleSchema.safeParse(candidate);
  if (!parsed.success) throw new SkippedEntry(z.prettifyError(parsed.error).replace(/\s+/g, ' '));
  return { article: parsed.data, imageUrls: body.imageUrls };
}

/** Normalized entries → kiosk articles of kind 'article'. Fetches nothing: images are returned as URLs. */
export function feedToArticles(feed: NormalizedFeed, options: FeedArticleOptions): FeedArticles {
  const result: FeedArticles = { articles: [], skipped: [] };
  for (const entry of feed.entries) {
    try {
      result.articles.push(toArticle(entry, feed.feed, options));
    } catch (error) {
      if (!(error instanceof SkippedEntry)) throw error;
      result.skipped.push({ entryId: entry.id, reason: error.message });
    }
  }
  return result;
}
