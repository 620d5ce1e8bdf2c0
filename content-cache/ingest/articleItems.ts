import { z } from 'zod';
import type { Article } from '../../common/content.js';
import type { BlobRef, ImageRef } from '../../common/kinds/base.js';
import type { PackItem } from '../../common/pack.js';
import { httpImageFetcher, ImageFetchError, type FetchImage } from '../../content-format/images/fetchImage.js';
import { localizeImages } from '../../content-format/images/localizeImages.js';
import { mapBounded } from '../../content-format/mapBounded.js';
import { articlePackItem, type PackMedia } from '../../content-format/pack/build.js';
import { IngestError } from './errors.js';
import type { ConvertedSource } from './memorySource.js';

/** An article's HTML with its images made local: what the images step returns for one article. */
export interface LocalizedHtml {
  /** The HTML with each localized image's src rewritten to `blob:sha256:<hex>`. */
  html: string;
  images: ImageRef[];
  /** The blobs `images` refer to, as the item's media lists them. */
  media: BlobRef[];
  /**
   * Their bytes, published through the same verify-then-publish import as everything else (a blob
   * the store already holds may be left out), so a failed ingest takes them back.
   */
  blobs: ReadonlyMap<string, Buffer>;
  warnings: string[];
}

/** The one place an ingested article's HTML passes before it is stored. */
export type LocalizeImages = (html: string) => Promise<LocalizedHtml>;

/** For an operator ingesting without a network: remote images stay out and show as their alt text. */
export const keepImagesRemote: LocalizeImages = async (html) => ({
  html,
  images: [],
  media: [],
  blobs: new Map(),
  warnings: [],
});

/** Time all images of one source may take: a feed of 500 entries on a host that never answers must not take hours. */
export const SOURCE_IMAGE_BUDGET_MS = 180_000;

/**
 * Image bytes one source may hold: they stay in memory until the source is published, and 500
 * entries of 10 MiB pictures would be 5 GB; 256 MiB is a generous source (hundreds of photos).
 */
export const SOURCE_IMAGE_BUDGET_BYTES = 256 * 1024 * 1024;

export interface SourceImageOptions {
  fetchImage?: FetchImage;
  /** Counted from the source's first image fetch, not from when the feed was asked for. */
  budgetMs?: number;
  budgetBytes?: number;
}

/**
 * Fetches every image of an article into memory (content-format/images: limits, sniffing, bomb
 * checks), skipping what `stored` already holds. One source's articles share the fetches, so a logo
 * every entry shows is downloaded (and held) once per ingest, and share one time and one byte
 * budget: once either is spent, the remaining images are left out with a warning, and the articles
 * still publish.
 */
export function fetchImagesForIngest(
  stored: { has(sha256: string): boolean },
  options: SourceImageOptions = {},
): LocalizeImages {
  const { fetchImage = httpImageFetcher(), budgetMs = SOURCE_IMAGE_BUDGET_MS } = options;
  const budgetBytes = options.budgetBytes ?? SOURCE_IMAGE_BUDGET_BYTES;
  const fetches = new Map<string, Promise<Uint8Array>>();
  let budget: AbortSignal | undefined;
  let heldBytes = 0;
  const timeSpent = () => new ImageFetchError(`the ${budgetMs / 1000} s this source's images may take are used up`);
  const bytesSpent = () => new ImageFetchError(`the ${budgetBytes} bytes this source's images may hold are used up`);
  const budgeted: FetchImage = async (url, fetchOptions) => {
    budget ??= AbortSignal.timeout(budgetMs);
    if (budget.aborted) throw timeSpent();
    if (heldBytes >= budgetBytes) throw bytesSpent();
    let bytes: Uint8Array;
    try {
      bytes = await fetchImage(url, { ...fetchOptions, signal: AbortSignal.any([fetchOptions.signal, budget]) });
    } catch (error) {
      throw budget.aborted ? timeSpent() : error;
    }
    // Judged after the fetch, since sizes are known only then; a few images in flight at once can
    // overshoot by at most their per-image limit each.
    if (heldBytes + bytes.byteLength > budgetBytes) throw bytesSpent();
    heldBytes += bytes.byteLength;
    return bytes;
  };
  const shared: FetchImage = (url, fetchOptions) => {
    const known = fetches.get(url.href) ?? budgeted(url, fetchOptions);
    fetches.set(url.href, known);
    return known;
  };
  return async (html) => {
    const bytes = new Map<string, Buffer>();
    const localized = await localizeImages(html, {
      blobs: {
        has: (sha256) => bytes.has(sha256) || stored.has(sha256),
        // A view of the fetched bytes, not a copy: the shared fetches hold the same memory.
        put: (sha256, data) => void bytes.set(sha256, Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
      },
      fetchImage: shared,
    });
    return { ...localized, blobs: bytes };
  };
}

const ARTICLES_AT_ONCE = 4;

/** Articles (already sanitized) as pack items with their body blobs, each article's HTML through `localize`. */
export async function articlePackItems(
  articles: readonly Article[],
  localize: LocalizeImages,
): Promise<{ converted: ConvertedSource; warnings: string[] }> {
  const items: PackItem[] = [];
  const blobs = new Map<string, Buffer>();
  const warnings: string[] = [];
  // Articles localize side by side (each fetching its own images 4 at a time): one by one, a
  // 500-entry feed would wait out 500 round trips in a row.
  const localizedAll = await mapBounded(articles, ARTICLES_AT_ONCE, (article) =>
    article.html === undefined ? Promise.resolve(undefined) : localize(article.html),
  );
  for (const [index, article] of articles.entries()) {
    const localized = localizedAll[index];
    warnings.push(...(localized?.warnings.map((warning) => `${article.title}: ${warning}`) ?? []));
    const media = new Map<string, PackMedia>();
    for (const ref of localized?.media ?? []) {
      // A blob the store already holds travels by reference only; the import finds it there.
      const bytes = localized?.blobs.get(ref.sha256);
      media.set(ref.sha256, bytes ? { ref, bytes } : { ref });
    }
    const shown: Article = localized
      ? { ...article, html: localized.html, ...(localized.images.length ? { images: localized.images } : {}) }
      : article;
    try {
      items.push(articlePackItem(shown, media, blobs));
    } catch (error) {
      const reason = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
      throw new IngestError(`article ${article.title}: ${reason}`);
    }
  }
  return { converted: { items, blobs }, warnings };
}
