/**
 * A newspaper page drawn as an SVG image for the demo edition: masthead, the lead story across the
 * top, the others in two columns, each story's block also its tap region. The text is the story's
 * own, wrapped by a CJK-width estimate; a real edition's page images come from its PDF.
 */
import type { Region } from '../../common/kinds/edition.js';

export const PAGE_WIDTH = 1240;
export const PAGE_HEIGHT = 1754;
const MARGIN = 60;
const BODY_SIZE = 22;
const SERIF = "'Noto Serif CJK SC','Source Han Serif SC','Songti SC',serif";

const escapeXml = (text: string): string =>
  text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** Closing punctuation never starts a line; it hangs at the end of the previous one, as print does. */
const CLOSING = /[，。、；：！？）」』”’]/u;

/** Lines of about `em` ems: CJK characters are one em wide, Latin about half. */
function wrap(text: string, em: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const char of text) {
    const w = (char.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.55;
    if (width + w > em && line !== '' && !CLOSING.test(char)) {
      lines.push(line);
      line = '';
      width = 0;
    }
    line += char;
    width += w;
  }
  if (line) lines.push(line);
  return lines;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One story's block on the page: headline, then as much body as fits, cut with an ellipsis. */
function storySvg(box: Box, headline: string, headlineSize: number, body: string): string {
  const parts: string[] = [];
  let y = box.y + headlineSize;
  for (const line of wrap(headline, box.w / headlineSize).slice(0, 3)) {
    parts.push(`<text x="${box.x}" y="${y}" font-size="${headlineSize}" font-weight="bold">${escapeXml(line)}</text>`);
    y += headlineSize * 1.3;
  }
  const fit = Math.max(0, Math.floor((box.y + box.h - y) / (BODY_SIZE * 1.5)));
  const lines = wrap(body, box.w / BODY_SIZE);
  const shown = lines.slice(0, fit);
  if (lines.length > fit && shown.length > 0)
    shown[shown.length - 1] = `${[...(shown.at(-1) ?? '')].slice(0, -1).join('')}…`;
  for (const line of shown) {
    y += BODY_SIZE * 1.5;
    parts.push(`<text x="${box.x}" y="${y}" font-size="${BODY_SIZE}">${escapeXml(line)}</text>`);
  }
  return parts.join('');
}

function rectangle({ x, y, w, h }: Box): Region['polygon'] {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ];
}

export interface PageStory {
  id: string;
  headline: string;
  body: string;
}

/** A page image (SVG) with the publication's masthead and its stories: the lead across the top, the rest in two columns. */
export function layOutPage(publication: string, dateLine: string, pageLine: string, stories: readonly PageStory[]) {
  const top = 230;
  const parts = [
    `<rect width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" fill="#fbf8f1"/>`,
    `<text x="${PAGE_WIDTH / 2}" y="140" font-size="96" text-anchor="middle" fill="#b0120a" font-weight="bold">${escapeXml(publication)}</text>`,
    `<text x="${MARGIN}" y="200" font-size="24">${escapeXml(dateLine)}</text>`,
    `<text x="${PAGE_WIDTH - MARGIN}" y="200" font-size="24" text-anchor="end">${escapeXml(pageLine)}</text>`,
    `<line x1="${MARGIN}" y1="${top - 12}" x2="${PAGE_WIDTH - MARGIN}" y2="${top - 12}" stroke="#b0120a" stroke-width="4"/>`,
  ];
  const width = PAGE_WIDTH - 2 * MARGIN;
  const [lead, ...rest] = stories;
  const leadHeight = rest.length === 0 ? PAGE_HEIGHT - top - MARGIN : 560;
  const boxes: { story: PageStory; box: Box; size: number }[] = [];
  if (lead) boxes.push({ story: lead, box: { x: MARGIN, y: top, w: width, h: leadHeight }, size: 44 });
  const columns = [rest.filter((_, i) => i % 2 === 0), rest.filter((_, i) => i % 2 === 1)];
  const columnWidth = (width - 40) / 2;
  const restTop = top + leadHeight + 30;
  for (const [column, stacked] of columns.entries()) {
    const height = (PAGE_HEIGHT - MARGIN - restTop) / Math.max(1, stacked.length);
    for (const [row, story] of stacked.entries()) {
      const box = {
        x: MARGIN + column * (columnWidth + 40),
        y: restTop + row * height,
        w: columnWidth,
        h: height - 20,
      };
      boxes.push({ story, box, size: 32 });
    }
  }
  for (const { story, box, size } of boxes) parts.push(storySvg(box, story.headline, size, story.body));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}" font-family="${SERIF}" fill="#1a1a1a">${parts.join('')}</svg>`;
  const regions = boxes.map(({ story, box }) => ({ articleId: story.id, polygon: rectangle(box) }));
  return { svg: Buffer.from(svg, 'utf8'), regions };
}
