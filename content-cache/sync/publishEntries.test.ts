import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARTICLE_BODY_MEDIA_TYPE, type PackItem } from '../../common/pack.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { entriesFromBlobs, mapBounded } from './publishEntries.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('mapBounded', () => {
  it('runs every input with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await mapBounded([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      done.push(n);
    });
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts nothing new after a failure and rejects with the first error once the running tasks have settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const run = mapBounded([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('blob 1 is bad');
      if (n === 2) {
        await tick();
        settled.push(n);
        throw new Error('blob 2 is bad too');
      }
      await tick();
      await tick();
      settled.push(n);
    });
    await expect(run).rejects.toThrow('blob 1 is bad');
    const startedWhenRejected = [...started];
    expect(settled.sort()).toEqual([0, 2]);
    await tick();
    await tick();
    await tick();
    expect(started).toEqual(startedWhenRejected);
    expect(started.length).toBeLessThan(10);
  });

  it('resolves at once for no inputs', async () => {
    await expect(mapBounded([], 4, async () => {})).resolves.toBeUndefined();
  });
});

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
