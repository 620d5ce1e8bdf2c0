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
