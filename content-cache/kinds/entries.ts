import type { ItemKind } from '../../common/content.js';
import type { ArticleBody } from '../../common/kinds/article.js';
import type { BookBody, BookChapter } from '../../common/kinds/book.js';
import type { EditionBody } from '../../common/kinds/edition.js';
import type { NoticeBody } from '../../common/kinds/notice.js';
import type { QuizBankBody } from '../../common/kinds/quiz.js';
import type { StudyColumnBody } from '../../common/kinds/study.js';
import type { VideoBody } from '../../common/kinds/video.js';
import type { PackItemOfKind } from '../../common/pack.js';

/** An item ready to publish: its manifest entry and its validated body (and a book's chapters). */
export type PublishEntry =
  | { item: PackItemOfKind<'article'>; body: ArticleBody }
  | { item: PackItemOfKind<'video'>; body: VideoBody }
  | { item: PackItemOfKind<'edition'>; body: EditionBody }
  | { item: PackItemOfKind<'study-column'>; body: StudyColumnBody }
  | { item: PackItemOfKind<'quiz-bank'>; body: QuizBankBody }
  | { item: PackItemOfKind<'book'>; body: BookBody; chapters: BookChapter[] }
  | { item: PackItemOfKind<'notice'>; body: NoticeBody };

export type PublishEntryOf<K extends ItemKind> = Extract<PublishEntry, { item: { kind: K } }>;

/** Narrows an entry by its item's kind, which TypeScript does not do through the nested field. */
export function isEntryOf<K extends ItemKind>(entry: PublishEntry, kind: K): entry is PublishEntryOf<K> {
  return entry.item.kind === kind;
}

/** A version the board refuses to publish; the message names the item and what is wrong with it. */
export class ContentRejected extends Error {
  override name = 'ContentRejected';
}
