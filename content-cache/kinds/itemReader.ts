import type { Database, Statement } from 'better-sqlite3';
import type {
  Book,
  BookChapter,
  ContentItem,
  Edition,
  ItemSummary,
  QuizBank,
  QuizQuestion,
  StudyColumn,
} from '../../common/content.js';
import { articleBodySchema } from '../../common/kinds/article.js';
import { bookChapterSchema } from '../../common/kinds/book.js';
import type { EditionPage } from '../../common/kinds/edition.js';
import { noticeBodySchema } from '../../common/kinds/notice.js';
import { quizQuestionSchema } from '../../common/kinds/quiz.js';
import { videoBodySchema } from '../../common/kinds/video.js';
import { dailyPick } from './dailyPick.js';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './shown.js';

interface ItemRow extends SummaryRow {
  body_json: string;
  valid_from_ms: number | null;
  expires_at_ms: number | null;
}

interface PageRow {
  number: number;
  label: string;
  name: string | null;
  width: number;
  height: number;
  image_sha256: string | null;
  pdf_sha256: string | null;
  pdf_page_index: number | null;
}

export interface QuestionQuery {
  tag?: string;
  /** YYYY-MM-DD: the day's own selection, the same for every passerby that day. */
  date?: string;
  limit: number;
}

/** An edition's pages and regions, exported so their query plans can be checked against the real schema. */
export const PAGE_SQL = {
  pages: 'SELECT * FROM edition_pages WHERE item_row = ? ORDER BY number',
  regions:
    'SELECT page_number, article_id, polygon_json FROM edition_regions WHERE item_row = ? ORDER BY page_number, seq',
};

function shownAt(row: ItemRow, now: number): boolean {
  return (
    (row.valid_from_ms === null || row.valid_from_ms <= now) && (row.expires_at_ms === null || row.expires_at_ms > now)
  );
}

/** One item, whole, and the parts of items read one at a time (questions, chapters, media). */
export class ItemReader {
  private readonly itemById: Statement;
  private readonly pages: Statement;
  private readonly regions: Statement;
  private readonly studyEntries: Statement;
  private readonly tagCounts: Statement;
  private readonly allSeqs: Statement;
  private readonly taggedSeqs: Statement;
  private readonly question: Statement;
  private readonly chapterToc: Statement;
  private readonly chapter: Statement;
  private readonly media: Statement;

  constructor(db: Database) {
    this.itemById = db.prepare(`SELECT ${SUMMARY_COLUMNS}, items.body_json, items.valid_from_ms, items.expires_at_ms
      FROM items WHERE id = ? ORDER BY row_id DESC LIMIT 1`);
    this.pages = db.prepare(PAGE_SQL.pages);
    this.regions = db.prepare(PAGE_SQL.regions);
    this.studyEntries = db.prepare('SELECT item_id, note FROM study_entries WHERE item_row = ? ORDER BY seq');
    this.tagCounts = db.prepare(
      'SELECT tag, count(*) AS questionCount FROM quiz_question_tags WHERE item_row = ? GROUP BY tag ORDER BY tag',
    );
    this.allSeqs = db.prepare('SELECT seq FROM quiz_questions WHERE item_row = ? ORDER BY seq').pluck();
    this.taggedSeqs = db
      .prepare('SELECT seq FROM quiz_question_tags WHERE item_row = ? AND tag = ? ORDER BY seq')
      .pluck();
    this.question = db.prepare('SELECT question_json FROM quiz_questions WHERE item_row = ? AND seq = ?').pluck();
    this.chapterToc = db.prepare(
      'SELECT chapter_id AS id, title, depth FROM book_chapters WHERE item_row = ? ORDER BY seq',
    );
    this.chapter = db.prepare('SELECT body_json FROM book_chapters WHERE item_row = ? AND chapter_id = ?').pluck();
    this.media = db.prepare('SELECT media_type AS mediaType, size FROM item_media WHERE sha256 = ? LIMIT 1');
  }

  /** The current row of an id if it is shown at `now`: what a tap on it may open. */
  private row(id: string, now: number, kind?: ItemSummary['kind']): ItemRow | null {
    const row = this.itemById.get(id) as ItemRow | undefined;
    if (!row || !shownAt(row, now) || (kind !== undefined && row.kind !== kind)) return null;
    return row;
  }

