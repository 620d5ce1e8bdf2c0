import type { Logger } from 'pino';
import type { BlobRef } from '../../common/pack.js';
import { BlobIntegrityError, type BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { BlobFileWriter, partialPathOf } from '../blobs/blobFile.js';
import { backoffDelay, sleep } from './backoff.js';
import type { SyncConfig } from './config.js';
import { TransferError, describeError, diskProblem } from './errors.js';

export interface DownloadContext {
  serverUrl: string;
  blobs: BlobStore;
  fetch: typeof fetch;
  config: Pick<SyncConfig, 'requestTimeoutMs' | 'idleTimeoutMs' | 'attemptsPerBlob' | 'retryBaseMs' | 'retryMaxMs'>;
  logger: Logger;
  random: () => number;
  /** Called with every body byte received, kept or not: what the daily budget counts. */
  onBytes: (count: number) => void;
  /**
   * Validators (strong ETag or Last-Modified) of partial downloads seen by this process, for
   * If-Range. After a restart a resume goes without one: the URL names the content by its hash and
   * the whole file is verified anyway, so a changed representation costs one failed attempt at most.
   */
  validators: Map<string, string>;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Failed responses are drained or cancelled, or their sockets stay busy until the server gives up. */
async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function rangeStart(response: Response, ref: BlobRef): number | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (!match) return null;
  const [, start, end, total] = match;
  if (Number(end) !== ref.size - 1 || (total !== '*' && Number(total) !== ref.size)) return null;
  return Number(start);
}

function validatorOf(response: Response): string | null {
  const etag = response.headers.get('etag');
  // RFC 9110 §13.1.5: If-Range takes only a strong validator.
  if (etag && !etag.startsWith('W/')) return etag;
  return response.headers.get('last-modified');
}

/** Starts the request and positions the writer where the response body begins. */
async function request(ctx: DownloadContext, ref: BlobRef, writer: BlobFileWriter): Promise<Response> {
  const offset = writer.size;
  const controller = new AbortController();
  const validator = ctx.validators.get(ref.sha256);
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (validator) headers['if-range'] = validator;
  }
  const timer = setTimeout(() => controller.abort(), ctx.config.requestTimeoutMs);
  let response: Response;
  try {
    response = await ctx.fetch(new URL(`/blobs/sha256/${ref.sha256}`, ctx.serverUrl), {
      headers,
      signal: controller.signal,
    });
  } catch (error) {
    if (controller.signal.aborted)
      throw new TransferError(
        `no answer for blob ${ref.sha256} within ${ctx.config.requestTimeoutMs} ms`,
        true,
        'network',
      );
    throw new TransferError(`blob ${ref.sha256}: ${describeError(error)}`, true, 'network');
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 206 && offset > 0 && rangeStart(response, ref) === offset) return response;
  if (response.status === 200) {
    const length = response.headers.get('content-length');
    if (length !== null && Number(length) !== ref.size) {
      await discardBody(response);
      throw new TransferError(
        `fleet server offers blob ${ref.sha256} with ${length} bytes, expected ${ref.size}`,
        true,
        'server',
      );
    }
    // A full answer to a range request: the server ignores ranges or the representation changed.
    if (offset > 0) await writer.restart();
    return response;
  }
  await discardBody(response);
  if (response.status === 206 || response.status === 416) {
    await writer.restart();
    throw new TransferError(`fleet server answered a range request for blob ${ref.sha256} unusably`, true, 'server');
  }
  throw new TransferError(
    `fleet server answered ${response.status} for blob ${ref.sha256}`,
    RETRYABLE_STATUS.has(response.status),
    'server',
  );
}

/** Streams the body into the writer; a silence longer than idleTimeoutMs aborts. */
async function receive(ctx: DownloadContext, ref: BlobRef, response: Response, writer: BlobFileWriter) {
  if (!response.body) return;
  const reader = response.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  let idle = false;
  const arm = () => {
    timer = setTimeout(() => {
      idle = true;
      void reader.cancel().catch(() => {});
    }, ctx.config.idleTimeoutMs);
  };
  try {
    arm();
    for (;;) {
      const { done, value } = await reader.read();
      clearTimeout(timer);
      if (done) break;
      ctx.onBytes(value.length);
      await writer.write(value);
      arm();
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof BlobIntegrityError || diskProblem(error)) throw error;
    throw new TransferError(
      `blob ${ref.sha256} was cut off after ${writer.size} bytes: ${describeError(error)}`,
      true,
      'network',
    );
  } finally {
    clearTimeout(timer);
  }
  if (idle)
    throw new TransferError(
      `blob ${ref.sha256} stalled for ${ctx.config.idleTimeoutMs} ms at ${writer.size} bytes`,
      true,
      'network',
    );
}

async function attempt(ctx: DownloadContext, ref: BlobRef): Promise<void> {
  const writer = await BlobFileWriter.open(ctx.blobs, ref, partialPathOf(ctx.blobs, ref.sha256), true);
  try {
    if (writer.size > 0 && writer.size < ref.size)
      ctx.logger.debug({ blob: ref.sha256, from: writer.size }, 'resuming blob download');
    if (writer.size < ref.size || ref.size === 0) {
      const response = await request(ctx, ref, writer);
      const validator = validatorOf(response);
      if (validator) ctx.validators.set(ref.sha256, validator);
      await receive(ctx, ref, response, writer);
    }
    if (writer.size < ref.size)
      throw new TransferError(`blob ${ref.sha256} ended after ${writer.size} of ${ref.size} bytes`, true, 'content');
    await writer.commit();
    ctx.validators.delete(ref.sha256);
  } catch (error) {
    if (error instanceof BlobIntegrityError) {
      // Bytes that are too many or hash wrong cannot be resumed; the next attempt starts from zero.
      await writer.discard();
      throw new TransferError(error.message, true, 'content');
    }
    // An attempt that got no byte leaves no empty partial file behind.
    if (writer.size === 0) await writer.discard();
    else await writer.close().catch(() => {});
    throw error;
  }
}

/**
 * Downloads one blob into the store, resuming a partial file with a Range request, verifying the
 * sha256 of the whole file before it takes the blob's name. Bounded: at most attemptsPerBlob tries
 * with jittered exponential waits between them; errors of the board's own disk are not retried.
 */
export async function downloadBlob(ctx: DownloadContext, ref: BlobRef): Promise<void> {
  for (let n = 1; ; n += 1) {
    try {
      await attempt(ctx, ref);
      return;
    } catch (error) {
      const retryable = error instanceof TransferError && error.retryable;
      if (diskProblem(error))
        throw new TransferError(`storing blob ${ref.sha256}: ${describeError(error)}`, false, 'disk');
      if (!retryable || n >= ctx.config.attemptsPerBlob) throw error;
      const wait = backoffDelay(n, ctx.config.retryBaseMs, ctx.config.retryMaxMs, ctx.random);
      ctx.logger.debug(
        { blob: ref.sha256, attempt: n, wait, err: describeError(error) },
        'blob download failed; retrying',
      );
      await sleep(wait);
    }
  }
}
