import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARTICLE_BODY_MEDIA_TYPE } from '../common/pack.js';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../content-format/hash.js';
import { ContentWriter, FLEET_ORIGIN } from './contentWriter.js';
import { openWriter } from './db/open.js';
import { verifyContentCache } from './verify.js';
import { writePackDir } from '../content-format/pack/directory.js';
import { importPackDir } from './importPack.js';
import { everyKindPack } from './kinds/testing/everyKind.js';

let dir: string;
let db: ReturnType<typeof openWriter>;
let blobs: BlobStore;
let hex: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-verify-'));
  db = openWriter(dir);
  blobs = new BlobStore(dir);
  const body = { paragraphs: ['周三上午停水。'] };
  const bytes = Buffer.from(JSON.stringify(body));
  hex = sha256Hex(bytes);
  blobs.put(hex, bytes);
  const item = {
    id: 'n1',
    kind: 'article' as const,
    title: '停水通知',
    source: '物业',
    section: '通知',
    language: 'zh-CN' as const,
    publishedAt: '2024-05-01',
    summary: '',
    body: { sha256: hex, size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE },
  };
  new ContentWriter(db).publish(FLEET_ORIGIN, 'v1', [{ item, body }]);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verifyContentCache', () => {
  it('finds nothing wrong with a cache as the writer left it', () => {
    expect(verifyContentCache(db, blobs)).toEqual([]);
  });

  it('reports a published body blob that was damaged on disk', () => {
    writeFileSync(blobs.pathOf(hex), '{"paragraphs":["被篡改"]}');
    const faults = verifyContentCache(db, blobs);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatch(new RegExp(`blob ${hex} on disk is damaged`));
  });

  it('reports a published body blob that is missing', () => {
    unlinkSync(blobs.pathOf(hex));
    expect(verifyContentCache(db, blobs)).toEqual([`blob ${hex} referenced by published content is missing`]);
  });

  it('reports a blob used by items but absent from the blob table', () => {
    db.prepare('DELETE FROM blobs').run();
    expect(verifyContentCache(db, blobs)).toEqual([`blob ${hex} is used by items but not recorded in the blob table`]);
  });

  it('reports a search index out of step with the items', () => {
    db.prepare(
      "INSERT INTO items_fts (items_fts, rowid, title, body_text) VALUES ('delete', 1, '停水通知', '周三上午停水。')",
    ).run();
    db.prepare("INSERT INTO items_fts (rowid, title, body_text) VALUES (1, '别的标题', '别的正文')").run();
    expect(verifyContentCache(db, blobs).some((fault) => fault.startsWith('search index:'))).toBe(true);
  });
});

describe('verifyContentCache over every kind', () => {
  it('checks media, page and chapter blobs too, not only bodies', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nb-verify-kinds-'));
    const packDir = path.join(dataDir, 'usb');
    const pack = everyKindPack();
    await writePackDir(packDir, pack);
    const storeDb = openWriter(dataDir);
    try {
      const store = new BlobStore(dataDir);
      await importPackDir(packDir, new ContentWriter(storeDb), store);
      expect(verifyContentCache(storeDb, store)).toEqual([]);
      const bodies = new Set(pack.manifest.items.map((item) => item.body.sha256));
      const media = [...pack.blobs.keys()].find((sha256) => !bodies.has(sha256));
      expect(media).toBeDefined();
      unlinkSync(store.pathOf(media as string));
      expect(verifyContentCache(storeDb, store)).toEqual([`blob ${media} referenced by published content is missing`]);
    } finally {
      storeDb.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
