import { constants } from 'node:fs';
import { lstat, mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { manifestBlobRefs, type BlobRef, type PackManifest } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import type { BuiltPack } from './build.js';
import { MAX_PACK_JSON_BYTES, PackError, parsePackManifest, type PackSource } from './manifest.js';

export { MAX_PACK_JSON_BYTES, PackError };

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

/**
 * Opens a file of the pack without following a symbolic link at its last step (O_NOFOLLOW), so a
 * link swapped in after a check cannot redirect the read; the folders on the way are checked by
 * `refuseLinkedFolders`.
 */
async function openRegularFile(file: string, what: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PackError(`${what} is missing`);
    if (code === 'ELOOP') throw new PackError(`${what} is a symbolic link; packs may hold only regular files`);
    throw new PackError(`${what} cannot be read: ${(error as Error).message}`);
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new PackError(`${what} is not a regular file`);
  }
  return { handle, size: stat.size };
}

/** blobs/ and blobs/sha256/ must be real folders: a link there would let a pack read files from anywhere. */
async function refuseLinkedFolders(packDir: string): Promise<void> {
  for (const folder of ['blobs', path.join('blobs', 'sha256')]) {
    const stat = await lstat(path.join(packDir, folder)).catch(() => null);
    if (stat?.isSymbolicLink()) throw new PackError(`${folder}/ is a symbolic link; packs may hold only real folders`);
  }
}

export async function readPackManifest(packDir: string, maxBytes = MAX_PACK_JSON_BYTES): Promise<PackManifest> {
  const { handle, size } = await openRegularFile(path.join(packDir, 'pack.json'), 'pack.json');
  try {
    if (size > maxBytes) throw new PackError(`pack.json is ${size} bytes, over the ${maxBytes}-byte limit`);
    return parsePackManifest(await handle.readFile());
  } finally {
    await handle.close();
  }
}

async function openPackBlobFile(packDir: string, ref: BlobRef): Promise<FileHandle> {
  await refuseLinkedFolders(packDir);
  const { handle, size } = await openRegularFile(packBlobPath(packDir, ref.sha256), `blob ${ref.sha256}`);
  if (size !== ref.size) {
    await handle.close();
    throw new PackError(`blob ${ref.sha256} has ${size} bytes, the manifest says ${ref.size}`);
  }
  return handle;
}

/** Reads one blob of a pack and checks it against the manifest's size and hash before anyone may use it. */
export async function readPackBlob(packDir: string, ref: BlobRef): Promise<Buffer> {
  const handle = await openPackBlobFile(packDir, ref);
  try {
    const bytes = await handle.readFile();
    if (bytes.length !== ref.size || sha256Hex(bytes) !== ref.sha256)
      throw new PackError(`blob ${ref.sha256} does not match its hash`);
    return bytes;
  } finally {
    await handle.close();
  }
}

/** Reads a whole pack into memory, every blob verified; for publishing a pack on the fleet server. */
export async function readPackDir(packDir: string): Promise<BuiltPack> {
  const manifest = await readPackManifest(packDir);
  const blobs = new Map<string, Buffer>();
  for (const ref of manifestBlobRefs(manifest)) blobs.set(ref.sha256, await readPackBlob(packDir, ref));
  return { manifest, blobs };
}

/** Opens a pack directory for a streaming import; blobs are read no further than their declared size. */
export async function openPackDir(packDir: string, maxManifestBytes = MAX_PACK_JSON_BYTES): Promise<PackSource> {
  const manifest = await readPackManifest(packDir, maxManifestBytes);
  return {
    manifest,
    async openBlob(ref) {
      const handle = await openPackBlobFile(packDir, ref);
      // An empty range would read the whole file: a zero-byte blob reads nothing at all.
      if (ref.size === 0) {
        await handle.close();
        return (async function* () {})();
      }
      return handle.createReadStream({ start: 0, end: ref.size - 1 });
    },
    close: async () => {},
  };
}
