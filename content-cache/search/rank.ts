import { publicationDayOfRowid } from './searchRowid.js';

export interface Candidate {
  rowid: number;
  /** FTS5 bm25: more negative is more relevant. */
  bm25: number;
}

/** How much a fresh item gains over an old one of the same relevance… */
const RECENCY_BOOST = 0.5;
/** …halving every this many days of age. */
const RECENCY_HALF_LIFE_DAYS = 14;

/**
 * Orders candidates by bm25 relevance times a recency factor between 1 and 1 + RECENCY_BOOST, so
 * among hits of similar relevance the newer comes first, while a much better match (a title hit,
 * which bm25 weighs five to one) still beats a merely newer one. Age is counted from the newest
 * candidate, not from the board's clock, which may be wrong; the day comes from the search rowid.
 */
export function rankCandidates(candidates: readonly Candidate[]): number[] {
  const newestDay = Math.max(...candidates.map((candidate) => publicationDayOfRowid(candidate.rowid)));
  return candidates
    .map(({ rowid, bm25 }) => {
      const ageDays = newestDay - publicationDayOfRowid(rowid);
      return { rowid, score: -bm25 * (1 + RECENCY_BOOST * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS)) };
    })
    .sort((a, b) => b.score - a.score || b.rowid - a.rowid)
    .map(({ rowid }) => rowid);
}
