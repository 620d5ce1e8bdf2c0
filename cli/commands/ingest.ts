import path from 'node:path';
import { PackError } from '../../content-format/pack/directory.js';
import { importPackDir } from '../../content-cache/importPack.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

export const ingestSpec = defineCommand({
  name: 'ingest',
  usage: '<pack-dir> --data-dir D [--json]',
  summary: 'Provisions a kiosk from a content pack directory (pack.json + blobs/), e.g. on a USB stick.',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});

export const ingestHelp = helpText(
  ingestSpec,
  `
  <pack-dir>     a directory holding pack.json and blobs/sha256/<hex> (see \`newsboard demo-pack\`)
  --data-dir D   the kiosk data directory (must exist)
  --json         print {version, items, blobsAdded} as JSON

Every blob is verified before anything is published; a bad pack changes nothing.`,
);

export async function ingestCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(ingestSpec, argv);
  if (values.help) return void process.stdout.write(ingestHelp);
  const [source, extra] = positionals;
  if (!source || extra) throw new CliError('newsboard ingest: give exactly one pack directory');
  const storage = openKioskStorage(requireOption(values['data-dir'], 'ingest', '--data-dir'), 'ingest');
  try {
    const result = await importPackDir(path.resolve(source), storage.writer, storage.blobs);
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
