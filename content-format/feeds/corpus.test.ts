import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listCorpusFiles } from './corpus/caseFile.js';
import { runCorpus, type CaseResult } from './corpus/runCorpus.js';
import { summarize } from './corpus/summary.js';

const CORPUS = path.resolve(import.meta.dirname, '../..', '../shared/corpora/feedparser');
const present = existsSync(CORPUS);

/** Slow even on a busy two-core machine; a hang or a pathological file takes far longer. */
const PER_FILE_MS = 2_000;

/**
 * Ported Expect checks that pass today, per folder: a change that makes any of them fail lowers
 * a count and fails this test. Raise a floor when a fix passes more. docs/feed-corpus.md (written
 * by scripts/bench/feed-corpus.ts) explains what fails and why.
 */
const PASSED_FLOOR: Record<string, number> = {
  encoding: 70,
  entities: 242,
  illformed: 1,
  'illformed/chardet': 2,
  json: 1,
  'wellformed/amp': 70,
  'wellformed/atom': 47,
  'wellformed/atom10': 56,
  'wellformed/base': 26,
  'wellformed/http': 2,
  'wellformed/itunes': 3,
  'wellformed/lang': 10,
  'wellformed/media-rss': 2,
  'wellformed/namespace': 15,
  'wellformed/node_precedence': 2,
  'wellformed/rdf': 8,
  'wellformed/rss': 40,
  'wellformed/sanitize': 507,
  'wellformed/sgml': 1,
  'wellformed/xml': 2,
  total: 1107,
};
/** Files refused with a clear error today (truncated documents, CDF, an unclosed CDATA…): no more. */
const REJECTED_CEILING = 33;

describe.skipIf(!present)(
  present ? 'the feedparser corpus' : `the feedparser corpus (skipped: nothing at ${CORPUS})`,
  () => {
    let results: CaseResult[] = [];
    beforeAll(() => {
      results = runCorpus(CORPUS);
    }, 300_000);

    it('parses or cleanly rejects every file, none slowly', () => {
      expect(results.map((result) => result.name)).toEqual(listCorpusFiles(CORPUS));
      expect(results.length).toBeGreaterThanOrEqual(2_100);
      for (const result of results) {
        expect(result.milliseconds, result.name).toBeLessThan(PER_FILE_MS);
        if (result.status === 'rejected') expect(result.error, result.name).toMatch(/^[a-z-]+: \S[^\n]*$/);
      }
      expect(results.filter((result) => result.status === 'rejected').length).toBeLessThanOrEqual(REJECTED_CEILING);
    });

    it('stores no HTML that could run script, take handlers or navigate', () => {
      const unsafe = results
        .filter((result) => result.unsafe.length > 0)
        .map((result) => `${result.name}: ${result.unsafe.join(', ')}`);
      expect(unsafe).toEqual([]);
    });

    it('keeps passing the Expect checks it passes today, folder by folder', () => {
      const passed = Object.fromEntries(summarize(results).map((row) => [row.category, row.passed]));
      for (const [category, floor] of Object.entries(PASSED_FLOOR))
        expect(passed[category] ?? 0, category).toBeGreaterThanOrEqual(floor);
    });
  },
);
