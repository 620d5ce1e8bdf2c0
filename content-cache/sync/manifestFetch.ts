import { z } from 'zod';
import { packManifestSchema, type PackManifest } from '../../common/pack.js';
import { readBody } from '../../content-format/http/readBody.js';
import { ReplayError, SignatureError, verifyDocument } from '../../content-format/signing/ed25519.js';
import type { FleetDevice } from './fleetDevice.js';

/** A manifest lists every item of a release; 64 MiB is far past the largest and still fits a board's memory. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export type ManifestAnswer =
  { changed: false } | { changed: true; manifest: PackManifest; etag: string | null; version: number };

async function readManifest(
  response: Response,
  signal: AbortSignal,
  onBytes: (count: number) => void,
): Promise<string> {
  const bytes = await readBody(response, {
    maxBytes: MAX_MANIFEST_BYTES,
    signal,
    onBytes,
    tooBig: (declared) =>
      new Error(
        `manifest of ${declared ?? `more than ${MAX_MANIFEST_BYTES}`} bytes is over the ${MAX_MANIFEST_BYTES}-byte limit`,
      ),
  });
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Checks the signed document around a manifest: a pinned key, the signature, kind, expiry, that it
 * is meant for this board, and that it is not older than what the board already has (a replayed or
 * rolled-back release).
 */
function verifiedManifest(json: unknown, device: FleetDevice, minVersion: number, now: Date) {
  let document;
  try {
    document = verifyDocument(json, { kind: 'manifest', trustedKeys: device.trustedKeys, minVersion, now });
  } catch (error) {
    if (error instanceof ReplayError)
      throw new Error(`manifest older than applied: version ${error.version} < ${error.minVersion} (rollback refused)`);
    if (error instanceof SignatureError) throw new Error(`manifest signature invalid: ${error.message}`);
    throw error;
  }
  if (document.scope !== 'fleet' && document.scope !== `device:${device.deviceId}`)
    throw new Error(`manifest refused: it is for ${document.scope}, not this board`);
  const parsed = packManifestSchema.safeParse(document.body);
  if (!parsed.success) throw new Error(`fleet manifest is malformed: ${z.prettifyError(parsed.error)}`);
  return { manifest: parsed.data, version: document.version };
}

/** Asks for this board's manifest with If-None-Match: an unchanged manifest costs one request and no body. */
export async function fetchManifest(options: {
  serverUrl: string;
  device: FleetDevice;
  etag: string | undefined;
  /** The manifest version this board applied (or is downloading); anything older is refused. */
  minVersion: number;
  fetch: typeof fetch;
  timeoutMs: number;
  now: Date;
  onBytes: (count: number) => void;
}): Promise<ManifestAnswer> {
  const { device } = options;
  const url = new URL(`/api/v1/devices/${encodeURIComponent(device.deviceId)}/manifest`, options.serverUrl);
  const signal = AbortSignal.timeout(options.timeoutMs);
  const response = await options.fetch(url, {
    headers: { authorization: `Bearer ${device.token}`, ...(options.etag ? { 'if-none-match': options.etag } : {}) },
    signal,
  });
  if (response.status === 304) {
    await response.body?.cancel().catch(() => {});
    return { changed: false };
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    if (response.status === 401)
      throw new Error('fleet server does not accept this board (401): its enrollment was revoked or lost; re-enroll');
    throw new Error(`fleet server answered ${response.status} for the manifest`);
  }
  const text = await readManifest(response, signal, options.onBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`fleet manifest is not JSON: ${(error as Error).message}`);
  }
  const verified = verifiedManifest(json, device, options.minVersion, options.now);
  return { changed: true, ...verified, etag: response.headers.get('etag') };
}
