export interface ReadBodyOptions {
  /** More body bytes than this refuses the body, decided before and while reading, never after. */
  maxBytes: number;
  /** Stops the read with the signal's reason, even for a body whose stream does not watch the signal itself. */
  signal?: AbortSignal;
  /**
   * The caller's own error for a body over `maxBytes`: `declared` is the Content-Length when the
   * header decided, null when the count while streaming did.
   */
  tooBig: (declared: number | null) => Error;
  /** Told the size of every chunk as it arrives, so a byte budget counts what crossed the wire. */
  onBytes?: (count: number) => void;
}

function declaredLength(response: Response): number | null {
  const header = response.headers.get('content-length');
  const declared = header === null ? Number.NaN : Number(header);
  return Number.isSafeInteger(declared) && declared >= 0 ? declared : null;
}

/**
 * A response body held to a size limit: a declared Content-Length over it is refused before a byte
 * is read, and an undeclared (chunked) one is cut at the limit by cancelling the stream, so a
 * hostile server cannot fill memory with what is never kept.
 */
export async function readBody(response: Response, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes, signal } = options;
  const declared = declaredLength(response);
  const refusal = declared !== null && declared > maxBytes ? options.tooBig(declared) : undefined;
  if (refusal || signal?.aborted) {
    await response.body?.cancel().catch(() => {});
    throw refusal ?? signal?.reason;
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  // Cancelling ends a pending read at once; the loop then sees the aborted signal.
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      options.onBytes?.(chunk.value.byteLength);
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw options.tooBig(null);
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  signal?.throwIfAborted();
  return Buffer.concat(chunks, total);
}
