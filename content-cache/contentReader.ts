import type { Database, Statement } from 'better-sqlite3';
import type {
  Article,
  BookChapter,
  ContentItem,
  EditionSummary,
  ItemSummary,
  Notice,
  QuizQuestion,
  SearchHit,
} from '../common/content.js';
import { ItemReader, type QuestionQuery } from './kinds/itemReader.js';
import { ListReader, type ListFilter } from './kinds/listReader.js';
import { effectiveNow } from './kinds/shown.js';
import { Searcher } from './search/searcher.js';

/**
 * Everything the UI reads, on the read-only connection. Windows (expiry, notice validity) are judged
 * at the board's clock as `effectiveNow` corrects it; `clock` is injectable for tests.
 */
export class ContentReader {
  private readonly lists: ListReader;
  private readonly items: ItemReader;
  private readonly searcher: Searcher;
  private readonly versionStatement: Statement;
  private readonly lastPublishStatement: Statement;

  constructor(
    db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.lists = new ListReader(db);
    this.items = new ItemReader(db);
    this.searcher = new Searcher(db);
    this.versionStatement = db.prepare('SELECT version FROM content_versions ORDER BY id DESC LIMIT 1').pluck();
    this.lastPublishStatement = db
      .prepare('SELECT published_at FROM content_versions ORDER BY id DESC LIMIT 1')
      .pluck();
  }

  /** Epoch ms at which windows are judged now. */
  now(): number {
    return effectiveNow(this.clock(), (this.lastPublishStatement.get() as string | undefined) ?? null);
  }

  list(limit = 100, filter: ListFilter = {}): ItemSummary[] {
    return this.lists.list(limit, filter, this.now());
  }

  article(id: string): Article | null {
    const item = this.items.item(id, this.now());
    return item?.kind === 'article' ? item : null;
  }

  item(id: string): ContentItem | null {
    return this.items.item(id, this.now());
  }

  notices(limit = 20): Notice[] {
    return this.lists.notices(limit, this.now());
  }

  editions(publicationId?: string, limit = 50): EditionSummary[] {
    return this.lists.editions(publicationId, limit, this.now());
  }

  quizQuestions(bankId: string, query: QuestionQuery): QuizQuestion[] {
    return this.items.questions(bankId, query, this.now());
  }

  bookChapter(bookId: string, chapterId: string): BookChapter | null {
    return this.items.chapterOf(bookId, chapterId, this.now());
  }

  mediaInfo(sha256: string): { mediaType: string; size: number } | null {
    return this.items.mediaInfo(sha256);
  }

  /** Matches of a passerby's query (see content-cache/search/searcher.ts), best first. */
  search(query: string, limit = 20): SearchHit[] {
    return this.searcher.search(query, { limit, now: this.now() });
  }

  contentVersion(): string | null {
    return (this.versionStatement.get() as string | undefined) ?? null;
  }
}
