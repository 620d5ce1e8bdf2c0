import type { ItemKind } from '../../common/content.js';
import { ContentRejected, isEntryOf, type PublishEntry } from './entries.js';

/**
 * Checks the links between items of one version: page regions open articles, articles name their
 * edition and pages, study columns list items, questions cite their source. A version is published
 * whole, so every link must land inside it; a dangling one would be a dead tap on the board.
 */
export function checkLinks(entries: readonly PublishEntry[]): void {
  const byId = new Map(entries.map((entry) => [entry.item.id, entry]));
  const expect = (id: string, kinds: readonly ItemKind[], from: string): PublishEntry => {
    const target = byId.get(id);
    if (!target || !kinds.includes(target.item.kind)) {
      throw new ContentRejected(`${from} links to ${id}, which is not ${kinds.join(' or ')} in this version`);
    }
    return target;
  };

  for (const entry of entries) {
    const { id } = entry.item;
    if (isEntryOf(entry, 'edition')) {
      for (const page of entry.body.pages) {
        for (const region of page.regions)
          expect(region.articleId, ['article'], `page ${page.number} of edition ${id}`);
      }
    } else if (isEntryOf(entry, 'article') && entry.body.edition) {
      const placement = entry.body.edition;
      const edition = expect(placement.editionId, ['edition'], `article ${id}`);
      const pages = new Set(isEntryOf(edition, 'edition') ? edition.body.pages.map((page) => page.number) : []);
      const named = [placement.page, ...placement.continuations.flatMap((c) => [c.fromPage, c.toPage])];
      const missing = named.find((page) => !pages.has(page));
      if (missing !== undefined) {
        throw new ContentRejected(
          `article ${id} is placed on page ${missing}, which edition ${placement.editionId} lacks`,
        );
      }
    } else if (isEntryOf(entry, 'study-column')) {
      const listable: ItemKind[] = ['article', 'video', 'edition', 'quiz-bank', 'book', 'notice'];
      for (const { itemId } of entry.body.entries) expect(itemId, listable, `study column ${id}`);
    } else if (isEntryOf(entry, 'quiz-bank')) {
      for (const question of entry.body.questions) {
        if (question.sourceItemId) {
          expect(question.sourceItemId, ['article', 'video', 'book'], `question ${question.id} of quiz bank ${id}`);
        }
      }
    }
  }
}
