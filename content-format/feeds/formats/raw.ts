/**
 * What each format's reader extracts from feedsmith's output, before anything is sanitized,
 * resolved or parsed: the one shape `finish.ts` turns into the normalized feed.
 */
export interface RawText {
  value: string;
  /** HTML (or XHTML) to sanitize; otherwise plain text, which is escaped, never interpreted. */
  markup: boolean;
  /** The element's own xml:base, which relative references inside it resolve against. */
  base?: string;
}

export interface RawEntry {
  id?: string;
  title?: RawText;
  /** Candidate links, best first; the first that resolves to an http(s) URL is used. */
  links: (string | undefined)[];
  published?: string;
  updated?: string;
  author?: string;
  summary?: RawText;
  content?: RawText;
  language?: string;
  base?: string;
}

export interface RawFeed {
  title?: RawText;
  links: (string | undefined)[];
  language?: string;
  updated?: string;
  base?: string;
  entries: RawEntry[];
}

export function firstOf<T>(values: readonly T[] | undefined): T | undefined {
  return values?.[0];
}

/** RSS and RDF text is HTML by convention (escaped or in CDATA); feedparser reads it so too. */
export function htmlText(value: string | undefined): RawText | undefined {
  return value ? { value, markup: true } : undefined;
}

export function plainText(value: string | undefined): RawText | undefined {
  return value ? { value, markup: false } : undefined;
}
