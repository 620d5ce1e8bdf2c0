import { z } from 'zod';
import { packManifestSchema, type PackManifest } from '../../common/pack.js';

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export type ManifestAnswer = { changed: false } | { changed: true; manifest: PackManifest; etag: string | null };

async function readLimited(response: Response, limit: number, onBytes: (count: number) => void): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`manifest of ${declared} bytes is over the ${limit}-byte limit`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  onBytes(bytes.byteLength);
  if (bytes.byteLength > limit)
    throw new Error(`manifest of ${bytes.byteLength} bytes is over the ${limit}-byte limit`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Asks for the manifest with If-None-Match: an unchanged manifest costs one request and no body. */
export async function fetchManifest(options: {
  serverUrl: string;
  etag: string | undefined;
  fetch: typeof fetch;
  timeoutMs: number;
  onBytes: (count: number) => void;
}): Promise<ManifestAnswer> {
  const response = await options.fetch(new URL('/api/v1/manifest', options.serverUrl), {
    headers: options.etag ? { 'if-none-match': options.etag } : {},
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    return { changed: false };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`fleet server answered ${response.status} for the manifest`);
  }
  const text = await readLimited(response, MAX_MANIFEST_BYTES, options.onBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`fleet manifest is not JSON: ${(error as Error).message}`);
  }
  const parsed = packManifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`fleet manifest is malformed: ${z.prettifyError(parsed.error)}`);
  return { changed: true, manifest: parsed.data, etag: response.headers.get('etag') };
}
