import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { BlobRef } from '../../common/pack.js';
import { BlobIntegrityError, type BlobStore } from '../../content-format/blobs/fsBlobStore.js';

/** A download in progress keeps its bytes here, beside the blob's final place, so a later round can resume it. */
export const PARTIAL_SUFFIX = '.partial';

export function partialPathOf(blobs: BlobStore, sha256: string): string {
  return `${blobs.pathOf(sha256)}${PARTIAL_SUFFIX}`;
}

async function hashFile(file: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
}

async function fsyncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * One blob being written to a file beside its final place. Bytes are hashed as they are appended
 * (a resumed file is hashed first), and the file takes the blob's name only after its size and
 * sha256 match the reference: a crash leaves a partial file, never a wrong blob.
 */
export class BlobFileWriter {
  private constructor(
    readonly ref: BlobRef,
    private readonly file: string,
    private readonly target: string,
    private readonly handle: FileHandle,
    private hash: Hash,
    private written: number,
  ) {}

  /** With `resume`, keeps the bytes already in `file` (if no more than the blob's size) and appends after them. */
  static async open(blobs: BlobStore, ref: BlobRef, file: string, resume: boolean): Promise<BlobFileWriter> {
    const target = blobs.pathOf(ref.sha256);
    await mkdir(path.dirname(target), { recursive: true });
    const existing = resume ? await stat(file).catch(() => null) : null;
    const keep = existing?.isFile() === true && existing.size <= ref.size;
    const hash = createHash('sha256');
    if (keep) await hashFile(file, hash);
    const handle = await open(file, keep ? 'a' : 'w');
    return new BlobFileWriter(ref, file, target, handle, hash, keep ? (existing?.size ?? 0) : 0);
  }

  get size(): number {
    return this.written;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.written + chunk.length > this.ref.size)
      throw new BlobIntegrityError(`blob ${this.ref.sha256} is longer than the ${this.ref.size} bytes declared`);
    await this.handle.write(chunk);
    this.hash.update(chunk);
    this.written += chunk.length;
  }

  /** Drops what was written so far, for a source that starts again from byte 0. */
  async restart(): Promise<void> {
    await this.handle.truncate(0);
    this.hash = createHash('sha256');
    this.written = 0;
  }

  /** Verifies the whole file and gives it the blob's name; durable once this resolves. */
  async commit(): Promise<void> {
    try {
      if (this.written !== this.ref.size)
        throw new BlobIntegrityError(`blob ${this.ref.sha256} has ${this.written} bytes, expected ${this.ref.size}`);
      const actual = this.hash.digest('hex');
      if (actual !== this.ref.sha256)
        throw new BlobIntegrityError(`blob ${this.ref.sha256} arrived with the wrong bytes (they hash to ${actual})`);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    await rename(this.file, this.target);
    await fsyncFolder(path.dirname(this.target));
  }

  /** Keeps the bytes for a later resume, flushed to disk. */
  async close(): Promise<void> {
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  async discard(): Promise<void> {
    await this.handle.close().catch(() => {});
    await unlink(this.file).catch(() => {});
  }
}

/** Streams a blob into the store, verified; on any failure nothing is left behind. */
export async function storeBlobStream(
  blobs: BlobStore,
  ref: BlobRef,
  source: AsyncIterable<Uint8Array>,
): Promise<void> {
  const writer = await BlobFileWriter.open(blobs, ref, `${blobs.pathOf(ref.sha256)}.import-${process.pid}`, false);
  try {
    for await (const chunk of source) await writer.write(chunk);
    await writer.commit();
  } catch (error) {
    await writer.discard();
    throw error;
  }
}
