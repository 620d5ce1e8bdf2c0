/** A broadcast or wire report: one paragraph per line, no headline of its own. */
import type { ParsedArticle } from './article.js';
import { titleFromLead } from './headline.js';
import { cleanText } from './text.js';

export function parseNewsReport(text: string): ParsedArticle[] {
  const paragraphs = text
    .split(/\r?\n/u)
    .map(cleanText)
    .filter((paragraph) => paragraph !== '');
  const lead = paragraphs[0];
  return lead === undefined ? [] : [{ title: titleFromLead(lead), paragraphs }];
}
