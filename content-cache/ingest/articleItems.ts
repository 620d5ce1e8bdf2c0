import { z } from 'zod';
import type { Article } from '../../common/content.js';
import { ARTICLE_BODY_MEDIA_TYPE, articleBodySchema } from '../../common/kinds/article.js';
import type { BlobRef, ImageRef } from '../../common/kinds/base.js';
import { packItemSchema, type PackItem } from '../../common/pack.js';
import { sha256Hex } from '../../content-format/hash.js';
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

/** The one place an ingested article's HTML passes before it is stored (content-format/images plugs in here). */
export type LocalizeImages = (html: string) => Promise<LocalizedHtml>;

/** The default until remote images are fetched at ingest: the HTML is kept as it is, nothing is dropped. */
export const keepImagesRemote: LocalizeImages = async (html) => ({
  html,
  images: [],
  media: [],
  blobs: new Map(),
  warnings: [],
});

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
    for (const [sha256, bytes] of localized?.blobs ?? []) blobs.set(sha256, bytes);
    const body = articleBodySchema.safeParse({
      ...article,
      ...(localized ? { html: localized.html } : {}),
      ...(localized?.images.length ? { images: localized.images } : {}),
    });
    if (!body.success) throw new IngestError(`article ${article.title}: ${z.prettifyError(body.error)}`);
    const bytes = Buffer.from(JSON.stringify(body.data), 'utf8');
    const ref = { sha256: sha256Hex(bytes), size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE };
    blobs.set(ref.sha256, bytes);
    const media = localized?.media ?? [];
    const item = packItemSchema.safeParse({ ...article, body: ref, ...(media.length ? { media } : {}) });
    if (!item.success) throw new IngestError(`article ${article.title}: ${z.prettifyError(item.error)}`);
    items.push(item.data);
  }
  return { converted: { items, blobs }, warnings };
}
