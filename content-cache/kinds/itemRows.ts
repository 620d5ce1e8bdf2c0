import type { Database, Statement } from 'better-sqlite3';
import type { ItemKind } from '../../common/content.js';
import { articlePackFieldsSchema } from '../../common/kinds/article.js';
import { bookPackFieldsSchema } from '../../common/kinds/book.js';
import { editionPackFieldsSchema } from '../../common/kinds/edition.js';
import { noticePackFieldsSchema } from '../../common/kinds/notice.js';
import { quizBankPackFieldsSchema } from '../../common/kinds/quiz.js';
import { studyColumnPackFieldsSchema } from '../../common/kinds/study.js';
import { videoPackFieldsSchema } from '../../common/kinds/video.js';
import { isEntryOf, type PublishEntry } from './entries.js';

/** The keys of each kind's inline list metadata: what goes into items.meta_json besides derived counts. */
const packFieldKeys: Record<ItemKind, readonly string[]> = {
  article: Object.keys(articlePackFieldsSchema.shape),
  video: Object.keys(videoPackFieldsSchema.shape),
  edition: Object.keys(editionPackFieldsSchema.shape),
  'study-column': Object.keys(studyColumnPackFieldsSchema.shape),
  'quiz-bank': Object.keys(quizBankPackFieldsSchema.shape),
  book: Object.keys(bookPackFieldsSchema.shape),
  notice: Object.keys(noticePackFieldsSchema.shape),
};

/** What one item contributes to its `items` row beyond the common list fields. */
export interface ItemColumns {
  priority: number;
  validFromMs: number | null;
  expiresAtMs: number | null;
  emergency: 0 | 1;
  /** The kind's list metadata and derived counts, spread into its summary when read. */
  metaJson: string;
  /** The body without the parts that live in the kind's own tables. */
  bodyJson: string;
  /** Plain text for search. */
  bodyText: string;
}

function instantMs(iso: string | undefined): number | null {
  return iso === undefined ? null : Date.parse(iso);
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

function kindColumns(entry: PublishEntry): { derived: object; body: object; text: string[] } {
  if (isEntryOf(entry, 'edition')) {
    const { pages } = entry.body;
    return {
      derived: { pageCount: pages.length },
      body: {},
      text: pages.flatMap((page) => [page.name ?? '', page.text ?? '']).filter((text) => text !== ''),
    };
  }
  if (isEntryOf(entry, 'study-column')) {
    const { description, entries } = entry.body;
    return { derived: { entryCount: entries.length }, body: { description }, text: description };
  }
  if (isEntryOf(entry, 'quiz-bank')) {
    const { description, questions } = entry.body;
    return {
      derived: { questionCount: questions.length },
      body: { description },
      text: [...description, ...questions.map((question) => question.prompt)],
    };
  }
  if (isEntryOf(entry, 'book')) {
    const { chapters, ...head } = entry.body;
    return {
      derived: { chapterCount: chapters.length },
      body: head,
      text: [...head.description, ...chapters.map((chapter) => chapter.title)],
    };
  }
  if (isEntryOf(entry, 'video')) {
    const { body } = entry;
    return { derived: {}, body, text: body.description };
  }
  // Articles and notices: the body is stored whole.
  const { body } = entry;
  return { derived: {}, body, text: body.paragraphs };
}

export function itemColumns(entry: PublishEntry): ItemColumns {
  const { item } = entry;
  const fields = item as unknown as Record<string, unknown>;
  const meta = Object.fromEntries(
    packFieldKeys[item.kind].filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]),
  );
  const { derived, body, text } = kindColumns(entry);
  const notice = item.kind === 'notice' ? item : null;
  return {
    priority: item.priority ?? 0,
    validFromMs: instantMs(notice?.validFrom),
    expiresAtMs: earliest(instantMs(item.expiresAt), instantMs(notice?.validUntil)),
    emergency: notice?.emergency ? 1 : 0,
    metaJson: JSON.stringify({ ...meta, ...derived }),
    bodyJson: JSON.stringify(body),
    bodyText: text.join('\n'),
  };
}

/** Writes the rows of each kind's own tables for one published item. */
export class KindRowWriter {
  private readonly media: Statement;
  private readonly edition: Statement;
  private readonly page: Statement;
  private readonly region: Statement;
  private readonly question: Statement;
  private readonly tag: Statement;
  private readonly chapter: Statement;
  private readonly studyEntry: Statement;

  constructor(db: Database) {
    this.media = db.prepare('INSERT INTO item_media (item_row, sha256, media_type, size) VALUES (?, ?, ?, ?)');
    this.edition = db.prepare('INSERT INTO editions (item_row, publication_id, issue_date) VALUES (?, ?, ?)');
    this.page = db.prepare(`INSERT INTO edition_pages
      (item_row, number, label, name, width, height, image_sha256, pdf_sha256, pdf_page_index)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.region = db.prepare(
      'INSERT INTO edition_regions (item_row, page_number, seq, article_id, polygon_json) VALUES (?, ?, ?, ?, ?)',
    );
    this.question = db.prepare(
      'INSERT INTO quiz_questions (item_row, seq, question_id, type, question_json) VALUES (?, ?, ?, ?, ?)',
    );
    this.tag = db.prepare('INSERT OR IGNORE INTO quiz_question_tags (item_row, tag, seq) VALUES (?, ?, ?)');
    this.chapter =
      db.prepare(`INSERT INTO book_chapters (item_row, seq, chapter_id, title, depth, body_sha256, body_json)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.studyEntry = db.prepare('INSERT INTO study_entries (item_row, seq, item_id, note) VALUES (?, ?, ?, ?)');
  }

  write(row: number | bigint, entry: PublishEntry): void {
    for (const ref of entry.item.media ?? []) this.media.run(row, ref.sha256, ref.mediaType, ref.size);
    if (isEntryOf(entry, 'edition')) {
      this.edition.run(row, entry.item.publication.id, entry.item.issueDate);
      for (const page of entry.body.pages) {
        const { number, label, name, width, height, image, pdf, regions } = page;
        this.page.run(
          row,
          number,
          label,
          name ?? null,
          width,
          height,
          image?.sha256 ?? null,
          pdf?.file.sha256 ?? null,
          pdf?.pageIndex ?? null,
        );
        for (const [seq, region] of regions.entries()) {
          this.region.run(row, number, seq, region.articleId, JSON.stringify(region.polygon));
        }
      }
    } else if (isEntryOf(entry, 'quiz-bank')) {
      for (const [seq, question] of entry.body.questions.entries()) {
        this.question.run(row, seq, question.id, question.type, JSON.stringify(question));
        for (const tag of question.tags) this.tag.run(row, tag, seq);
      }
    } else if (isEntryOf(entry, 'book')) {
      for (const [seq, toc] of entry.body.chapters.entries()) {
        const body = entry.chapters[seq];
        this.chapter.run(row, seq, toc.id, toc.title, toc.depth, toc.chapter.sha256, JSON.stringify(body));
      }
    } else if (isEntryOf(entry, 'study-column')) {
      for (const [seq, studyEntry] of entry.body.entries.entries()) {
        this.studyEntry.run(row, seq, studyEntry.itemId, studyEntry.note ?? null);
      }
    }
  }
}
