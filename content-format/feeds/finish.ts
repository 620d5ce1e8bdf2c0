import { sha256Hex } from '../hash.js';
import { parseFeedDate } from './dates.js';
import type { RawEntry, RawFeed } from './formats/raw.js';
import { normalizedEntrySchema, type NormalizedEntry, type NormalizedFeed } from './schema.js';
import { collapseWhitespace, displayName, MarkupTooDeep, toPlainTitle, toSafeHtml } from './text.js';
import { httpUrl, withBase } from './urls.js';

/** A BCP 47-looking tag as declared, with `en_US`-style underscores made hyphens; null otherwise. */
function languageTag(value: string | undefined): string | null {
  const tag = value?.trim().replace(/_/g, '-');
  return tag && tag.length <= 35 && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

function firstHttpUrl(candidates: readonly (string | undefined)[], base: string | null): string | null {
  for (const candidate of candidates) {
    const url = httpUrl(candidate, base);
    if (url) return url;
  }
  return null;
}

/**
 * The entry's id as the feed gives it (guid, Atom id, JSON id, rdf:about), else its link, else
 * a hash of what a reader tells it by (title, date, summary), so that re-fetching the same feed
 * yields the same ids.
 */
function entryId(raw: RawEntry, link: string | null, title: string | null, date: string | null): string {
  const given = raw.id ? collapseWhitespace(raw.id) : '';
  if (given !== '') return given.slice(0, 4_000);
  if (link) return link;
  return `urn:sha256:${sha256Hex(Buffer.from(`${title ?? ''}\n${date ?? ''}\n${raw.summary?.value ?? ''}`, 'utf8'))}`;
}

function entry(raw: RawEntry, feedBase: string | null): NormalizedEntry {
  const base = withBase(feedBase, raw.base);
  const link = firstHttpUrl(raw.links, base);
  const title = toPlainTitle(raw.title);
  const published = parseFeedDate(raw.published);
  const updated = parseFeedDate(raw.updated);
  // Relative references inside the text resolve against its own xml:base on top of the entry's (RFC 3986 + xml:base).
  const textBase = (text: RawEntry['summary']) => withBase(base, text?.base) ?? undefined;
  return {
    id: entryId(raw, link, title, published ?? updated),
    title,
    link,
    published,
    updated,
    author: displayName(raw.author),
    summary: toSafeHtml(raw.summary, textBase(raw.summary)),
    content: toSafeHtml(raw.content, textBase(raw.content)),
    language: languageTag(raw.language),
  };
}

export interface FinishOptions {
  /** Where the feed was fetched from: the base for relative links when the feed gives none. */
  documentUrl?: string;
}

/** Raw fields → the normalized feed: text sanitized, links resolved, dates in ISO 8601, ids settled. */
export function finishFeed(
  raw: RawFeed,
  meta: Pick<NormalizedFeed, 'format' | 'encoding' | 'warnings'>,
  options: FinishOptions,
): NormalizedFeed {
  const documentUrl = httpUrl(options.documentUrl);
  const declaredBase = withBase(documentUrl, raw.base);
  const link = firstHttpUrl(raw.links, declaredBase);
  // Without a document URL or xml:base, relative entry links are read against the feed's own link.
  const feedBase = declaredBase ?? link;
  const warnings = [...meta.warnings];
  let title: string | null = null;
  try {
    title = toPlainTitle(raw.title);
  } catch (error) {
    if (!(error instanceof MarkupTooDeep)) throw error;
    warnings.push(`feed title: ${error.message}; left out`);
  }
  const entries: NormalizedEntry[] = [];
  raw.entries.forEach((rawEntry, index) => {
    try {
      // One oversized or odd entry is left out; it does not cost the feed its other entries.
      const checked = normalizedEntrySchema.safeParse(entry(rawEntry, feedBase));
      if (checked.success) entries.push(checked.data);
      else
        warnings.push(
          `entry ${index + 1}: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}; skipped`,
        );
    } catch (error) {
      if (!(error instanceof MarkupTooDeep)) throw error;
      warnings.push(`entry ${index + 1}: ${error.message}; skipped`);
    }
  });
  return {
    format: meta.format,
    encoding: meta.encoding,
    feed: { title, link, language: languageTag(raw.language), updated: parseFeedDate(raw.updated) },
    entries,
    warnings,
  };
}
