import { describe, expect, it } from 'vitest';
import { rankCandidates } from './rank.js';
import { DAY_SLOTS } from './searchRowid.js';

const onDay = (day: number, seq = 0) => day * DAY_SLOTS + seq;

describe('rankCandidates', () => {
  it('puts the newer first when relevance is equal, and the later of one day last-published first', () => {
    expect(
      rankCandidates([
        { rowid: onDay(20_000), bm25: -2 },
        { rowid: onDay(20_010), bm25: -2 },
        { rowid: onDay(20_005, 1), bm25: -2 },
        { rowid: onDay(20_005, 0), bm25: -2 },
      ]),
    ).toEqual([onDay(20_010), onDay(20_005, 1), onDay(20_005, 0), onDay(20_000)]);
  });

  it('lets clearly better relevance beat recency, and slightly better relevance lose to it', () => {
    const old = onDay(20_000);
    const fresh = onDay(20_030);
    expect(
      rankCandidates([
        { rowid: fresh, bm25: -1 },
        { rowid: old, bm25: -2 },
      ]),
    ).toEqual([old, fresh]);
    expect(
      rankCandidates([
        { rowid: fresh, bm25: -1 },
        { rowid: old, bm25: -1.05 },
      ]),
    ).toEqual([fresh, old]);
  });
});