  summary(id: string, now: number): ItemSummary | null {
    const row = this.row(id, now);
    return row ? toSummary(row) : null;
  }

  item(id: string, now: number): ContentItem | null {
    const row = this.row(id, now);
    if (!row) return null;
    const summary = toSummary(row);
    const body: unknown = JSON.parse(row.body_json);
    switch (summary.kind) {
      case 'article':
        return { ...summary, ...articleBodySchema.parse(body) };
      case 'video':
        return { ...summary, ...videoBodySchema.parse(body) };
      case 'notice':
        return { ...summary, ...noticeBodySchema.parse(body) };
      case 'edition':
        return { ...summary, pages: this.editionPages(row.row_id) } satisfies Edition;
      case 'study-column':
        return { ...summary, ...(body as Pick<StudyColumn, 'description'>), entries: this.entriesOf(row.row_id, now) };
      case 'quiz-bank':
        return {
          ...summary,
          ...(body as Pick<QuizBank, 'description'>),
          tags: this.tagCounts.all(row.row_id) as QuizBank['tags'],
        };
      case 'book':
        return {
          ...summary,
          ...(body as Pick<Book, 'publisher' | 'description' | 'continueUrl'>),
          chapters: this.chapterToc.all(row.row_id) as Book['chapters'],
        };
    }
  }

  private editionPages(itemRow: number): EditionPage[] {
    const regions = this.regions.all(itemRow) as { page_number: number; article_id: string; polygon_json: string }[];
    return (this.pages.all(itemRow) as PageRow[]).map((page) => ({
      number: page.number,
      label: page.label,
      ...(page.name === null ? {} : { name: page.name }),
      width: page.width,
      height: page.height,
      ...(page.image_sha256 === null ? {} : { image: { sha256: page.image_sha256 } }),
      ...(page.pdf_sha256 === null
        ? {}
        : { pdf: { file: { sha256: page.pdf_sha256 }, pageIndex: page.pdf_page_index ?? 0 } }),
      regions: regions
        .filter((region) => region.page_number === page.number)
        .map((region) => ({
          articleId: region.article_id,
          polygon: JSON.parse(region.polygon_json) as EditionPage['regions'][number]['polygon'],
        })),
    }));
  }

  /** Entries whose item is not shown right now (expired, say) are left out rather than shown dead. */
  private entriesOf(itemRow: number, now: number): StudyColumn['entries'] {
    return (this.studyEntries.all(itemRow) as { item_id: string; note: string | null }[]).flatMap((entry) => {
      const item = this.summary(entry.item_id, now);
      if (!item) return [];
      return [entry.note === null ? { item } : { note: entry.note, item }];
    });
  }

  questions(bankId: string, query: QuestionQuery, now: number): QuizQuestion[] {
    const bank = this.row(bankId, now, 'quiz-bank');
    if (!bank) return [];
    const seqs = (
      query.tag === undefined ? this.allSeqs.all(bank.row_id) : this.taggedSeqs.all(bank.row_id, query.tag)
    ) as number[];
    const chosen =
      query.date === undefined
        ? seqs.slice(0, query.limit)
        : dailyPick(seqs.length, query.limit, `${bankId}|${query.date}|${query.tag ?? ''}`).map(
            (at) => seqs[at] as number,
          );
    return chosen.map((seq) => quizQuestionSchema.parse(JSON.parse(this.question.get(bank.row_id, seq) as string)));
  }

  chapterOf(bookId: string, chapterId: string, now: number): BookChapter | null {
    const book = this.row(bookId, now, 'book');
    const json = book ? (this.chapter.get(book.row_id, chapterId) as string | undefined) : undefined;
    return json === undefined ? null : bookChapterSchema.parse(JSON.parse(json));
  }

  /** A media blob's type and size if a published item uses it; anything else is not the renderer's to read. */
  mediaInfo(sha256: string): { mediaType: string; size: number } | null {
    return (this.media.get(sha256) as { mediaType: string; size: number } | undefined) ?? null;
  }
}
