import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../common/content.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { buildPack } from '../../content-format/pack/build.js';
import { ContentWriter, PACK_ORIGIN } from '../contentWriter.js';
import { openWriter } from '../db/open.js';
import { entriesFromBlobs } from '../sync/publishEntries.js';
import { BlobScrubber } from './scrub.js';

const articles: Article[] = ['一', '二', '三', '四'].map((n, i) => ({
  id: `s${i}`,
  kind: 'article',
  title: `第${n}篇`,
  source: '',
  section: '',
  language: 'zh-CN',
  publishedAt: '2024-05-01',
  summary: '',
  paragraphs: [`第${n}篇的正文。`.repeat(50)],
}));

let dir: string;
let db: ReturnType<typeof openWriter>;
let blobs: BlobStore;
let refs: { sha256: string; size: number }[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-scrub-'));
  db = openWriter(dir);
  blobs = new BlobStore(dir);
  const pack = buildPack(articles, 'now');
  for (const [sha256, bytes] of pack.blobs) blobs.put(sha256, bytes);
  new ContentWriter(db).publish(PACK_ORIGIN, pack.manifest.version, entriesFromBlobs(pack.manifest.items, blobs));
  refs = pack.manifest.items.map((item) => item.body).sort((a, b) => a.sha256.localeCompare(b.sha256));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function flipBit(sha256: string): void {
  const file = blobs.pathOf(sha256);
  const bytes = readFileSync(file);
  bytes[7]! ^= 0x10;
  writeFileSync(file, bytes);
}

describe('BlobScrubber', () => {
  it('finds a flipped bit, deletes the damaged file, and reports the referenced blob for repair', async () => {
    flipBit(refs[2]!.sha256);
    const lost = await new BlobScrubber(db, blobs).step(10 ** 9, 64);
    expect(lost.map((ref) => ref.sha256)).toEqual([refs[2]!.sha256]);
    expect(lost[0]!.size).toBe(refs[2]!.size);
    expect(existsSync(blobs.pathOf(refs[2]!.sha256))).toBe(false);
    expect(refs.filter((_, i) => i !== 2).every((ref) => blobs.has(ref.sha256))).toBe(true);
  });

  it('covers the cache a slice per step and wraps around', async () => {
    const scrubber = new BlobScrubber(db, blobs);
    flipBit(refs[3]!.sha256);
    // Each step checks at least one blob and stops once its byte allowance is spent.
    expect(await scrubber.step(1, 64)).toEqual([]);
    expect(await scrubber.step(1, 64)).toEqual([]);
    expect(await scrubber.step(1, 64)).toEqual([]);
    expect((await scrubber.step(1, 64)).map((ref) => ref.sha256)).toEqual([refs[3]!.sha256]);
    flipBit(refs[0]!.sha256);
    expect((await scrubber.step(1, 64)).map((ref) => ref.sha256)).toEqual([refs[0]!.sha256]);
  });

  it('forgets a damaged blob that nothing references instead of asking for it again', async () => {
    const bytes = Buffer.from('nobody uses me');
    const sha256 = sha256Hex(bytes);
    blobs.put(sha256, bytes);
    db.prepare("INSERT INTO blobs VALUES (?, ?, 'text/plain', 'then', 'then')").run(sha256, bytes.length);
    writeFileSync(blobs.pathOf(sha256), 'nobody uses mE');
    expect(await new BlobScrubber(db, blobs).step(10 ** 9, 64)).toEqual([]);
    expect(blobs.has(sha256)).toBe(false);
    expect(db.prepare('SELECT count(*) FROM blobs WHERE sha256 = ?').pluck().get(sha256)).toBe(0);
  });

  it('checks no more blobs per step than allowed', async () => {
    flipBit(refs[1]!.sha256);
    const scrubber = new BlobScrubber(db, blobs);
    expect(await scrubber.step(10 ** 9, 1)).toEqual([]);
    expect((await scrubber.step(10 ** 9, 1)).map((ref) => ref.sha256)).toEqual([refs[1]!.sha256]);
  });

  it('does nothing when its allowance is zero', async () => {
    flipBit(refs[0]!.sha256);
    expect(await new BlobScrubber(db, blobs).step(0, 64)).toEqual([]);
    expect(existsSync(blobs.pathOf(refs[0]!.sha256))).toBe(true);
  });
});
