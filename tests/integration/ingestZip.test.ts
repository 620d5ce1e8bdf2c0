import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../cli/args.js';
import { ingestCommand } from '../../cli/commands/ingest.js';
import { ContentReader } from '../../content-cache/contentReader.js';
import { openReader } from '../../content-cache/db/open.js';
import { buildPack } from '../../content-format/pack/build.js';
import { packEntries, writeZip } from '../../content-format/pack/testing/zipBuilder.js';
import { article } from './support/syncHarness.js';

const pack = buildPack([article('u1', '优盘通知', '2024-05-01', ['从优盘导入的内容。'])], 'now');

let dir: string;
let dataDir: string;
let output: string[];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-ingest-zip-'));
  dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (output.push(String(chunk)), true));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('newsboard ingest <pack.zip>', () => {
  it('provisions a board from a zipped pack folder', async () => {
    const zip = path.join(dir, 'pack.zip');
    await writeZip(zip, packEntries(pack, 'usb-pack/'));
    await ingestCommand([zip, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(output.join(''))).toEqual({
      origin: 'pack',
      version: pack.manifest.version,
      items: 1,
      blobsAdded: 1,
      warnings: [],
    });
    const db = openReader(dataDir);
    expect(new ContentReader(db).list().map((item) => item.id)).toEqual(['u1']);
    db.close();
  });

  it('refuses a hostile zip with a one-line reason', async () => {
    const zip = path.join(dir, 'evil.zip');
    await writeZip(zip, [...packEntries(pack), { name: 'QQQQQQQQ', bytes: Buffer.from('x') }], {
      QQQQQQQQ: '../x.txt',
    });
    const error = await ingestCommand([zip, '--data-dir', dataDir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(
      /^newsboard ingest: \S+evil\.zip: .*unsafe or unreadable zip.*\.\.\/x\.txt$/,
    );
  });
});
