/**
 * An article page saved from a news portal: breadcrumbs, the title, a date line, a header block,
 * the indented body, then source and editor lines, a copyright notice, an image list and the
 * site footer. Only the title, date, source and body are kept.
 */
import type { ParsedArticle } from './article.js';
import { cleanText, hasPunctuation } from './text.js';

const BREADCRUMB = /^(?:首頁|首页|Home)\s*[>›»]/iu;
const DATE_LINE = /^(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/u;
const SOURCE_LINE = /^(?:來源|来源)[:：]\s*(.+)$/u;
/** Lines after which nothing belongs to the article any more. */
const END_OF_ARTICLE =
  /^(?:(?:來源|来源|責任編輯|责任编辑|編輯|编辑)[:：]|版權說明|版权说明|版權聲明|版权声明|免責聲明|免责声明)/u;
const FOOTER =
  /電話|电话|傳真|传真|版權所有|版权所有|ICP備|ICP备|公網安備|公网安备|郵編|邮编|電子郵箱|电子邮箱|法律顧問|法律顾问/u;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|bmp|svg)$/iu;
/** Chinese portals publish in Beijing time and rarely say so. */
const PORTAL_UTC_OFFSET = '+08:00';

interface Line {
  text: string;
  indented: boolean;
}

function isoDate(match: RegExpExecArray): string {
  const [, year, month, day, hour, minute, second] = match;
  const date = `${year}-${month}-${day}`;
  return hour === undefined ? date : `${date}T${hour}:${minute}:${second ?? '00'}${PORTAL_UTC_OFFSET}`;
}

function isJunk(text: string): boolean {
  return FOOTER.test(text) || IMAGE_FILE.test(text);
}

export function parsePortalPage(text: string): ParsedArticle[] {
  const lines: Line[] = text
    .split(/\r?\n/u)
    .map((raw) => ({ text: cleanText(raw), indented: /^[ \t\u3000]/u.test(raw) }))
    .filter((line) => line.text !== '' && !BREADCRUMB.test(line.text));

  const dateIndex = lines.findIndex((line) => DATE_LINE.test(line.text));
  const dateMatch = DATE_LINE.exec(lines[dateIndex]?.text ?? '');
  const title = lines[0]?.text;
  if (title === undefined || dateIndex === 0) return [];

  // Between the date and the body sits a header block (photo caption, original headline, author)
  // set flush left; the body proper is indented.
  const afterDate = Math.max(dateIndex + 1, 1);
  const firstBody = lines.findIndex((line, i) => i >= afterDate && line.indented && hasPunctuation(line.text));
  const start = firstBody === -1 ? afterDate : firstBody;
  const end = lines.findIndex((line, i) => i >= start && END_OF_ARTICLE.test(line.text));
  const paragraphs = lines
    .slice(start, end === -1 ? undefined : end)
    .map((line) => line.text)
    .filter((paragraph) => !isJunk(paragraph));

  const source = lines.map((line) => SOURCE_LINE.exec(line.text)?.[1]).find((found) => found !== undefined);
  return [
    {
      title,
      paragraphs,
      ...(dateMatch ? { publishedAt: isoDate(dateMatch) } : {}),
      ...(source ? { source } : {}),
    },
  ];
}
