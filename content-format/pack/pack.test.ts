import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../common/content.js';
import { ARTICLE_BODY_MEDIA_TYPE, PACK_FORMAT } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import { buildPack } from './build.js';
import { PackError, packBlobPath, readPackBlob, readPackDir, readPackManifest, writePackDir } from './directory.js';

const articles: Article[] = [
  {
    id: 'a1',
    kind: 'article',
    title: '北京今日晴',
    source: '北京日报',
    section: '本地',
    language: 'zh-CN',
    publishedAt: '2024-05-01',
    summary: '晴',
    paragraphs: ['今天晴。', '明天多云。'],
  },
  {
    id: 'a2',
    kind: 'article',
    title: '社区义诊',
    source: '街道办',
    section: '通知',
    language: 'zh-CN',
    publishedAt: '2024-05-02',
    summary: '义诊',
    paragraphs: ['周六上午。'],
  },
  {
    id: 'a3',
    kind: 'article',
    title: 'Library hours',
    source: 'City',
    section: 'notices',
    language: 'en',
    publishedAt: '2024-05-03',
    summary: 'Hours',
    paragraphs: ['Open 9 to 5.'],
  },
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-pack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function bodyOf(id: string, pack = buildPack(articles, '2024-05-03T00:00:00Z')) {
  const item = pack.manifest.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item.body;
}

async function packErrorOf(promise: Promise<unknown>): Promise<PackError> {
  const error = await promise.then(
    () => new Error('expected a PackError, but reading succeeded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackError);
  return error as PackError;
}

async function writeGoodPack(): Promise<string> {
  const packDir = path.join(dir, 'pack');
  await writePackDir(packDir, buildPack(articles, '2024-05-03T00:00:00Z'));
  return packDir;
}

function rewriteManifest(
  packDir: string,
  change: (json: Record<string, unknown> & { items: Record<string, unknown>[] }) => void,
): void {
  const file = path.join(packDir, 'pack.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json));
}

describe('buildPack', () => {
  it('gives the same articles the same version, whenever they are built', () => {
    const a = buildPack(articles, '2024-05-03T00:00:00Z');
    const b = buildPack(structuredClone(articles), '2025-01-01T00:00:00Z');
    expect(b.manifest.version).toBe(a.manifest.version);
    expect(a.manifest.format).toBe(PACK_FORMAT);
    expect(a.manifest.items.map((i) => i.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it("changes the version and only that article's blob when one paragraph changes", () => {
    const before = buildPack(articles, 'now');
    const edited = structuredClone(articles);
    edited[0]!.paragraphs[1] = '明天有雨。';
    const after = buildPack(edited, 'now');
    expect(after.manifest.version).not.toBe(before.manifest.version);
    const removed = [...before.blobs.keys()].filter((k) => !after.blobs.has(k));
    const added = [...after.blobs.keys()].filter((k) => !before.blobs.has(k));
    expect(removed).toEqual([bodyOf('a1', before).sha256]);
    expect(added).toEqual([bodyOf('a1', after).sha256]);
  });

  it('changes the version when only list metadata changes', () => {
    const edited = structuredClone(articles);
    edited[1]!.title = '社区义诊（改期）';
    expect(buildPack(edited, 'now').manifest.version).not.toBe(buildPack(articles, 'now').manifest.version);
  });

  it('stores each body as an article JSON blob whose name is its sha256', () => {
    const pack = buildPack(articles, 'now');
    for (const item of pack.manifest.items) {
      const bytes = pack.blobs.get(item.body.sha256)!;
      expect(sha256Hex(bytes)).toBe(item.body.sha256);
      expect(bytes.length).toBe(item.body.size);
      expect(item.body.mediaType).toBe(ARTICLE_BODY_MEDIA_TYPE);
      expect(JSON.parse(bytes.toString('utf8'))).toEqual({
        paragraphs: articles.find((a) => a.id === item.id)!.paragraphs,
      });
    }
  });

  it("puts an article's author and images in its body and carries the image blobs as its media", () => {
    const png = Buffer.from('stand-in bytes: buildPack does not sniff');
    const ref = { sha256: sha256Hex(png), size: png.length, mediaType: 'image/png' };
    const pictured: Article = {
      ...articles[0]!,
      author: '记者 王芳',
      html: `<p>今天晴。</p><img src="blob:sha256:${ref.sha256}" alt="晴空">`,
      images: [{ sha256: ref.sha256, width: 640, height: 480, alt: '晴空' }],
    };
    const pack = buildPack([pictured], 'now', new Map([[ref.sha256, { ref, bytes: png }]]));
    const [item] = pack.manifest.items;
    expect(item).not.toHaveProperty('author');
    expect(item).not.toHaveProperty('images');
    expect(item?.media).toEqual([ref]);
    expect(pack.blobs.get(ref.sha256)).toEqual(png);
    const body = JSON.parse(pack.blobs.get(item!.body.sha256)!.toString('utf8'));
    expect(body).toMatchObject({ author: '记者 王芳', images: pictured.images });
  });

  it('refuses an article whose image was not given to the pack', () => {
    const image = { sha256: 'ab'.repeat(32), width: 10, height: 10 };
    expect(() => buildPack([{ ...articles[0]!, images: [image] }], 'now')).toThrow(/not given to the pack/);
  });
});

describe('writePackDir and readPackDir', () => {
  it('round-trips a pack through a directory, leaving no temporary files', async () => {
    const pack = buildPack(articles, '2024-05-03T00:00:00Z');
    const packDir = path.join(dir, 'pack');
    await writePackDir(packDir, pack);
    const read = await readPackDir(packDir);
    expect(read.manifest).toEqual(pack.manifest);
    expect([...read.blobs.entries()].sort()).toEqual([...pack.blobs.entries()].sort());
    expect(readdirSync(path.join(packDir, 'blobs', 'sha256')).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(readdirSync(packDir).sort()).toEqual(['blobs', 'pack.json']);
  });
});

describe('readPackManifest refuses bad packs with a clear PackError', () => {
  it('a missing pack.json', async () => {
    mkdirSync(path.join(dir, 'empty'));
    expect((await packErrorOf(readPackManifest(path.join(dir, 'empty')))).message).toMatch(/pack\.json is missing/);
  });

  it('malformed JSON', async () => {
    const packDir = await writeGoodPack();
    writeFileSync(path.join(packDir, 'pack.json'), '{"format": "newsboard-pack/1", "items": [');
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/not valid JSON/);
  });

  it('duplicate item ids', async () => {
    const packDir = await writeGoodPack();
    rewriteManifest(packDir, (json) => void (json.items[1]!.id = 'a1'));
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/duplicate item id a1/);
  });

  it('a body reference that is not a sha256', async () => {
    const packDir = await writeGoodPack();
    rewriteManifest(
      packDir,
      (json) => void ((json.items[0]!.body as { sha256: string }).sha256 = '../../../../etc/passwd'),
    );
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/malformed.*sha256/s);
  });

  it('an item missing its title', async () => {
    const packDir = await writeGoodPack();
    rewriteManifest(packDir, (json) => void delete json.items[2]!.title);
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/malformed.*title/s);
  });

  it('a pack of another format', async () => {
    const packDir = await writeGoodPack();
    rewriteManifest(packDir, (json) => void (json.format = 'newsboard-pack/99'));
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/malformed.*format/s);
  });

  it('a pack.json that is a symbolic link', async () => {
    const packDir = await writeGoodPack();
    const elsewhere = path.join(dir, 'elsewhere.json');
    writeFileSync(elsewhere, readFileSync(path.join(packDir, 'pack.json')));
    rmSync(path.join(packDir, 'pack.json'));
    symlinkSync(elsewhere, path.join(packDir, 'pack.json'));
    expect((await packErrorOf(readPackManifest(packDir))).message).toMatch(/pack\.json is a symbolic link/);
  });

  it('a pack.json that is a directory', async () => {
    mkdirSync(path.join(dir, 'p', 'pack.json'), { recursive: true });
    expect((await packErrorOf(readPackManifest(path.join(dir, 'p')))).message).toMatch(/not a regular file/);
  });
});

describe('readPackBlob and readPackDir refuse bad blobs with a clear PackError', () => {
  it('a blob that is a symbolic link, even to the right bytes', async () => {
    const packDir = await writeGoodPack();
    const ref = bodyOf('a2');
    const target = path.join(dir, 'outside');
    writeFileSync(target, readFileSync(packBlobPath(packDir, ref.sha256)));
    rmSync(packBlobPath(packDir, ref.sha256));
    symlinkSync(target, packBlobPath(packDir, ref.sha256));
    expect((await packErrorOf(readPackDir(packDir))).message).toBe(
      `blob ${ref.sha256} is a symbolic link; packs may hold only regular files`,
    );
  });

  it('a blob whose size differs from what the manifest declares', async () => {
    const packDir = await writeGoodPack();
    const ref = bodyOf('a1');
    rewriteManifest(packDir, (json) => void ((json.items[0]!.body as { size: number }).size = 2 ** 40));
    expect((await packErrorOf(readPackDir(packDir))).message).toBe(
      `blob ${ref.sha256} has ${ref.size} bytes, the manifest says ${2 ** 40}`,
    );
  });

  it('a blob whose bytes do not match its hash', async () => {
    const packDir = await writeGoodPack();
    const ref = bodyOf('a3');
    const file = packBlobPath(packDir, ref.sha256);
    const bytes = readFileSync(file);
    bytes[bytes.length - 3]! ^= 0x01;
    writeFileSync(file, bytes);
    expect((await packErrorOf(readPackBlob(packDir, ref))).message).toBe(`blob ${ref.sha256} does not match its hash`);
    await packErrorOf(readPackDir(packDir));
  });

  it('a missing blob', async () => {
    const packDir = await writeGoodPack();
    const ref = bodyOf('a2');
    rmSync(packBlobPath(packDir, ref.sha256));
    expect((await packErrorOf(readPackDir(packDir))).message).toBe(`blob ${ref.sha256} is missing`);
  });
});
