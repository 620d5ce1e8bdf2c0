import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../common/content.js';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../content-format/hash.js';
import { ARTICLE_BODY_MEDIA_TYPE } from '../common/pack.js';
import { buildPack, type BuiltPack } from '../content-format/pack/build.js';
import { PackError, packBlobPath, writePackDir } from '../content-format/pack/directory.js';
import { ContentReader } from './contentReader.js';
import { ContentWriter } from './contentWriter.js';
import { openReader, openWriter } from './db/open.js';
import { importPackDir } from './importPack.js';
import { verifyContentCache } from './verify.js';

const article = (id: string, title: string, publishedAt: string, paragraphs: string[]): Article => ({
  id,
  kind: 'article',
  title,
  source: '街道办',
  section: '通知',
  language: 'zh-CN',
  publishedAt,
  summary: paragraphs[0] ?? '',
  paragraphs,
});

const first = buildPack(
  [
    article('n1', '停水通知', '2024-05-01', ['周三上午停水。']),
    article('n2', '义诊活动', '2024-05-02', ['周六上午义诊。']),
  ],
  'now',
);
const second = buildPack([article('n3', '图书馆开放时间调整', '2024-06-01', ['每天九点至五点。'])], 'now');

let dir: string;
let dataDir: string;
let writerDb: ReturnType<typeof openWriter>;
let readerDb: ReturnType<typeof openReader>;
let writer: ContentWriter;
let reader: ContentReader;
let blobs: BlobStore;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-import-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  writerDb = openWriter(dataDir);
  readerDb = openReader(dataDir);
  writer = new ContentWriter(writerDb);
  reader = new ContentReader(readerDb);
  blobs = new BlobStore(dataDir);
});

afterEach(() => {
  readerDb.close();
  writerDb.close();
  rmSync(dir, { recursive: true, force: true });
});

async function packDirOf(name: string, pack: BuiltPack): Promise<string> {
  const packDir = path.join(dir, name);
  await writePackDir(packDir, pack);
  return packDir;
}

/** Imports the first pack, so every bad-pack case starts from known published content. */
async function withFirstPublished(): Promise<void> {
  const result = await importPackDir(await packDirOf('first', first), writer, blobs);
  expect(result).toEqual({ version: first.manifest.version, items: 2, blobsAdded: 2 });
}

function expectFirstStillPublished(): void {
  expect(reader.list().map((i) => i.id)).toEqual(['n2', 'n1']);
  expect(reader.contentVersion()).toBe(first.manifest.version);
  expect(reader.article('n1')?.paragraphs).toEqual(['周三上午停水。']);
  expect(reader.search('停水').map((h) => h.id)).toEqual(['n1']);
  expect(verifyContentCache(writerDb, blobs)).toEqual([]);
}

