import type { Continuation, EditionPage } from '../../common/kinds/edition.js';
import type { EditionArticle } from './convert.js';

/** An article body holds at most this many paragraphs (common/kinds/base.ts); a longer join is only linked. */
const MAX_PARAGRAPHS = 2_000;
const JUMP_OUT = /下转\s*第?\s*(\d{1,3})\s*版/;
const jumpBack = (fromPage: number) => new RegExp(`上接\\s*第?\\s*0*${fromPage}\\s*版`);

function textOf(article: EditionArticle): string {
  return article.body.paragraphs.join('');
}

/**
 * Joins stories that jump pages: a story ending "（下转08版）" on page 1 and one starting
 * "（上接01版）" on page 8 become one article whose regions on both pages open it. A jump whose
 * other half is not found is still recorded, so the reader can offer the page.
 */
export function joinContinuations(pages: EditionPage[], articles: EditionArticle[]): EditionArticle[] {
  const merged = new Set<string>();
  for (const article of articles) {
    const placement = article.body.edition;
    if (!placement || merged.has(article.id)) continue;
    const out = JUMP_OUT.exec(textOf(article));
    const toPage = out ? Number(out[1]) : NaN;
    if (!out || toPage === placement.page || !pages.some((page) => page.number === toPage)) continue;
    const back = jumpBack(placement.page);
    const rest = articles.find(
      (other) => other.body.edition?.page === toPage && !merged.has(other.id) && back.test(textOf(other)),
    );
    const continuation: Continuation = { fromPage: placement.page, toPage, label: out[0].replace(/\s+/g, '') };
    if (rest && article.body.paragraphs.length + rest.body.paragraphs.length <= MAX_PARAGRAPHS) {
      continuation.backLabel = back.exec(textOf(rest))?.[0].replace(/\s+/g, '');
      article.body.paragraphs.push(...rest.body.paragraphs);
      for (const page of pages)
        for (const region of page.regions) if (region.articleId === rest.id) region.articleId = article.id;
      merged.add(rest.id);
    }
    placement.continuations.push(continuation);
  }
  return articles.filter((article) => !merged.has(article.id));
}
