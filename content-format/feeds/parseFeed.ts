import {
  DetectError,
  MalformedError,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
  ParseError,
} from 'feedsmith';
import { z } from 'zod';
import { decodeFeedBytes } from './charset.js';
import { neutralizeDoctype } from './doctype.js';
import { FeedError } from './errors.js';
import { finishFeed } from './finish.js';
import { readAtom } from './formats/atom.js';
import { readJson } from './formats/json.js';
import type { RawFeed } from './formats/raw.js';
import { readRdf } from './formats/rdf.js';
import { readRss } from './formats/rss.js';
import { assertFeedSize, MAX_ENTRIES } from './limits.js';
import { rootElementName } from './prolog.js';
import { normalizedFeedSchema, type FeedFormat, type NormalizedFeed } from './schema.js';

export interface ParseFeedOptions {
  /** The HTTP Content-Type header the feed came with, if any: its charset decides the decoding. */
  contentType?: string;
  /** The Content-Length (or other declared size), refused before anything is read when too large. */
  declaredLength?: number;
  /** The URL the feed was fetched from: the base for relative links. */
  url?: string;
}

/**
 * finishFeed validates each entry as it is made (a bad entry is skipped, not fatal), so only the
 * rest of the feed is validated here; checking the entries again doubled the cost of validation.
 */
const feedWithoutEntriesSchema = normalizedFeedSchema.omit({ entries: true });

/** What feedsmith reads: XML text, or for JSON Feed the already parsed document. */
type Source = { format: Exclude<FeedFormat, 'json'>; text: string } | { format: 'json'; document: object };

function read(source: Source): RawFeed {
  const options = { maxItems: MAX_ENTRIES };
  switch (source.format) {
    case 'rss':
      return readRss(parseRssFeed(source.text, options));
    case 'atom':
      return readAtom(parseAtomFeed(source.text, options));
    case 'rdf':
      return readRdf(parseRdfFeed(source.text, options));
    case 'json':
      return readJson(parseJsonFeed(source.document, options));
  }
}

const ROOTS: Record<string, Exclude<FeedFormat, 'json'>> = { rss: 'rss', feed: 'atom', rdf: 'rdf' };

function sourceOf(text: string, json: boolean): Source {
  if (json) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new FeedError('malformed', `the feed is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof document !== 'object' || document === null || !('version' in document) || !('items' in document))
      throw new FeedError('unrecognized', 'the JSON document is not a JSON Feed (no version and items)');
    return { format: 'json', document };
  }
  const root = rootElementName(text);
  const format = root ? ROOTS[root] : undefined;
  if (!format)
    throw new FeedError('unrecognized', `not an RSS, Atom, RDF or JSON feed (root element: ${root ?? 'none'})`);
  return { format, text };
}

/** feedsmith's failures as ours; a recognised feed with nothing feedsmith can read is an empty feed. */
function readSource(source: Source, warnings: string[]): RawFeed {
  try {
    const raw = read(source);
    if (raw.entries.length >= MAX_ENTRIES) warnings.push(`only the first ${MAX_ENTRIES} entries are read`);
    return raw;
  } catch (error) {
    if (error instanceof MalformedError) {
      const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
      if (/nested tags/i.test(cause)) throw new FeedError('too-deep', `the feed's XML is nested too deeply (${cause})`);
      throw new FeedError('malformed', `the feed is not well-formed XML: ${cause}`);
    }
    if (error instanceof ParseError || error instanceof DetectError) {
      warnings.push(`the ${source.format} document holds no feed content we recognise`);
      return { links: [], entries: [] };
    }
    throw error;
  }
}

/** Decoded text → normalized feed. */
function parseFeedText(
  text: string,
  meta: { json: boolean; encoding: string; warnings: string[] },
  options: Pick<ParseFeedOptions, 'url'> = {},
): NormalizedFeed {
  if (text.trim() === '') throw new FeedError('malformed', 'the feed is empty');
  const warnings = [...meta.warnings];
  let xml = text;
  if (!meta.json) {
    const neutralized = neutralizeDoctype(text);
    xml = neutralized.xml;
    warnings.push(...neutralized.warnings);
  }
  const source = sourceOf(xml, meta.json);
  const raw = readSource(source, warnings);
  const normalized = finishFeed(
    raw,
    { format: source.format, encoding: meta.encoding, warnings },
    { documentUrl: options.url },
  );
  const checked = feedWithoutEntriesSchema.safeParse(normalized);
  if (!checked.success)
    throw new FeedError(
      'invalid',
      `the normalized feed is invalid: ${z.prettifyError(checked.error).replace(/\s+/g, ' ')}`,
    );
  const { format, encoding, feed, warnings: checkedWarnings } = checked.data;
  return { format, encoding, feed, entries: normalized.entries, warnings: checkedWarnings };
}

/**
 * Feed bytes → the normalized feed: size limits, charset detection and decoding, DOCTYPE
 * neutralized, parsed by feedsmith, HTML sanitized, zod-validated. Throws FeedError with a
 * one-line reason for a feed it refuses. Never touches the network.
 */
export function parseFeedBytes(bytes: Uint8Array, options: ParseFeedOptions = {}): NormalizedFeed {
  if (options.declaredLength !== undefined) assertFeedSize(options.declaredLength, 'the declared length');
  assertFeedSize(bytes.byteLength);
  const decoded = decodeFeedBytes(bytes, { contentType: options.contentType });
  return parseFeedText(decoded.text, decoded, options);
}
