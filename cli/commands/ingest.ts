import { statSync } from 'node:fs';
import path from 'node:path';
import { PackError } from '../../content-format/pack/directory.js';
import { importPackDir, importPackZip } from '../../content-cache/importPack.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

export const ingestSpec = defineCommand({
  name: 'ingest',
  usage: '<pack-dir|pack.zip> --data-dir D [--json]',
  summary: 'Provisions a kiosk from a content pack folder or zip (pack.json + blobs/), e.g. on a USB stick.',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});

export const ingestHelp = helpText(
  ingestSpec,
  `
  <pack-dir>     a folder holding pack.json and blobs/sha256/<hex> (see \`newsboard demo-pack\`)
  <pack.zip>     the same folder as a zip, at its root or inside one top-level folder
  --data-dir D   the kiosk data directory (must exist)
  --json         print {version, items, blobsAdded} as JSON

Every blob is verified before anything is published; a bad pack changes nothing. Zips with
unsafe names, links, duplicate entries or decompression bombs are refused.`,
);

export async function ingestCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(ingestSpec, argv);
  if (values.help) return void process.stdout.write(ingestHelp);
  const [source, extra] = positionals;
  if (!source || extra) throw new CliError('newsboard ingest: give exactly one pack folder or zip');
  const packPath = path.resolve(source);
  const kind = statSync(packPath, { throwIfNoEntry: false });
  if (!kind) throw new CliError(`newsboard ingest: ${packPath} does not exist`);
  const storage = openKioskStorage(requireOption(values['data-dir'], 'ingest', '--data-dir'), 'ingest');
  try {
    const result = kind.isDirectory()
      ? await importPackDir(packPath, storage.writer, storage.blobs)
      : await importPackZip(packPath, storage.writer, storage.blobs);
    process.stdout.write(
      values.json ? `${JSON.stringify(result)}\n` : `ingested ${result.items} items (version ${result.version})\n`,
    );
  } catch (error) {
    if (error instanceof PackError) throw new CliError(`newsboard ingest: ${error.message}`);
    throw error;
  } finally {
    storage.close();
  }
}
