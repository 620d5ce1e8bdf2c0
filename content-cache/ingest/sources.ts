import { convertEpub } from '../../content-format/epub/convert.js';
import { bookPackItem } from '../../content-format/epub/packItem.js';
import { feedToArticles } from '../../content-format/feeds/toArticles.js';
import type { NormalizedFeed } from '../../content-format/feeds/schema.js';
import { convertPdfEdition } from '../../content-format/pdf/convert.js';
import { editionPackItems } from '../../content-format/pdf/packItems.js';
import { publicationNamed } from '../../content-format/pdf/input.js';
import { articlePackItems, type LocalizeImages } from './articleItems.js';
import { IngestError } from './errors.js';
import type { ConvertedSource } from './memorySource.js';
import { articleOrigin, bookOrigin, editionOrigin, feedOrigin } from './origins.js';
import { textArticle, type TextKind } from './textArticle.js';

/** A source converted and named, ready for the verify-then-publish import. */
export interface PreparedSource {
  origin: string;
  converted: ConvertedSource;
  warnings: string[];
}

/** What the operator may say about a source; each adapter takes the fields that apply to it. */
export interface SourceSettings {
  /** The kiosk section its items are listed under; each kind has its own default. */
  section?: string;
  /** Who supplied it, as lists show it (articles and books). */
  source?: string;
  /** YYYY-MM-DD, for a PDF edition whose creation date is not the issue date. */
  issueDate?: string;
  /** The newspaper a PDF edition belongs to, when its Title does not say (or says it wrong). */
  publication?: string;
  localizeImages: LocalizeImages;
  now: Date;
}

export const DEFAULT_SECTIONS = { feed: '要闻', article: '社区', book: '书架', edition: '报纸' } as const;

/** `location` (sourceLocation) names the feed: its origin and, with each entry's id, its articles' ids. */
export async function feedSource(
  feed: NormalizedFeed,
  location: string,
  settings: SourceSettings,
): Promise<PreparedSource> {
  const { articles, skipped } = feedToArticles(feed, {
    feedUrl: location,
    section: settings.section ?? DEFAULT_SECTIONS.feed,
    fetchedAt: settings.now,
  });
  // An empty feed is far more often a broken one than a source with nothing left to say.
  if (articles.length === 0)
    throw new IngestError(
      `the feed has no entries that can be shown (${feed.entries.length} read); its previous items stay`,
    );
  const { converted, warnings } = await articlePackItems(
    articles.map(({ article }) => article),
    settings.localizeImages,
  );
  return {
    origin: feedOrigin(location),
    converted,
    warnings: [
      ...feed.warnings,
      ...skipped.map(({ entryId, reason }) => `entry ${entryId} skipped: ${reason}`),
      ...warnings,
    ],
  };
}

export async function textSource(
  bytes: Uint8Array,
  kind: TextKind,
  location: string,
  settings: SourceSettings & { modifiedAt: Date },
): Promise<PreparedSource> {
  const { article, warnings } = textArticle(bytes, kind, {
    location,
    source: settings.source ?? '',
    section: settings.section ?? DEFAULT_SECTIONS.article,
    // The file's own date: re-ingesting an unchanged file then yields the same version.
    publishedAt: settings.modifiedAt.toISOString(),
  });
  const items = await articlePackItems([article], settings.localizeImages);
  return { origin: articleOrigin(location), converted: items.converted, warnings: [...warnings, ...items.warnings] };
}

export async function bookSource(
  bytes: Uint8Array,
  fileName: string,
  settings: SourceSettings,
): Promise<PreparedSource> {
  const book = await convertEpub(bytes, { fallbackTitle: fileName.replace(/\.epub$/i, '') });
  const { item, blobs } = bookPackItem(book, {
    source: settings.source ?? '',
    section: settings.section ?? DEFAULT_SECTIONS.book,
    ingestedAt: settings.now.toISOString(),
  });
  return { origin: bookOrigin(book.id), converted: { items: [item], blobs }, warnings: book.warnings };
}

export async function editionSource(bytes: Uint8Array, settings: SourceSettings): Promise<PreparedSource> {
  const edition = await convertPdfEdition(bytes, {
    ...(settings.issueDate ? { issueDate: settings.issueDate } : {}),
    ...(settings.publication ? { publication: publicationNamed(settings.publication) } : {}),
  });
  const { items, blobs } = editionPackItems(edition, { section: settings.section ?? DEFAULT_SECTIONS.edition });
  return { origin: editionOrigin(edition.id), converted: { items, blobs }, warnings: edition.warnings };
}
