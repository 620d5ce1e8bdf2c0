import { sha256Hex } from '../hash.js';
import {
  mkdirSync,
  openSync,
  fsyncSync,
  closeSync,
  writeSync,
  renameSync,
  readFileSync,
  existsSync,
  unlinkSync,
} from 'node:fs';
import path from 'node:path';

export class BlobIntegrityError extends Error {
  override name = 'BlobIntegrityError';
}

/**
 * Content-addressed blob files under `<dataDir>/blobs/sha256/ab/cdef…`. A blob is written to a
 * temporary file, verified, fsynced and renamed, so a crash leaves either nothing or a whole,
 * correct file under its final name.
 */
export class BlobStore {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs', 'sha256');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new BlobIntegrityError(`not a sha256 hex digest: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  put(sha256: string, bytes: Uint8Array): void {
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new BlobIntegrityError(`blob should hash to ${sha256} but hashes to ${actual}`);
    const target = this.pathOf(sha256);
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp-${process.pid}`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  }

  /** Reads a blob and re-verifies it, so a file damaged on disk is reported rather than shown. */
  get(sha256: string): Buffer {
    const bytes = readFileSync(this.pathOf(sha256));
    const actual = sha256Hex(bytes);
    if (actual !== sha256) throw new BlobIntegrityError(`blob ${sha256} on disk is damaged (hashes to ${actual})`);
    return bytes;
  }

  remove(sha256: string): void {
    try {
      unlinkSync(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