describe('importPackDir', () => {
  it('publishes a pack: listed, readable, searchable, and verified clean', async () => {
    await withFirstPublished();
    expectFirstStillPublished();
  });

  it('keeps a committed pack and its blobs when search indexing fails after the commit, and indexes it later', async () => {
    // A disk that fills up between the publish and the indexing of what it queued.
    writerDb.exec(
      `CREATE TRIGGER disk_full BEFORE INSERT ON search_text BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    const result = await importPackDir(await packDirOf('first', first), writer, blobs);
    expect(result.version).toBe(first.manifest.version);
    expect(reader.list().map((i) => i.id)).toEqual(['n2', 'n1']);
    expect(reader.article('n1')?.paragraphs).toEqual(['周三上午停水。']);
    expect(reader.search('停水')).toEqual([]);
    expect(verifyContentCache(writerDb, blobs)).toEqual([]);

    writerDb.exec('DROP TRIGGER disk_full');
    writerDb.close();
    writerDb = openWriter(dataDir);
    expect(reader.search('停水').map((h) => h.id)).toEqual(['n1']);
  });

  it('replaces the previous pack and downloads nothing twice', async () => {
    await withFirstPublished();
    const again = await importPackDir(await packDirOf('again', first), writer, blobs);
    expect(again.blobsAdded).toBe(0);
    await importPackDir(await packDirOf('second', second), writer, blobs);
    expect(reader.list().map((i) => i.id)).toEqual(['n3']);
    expect(reader.contentVersion()).toBe(second.manifest.version);
  });

  it('leaves the published content unchanged when a blob of the new pack is corrupt', async () => {
    await withFirstPublished();
    const packDir = await packDirOf('bad', second);
    const ref = second.manifest.items[0]!.body;
    const file = packBlobPath(packDir, ref.sha256);
    writeFileSync(file, Buffer.alloc(readFileSync(file).length, 0x41));
    await expect(importPackDir(packDir, writer, blobs)).rejects.toThrow(PackError);
    expectFirstStillPublished();
    expect(blobs.has(ref.sha256)).toBe(false);
  });

  it('leaves the published content unchanged when pack.json is malformed', async () => {
    await withFirstPublished();
    const packDir = await packDirOf('bad', second);
    writeFileSync(
      path.join(packDir, 'pack.json'),
      '{"format":"newsboard-pack/1","version":"x","createdAt":"now","items":[{"id":"n3"}]}',
    );
    await expect(importPackDir(packDir, writer, blobs)).rejects.toThrow(/pack\.json is malformed/);
    expectFirstStillPublished();
  });

  it('leaves the published content unchanged when a body blob is intact but not an article body', async () => {
    await withFirstPublished();
    const notABody = Buffer.from(JSON.stringify({ html: '<script>alert(1)</script>' }));
    const { paragraphs: _p, ...summary } = article('n9', '伪造', '2024-07-01', []);
    const hostile: BuiltPack = {
      manifest: {
        format: 'newsboard-pack/1',
        version: 'hostile',
        createdAt: 'now',
        items: [
          {
            ...summary,
            body: { sha256: sha256Hex(notABody), size: notABody.length, mediaType: ARTICLE_BODY_MEDIA_TYPE },
          },
        ],
      },
      blobs: new Map([[sha256Hex(notABody), notABody]]),
    };
    await expect(importPackDir(await packDirOf('hostile', hostile), writer, blobs)).rejects.toThrow(
      /not a valid article body/,
    );
    expectFirstStillPublished();
  });

  it('refuses a pack folder whose blobs/sha256 folder is a symbolic link to elsewhere', async () => {
    await withFirstPublished();
    const packDir = await packDirOf('linked', second);
    const elsewhere = path.join(dir, 'elsewhere');
    renameSync(path.join(packDir, 'blobs', 'sha256'), elsewhere);
    symlinkSync(elsewhere, path.join(packDir, 'blobs', 'sha256'));
    await expect(importPackDir(packDir, writer, blobs)).rejects.toThrow(
      new PackError('blobs/sha256/ is a symbolic link; packs may hold only real folders'),
    );
    expectFirstStillPublished();
    expect(blobs.has(second.manifest.items[0]!.body.sha256)).toBe(false);
  });

  it('refuses a blob that is a symbolic link, and takes back the blobs it had already stored', async () => {
    const two = buildPack(
      [article('t1', '甲', '2024-06-01', ['甲文。']), article('t2', '乙', '2024-06-02', ['乙文。'])],
      'now',
    );
    await withFirstPublished();
    const packDir = await packDirOf('two', two);
    const [firstRef, linkedRef] = two.manifest.items.map((item) => item.body);
    const outside = path.join(dir, 'outside-blob');
    renameSync(packBlobPath(packDir, linkedRef!.sha256), outside);
    symlinkSync(outside, packBlobPath(packDir, linkedRef!.sha256));
    await expect(importPackDir(packDir, writer, blobs)).rejects.toThrow(/is a symbolic link/);
    expect(blobs.has(firstRef!.sha256)).toBe(false);
    expectFirstStillPublished();
  });
});
