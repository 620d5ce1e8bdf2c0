import type { ImageSizeLimits } from './judgeImage.js';

export interface LocalizeLimits extends ImageSizeLimits {
  /** Per image, from the request to the last byte. */
  timeoutMs: number;
  /** Bytes per image, enforced while the body streams. */
  maxBytes: number;
  /** Images fetched at once, so one article cannot open a hundred connections to one CMS. */
  concurrency: number;
  /** Distinct images per article; an article body lists at most 200 (common/kinds/article.ts). */
  maxImages: number;
}

export const DEFAULT_LOCALIZE_LIMITS: LocalizeLimits = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  // 40 MP holds a 2× scan of a full page (e.g. 5000 × 7000) and refuses the 100,000-pixel-wide bombs.
  maxPixels: 40_000_000,
  maxSide: 16_384,
  concurrency: 4,
  maxImages: 200,
};
