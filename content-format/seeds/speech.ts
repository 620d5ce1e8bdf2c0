/** A speech or study-session address: its title on the first line, one paragraph per line after. */
import type { ParsedArticle } from './article.js';
import { cleanText } from './text.js';

/**
 * Speeches pack their enumerated points ("一是…二是…三是…") into one long paragraph; on a
 * standing reader's screen each point reads better as its own paragraph.
 */
const ENUMERATED_POINT = /(?<=。)(?=[一二三四五六七八九十]是)/u;

export function parseSpeech(text: string): ParsedArticle[] {
  const [title, ...paragraphs] = text
    .split(/\r?\n/u)
    .map(cleanText)
    .filter((line) => line !== '');
  if (title === undefined) return [];
  return [{ title, paragraphs: paragraphs.flatMap((paragraph) => paragraph.split(ENUMERATED_POINT)) }];
}
