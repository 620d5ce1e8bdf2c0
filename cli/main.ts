import { CliError } from './args.js';
import { demoCommand } from './commands/demo.js';
import { demoPackCommand } from './commands/demoPack.js';
import { devicesCommand } from './commands/devices.js';
import { enrollCodeCommand } from './commands/enrollCode.js';
import { fleetCommand } from './commands/fleet.js';
import { ingestCommand } from './commands/ingest.js';
import { kioskCommand } from './commands/kiosk.js';
import { parseFeedCommand } from './commands/parseFeed.js';
import { searchCommand } from './commands/search.js';
import { verifyCommand } from './commands/verify.js';

const commands: Record<string, { run: (argv: string[]) => Promise<void>; summary: string }> = {
  fleet: { run: fleetCommand, summary: 'start the fleet server' },
  'enroll-code': { run: enrollCodeCommand, summary: 'create a one-time enrollment code for a board' },
  devices: { run: devicesCommand, summary: "list a fleet's boards and their reported status" },
  kiosk: { run: kioskCommand, summary: 'start a kiosk host (and its shell)' },
  demo: { run: demoCommand, summary: 'start a fleet server and a kiosk with the demo content' },
  ingest: { run: ingestCommand, summary: 'add content to a kiosk: a pack, feed, PDF, EPUB or article' },
  search: { run: searchCommand, summary: "search a kiosk's cached content" },
  verify: { run: verifyCommand, summary: "check a kiosk's database and blobs" },
  'demo-pack': { run: demoPackCommand, summary: 'write the demo content as a content pack' },
  'parse-feed': { run: parseFeedCommand, summary: 'print a feed file normalized and sanitized (JSON)' },
};

const usage = `Usage: newsboard <command> [options]   (newsboard <command> --help for each)

${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(11)} ${summary}`)
  .join('\n')}
`;

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return void process.stdout.write(usage);
  const command = commands[name];
  if (!command) throw new CliError(`newsboard: unknown command ${name} (try newsboard --help)`);
  await command.run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`newsboard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
