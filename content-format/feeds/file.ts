import { readFile, stat } from 'node:fs/promises';
import { FeedError } from './errors.js';
import { assertFeedSize } from './limits.js';
import { parseFeedBytes, type ParseFeedOptions } from './parseFeed.js';
import type { NormalizedFeed } from './schema.js';

/** Reads and parses a feed file, refusing an oversized one by its size before reading it. */
export async function parseFeedFile(
  file: string,
  options: Omit<ParseFeedOptions, 'declaredLength'> = {},
): Promise<NormalizedFeed> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new FeedError('invalid', `cannot read ${file}: ${error.code ?? error.message}`);
  });
  if (!info.isFile()) throw new FeedError('invalid', `${file} is not a regular file`);
  assertFeedSize(info.size, file);
  return parseFeedBytes(await readFile(file), options);
}
