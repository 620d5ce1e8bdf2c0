import { describe, expect, it } from 'vitest';
import { bookBodySchema } from '../../common/kinds/book.js';
import { manifestBlobRefs, packManifestSchema, PACK_FORMAT_V2 } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import { convertEpub } from './convert.js';
import { bookPackItem } from './packItem.js';
import { makeEpub2 } from './sample-books.js';

describe('bookPackItem', () => {
  it('makes a book item a pack manifest accepts, carrying every blob it references', async () => {
    const book = await convertEpub(await makeEpub2());
    const { item, blobs } = bookPackItem(book, { source: '市图书馆', section: '书架', ingestedAt: '2024-05-01' });
    const manifest = packManifestSchema.parse({
      format: PACK_FORMAT_V2,
      version: 'v1',
      createdAt: '2024-05-01',
      items: [item],
    });
    expect(manifest.items[0]).toMatchObject({ kind: 'book', title: '老街茶館記', author: '陳美玲', language: 'zh-TW' });
    for (const ref of manifestBlobRefs(manifest)) {
      const bytes = blobs.get(ref.sha256);
      expect(bytes && sha256Hex(bytes), ref.mediaType).toBe(ref.sha256);
      expect(bytes?.length).toBe(ref.size);
    }
    expect(bookBodySchema.parse(JSON.parse(blobs.get(item.body.sha256)?.toString('utf8') ?? '')).chapters).toHaveLength(
      2,
    );
    expect(item.publishedAt).toBe('1998-11-03');
  });
});
