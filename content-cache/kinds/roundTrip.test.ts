import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemKindSchema } from '../../common/content.js';
import { PACK_FORMAT_V2 } from '../../common/pack.js';
import { writePackDir } from '../../content-format/pack/directory.js';
import { importPackDir } from '../importPack.js';
import { readMediaBlob } from './media.js';
import { everyKindPack } from './testing/everyKind.js';
import { openTestStore, type TestStore } from './testing/store.js';

let packDir: string;
let store: TestStore;

beforeEach(async () => {
  packDir = mkdtempSync(path.join(os.tmpdir(), 'nb-roundtrip-'));
  await writePackDir(packDir, everyKindPack());
  store = openTestStore();
});

afterEach(() => {
  store.close();
  rmSync(packDir, { recursive: true, force: true });
});

describe('pack → ingest → read, for every kind', () => {
  it('imports a newsboard-pack/2 folder and reads back every kind as it was built', async () => {
    expect(JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')).format).toBe(PACK_FORMAT_V2);
    const pack = everyKindPack();
    const result = await importPackDir(packDir, store.writer, store.blobs);
    expect(result).toMatchObject({ version: 'every-kind-1', items: pack.manifest.items.length });
    expect(result.blobsAdded).toBe(pack.blobs.size);

    const shownNow = pack.manifest.items.filter((item) => !['stale', 'notice-later', 'notice-over'].includes(item.id));
    for (const built of shownNow) {
      const read = store.reader.item(built.id);
      expect(read, built.id).toMatchObject({ id: built.id, kind: built.kind, title: built.title });
    }
    const everyKind = store.reader.list(100, { kinds: itemKindSchema.options });
    expect(new Set(everyKind.map((item) => item.kind))).toEqual(new Set(itemKindSchema.options));

    const edition = store.reader.item('daily-0301');
    if (edition?.kind !== 'edition') throw new Error('not an edition');
    for (const page of edition.pages) {
      const sha256 = page.image?.sha256 as string;
      expect(Buffer.from(readMediaBlob(store.reader, store.blobs, sha256)?.base64 ?? '', 'base64')).toEqual(
        pack.blobs.get(sha256),
      );
    }
    expect(store.reader.bookChapter('novel', 'c2')?.paragraphs).toEqual(['傍晚到达。']);
    expect(store.reader.quizQuestions('quiz', { limit: 10 })).toHaveLength(4);
    expect(store.reader.notices().map((notice) => notice.id)).toEqual(['notice-alarm', 'notice-pinned', 'notice-now']);
  });

  it('imports the same pack again without adding a blob or changing what is shown', async () => {
    await importPackDir(packDir, store.writer, store.blobs);
    const before = store.reader.list(100, { kinds: itemKindSchema.options });
    const again = await importPackDir(packDir, store.writer, store.blobs);
    expect(again.blobsAdded).toBe(0);
    expect(store.reader.list(100, { kinds: itemKindSchema.options })).toEqual(before);
  });
});
