import { sha256Hex } from '../hash.js';
import type { FetchImage } from './fetchImage.js';
import type { ImageInfo } from './imageInfo.js';
import { judgeImage } from './judgeImage.js';
import type { LocalizeLimits } from './limits.js';

/** Where stored images go: the content-addressed BlobStore, or anything with its two methods. */
export interface ImageBlobSink {
  has(sha256: string): boolean | Promise<boolean>;
  put(sha256: string, bytes: Uint8Array): void | Promise<void>;
}

/** An image's source after resolution: a remote address, or bytes the article carried inline. */
export type ImageSource = { kind: 'remote'; url: URL } | { kind: 'inline'; bytes: Uint8Array };

export interface StoredImage {
  sha256: string;
  size: number;
  info: ImageInfo;
}

export type LoadOutcome = { ok: true; image: StoredImage } | { ok: false; reason: string };

interface LoadContext {
  fetchImage: FetchImage;
  blobs: ImageBlobSink;
  limits: LocalizeLimits;
}

/** The ingest sanitizer normalizes kept `data:` images to exactly this shape (content-format/sanitize/urls.ts). */
const BASE64_IMAGE = /^data:image\/[a-z]+;base64,([A-Za-z0-9+/]*={0,2})$/i;

/**
 * Resolves an `<img src>` against the entry's address. Null for anything that names no fetchable
 * raster image: other schemes, malformed addresses, non-base64 `data:`.
 */
export function imageSource(src: string, baseUrl: string | undefined): ImageSource | null {
  const trimmed = src.trim();
  // An empty reference resolves to the page itself, which is no image.
  if (trimmed === '') return null;
  const inline = BASE64_IMAGE.exec(trimmed);
  if (inline) return { kind: 'inline', bytes: Buffer.from(inline[1] ?? '', 'base64') };
  const url = URL.parse(trimmed, baseUrl);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? { kind: 'remote', url } : null;
}

/** Races the fetch against its deadline, so even a fetcher that ignores its signal cannot hold an article. */
async function fetchWithDeadline(url: URL, { fetchImage, limits }: LoadContext): Promise<Uint8Array> {
  const controller = new AbortController();
  const seconds = limits.timeoutMs / 1000;
  const deadline = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
  });
  const timer = setTimeout(
    () => controller.abort(new Error(`no complete answer within ${seconds} s`)),
    limits.timeoutMs,
  );
  try {
    return await Promise.race([fetchImage(url, { signal: controller.signal, maxBytes: limits.maxBytes }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Fetches (or decodes), checks and stores one image. A bad image is an outcome, not a failure; only
 * the blob store's own errors (a full disk) throw, since they would fail every image after it too.
 */
export async function loadImage(source: ImageSource, context: LoadContext): Promise<LoadOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = source.kind === 'inline' ? source.bytes : await fetchWithDeadline(source.url, context);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (bytes.byteLength > context.limits.maxBytes)
    return { ok: false, reason: `it is over the ${context.limits.maxBytes}-byte limit` };
  const verdict = judgeImage(bytes, context.limits);
  if (!verdict.ok) return verdict;
  const sha256 = sha256Hex(bytes);
  if (!(await context.blobs.has(sha256))) await context.blobs.put(sha256, bytes);
  return { ok: true, image: { sha256, size: bytes.byteLength, info: verdict.info } };
}
