import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../common/content.js';
import { BlobStore } from '../../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../../content-format/hash.js';
import { buildPack } from '../../content-format/pack/build.js';
import { ContentWriter, FLEET_ORIGIN, PACK_ORIGIN } from '../contentWriter.js';
import { openWriter } from '../db/open.js';
import { entriesFromBlobs } from '../sync/publishEntries.js';
import { verifyContentCache } from '../verify.js';
import { partialPathOf } from './blobFile.js';
import { enforceBlobBudget } from './eviction.js';

const DAY = 24 * 3_600_000;
const now = new Date('2024-06-01T12:00:00Z');

const article = (id: string, text: string): Article => ({
  id,
  kind: 'article',
  title: `标题 ${id}`,
  source: '',
  section: '',
  language: 'zh-CN',
  publishedAt: '2024-05-01',
  summary: '',
  paragraphs: [text],
});

let dir: string;
let db: ReturnType<typeof openWriter>;
let writer: ContentWriter;
let blobs: BlobStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-evict-'));
  db = openWriter(dir);
  writer = new ContentWriter(db);
  blobs = new BlobStore(dir);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores a blob that no version uses, last touched `ageDays` ago. */
function looseBlob(text: string, ageDays: number): string {
  const bytes = Buffer.from(text.repeat(100));
  const sha256 = sha256Hex(bytes);
  blobs.put(sha256, bytes);
  const at = new Date(now.getTime() - ageDays * DAY);
  utimesSync(blobs.pathOf(sha256), at, at);
  return sha256;
}

function publish(origin: string, articles: Article[], at: Date): string[] {
  const pack = buildPack(articles, 'now');
  for (const [sha256, bytes] of pack.blobs) blobs.put(sha256, bytes);
  writer.publish(origin, pack.manifest.version, entriesFromBlobs(pack.manifest.items, blobs), at);
  return [...pack.blobs.keys()];
}

describe('enforceBlobBudget', () => {
  it('evicts unreferenced blobs oldest first, only until the cache fits', async () => {
    const oldest = looseBlob('a', 5);
    const middle = looseBlob('b', 3);
    const newest = looseBlob('c', 1);
    const report = await enforceBlobBudget(db, blobs, { budgetBytes: 150, keep: new Set(), now, staleAfterMs: DAY });
    expect(report).toMatchObject({ evicted: 2, evictedBytes: 200, storedBytes: 100, overBudgetBytes: 0 });
    expect([oldest, middle, newest].map((sha) => blobs.has(sha))).toEqual([false, false, true]);
  });

  it('orders by the last publish that used a blob, not by file age', async () => {
    const [usedLongAgo] = publish(
      PACK_ORIGIN,
      [article('p1', '旧版内容'.repeat(30))],
      new Date(now.getTime() - 9 * DAY),
    );
    publish(PACK_ORIGIN, [article('p2', '新版内容'.repeat(30))], new Date(now.getTime() - DAY));
    const recentFile = looseBlob('d', 2);
    await enforceBlobBudget(db, blobs, { budgetBytes: 1, keep: new Set(), now, staleAfterMs: DAY });
    expect(blobs.has(usedLongAgo!)).toBe(false);
    expect(blobs.has(recentFile)).toBe(false);
    expect(db.prepare('SELECT count(*) FROM blobs WHERE sha256 = ?').pluck().get(usedLongAgo)).toBe(0);
  });

  it('never evicts what the published version of any origin references, or what the caller keeps, even over budget', async () => {
    const fleet = publish(FLEET_ORIGIN, [article('f1', '车队内容')], new Date(now.getTime() - 30 * DAY));
    const pack = publish(PACK_ORIGIN, [article('k1', '优盘内容')], new Date(now.getTime() - 20 * DAY));
    const pending = looseBlob('e', 40);
    const report = await enforceBlobBudget(db, blobs, {
      budgetBytes: 1,
      keep: new Set([pending]),
      now,
      staleAfterMs: DAY,
    });
    expect([...fleet, ...pack, pending].every((sha) => blobs.has(sha))).toBe(true);
    expect(report.evicted).toBe(0);
    expect(report.overBudgetBytes).toBeGreaterThan(0);
    expect(verifyContentCache(db, blobs)).toEqual([]);
  });

  it('protects blobs referenced from any table by a *_sha256 column, such as item media', async () => {
    db.exec('CREATE TABLE IF NOT EXISTS test_media (item TEXT, poster_sha256 TEXT)');
    const poster = looseBlob('f', 50);
    db.prepare('INSERT INTO test_media VALUES (?, ?)').run('v1', poster);
    await enforceBlobBudget(db, blobs, { budgetBytes: 1, keep: new Set(), now, staleAfterMs: DAY });
    expect(blobs.has(poster)).toBe(true);
  });

  it('reclaims partial downloads and temporary files older than a day, and keeps fresh ones', async () => {
    const sha = sha256Hex(Buffer.from('partial'));
    const stale = partialPathOf(blobs, sha);
    const fresh = partialPathOf(blobs, sha256Hex(Buffer.from('fresh')));
    const crashedTemp = `${blobs.pathOf(sha256Hex(Buffer.from('tmp')))}.tmp-4242`;
    for (const file of [stale, fresh, crashedTemp]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'half a blob');
    }
    const old = new Date(now.getTime() - 2 * DAY);
    utimesSync(stale, old, old);
    utimesSync(crashedTemp, old, old);
    const report = await enforceBlobBudget(db, blobs, {
      budgetBytes: 10 ** 9,
      keep: new Set(),
      now,
      staleAfterMs: DAY,
    });
    expect(report.reclaimed).toBe(2);
    expect([existsSync(stale), existsSync(fresh), existsSync(crashedTemp)]).toEqual([false, true, false]);
  });
});
