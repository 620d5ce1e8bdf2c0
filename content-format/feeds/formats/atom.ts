import type { AtomFeed } from 'feedsmith';
import { firstOf, type RawEntry, type RawFeed, type RawText } from './raw.js';

/** The alternate (or un-typed) link, preferring an HTML one, as feedparser picks `link`. */
export function alternateLink(links: readonly AtomFeed.Link<string>[] | undefined): string | undefined {
  const alternates = links?.filter((link) => !link.rel || link.rel === 'alternate') ?? [];
  return (alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0])?.href;
}

/**
 * Atom 1.0 `type` (text, html, xhtml) and Atom 0.3 media types. Text is plain; HTML and XHTML
 * are markup; any other media type (base64 images, out-of-line content) is nothing we can show.
 */
function atomText(text: AtomFeed.Text | AtomFeed.Content | undefined): RawText | undefined {
  if (!text?.value) return undefined;
  const type = (text.type ?? 'text').toLowerCase();
  const base = text.xml?.base;
  if (type === 'text' || type.startsWith('text/plain')) return { value: text.value, markup: false, base };
  if (type === 'html' || type === 'xhtml' || /html|xml/.test(type)) return { value: text.value, markup: true, base };
  return type.startsWith('text/') ? { value: text.value, markup: false, base } : undefined;
}

function entry(item: AtomFeed.Entry<string>, feed: AtomFeed.Feed<string>): RawEntry {
  return {
    id: item.id,
    title: atomText(item.title),
    links: [alternateLink(item.links)],
    published: item.published ?? firstOf(item.dcterms?.issued),
    updated: item.updated ?? firstOf(item.dc?.dates),
    // An entry without an author inherits its source's, then the feed's (RFC 4287 §4.2.1).
    author:
      firstOf(item.authors)?.name ??
      firstOf(item.dc?.creators) ??
      firstOf(item.source?.authors)?.name ??
      firstOf(feed.authors)?.name,
    summary: atomText(item.summary),
    content: atomText(item.content),
    language: item.xml?.lang,
    base: item.xml?.base,
  };
}

export function readAtom(feed: AtomFeed.Feed<string>): RawFeed {
  return {
    title: atomText(feed.title),
    links: [alternateLink(feed.links)],
    language: feed.xml?.lang ?? firstOf(feed.dc?.languages),
    updated: feed.updated ?? firstOf(feed.dc?.dates),
    base: feed.xml?.base,
    entries: (feed.entries ?? []).map((item) => entry(item, feed)),
  };
}
