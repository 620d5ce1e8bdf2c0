/**
 * URL and number checks for the few attributes the article allowlist keeps. Values arrive with
 * entities already decoded by the HTML parser, so `java&#x09;script:` is `java\tscript:` here.
 */

/**
 * An absolute http(s) URL, or null. The WHATWG URL parser is the one browsers use: it strips the
 * tabs, newlines and leading control characters that obfuscate `javascript:`, lower-cases the
 * scheme, and resolves relative references against the entry's link, so what we accept is exactly
 * what a browser would have fetched.
 */
export function absoluteHttpUrl(value: string, baseUrl: string | undefined): string | null {
  if (value.trim() === '') return null;
  try {
    const url = baseUrl ? new URL(value, baseUrl) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Images a board can show without fetching anything: base64 raster data only. SVG is left out (it
 * is a document that can reference other resources); so are non-base64 forms, which carry no
 * reliable bytes. Larger images belong in the blob cache, not inside the article text.
 */
const RASTER_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif);base64,([A-Za-z0-9+/\s]+={0,2})$/i;
export const MAX_DATA_IMAGE_CHARS = 256 * 1024;

export function rasterDataImage(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length > MAX_DATA_IMAGE_CHARS) return null;
  const match = RASTER_DATA_IMAGE.exec(trimmed);
  if (!match) return null;
  const [, type, data] = match as unknown as [string, string, string];
  return `data:image/${type.toLowerCase()};base64,${data.replace(/\s+/g, '')}`;
}

/** A small positive integer as written (`"3"`), or null: no units, no signs, nothing huge. */
export function smallCount(value: string | undefined, max: number): string | null {
  if (value === undefined || !/^\s*\d{1,5}\s*$/.test(value)) return null;
  const count = Number(value);
  return count >= 1 && count <= max ? String(count) : null;
}
