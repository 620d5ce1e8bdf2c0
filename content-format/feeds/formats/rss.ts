import type { RssFeed } from 'feedsmith';
import { firstOf, htmlText, type RawEntry, type RawFeed } from './raw.js';
import { alternateLink } from './atom.js';

/** A guid that is a permalink (the default) and looks like one is the item's link when it has none. */
function permalinkGuid(guid: RssFeed.Guid | undefined): string | undefined {
  return guid?.value && guid.isPermaLink !== false && /^https?:\/\//i.test(guid.value) ? guid.value : undefined;
}

function entry(item: RssFeed.Item<string>): RawEntry {
  return {
    id: item.guid?.value,
    title: htmlText(item.title ?? firstOf(item.dc?.titles)),
    links: [item.link, permalinkGuid(item.guid), alternateLink(item.atom?.links)],
    published: item.pubDate ?? firstOf(item.dcterms?.issued) ?? item.atom?.published,
    updated: item.atom?.updated ?? firstOf(item.dcterms?.modified) ?? firstOf(item.dc?.dates),
    author:
      firstOf(item.authors)?.name ??
      firstOf(item.dc?.creators) ??
      item.itunes?.author ??
      firstOf(item.atom?.authors)?.name,
    summary: htmlText(item.description ?? item.itunes?.summary),
    content: htmlText(item.content?.encoded),
    language: firstOf(item.dc?.languages) ?? item.xml?.lang,
    base: item.xml?.base,
  };
}

export function readRss(feed: RssFeed.Feed<string>): RawFeed {
  return {
    title: htmlText(feed.title ?? firstOf(feed.dc?.titles)),
    links: [feed.link, alternateLink(feed.atom?.links)],
    language: feed.language ?? firstOf(feed.dc?.languages) ?? feed.xml?.lang,
    updated:
      feed.lastBuildDate ??
      firstOf(feed.dc?.dates) ??
      firstOf(feed.dcterms?.modified) ??
      feed.atom?.updated ??
      feed.pubDate,
    base: feed.xml?.base,
    entries: (feed.items ?? []).map(entry),
  };
}
