/**
 * Search rowids order the index by publication day (day × 2^32 + that day's sequence number), so a
 * newest-first read of a match list is a rowid-descending read that stops after the first rows.
 * Consecutive rowids within a day keep the index's rowid deltas small; a plain epoch-millisecond
 * rowid made the trigram index build several times slower. Days are clamped so every rowid stays
 * an exact JavaScript number; an unparseable date counts as the oldest day.
 */
export const DAY_SLOTS = 2 ** 32;
const MAX_DAY = 2 ** 20;
const DAY_MS = 86_400_000;

export function publicationDay(publishedAt: string): number {
  const ms = Date.parse(publishedAt);
  if (Number.isNaN(ms)) return -MAX_DAY;
  return Math.min(MAX_DAY, Math.max(-MAX_DAY, Math.floor(ms / DAY_MS)));
}

export function publicationDayOfRowid(rowid: number): number {
  return Math.floor(rowid / DAY_SLOTS);
}
