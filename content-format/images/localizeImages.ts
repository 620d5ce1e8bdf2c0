import type { BlobRef, ImageRef } from '../../common/kinds/base.js';
import { BLOB_IMAGE_SRC_PREFIX } from '../../common/articleMarkup.js';
import { httpImageFetcher, type FetchImage } from './fetchImage.js';
import { IMG_TAG, decodedAttribute, imgAttributes, imgTag } from './imgTags.js';
import { DEFAULT_LOCALIZE_LIMITS, type LocalizeLimits } from './limits.js';
import {
  imageSource,
  loadImage,
  type ImageBlobSink,
  type ImageSource,
  type LoadOutcome,
  type StoredImage,
} from './loadImage.js';
import { mapBounded } from '../mapBounded.js';

export interface LocalizeOptions {
  /** Resolves relative image sources: the entry's link, or the feed's. */
  baseUrl?: string;
  blobs: ImageBlobSink;
  /** Defaults to httpImageFetcher(); a server may route through its proxy, a test serves what it likes. */
  fetchImage?: FetchImage;
  limits?: Partial<LocalizeLimits>;
}

export interface LocalizedArticle {
  /** The HTML with every shown image as `blob:sha256:<hex>`; a dropped image keeps only its alt text. */
  html: string;
  /** The article body's `images`: one per distinct blob, in order of first appearance. */
  images: ImageRef[];
  /** The same blobs as the pack item's `media` lists them, which is what lets a board read them. */
  media: BlobRef[];
  /** One per dropped image, naming its address and why. */
  warnings: string[];
}

const ALT_MAX = 500;

/** Inline images are named by type, not by a megabyte of base64. */
function describe(src: string): string {
  return src.trim().startsWith('data:') ? 'an inline data: image' : src;
}

/**
 * Width and height for the rewritten tag: the author's display width (or height) with the other
 * side from the picture's own ratio, else its pixel size, so the board reserves the right box before
 * the picture arrives and nothing below it jumps.
 */
function sized(attributes: Map<string, string>, image: StoredImage): void {
  const { width, height } = image.info;
  const givenWidth = Number(attributes.get('width') ?? 0);
  const givenHeight = Number(attributes.get('height') ?? 0);
  if (givenWidth > 0 && givenHeight > 0) return;
  if (givenWidth > 0) attributes.set('height', String(Math.max(1, Math.round((givenWidth * height) / width))));
  else if (givenHeight > 0) attributes.set('width', String(Math.max(1, Math.round((givenHeight * width) / height))));
  else {
    attributes.set('width', String(width));
    attributes.set('height', String(height));
  }
}

/**
 * Fetches the images of one ingest-sanitized article into the blob store and points the HTML at
 * them, so a board never hot-links. Each distinct source is fetched once, a few at a time, within
 * the limits; data: images become blobs too, so every picture a board shows has been sniffed,
 * size-checked and listed. An image that fails is dropped (its alt text stays, which the renderer
 * shows as a placeholder) with a warning: one bad image never fails the article.
 */
export async function localizeImages(html: string, options: LocalizeOptions): Promise<LocalizedArticle> {
  const limits = { ...DEFAULT_LOCALIZE_LIMITS, ...options.limits };
  const context = { fetchImage: options.fetchImage ?? httpImageFetcher(), blobs: options.blobs, limits };

  // Sources as written map to what is fetched, so `a.png`, `./a.png` and its absolute form load once.
  const keyOf = new Map<string, string>();
  const sources = new Map<string, ImageSource | null>();
  for (const [tag] of html.matchAll(IMG_TAG)) {
    const src = decodedAttribute(imgAttributes(tag), 'src');
    if (src === undefined || keyOf.has(src)) continue;
    const source = imageSource(src, options.baseUrl);
    const key = source?.kind === 'remote' ? source.url.href : src;
    keyOf.set(src, key);
    if (!sources.has(key)) sources.set(key, source);
  }
  const loaded = await mapBounded([...sources], limits.concurrency, async ([key, source], index) => {
    if (source === null) return [key, { ok: false, reason: 'it names no http(s) or inline raster image' }] as const;
    if (index >= limits.maxImages)
      return [key, { ok: false, reason: `the article has over ${limits.maxImages} images` }] as const;
    return [key, await loadImage(source, context)] as const;
  });
  const outcomes = new Map<string, LoadOutcome>(loaded);
  const warnings = loaded.flatMap(([key, outcome]) =>
    outcome.ok ? [] : [`image ${describe(key)} dropped: ${outcome.reason}`],
  );

  const images = new Map<string, ImageRef>();
  const media = new Map<string, BlobRef>();
  const out = html.replace(IMG_TAG, (tag) => {
    const attributes = imgAttributes(tag);
    const key = keyOf.get(decodedAttribute(attributes, 'src') ?? '');
    const outcome = key === undefined ? undefined : outcomes.get(key);
    if (outcome === undefined) return tag;
    if (!outcome.ok) {
      attributes.delete('src');
      return imgTag(attributes);
    }
    const { sha256, size, info } = outcome.image;
    attributes.set('src', BLOB_IMAGE_SRC_PREFIX + sha256);
    sized(attributes, outcome.image);
    const ref = images.get(sha256) ?? { sha256, width: info.width, height: info.height };
    const alt = (decodedAttribute(attributes, 'alt') ?? '').trim().slice(0, ALT_MAX);
    if (ref.alt === undefined && alt !== '') ref.alt = alt;
    images.set(sha256, ref);
    media.set(sha256, { sha256, size, mediaType: info.mediaType });
    return imgTag(attributes);
  });
  return { html: out, images: [...images.values()], media: [...media.values()], warnings };
}
