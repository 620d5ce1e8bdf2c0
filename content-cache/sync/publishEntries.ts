import type { PackItem } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import type { PublishEntry } from '../contentWriter.js';
import { entryFromBlobs } from '../kinds/bodies.js';
import { checkLinks } from '../kinds/links.js';

/**
 * Turns stored, verified blobs into publishable entries. Throws ContentRejected, naming the item,
 * if any body does not match its kind, uses a blob it does not list or that is not stored, or links
 * to an item outside the version.
 */
export function entriesFromBlobs(items: readonly PackItem[], blobs: BlobStore): PublishEntry[] {
  const entries = items.map((item) => entryFromBlobs(item, blobs));
  checkLinks(entries);
  return entries;
}

/** Runs tasks with at most `limit` in flight; the first failure rejects after the in-flight ones settle. */
export async function mapBounded<T>(
  inputs: readonly T[],
  limit: number,
  task: (input: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const workers = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    // After a failure no new task starts: a failed sync round must not keep downloading behind the caller's back.
    while (!failure && next < inputs.length) {
      const input = inputs[next++] as T;
      try {
        await task(input);
      } catch (error) {
        failure ??= { error };
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw (failure as { error: unknown }).error;
}
