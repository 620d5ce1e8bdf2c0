import type { RdfFeed } from 'feedsmith';
import { firstOf, htmlText, type RawEntry, type RawFeed } from './raw.js';

function entry(item: RdfFeed.Item<string>): RawEntry {
  return {
    id: item.rdf?.about,
    title: htmlText(item.title ?? firstOf(item.dc?.titles)),
    links: [item.link, item.rdf?.about],
    published: firstOf(item.dcterms?.issued),
    updated: firstOf(item.dc?.dates) ?? firstOf(item.dcterms?.modified),
    author: firstOf(item.dc?.creators),
    summary: htmlText(item.description ?? firstOf(item.dc?.descriptions)),
    content: htmlText(item.content?.encoded),
    language: firstOf(item.dc?.languages) ?? item.xml?.lang,
    base: item.xml?.base,
  };
}

export function readRdf(feed: RdfFeed.Feed<string>): RawFeed {
  return {
    title: htmlText(feed.title ?? firstOf(feed.dc?.titles)),
    links: [feed.link],
    language: firstOf(feed.dc?.languages) ?? feed.xml?.lang,
    updated: firstOf(feed.dc?.dates) ?? firstOf(feed.dcterms?.modified),
    base: feed.xml?.base,
    entries: (feed.items ?? []).map(entry),
  };
}
