/** Test support: what every demo article must satisfy, shared by the seed and built-in tests. */
import { articleBodySchema, itemSummarySchema } from '../../common/content.js';
import type { DemoArticle } from './article.js';

export function validateArticle(article: DemoArticle): void {
  itemSummarySchema.parse({ ...article, kind: 'article' });
  articleBodySchema.parse({ paragraphs: article.paragraphs });
}

/** An ASCII space touching a Chinese character or Chinese punctuation. */
export const SPACE_BY_CJK =
  /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF\u2018-\u201F] |[ ][\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF\u2018-\u201F]/u;

const CLOSES = /[。！？…；：”’」』）).!?"]$/u;
const OPENS_WITH_CONTINUATION = /^[，、。；：！？”’」』）]/u;
const HEADING_MAX = 30;

/**
 * A paragraph cut by a hard line break ends without closing its sentence, or starts in the middle
 * of one. Only short headings may end open.
 */
/** The summary, without its ellipsis, is where the body starts (whitespace aside). */
export function summaryStartsBody(article: DemoArticle): boolean {
  const squeeze = (text: string): string => text.replace(/\s/gu, '');
  return squeeze(article.paragraphs.join('')).startsWith(squeeze(article.summary.replace(/…$/u, '')));
}

export function hardWrapFragments(paragraphs: readonly string[]): string[] {
  return paragraphs.filter((p) => OPENS_WITH_CONTINUATION.test(p) || (!CLOSES.test(p) && [...p].length > HEADING_MAX));
}

/**
 * The share of the source's sentences (ending in "。", whitespace ignored) that survive in the
 * articles. Dropping page furniture loses a few; losing hard-wrapped fragments loses many.
 */
export function sentenceCoverage(source: string, articles: readonly DemoArticle[]): number {
  const squeeze = (text: string): string => text.replace(/[\s\u3000]/gu, '');
  const output = squeeze(articles.flatMap((a) => a.paragraphs).join(''));
  const sentences = squeeze(source)
    .split(/(?<=。)/u)
    .filter((sentence) => [...sentence].length >= 4);
  const kept = sentences.filter((sentence) => output.includes(sentence.slice(-12)));
  return kept.length / sentences.length;
}
