import { IngestError } from '../../content-cache/ingest/errors.js';
import { DEFAULT_FETCH_LIMITS } from '../../content-cache/ingest/fetchFeed.js';
import {
  keepImagesRemote,
  SOURCE_IMAGE_BUDGET_BYTES,
  SOURCE_IMAGE_BUDGET_MS,
} from '../../content-cache/ingest/articleItems.js';
import { ingest, type IngestOptions, type IngestResult } from '../../content-cache/ingest/ingest.js';
import { DEFAULT_SECTIONS } from '../../content-cache/ingest/sources.js';
import { DEFAULT_LOCALIZE_LIMITS } from '../../content-format/images/limits.js';
import { CliError, helpText, parseCommandArgs, requireOption, defineCommand } from '../args.js';
import { openKioskStorage } from './storage.js';

export const ingestSpec = defineCommand({
  name: 'ingest',
  usage:
    '<file|dir|zip|url> --data-dir D [--json] [--section S] [--source S] [--issue-date YYYY-MM-DD] [--publication NAME] [--timeout SECONDS] [--skip-images]',
  summary: 'Adds content to a kiosk: a content pack, a feed, a PDF edition, an EPUB book, or a text/HTML article.',
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    section: { type: 'string' },
    source: { type: 'string' },
    'issue-date': { type: 'string' },
    publication: { type: 'string' },
    timeout: { type: 'string' },
    'skip-images': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

const MIB = 1024 * 1024;
const IMAGE_LIMITS = `at most ${DEFAULT_LOCALIZE_LIMITS.maxBytes / MIB} MiB and ${DEFAULT_LOCALIZE_LIMITS.maxPixels / 1_000_000} megapixels`;
const SOURCE_IMAGE_BUDGET = `${SOURCE_IMAGE_BUDGET_MS / 60_000} minutes and ${SOURCE_IMAGE_BUDGET_BYTES / MIB} MiB`;

export const ingestHelp = helpText(
  ingestSpec,
  `
  <dir|zip>      a content pack: pack.json + blobs/sha256/<hex>, as a folder or a zip (at its root
                 or inside one top-level folder); it replaces the previously provisioned pack
  <file|url>     an RSS, Atom, RDF or JSON feed (a file, or an http(s) URL fetched within the
                 timeout and ${DEFAULT_FETCH_LIMITS.maxBytes / MIB} MiB); a PDF newspaper or periodical; an EPUB book; a .txt
                 or .html file as one article. The kind is judged from the content, not the name.
  --data-dir D   the kiosk data directory (must exist)
  --json         print {origin, version, items, blobsAdded, warnings} as JSON
  --section S    the section its items are listed under (default: feeds ${DEFAULT_SECTIONS.feed}, articles
                 ${DEFAULT_SECTIONS.article}, books ${DEFAULT_SECTIONS.book}, editions ${DEFAULT_SECTIONS.edition})
  --source S     who supplied an article or book, as lists show it
  --issue-date D the issue date of a PDF edition, when its creation date is not
  --publication NAME
                 the newspaper a PDF edition belongs to, when its Title does not say
  --timeout S    seconds allowed for fetching a URL (default ${DEFAULT_FETCH_LIMITS.timeoutMs / 1000})
  --skip-images  do not fetch the images an article's HTML shows (e.g. ingesting without a
                 network); they show as their description. By default each is fetched once,
                 checked (type by its bytes, ${IMAGE_LIMITS}) and stored, all of
                 a source's images within ${SOURCE_IMAGE_BUDGET}: a board never loads
                 anything from the internet while a passerby reads.

Each source replaces only what the same source gave before: the same feed (URL or file), the
same article file, the same book, the same issue of a publication. Every blob is verified before
anything is published; a bad source changes nothing and leaves no blob behind.`,
);

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CommandOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function timeoutOption(value: string | undefined): IngestOptions['fetchLimits'] {
  if (value === undefined) return DEFAULT_FETCH_LIMITS;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new CliError('newsboard ingest: --timeout must be a number of seconds, above 0 and at most 3600');
  return { ...DEFAULT_FETCH_LIMITS, timeoutMs: Math.round(seconds * 1000) };
}

function report(result: IngestResult, json: boolean, out: CommandOutput): void {
  const { origin, version, items, blobsAdded, warnings } = result;
  if (json) return out.stdout(`${JSON.stringify({ origin, version, items, blobsAdded, warnings })}\n`);
  out.stdout(`ingested ${origin}: ${items} items (version ${version}, ${blobsAdded} new blobs)\n`);
  for (const warning of warnings) out.stderr(`ingest: warning: ${warning}\n`);
}

export async function ingestCommand(argv: string[], out: CommandOutput = processOutput): Promise<void> {
  const { values, positionals } = parseCommandArgs(ingestSpec, argv);
  if (values.help) return out.stdout(ingestHelp);
  const [source, extra] = positionals;
  if (!source || extra) throw new CliError('newsboard ingest: give exactly one file, folder, zip or URL');
  const options: IngestOptions = {
    fetchLimits: timeoutOption(values.timeout),
    ...(values['skip-images'] ? { localizeImages: keepImagesRemote } : {}),
    ...(values.section !== undefined ? { section: values.section } : {}),
    ...(values.source !== undefined ? { source: values.source } : {}),
    ...(values['issue-date'] !== undefined ? { issueDate: values['issue-date'] } : {}),
    ...(values.publication !== undefined ? { publication: values.publication } : {}),
  };
  const storage = openKioskStorage(requireOption(values['data-dir'], 'ingest', '--data-dir'), 'ingest');
  try {
    report(await ingest(source, storage, options), values.json === true, out);
  } catch (error) {
    if (error instanceof IngestError) throw new CliError(`newsboard ingest: ${error.message}`);
    throw error;
  } finally {
    storage.close();
  }
}
