import { verifyContentCache } from '../../content-cache/verify.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

export const verifySpec = defineCommand({
  name: 'verify',
  usage: '--data-dir D',
  summary: "Checks a kiosk's database and blobs; exits non-zero on any fault.",
  options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});

export const verifyHelp = helpText(
  verifySpec,
  `
  --data-dir D   the kiosk data directory

Runs SQLite's integrity check, the search index's integrity check, and re-hashes every blob
that published content references.`,
);

export async function verifyCommand(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(verifySpec, argv);
  if (values.help) return void process.stdout.write(verifyHelp);
  const storage = openKioskStorage(requireOption(values['data-dir'], 'verify', '--data-dir'), 'verify');
  try {
    const faults = verifyContentCache(storage.db, storage.blobs);
    if (faults.length > 0) throw new CliError(`newsboard verify: ${faults.length} fault(s): ${faults.join('; ')}`);
    process.stdout.write('verify: ok\n');
  } finally {
    storage.close();
  }
}
