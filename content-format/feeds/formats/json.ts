import type { JsonFeed } from 'feedsmith';
import { firstOf, htmlText, plainText, type RawEntry, type RawFeed } from './raw.js';

/** JSON Feed: titles and summaries are plain text by the spec; `content_html` is the markup. */
function entry(item: JsonFeed.Item<string>): RawEntry {
  return {
    id: item.id === undefined ? undefined : String(item.id),
    title: plainText(item.title),
    links: [item.url, item.external_url],
    published: item.date_published,
    updated: item.date_modified,
    author: firstOf(item.authors)?.name,
    summary: plainText(item.summary),
    content: htmlText(item.content_html) ?? plainText(item.content_text),
    language: item.language,
  };
}

export function readJson(feed: JsonFeed.Feed<string>): RawFeed {
  return {
    title: plainText(feed.title),
    // Relative item URLs resolve against the feed's own URL first (JSON has no xml:base).
    links: [feed.home_page_url],
    base: feed.feed_url,
    language: feed.language,
    entries: (feed.items ?? []).map(entry),
  };
}
