import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../common/content.js';
import { BlobStore } from '../content-format/blobs/fsBlobStore.js';
import { sha256Hex } from '../content-format/hash.js';
import { buildPack } from '../content-format/pack/build.js';
import { PackError } from '../content-format/pack/manifest.js';
import { lieAboutSize, packEntries, writeZip, type ZipEntrySpec } from '../content-format/pack/testing/zipBuilder.js';
import { ContentReader } from './contentReader.js';
import { ContentWriter } from './contentWriter.js';
import { openReader, openWriter } from './db/open.js';
import { importPackZip } from './importPack.js';
import { verifyContentCache } from './verify.js';

const article = (id: string, title: string, paragraphs: string[]): Article => ({
  id,
  kind: 'article',
  title,
  source: '街道办',
  section: '通知',
  language: 'zh-CN',
  publishedAt: '2024-05-01',
  summary: paragraphs[0] ?? '',
  paragraphs,
});

const first = buildPack([article('n1', '停水通知', ['周三上午停水。'])], 'now');
const second = buildPack(
  [article('z1', '图书馆开放时间调整', ['每天九点至五点。']), article('z2', '社区义诊', ['周六上午。'])],
  'now',
);
const secondBlob = second.manifest.items[0]!.body;

let dir: string;
let dataDir: string;
let writerDb: ReturnType<typeof openWriter>;
let readerDb: ReturnType<typeof openReader>;
let writer: ContentWriter;
let reader: ContentReader;
let blobs: BlobStore;
let zipFile: string;

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-zip-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  writerDb = openWriter(dataDir);
  readerDb = openReader(dataDir);
  writer = new ContentWriter(writerDb);
  reader = new ContentReader(readerDb);
  blobs = new BlobStore(dataDir);
  zipFile = path.join(dir, 'usb', 'pack.zip');
  mkdirSync(path.dirname(zipFile));
  await writeZip(zipFile, packEntries(first));
  await importPackZip(zipFile, writer, blobs);
});

