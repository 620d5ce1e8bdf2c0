import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

const INVERSE = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';

/** Matches shown in reverse video on a terminal; marks are sorted and never overlap. */
export function highlighted(text: string, marks: readonly (readonly [number, number])[]): string {
  let out = '';
  let at = 0;
  for (const [from, to] of marks) {
    out += `${text.slice(at, from)}${INVERSE}${text.slice(from, to)}${INVERSE_OFF}`;
    at = to;
  }
  return out + text.slice(at);
}

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
  --json         print an array of {id, kind, title, titleMarks, snippet, snippetMarks}; marks are
                 [start, end) offsets of the matches in UTF-16 units
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
    else {
      const show = process.stdout.isTTY ? highlighted : (text: string) => text;
      for (const hit of hits)
        process.stdout.write(
          `${hit.id}\t${show(hit.title, hit.titleMarks)}\n  ${show(hit.snippet, hit.snippetMarks)}\n`,
        );
    }
  } finally {
    storage.close();
  }
}
