import { lstat, mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { packManifestSchema, type PackManifest } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import type { BuiltPack } from './build.js';

/** pack.json larger than this is refused before parsing: 200,000 items fit well inside it. */
export const MAX_PACK_JSON_BYTES = 256 * 1024 * 1024;

export class PackError extends Error {
  override name = 'PackError';
}

/** Where a blob lives inside a pack directory; the name is the hash, so no path in a pack is chosen by its author. */
export function packBlobPath(packDir: string, sha256: string): string {
  return path.join(packDir, 'blobs', 'sha256', sha256);
}

async function writeFileDurably(target: string, bytes: Uint8Array): Promise<void> {
  const temp = `${target}.tmp-${process.pid}`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

export async function writePackDir(packDir: string, pack: BuiltPack): Promise<void> {
  await mkdir(path.join(packDir, 'blobs', 'sha256'), { recursive: true });
  for (const [sha256, bytes] of pack.blobs) await writeFileDurably(packBlobPath(packDir, sha256), bytes);
  // pack.json last: a pack directory without it is visibly incomplete, never half-valid.
  await writeFileDurably(path.join(packDir, 'pack.json'), Buffer.from(JSON.stringify(pack.manifest, null, 1), 'utf8'));
}

async function regularFileSize(file: string, what: string): Promise<number> {
  const stat = await lstat(file).catch(() => null);
  if (!stat) throw new PackError(`${what} is missing`);
  if (stat.isSymbolicLink()) throw new PackError(`${what} is a symbolic link; packs may hold only regular files`);
  if (!stat.isFile()) throw new PackError(`${what} is not a regular file`);
  return stat.size;
}

export async function readPackManifest(packDir: string): Promise<PackManifest> {
  const file = path.join(packDir, 'pack.json');
  const size = await regularFileSize(file, 'pack.json');
  if (size > MAX_PACK_JSON_BYTES)
    throw new PackError(`pack.json is ${size} bytes, over the ${MAX_PACK_JSON_BYTES}-byte limit`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new PackError(`pack.json is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = packManifestSchema.safeParse(json);
  if (!parsed.success) throw new PackError(`pack.json is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads one blob of a pack and checks it against the manifest's size and hash before anyone may use it. */
export async function readPackBlob(packDir: string, ref: { sha256: string; size: number }): Promise<Buffer> {
  const file = packBlobPath(packDir, ref.sha256);
  const size = await regularFileSize(file, `blob ${ref.sha256}`);
  if (size !== ref.size) throw new PackError(`blob ${ref.sha256} has ${size} bytes, the manifest says ${ref.size}`);
  const bytes = await readFile(file);
  if (sha256Hex(bytes) !== ref.sha256) throw new PackError(`blob ${ref.sha256} does not match its hash`);
  return bytes;
}

/** Reads a whole pack into memory, every blob verified; for publishing a pack on the fleet server. */
export async function readPackDir(packDir: string): Promise<BuiltPack> {
  const manifest = await readPackManifest(packDir);
  const blobs = new Map<string, Buffer>();
  for (const item of manifest.items) {
    if (!blobs.has(item.body.sha256)) blobs.set(item.body.sha256, await readPackBlob(packDir, item.body));
  }
  return { manifest, blobs };
}