afterEach(() => {
  readerDb.close();
  writerDb.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Imports a hostile zip and checks the board is exactly as before: same content, same files, nothing outside. */
async function expectRefused(entries: readonly ZipEntrySpec[], message: RegExp, renames = {}, limits = {}) {
  const before = { blobs: filesUnder(path.join(dataDir, 'blobs')), around: filesUnder(dir) };
  await writeZip(zipFile, entries, renames);
  const error = await importPackZip(zipFile, writer, blobs, limits).then(
    () => new Error('the hostile zip was imported'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackError);
  expect((error as Error).message).toMatch(message);
  expect(reader.list().map((i) => i.id)).toEqual(['n1']);
  expect(reader.contentVersion()).toBe(first.manifest.version);
  expect(verifyContentCache(writerDb, blobs)).toEqual([]);
  expect(filesUnder(path.join(dataDir, 'blobs'))).toEqual(before.blobs);
  expect(filesUnder(dir).filter((f) => !f.startsWith('data/'))).toEqual(
    before.around.filter((f) => !f.startsWith('data/')),
  );
}

const placeholder = (length: number) => 'Q'.repeat(length);

describe('importPackZip', () => {
  it('imports a zip made of a pack folder, streaming each blob into the store', async () => {
    await writeZip(zipFile, packEntries(second, 'my-pack/'));
    const result = await importPackZip(zipFile, writer, blobs);
    expect(result).toEqual({ version: second.manifest.version, items: 2, blobsAdded: 2 });
    expect(
      reader
        .list()
        .map((i) => i.id)
        .sort(),
    ).toEqual(['z1', 'z2']);
    expect(reader.article('z1')).toMatchObject({ paragraphs: ['每天九点至五点。'] });
    expect(verifyContentCache(writerDb, blobs)).toEqual([]);
  });

  it('refuses a file that is not a zip', async () => {
    writeFileSync(zipFile, 'PK but not really a zip archive');
    await expect(importPackZip(zipFile, writer, blobs)).rejects.toThrow(/not a readable zip archive/);
  });

  it('refuses zip-slip: an entry named ../', async () => {
    const evil = '../../evil.txt';
    await expectRefused(
      [...packEntries(second), { name: placeholder(evil.length), bytes: Buffer.from('owned') }],
      /unsafe or unreadable zip entry.*invalid relative path/,
      { [placeholder(evil.length)]: evil },
    );
    expect(existsSync(path.join(dir, 'evil.txt'))).toBe(false);
  });

  it('refuses an absolute entry name', async () => {
    const evil = `${dir}/abs-evil.txt`;
    await expectRefused(
      [...packEntries(second), { name: placeholder(evil.length), bytes: Buffer.from('owned') }],
      /absolute path/,
      { [placeholder(evil.length)]: evil },
    );
    expect(existsSync(evil)).toBe(false);
  });

  it('refuses backslashes in entry names', async () => {
    const evil = `blobs\\sha256\\${secondBlob.sha256}`;
    const entries = packEntries(second).filter((e) => !e.name.endsWith(secondBlob.sha256));
    await expectRefused(
      [...entries, { name: placeholder(evil.length), bytes: second.blobs.get(secondBlob.sha256)! }],
      /unsafe or unreadable zip entry/,
      { [placeholder(evil.length)]: evil },
    );
  });

  it('refuses a symbolic link entry, even one pointing at a real blob name', async () => {
    await expectRefused(
      [...packEntries(second), { name: 'blobs/sha256/link', bytes: Buffer.from('/etc/passwd'), mode: 0o120777 }],
      /zip entry blobs\/sha256\/link is a symbolic link/,
    );
  });

  it('refuses duplicate entries', async () => {
    const entries = packEntries(second);
    await expectRefused([...entries, entries[1]!], new RegExp(`zip entry ${entries[1]!.name} appears twice`));
  });

  it('refuses a decompression bomb by its declared ratio', async () => {
    const bomb = Buffer.alloc(8 * 1024 * 1024);
    const pack = buildPack([article('b1', '炸弹', ['x'])], 'now');
    await expectRefused(
      [...packEntries(pack), { name: 'blobs/sha256/padding', bytes: bomb }],
      /padding claims 8388608 bytes from \d+, over the 200:1 limit \(a decompression bomb\)/,
    );
  });

  it('refuses a bomb that lies about its size in its headers, counting bytes while inflating', async () => {
    const payload = Buffer.alloc(4 * 1024 * 1024, 0x41);
    const sha256 = sha256Hex(payload);
    const pack = buildPack([article('b2', '谎报', ['y'])], 'now');
    const body = pack.manifest.items[0]!.body;
    // The manifest and the zip headers agree on a small size; the inflated stream is 4 MB.
    const manifest = {
      ...pack.manifest,
      items: [{ ...pack.manifest.items[0]!, body: { ...body, sha256, size: 1000 } }],
    };
    const name = `blobs/sha256/${sha256}`;
    const zip = await writeZip(zipFile, [
      { name: 'pack.json', bytes: Buffer.from(JSON.stringify(manifest)) },
      { name, bytes: payload },
    ]);
    writeFileSync(zipFile, lieAboutSize(zip, name, 1000));
    const before = filesUnder(path.join(dataDir, 'blobs'));
    await expect(importPackZip(zipFile, writer, blobs)).rejects.toThrow(PackError);
    expect(filesUnder(path.join(dataDir, 'blobs'))).toEqual(before);
    expect(reader.contentVersion()).toBe(first.manifest.version);
  });

  it('refuses a pack whose blobs add up to more than the total limit', async () => {
    const manifestBytes = packEntries(second)[0]!.bytes.length;
    await expectRefused(
      packEntries(second),
      /inflates to over \d+ bytes in total/,
      {},
      { maxTotalBytes: manifestBytes + 10 },
    );
    await expectRefused(packEntries(second), /over 10 bytes in total/, {}, { maxTotalBytes: 10 });
  });

  it('refuses an oversized pack.json', async () => {
    await expectRefused(
      packEntries(second),
      /pack\.json is \d+ bytes, over the 100-byte limit/,
      {},
      {
        maxManifestBytes: 100,
      },
    );
  });

  it('refuses a blob whose bytes do not match its hash', async () => {
    const entries = packEntries(second).map((entry) =>
      entry.name.endsWith(secondBlob.sha256) ? { ...entry, bytes: Buffer.alloc(entry.bytes.length, 0x20) } : entry,
    );
    await expectRefused(entries, new RegExp(`blob ${secondBlob.sha256} arrived with the wrong bytes`));
  });

  it('refuses a pack with a missing blob', async () => {
    const entries = packEntries(second).filter((entry) => !entry.name.endsWith(secondBlob.sha256));
    await expectRefused(entries, new RegExp(`blob ${secondBlob.sha256} is missing`));
  });

  it('refuses malformed pack.json and duplicate item ids', async () => {
    const [, ...blobEntries] = packEntries(second);
    await expectRefused(
      [{ name: 'pack.json', bytes: Buffer.from('{"format":"newsboard-pack/1","items":[') }, ...blobEntries],
      /pack\.json is not valid JSON/,
    );
    const duplicated = { ...second.manifest, items: [second.manifest.items[0]!, second.manifest.items[0]!] };
    await expectRefused(
      [{ name: 'pack.json', bytes: Buffer.from(JSON.stringify(duplicated)) }, ...blobEntries],
      /duplicate item id z1/,
    );
  });

  it('refuses a zip holding two packs', async () => {
    await expectRefused([...packEntries(second, 'a/'), ...packEntries(second, 'b/')], /holds 2 packs/);
  });

  it('takes back blobs it stored when a later blob of the same pack fails', async () => {
    const later = second.manifest.items[1]!.body;
    const entries = packEntries(second).map((entry) =>
      entry.name.endsWith(later.sha256) ? { ...entry, bytes: Buffer.alloc(entry.bytes.length, 0x20) } : entry,
    );
    await expectRefused(entries, new RegExp(later.sha256));
    expect(blobs.has(secondBlob.sha256)).toBe(false);
  });
});
