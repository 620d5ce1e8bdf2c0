import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

export const searchSpec = defineCommand({
  name: 'search',
  usage: '<query> --data-dir D [--json] [--limit N]',
  summary: "Searches a kiosk's cached content.",
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

export const searchHelp = helpText(
  searchSpec,
  `
  --data-dir D   the kiosk data directory
  --json         print an array of {id, kind, title, snippet}
  --limit N      at most N hits (default 20)`,
);

export async function searchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(searchSpec, argv);
  if (values.help) return void process.stdout.write(searchHelp);
  const query = positionals.join(' ').trim();
  if (!query) throw new CliError('newsboard search: give a query');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new CliError('newsboard search: --limit must be 1–100');
  const storage = openKioskStorage(requireOption(values['data-dir'], 'search', '--data-dir'), 'search');
  try {
    const hits = storage.reader().search(query, limit);
    if (values.json) process.stdout.write(`${JSON.stringify(hits)}\n`);
    else for (const hit of hits) process.stdout.write(`${hit.id}\t${hit.title}\n  ${hit.snippet}\n`);
  } finally {
    storage.close();
  }
}
