import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that a crash or power cut leaves either the old file or the whole new one:
 * temp file, fsync, rename, fsync of the directory (which makes the rename itself durable).
 */
export function writeFileAtomic(file: string, text: string, mode = 0o600): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    // A leftover (or planted) temp file or link is removed, and 'wx' refuses to follow one made
    // since: the secret is written only into a file this call created, with this mode.
    rmSync(temp, { force: true });
    const fd = openSync(temp, 'wx', mode);
    try {
      fchmodSync(fd, mode);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  const dir = openSync(path.dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
