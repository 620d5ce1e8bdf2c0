import { z } from 'zod';
import { packManifestSchema, type BlobRef, type PackManifest } from '../../common/pack.js';

/** pack.json larger than this is refused before parsing: 200,000 items fit well inside it. */
export const MAX_PACK_JSON_BYTES = 256 * 1024 * 1024;

/** Why a pack cannot be used; the message is meant for the operator who carried it. */
export class PackError extends Error {
  override name = 'PackError';
}

/** Parses pack.json bytes, whatever container they came from, into a validated manifest. */
export function parsePackManifest(bytes: Uint8Array): PackManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new PackError(`pack.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = packManifestSchema.safeParse(json);
  if (!parsed.success) throw new PackError(`pack.json is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * A pack opened for import, whatever its container: the validated manifest and a way to stream each
 * blob it references. Streams yield at most the declared size; the importer still verifies the hash.
 */
export interface PackSource {
  readonly manifest: PackManifest;
  openBlob(ref: BlobRef): Promise<AsyncIterable<Uint8Array>>;
  close(): Promise<void>;
}
