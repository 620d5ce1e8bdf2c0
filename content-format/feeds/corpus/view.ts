import type { NormalizedEntry, NormalizedFeed } from '../schema.js';
import { Field } from './compare.js';

/** An Expect path that names something our normalized feed does not carry. */
export class NotMappable extends Error {}

export type PathStep = string | number;

const FEED_FIELDS: Record<string, (feed: NormalizedFeed['feed']) => Field> = {
  title: (feed) => new Field('text', feed.title),
  'title_detail.value': (feed) => new Field('text', feed.title),
  link: (feed) => new Field('url', feed.link),
  language: (feed) => new Field('language', feed.language),
  updated_parsed: (feed) => new Field('instant', feed.updated),
  modified_parsed: (feed) => new Field('instant', feed.updated),
};

// feedparser's summary falls back to the content when an entry has no summary; so does this view.
const summaryOf = (entry: NormalizedEntry) => new Field('html', entry.summary ?? entry.content);

const ENTRY_FIELDS: Record<string, (entry: NormalizedEntry) => Field> = {
  title: (entry) => new Field('text', entry.title),
  'title_detail.value': (entry) => new Field('text', entry.title),
  link: (entry) => new Field('url', entry.link),
  id: (entry) => new Field('id', entry.id),
  guid: (entry) => new Field('id', entry.id),
  author: (entry) => new Field('author', entry.author),
  summary: summaryOf,
  description: summaryOf,
  'summary_detail.value': summaryOf,
  'content.0.value': (entry) => new Field('html', entry.content),
  language: (entry) => new Field('language', entry.language),
  published_parsed: (entry) => new Field('instant', entry.published),
  issued_parsed: (entry) => new Field('instant', entry.published),
  updated_parsed: (entry) => new Field('instant', entry.updated),
  modified_parsed: (entry) => new Field('instant', entry.updated),
};

const MISSING: NormalizedEntry = {
  id: '',
  title: null,
  link: null,
  published: null,
  updated: null,
  author: null,
  summary: null,
  content: null,
  language: null,
};

/** The field of our output that a feedparser path (`feed.title`, `entries[0]['content'][0]['value']`) names. */
export function resolvePath(result: NormalizedFeed, path: readonly PathStep[]): Field {
  const [root, ...rest] = path;
  if (root === 'encoding' && rest.length === 0) return new Field('encoding', result.encoding);
  if (root === 'feed') {
    const read = FEED_FIELDS[rest.join('.')];
    if (read) return read(result.feed);
  }
  if (root === 'entries' && typeof rest[0] === 'number') {
    const read = ENTRY_FIELDS[rest.slice(1).join('.')];
    // An entry we do not have compares like one with every field empty: the check fails.
    if (read) return read(result.entries.at(rest[0]) ?? MISSING);
  }
  throw new NotMappable(`no counterpart for ${path.join('.')}`);
}
