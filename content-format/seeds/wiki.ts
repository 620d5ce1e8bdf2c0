/**
 * A wiki page copied as text: the page tabs glued to the title, footnote markers, photo captions,
 * and trailing sections (references, related links) that are not part of the article.
 */
import type { ParsedArticle } from './article.js';
import { cleanText, hasPunctuation } from './text.js';

/** The page's tab labels ("檢視原始碼討論檢視歷史"), which a copy glues to the end of the title. */
const TAB_LABELS = /(?:檢視原始碼|查看原始碼|查看源代码|檢視歷史|查看历史|閱讀|阅读|編輯|编辑|討論|讨论)+$/u;
/** Only these labels can never end a real title, so their presence identifies the run as chrome. */
const CHROME_ONLY = /原始碼|源代码|歷史|历史/u;
const TRAILING_SECTIONS = new Set([
  '參考文獻',
  '参考文献',
  '參考資料',
  '参考资料',
  '注釋',
  '注释',
  '腳註',
  '脚注',
  '外部連結',
  '外部链接',
  '參見',
  '参见',
  '相關資訊',
  '相关资讯',
  '延伸閱讀',
  '延伸阅读',
]);
/** Reference entries ("- ↑ …") when they appear without their section heading. */
const REFERENCE_ENTRY = /^[-*•]?\s*[↑^]/u;
/** Section headings are a few words; a longer line with no punctuation is a photo caption. */
const HEADING_MAX = 12;

function stripTabLabels(line: string): string {
  const tabs = TAB_LABELS.exec(line);
  return tabs && CHROME_ONLY.test(tabs[0]) ? line.slice(0, tabs.index) : line;
}

export function parseWikiPage(text: string): ParsedArticle[] {
  const [firstLine, ...lines] = text.split(/\r?\n/u).filter((line) => line.trim() !== '');
  if (firstLine === undefined) return [];
  const title = cleanText(stripTabLabels(firstLine.trim()));
  const paragraphs: string[] = [];
  for (const line of lines) {
    const paragraph = cleanText(line);
    if (TRAILING_SECTIONS.has(paragraph)) break;
    if (REFERENCE_ENTRY.test(paragraph)) continue;
    if (!hasPunctuation(paragraph) && [...paragraph].length > HEADING_MAX) continue;
    if (paragraph !== '') paragraphs.push(paragraph);
  }
  // The lead's bold subject repeats the title; glued to a date ("…中心7月3日,…") it is not a sentence.
  const lead = paragraphs[0];
  if (lead?.startsWith(title) && /^\d/u.test(lead.slice(title.length))) paragraphs[0] = lead.slice(title.length);
  return paragraphs.length === 0 ? [] : [{ title, paragraphs }];
}
