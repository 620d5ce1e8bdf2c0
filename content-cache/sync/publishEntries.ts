import { articleBodySchema } from '../../common/content.js';
import type { PackItem } from '../../common/pack.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import type { PublishEntry } from '../contentWriter.js';

/** Turns stored, verified body blobs into publishable entries; throws if any body is not a valid article body. */
export function entriesFromBlobs(items: readonly PackItem[], blobs: BlobStore): PublishEntry[] {
  return items.map((item) => {
    const raw: unknown = JSON.parse(blobs.get(item.body.sha256).toString('utf8'));
    const body = articleBodySchema.safeParse(raw);
    if (!body.success) throw new Error(`body of item ${item.id} is not a valid article body`);
    return { item, body: body.data };
  });
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
