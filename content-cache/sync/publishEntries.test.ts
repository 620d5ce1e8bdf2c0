import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLE_BODY_MEDIA_TYPE, type PackItem } from '../../common/pack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { entriesFromBlobs } from './publishEntries.js';

describe('entriesFromBlobs', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function itemWith(blobs: BlobStore, bytes: Buffer): PackItem {
    const sha256 = sha256Hex(bytes);
    blobs.put(sha256, bytes);
    return {
      id: 'x1',
      kind: 'article',
      title: '标题',
      source: '',
      section: '',
      language: 'zh-CN',
      publishedAt: '2024-05-01',
      summary: '',
      body: { sha256, size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE },
    };
  }

  it('pairs each item with its parsed body', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nb-entries-'));
    const blobs = new BlobStore(dir);
    const item = itemWith(blobs, Buffer.from(JSON.stringify({ paragraphs: ['一', '二'] })));
    expect(entriesFromBlobs([item], blobs)).toEqual([{ item, body: { paragraphs: ['一', '二'] } }]);
  });

  it('refuses a body that is not an article body, naming the item', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nb-entries-'));
    const blobs = new BlobStore(dir);
    const item = itemWith(blobs, Buffer.from(JSON.stringify({ paragraphs: [1, 2] })));
    expect(() => entriesFromBlobs([item], blobs)).toThrow('body of item x1 is not a valid article body');
  });
});
