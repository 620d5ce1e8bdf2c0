import { imageInfo, type ImageInfo } from './imageInfo.js';

export interface ImageSizeLimits {
  /** Decoded pixels per image: more is a decompression bomb for the board that shows it. */
  maxPixels: number;
  /** Longest side in pixels; GPUs refuse textures past 16,384 and a 1 × 40,000,000 strip is no picture. */
  maxSide: number;
}

export type ImageVerdict = { ok: true; info: ImageInfo } | { ok: false; reason: string };

/**
 * Whether a board may show these bytes, judged by the bytes, never by a Content-Type or a file
 * name: SVG and HTML called image/png stop here, and so do pictures too large to decode. Every
 * path an image enters by (feeds, articles, books) asks this one question.
 */
export function judgeImage(bytes: Uint8Array, limits: ImageSizeLimits): ImageVerdict {
  const info = imageInfo(bytes);
  if (info === null) return { ok: false, reason: 'it is not a PNG, JPEG, GIF, WebP or AVIF image' };
  const { width, height } = info;
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    const limit = `${limits.maxSide} px a side, ${limits.maxPixels} pixels`;
    return { ok: false, reason: `${width}×${height} pixels is over the limit (${limit})` };
  }
  return { ok: true, info };
}
