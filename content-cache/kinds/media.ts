import { MAX_MEDIA_READ_BYTES, type MediaBlob } from '../../common/bridge/contract.js';
import type { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import type { ContentReader } from '../contentReader.js';

/**
 * A media blob for the renderer: only one a published item uses, never a video (the CSP admits no
 * blob: media, and a film through JSON would stall the bridge), and re-verified as it is read, so a
 * damaged file throws instead of showing garbage.
 */
export function readMediaBlob(reader: ContentReader, blobs: BlobStore, sha256: string): MediaBlob | null {
  const info = reader.mediaInfo(sha256);
  if (!info || info.size > MAX_MEDIA_READ_BYTES || info.mediaType.startsWith('video/')) return null;
  return { mediaType: info.mediaType, base64: blobs.get(sha256).toString('base64') };
}
