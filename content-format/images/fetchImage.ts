import { readBody } from '../http/readBody.js';

/** Why one image could not be fetched, in words an operator reads in the ingest warnings. */
export class ImageFetchError extends Error {
  override name = 'ImageFetchError';
}

export interface FetchImageOptions {
  /** Aborted when the image's time is up; the fetcher must stop reading then. */
  signal: AbortSignal;
  /** More body bytes than this refuses the image, decided while reading, never after. */
  maxBytes: number;
}

/**
 * Fetches one image's bytes or throws (an ImageFetchError for the expected failures). Injectable so
 * that a server can route through its proxy or a test can serve anything it likes.
 */
export type FetchImage = (url: URL, options: FetchImageOptions) => Promise<Uint8Array>;

export interface HttpImageFetcherOptions {
  /** Hops followed before giving up; each hop must stay on http(s). */
  maxRedirects?: number;
  userAgent?: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** undici reports every network failure as "fetch failed"; the cause says which one. */
function networkFailure(error: unknown): ImageFetchError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return new ImageFetchError(`network error: ${cause instanceof Error ? cause.message : String(cause)}`);
}

async function send(url: URL, signal: AbortSignal, userAgent: string): Promise<Response> {
  try {
    return await fetch(url, {
      // Followed by hand: fetch's own redirects would accept any number of hops up to 20.
      redirect: 'manual',
      signal,
      headers: { accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif', 'user-agent': userAgent },
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw networkFailure(error);
  }
}

async function readImage(response: Response, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  try {
    return await readBody(response, {
      maxBytes,
      signal,
      tooBig: (declared) =>
        new ImageFetchError(
          declared === null
            ? `it is over the ${maxBytes}-byte limit`
            : `it declares ${declared} bytes, over the ${maxBytes}-byte limit`,
        ),
    });
  } catch (error) {
    if (error instanceof ImageFetchError || signal.aborted) throw error;
    throw networkFailure(error);
  }
}

/** The default fetcher: Node's fetch, http(s) only on every hop, a bounded number of redirects. */
export function httpImageFetcher(options: HttpImageFetcherOptions = {}): FetchImage {
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? 'newsboard-ingest (image fetcher)';
  return async (url, { signal, maxBytes }) => {
    let current = url;
    for (let hop = 0; ; hop += 1) {
      if (!isHttp(current)) throw new ImageFetchError(`${current.protocol} addresses are never fetched`);
      const response = await send(current, signal, userAgent);
      if (!REDIRECT_STATUSES.has(response.status)) {
        if (!response.ok) {
          await response.body?.cancel();
          throw new ImageFetchError(`the server answered HTTP ${response.status}`);
        }
        return readImage(response, maxBytes, signal);
      }
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new ImageFetchError(`more than ${maxRedirects} redirects`);
      const location = response.headers.get('location');
      const next = location === null ? null : URL.parse(location, current);
      if (next === null) throw new ImageFetchError(`HTTP ${response.status} without a usable Location`);
      current = next;
    }
  };
}
