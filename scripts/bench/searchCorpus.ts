// The corpus both search benches use: items of ~800 characters built from clauses of the seed
// texts (../shared/seeds, or the built-in demo texts when that is absent), a quarter of them in
// traditional script, dates over two years. A fixed PRNG seed makes every run build the same rows.
import OpenCC from 'opencc-js';
import type { PublishEntryOf } from '../../content-cache/contentWriter.js';
import { articleEntry } from '../../content-cache/search/testing/searchStore.js';
import { demoArticles } from '../../content-format/seeds/index.js';

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SearchCorpus {
  entries: PublishEntryOf<'article'>[];
  origin: 'seeds' | 'builtin';
  clauses: number;
  averageChars: number;
}

const SEED = 20_251_122;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);

export function searchCorpus(items: number, sharedDir: string): SearchCorpus {
  const { articles, origin } = demoArticles(sharedDir);
  const simplified = articles
    .flatMap((article) => [article.title, ...article.paragraphs])
    .flatMap((text) => text.split(/(?<=[，。！？；：])/u))
    .map((clause) => clause.trim())
    .filter((clause) => [...clause].length >= 4);
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  const traditional = simplified.map(toTraditional);
  const next = random(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const entries: PublishEntryOf<'article'>[] = [];
  let chars = 0;
  for (let i = 0; i < items; i++) {
    const pool = next() < 0.25 ? traditional : simplified;
    const target = 600 + Math.floor(next() * 400);
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      let paragraph = '';
      const paragraphTarget = 120 + Math.floor(next() * 200);
      while (paragraph.length < paragraphTarget) paragraph += pick(pool);
      paragraphs.push(paragraph);
      length += paragraph.length;
    }
    const title = (pick(pool) + (next() < 0.5 ? pick(pool) : '')).replace(/[，。！？；：]+$/u, '').slice(0, 28);
    const publishedAt = new Date(FIRST_DAY + Math.floor(next() * 730 * DAY_MS)).toISOString();
    entries.push(articleEntry({ id: `bench-${i}`, title, body: paragraphs, publishedAt }));
    chars += length;
  }
  return { entries, origin, clauses: simplified.length, averageChars: Math.round(chars / Math.max(1, items)) };
}
