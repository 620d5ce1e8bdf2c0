import type { ItemSummary } from '../../common/content.js';

/**
 * SQL and row mapping every read shares: which row of an id is current, whether it is shown at a
 * given instant, and how a row becomes the summary a list shows.
 */

/** An id published by two origins shows once: the row published last (see migration 001). */
export const VISIBLE =
  'NOT EXISTS (SELECT 1 FROM items AS newer WHERE newer.id = items.id AND newer.row_id > items.row_id)';

/** Inside its window at @now (epoch ms): notices not yet valid and expired items are not shown. */
export const SHOWN =
  '(items.valid_from_ms IS NULL OR items.valid_from_ms <= @now) AND (items.expires_at_ms IS NULL OR items.expires_at_ms > @now)';

export const SUMMARY_COLUMNS =
  'items.row_id, items.id, items.kind, items.title, items.source, items.section, items.language, ' +
  'items.published_at, items.summary, items.priority, items.meta_json';

export interface SummaryRow {
  row_id: number;
  id: string;
  kind: ItemSummary['kind'];
  title: string;
  source: string;
  section: string;
  language: ItemSummary['language'];
  published_at: string;
  summary: string;
  priority: number;
  meta_json: string;
}

/** meta_json was written from a validated pack item (contentWriter), so it is trusted here. */
export function toSummary(row: SummaryRow): ItemSummary {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    source: row.source,
    section: row.section,
    language: row.language,
    publishedAt: row.published_at,
    summary: row.summary,
    ...(JSON.parse(row.meta_json) as object),
  } as ItemSummary;
}

/**
 * The instant lists are evaluated at. The board's clock is believed unless it reads earlier than the
 * last publish: a board that lost its real-time clock and restarted at 1970 would otherwise show
 * long-expired notices again. A clock that jumps forward cannot be told from real time here; it hides
 * items whose window has passed by that reading until the clock is set right, and nothing is
 * deleted, so they return as soon as it is. The last publish (not the latest ever) is the floor, so a
 * publish made under a wrong clock stops mattering at the next one.
 */
export function effectiveNow(clock: Date, lastPublishedAt: string | null): number {
  const floor = lastPublishedAt === null ? Number.NaN : Date.parse(lastPublishedAt);
  const now = clock.getTime();
  return Number.isNaN(floor) ? now : Math.max(now, floor);
}
