import path from 'node:path';
import { writePackDir } from '../../content-format/pack/directory.js';
import { demoArticles } from '../../content-format/seeds/index.js';
import { CliError, helpText, parseCommandArgs, defineCommand } from '../args.js';
import { buildDemoPack } from '../demoPack.js';
import { sharedDir } from '../paths.js';

export const demoPackSpec = defineCommand({
  name: 'demo-pack',
  usage: '<out-dir>',
  summary: 'Writes the demo content as a content pack directory, ready for a USB stick or `newsboard ingest`.',
  options: { help: { type: 'boolean', short: 'h' } },
  allowPositionals: true,
});

export const demoPackHelp = helpText(demoPackSpec, `  <out-dir>   created if missing; pack.json is written last`);

export async function demoPackCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(demoPackSpec, argv);
  if (values.help) return void process.stdout.write(demoPackHelp);
  const [outDir, extra] = positionals;
  if (!outDir || extra) throw new CliError('newsboard demo-pack: give exactly one output directory');
  const pack = buildDemoPack(demoArticles(sharedDir()).articles);
  await writePackDir(path.resolve(outDir), pack);
  process.stdout.write(`demo-pack: ${pack.manifest.items.length} items (version ${pack.manifest.version})\n`);
}
