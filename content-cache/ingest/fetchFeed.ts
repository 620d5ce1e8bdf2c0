import { MAX_FEED_BYTES } from '../../content-format/feeds/limits.js';
import { readBody } from '../../content-format/http/readBody.js';
import { IngestError } from './errors.js';

export interface FetchLimits {
  /** For the whole exchange, headers and body: a feed that trickles in is as stuck as one that never answers. */
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 60_000, maxBytes: MAX_FEED_BYTES };

export interface FetchedFeed {
  bytes: Uint8Array;
  /** The Content-Type header: its charset decides the decoding. */
  contentType: string | undefined;
  /** Where the feed was found after redirects: the base for its relative links. */
  finalUrl: string;
}

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

function tooBig(limits: FetchLimits, bytes: number | string): IngestError {
  return new IngestError(`the server sends ${bytes} bytes, over the ${limits.maxBytes}-byte limit for a feed`);
}

function failure(error: unknown, limits: FetchLimits): IngestError {
  if (error instanceof IngestError) return error;
  if (error instanceof Error && error.name === 'TimeoutError')
    return new IngestError(`no complete answer within ${limits.timeoutMs / 1000} s`);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new IngestError(`cannot fetch it: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`);
}

/** GETs a feed over http(s) within a time and size limit; any failure is one line (the caller names the URL). */
export async function fetchFeed(url: URL, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedFeed> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new IngestError('only http and https URLs can be ingested');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, { signal, headers: { accept: ACCEPT } });
    if (!response.ok) {
      await response.body?.cancel();
      throw new IngestError(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
    }
    return {
      bytes: await readBody(response, {
        maxBytes: limits.maxBytes,
        signal,
        tooBig: (declared) => tooBig(limits, declared ?? `more than ${limits.maxBytes}`),
      }),
      contentType: response.headers.get('content-type') ?? undefined,
      finalUrl: response.url || url.href,
    };
  } catch (error) {
    throw failure(error, limits);
  }
}
