import type { Database, Statement } from 'better-sqlite3';
import type { EditionSummary, ItemKind, ItemSummary, Notice } from '../../common/content.js';
import { noticeBodySchema } from '../../common/kinds/notice.js';
import { SHOWN, SUMMARY_COLUMNS, toSummary, VISIBLE, type SummaryRow } from './shown.js';

export interface ListFilter {
  /** Kinds to list; articles only when absent, so screens that predate the other kinds see no change. */
  kinds?: readonly ItemKind[];
  section?: string;
}

function byListOrder(a: SummaryRow, b: SummaryRow): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.published_at !== b.published_at) return a.published_at < b.published_at ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The hot list queries, exported so their query plans can be checked against the real schema. */
export const LIST_SQL = {
  // One query per kind reads items_kind_list in order and stops at the limit; a query over
  // several kinds would sort every row of them first.
  kind: `SELECT ${SUMMARY_COLUMNS} FROM items
    WHERE kind = @kind AND (@section IS NULL OR section = @section) AND ${SHOWN} AND ${VISIBLE}
    ORDER BY priority DESC, published_at DESC, id LIMIT @limit`,
  // Named, because without ANALYZE statistics the planner prefers items_kind_list and then sorts.
  notices: `SELECT ${SUMMARY_COLUMNS}, items.body_json FROM items INDEXED BY items_notices
    WHERE kind = 'notice' AND ${SHOWN} AND ${VISIBLE}
    ORDER BY emergency DESC, priority DESC, valid_from_ms DESC, id LIMIT @limit`,
  issues: `SELECT ${SUMMARY_COLUMNS}, editions.issue_date FROM editions
    JOIN items ON items.row_id = editions.item_row
    WHERE editions.publication_id = @publicationId AND ${SHOWN} AND ${VISIBLE}
    ORDER BY editions.issue_date DESC, editions.item_row LIMIT @limit`,
};

/** The lists passersby browse: items of some kinds, active notices, the shelf of editions. */
export class ListReader {
  private readonly kindList: Statement;
  private readonly activeNotices: Statement;
  private readonly publications: Statement;
  private readonly issues: Statement;

  constructor(db: Database) {
    this.kindList = db.prepare(LIST_SQL.kind);
    this.activeNotices = db.prepare(LIST_SQL.notices);
    this.publications = db.prepare('SELECT DISTINCT publication_id FROM editions').pluck();
    this.issues = db.prepare(LIST_SQL.issues);
  }

  list(limit: number, filter: ListFilter, now: number): ItemSummary[] {
    const kinds = [...new Set(filter.kinds ?? ['article'])];
    const rows = kinds.flatMap(
      (kind) => this.kindList.all({ kind, section: filter.section ?? null, now, limit }) as SummaryRow[],
    );
    return rows.sort(byListOrder).slice(0, limit).map(toSummary);
  }

  /** Emergencies first, then by priority, then the most recently valid. */
  notices(limit: number, now: number): Notice[] {
    return (this.activeNotices.all({ limit, now }) as (SummaryRow & { body_json: string })[]).map((row) => ({
      ...(toSummary(row) as Notice),
      ...noticeBodySchema.parse(JSON.parse(row.body_json)),
    }));
  }

  /** Back issues of one publication, newest first; without one, the newest issue of each publication. */
  editions(publicationId: string | undefined, limit: number, now: number): EditionSummary[] {
    if (publicationId !== undefined) {
      return (this.issues.all({ publicationId, limit, now }) as SummaryRow[]).map(
        (row) => toSummary(row) as EditionSummary,
      );
    }
    const newest = (this.publications.all() as string[]).flatMap(
      (id) => this.issues.all({ publicationId: id, limit: 1, now }) as (SummaryRow & { issue_date: string })[],
    );
    return newest
      .sort((a, b) => (a.issue_date < b.issue_date ? 1 : a.issue_date > b.issue_date ? -1 : 0))
      .slice(0, limit)
      .map((row) => toSummary(row) as EditionSummary);
  }
}
