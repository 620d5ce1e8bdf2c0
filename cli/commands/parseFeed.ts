import path from 'node:path';
import { FeedError } from '../../content-format/feeds/errors.js';
import { parseFeedFile } from '../../content-format/feeds/file.js';
import { CliError, defineCommand, helpText, parseCommandArgs } from '../args.js';

export const parseFeedSpec = defineCommand({
  name: 'parse-feed',
  usage: '<file> --json [--content-type "<header value>"] [--url URL]',
  summary: 'Parses an RSS, Atom, RDF or JSON feed file and prints it normalized, HTML sanitized.',
  options: {
    json: { type: 'boolean' },
    'content-type': { type: 'string' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  allowPositionals: true,
});

export const parseFeedHelp = helpText(
  parseFeedSpec,
  `
  <file>               the feed as fetched (bytes; the encoding is detected)
  --json               print {format, encoding, feed: {title, link, language, updated},
                       entries: [{id, title, link, published, updated, author, summary,
                       content, language}], warnings} as JSON
  --content-type V     the HTTP Content-Type header it came with, e.g. "text/xml; charset=gbk"
  --url URL            where it was fetched from, to resolve relative links

Titles are plain text, summary and content sanitized HTML, dates ISO 8601 (UTC), links
absolute. A feed over 50 MiB, one that is not a feed, or a malformed one is refused: exit 1
with the reason on stderr.`,
);

export async function parseFeedCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandArgs(parseFeedSpec, argv);
  if (values.help) return void process.stdout.write(parseFeedHelp);
  const [file, extra] = positionals;
  if (!file || extra) throw new CliError('newsboard parse-feed: give exactly one feed file');
  try {
    const feed = await parseFeedFile(path.resolve(file), { contentType: values['content-type'], url: values.url });
    if (values.json) process.stdout.write(`${JSON.stringify(feed)}\n`);
    else {
      process.stdout.write(
        `${feed.feed.title ?? '(untitled)'} — ${feed.format}, ${feed.encoding}, ${feed.entries.length} entries\n`,
      );
      for (const entry of feed.entries)
        process.stdout.write(`  ${entry.published ?? entry.updated ?? '-'}  ${entry.title ?? entry.id}\n`);
      for (const warning of feed.warnings) process.stderr.write(`parse-feed: warning: ${warning}\n`);
    }
  } catch (error) {
    if (error instanceof FeedError) throw new CliError(`newsboard parse-feed: ${file}: ${error.message}`);
    throw error;
  }
}
