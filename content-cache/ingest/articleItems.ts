import { z } from 'zod';
import type { Article } from '../../common/content.js';
import type { BlobRef, ImageRef } from '../../common/kinds/base.js';
import type { PackItem } from '../../common/pack.js';
import { httpImageFetcher, ImageFetchError, type FetchImage } from '../../content-format/images/fetchImage.js';
import { localizeImages } from '../../content-format/images/localizeImages.js';
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
 * Fetches every image of an article into memory (content-format/images: limits, sniffing, bomb
 * checks), skipping what `stored` already holds. One source's articles share the fetches, so a logo
 * every entry shows is downloaded once per ingest, and share one time budget: once it is spent, the
 * remaining images are left out with a warning, and the articles still publish.
 */
export function fetchImagesForIngest(
  stored: { has(sha256: string): boolean },
  fetchImage: FetchImage = httpImageFetcher(),
  budgetMs = SOURCE_IMAGE_BUDGET_MS,
): LocalizeImages {
  const fetches = new Map<string, Promise<Uint8Array>>();
  const budget = AbortSignal.timeout(budgetMs);
  const spent = () => new ImageFetchError(`the ${budgetMs / 1000} s this source's images may take are used up`);
  const budgeted: FetchImage = async (url, options) => {
    if (budget.aborted) throw spent();
    try {
      return await fetchImage(url, { ...options, signal: AbortSignal.any([options.signal, budget]) });
    } catch (error) {
      throw budget.aborted ? spent() : error;
    }
  };
  const shared: FetchImage = (url, options) => {
    const known = fetches.get(url.href) ?? budgeted(url, options);
    fetches.set(url.href, known);
    return known;
  };
  return async (html) => {
    const bytes = new Map<string, Buffer>();
    const localized = await localizeImages(html, {
      blobs: {
        has: (sha256) => bytes.has(sha256) || stored.has(sha256),
        put: (sha256, data) => void bytes.set(sha256, Buffer.from(data)),
      },
      fetchImage: shared,
    });
    return { ...localized, blobs: bytes };
  };
}

/** Articles (already sanitized) as pack items with their body blobs, each article's HTML through `localize`. */
export async function articlePackItems(
  articles: readonly Article[],
  localize: LocalizeImages,
): Promise<{ converted: ConvertedSource; warnings: string[] }> {
  const items: PackItem[] = [];
  const blobs = new Map<string, Buffer>();
  const warnings: string[] = [];
  for (const article of articles) {
    const localized = article.html === undefined ? undefined : await localize(article.html);
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
