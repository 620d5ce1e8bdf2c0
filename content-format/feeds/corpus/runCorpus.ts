import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FeedError } from '../errors.js';
import { parseFeedBytes } from '../parseFeed.js';
import type { NormalizedFeed } from '../schema.js';
import { httpUrl } from '../urls.js';
import { listCorpusFiles, readCorpusCase, type CorpusCase } from './caseFile.js';
import { checkExpectation, type CheckOutcome } from './evaluate.js';
import { unsafeConstructs } from './unsafeHtml.js';

/** Where feedparser's test server serves the corpus: the document URL relative links resolve against. */
const TEST_SERVER = 'http://127.0.0.1:8097/tests/';

export interface CaseResult {
  name: string;
  category: string;
  /** 'parsed', or 'rejected' with the one-line reason. */
  status: 'parsed' | 'rejected';
  error?: string;
  outcome: CheckOutcome;
  /** Dangerous constructs found in any stored HTML of the result (must stay empty). */
  unsafe: string[];
  milliseconds: number;
}

function storedHtml(result: NormalizedFeed): string[] {
  return result.entries.flatMap((entry) => [entry.summary, entry.content]).filter((html): html is string => !!html);
}

function runCorpusCase(corpus: CorpusCase): CaseResult {
  const documentUrl = TEST_SERVER + corpus.name;
  const location = corpus.headers['content-location'];
  const options = {
    contentType: corpus.headers['content-type'],
    url: (location && httpUrl(location, documentUrl)) || documentUrl,
  };
  const started = performance.now();
  let result: NormalizedFeed | undefined;
  let error: string | undefined;
  try {
    result = parseFeedBytes(corpus.bytes, options);
  } catch (caught) {
    // Anything but a FeedError is a crash: let it fail the run.
    if (!(caught instanceof FeedError)) throw caught;
    error = `${caught.code}: ${caught.message}`;
  }
  const milliseconds = performance.now() - started;
  const base = { name: corpus.name, category: corpus.category, milliseconds };
  if (!result) {
    const outcome: CheckOutcome = corpus.expect && probeMappable(corpus.expect) ? 'failed' : 'not-mappable';
    return { ...base, status: 'rejected', error, outcome, unsafe: [] };
  }
  const outcome = corpus.expect ? checkExpectation(corpus.expect, result).outcome : 'not-mappable';
  const unsafe = storedHtml(result).flatMap(unsafeConstructs);
  return { ...base, status: 'parsed', outcome, unsafe };
}

/** Whether an Expect line has checks we could have run: evaluated against an empty feed. */
function probeMappable(expect: string): boolean {
  const empty: NormalizedFeed = {
    format: 'rss',
    encoding: '',
    feed: { title: null, link: null, language: null, updated: null },
    entries: [],
    warnings: [],
  };
  return checkExpectation(expect, empty).outcome !== 'not-mappable';
}

export function runCorpus(root: string): CaseResult[] {
  return listCorpusFiles(root).map((name) =>
    runCorpusCase(readCorpusCase(root, name, readFileSync(path.join(root, name)))),
  );
}
