/**
 * Rebuilds paragraphs from text extracted out of a laid-out page (PDF, OCR), where every column
 * line ends in a hard line break and column or box jumps show up as blank lines.
 *
 * Chinese has no hyphenation to give a wrap away, so the decision rests on line widths: a line that
 * fills its column continues on the next line, even when it happens to end a sentence; a line that
 * stops short ends its paragraph. A blank line is a paragraph break unless the text before it
 * stops mid-sentence on a line as full as the one above it (the extractor moved to the next
 * column in the middle of a sentence); only the page's main column is trusted for that.
 */
import { displayWidth, endsSentence } from './text.js';

export interface UnwrappedParagraph {
  text: string;
  /** The paragraph began after an in-line gap: the extractor jumped to another box on the same line. */
  afterGap: boolean;
  /** The paragraph began after a blank line (or at the top of the text). */
  afterBlank: boolean;
}

interface Segment {
  text: string;
  width: number;
  afterGap: boolean;
  afterBlank: boolean;
  block: number;
}

/** Half-width cells a line may fall short of its column and still count as full (justification, indents). */
const TOLERANCE = 6;

/** A run of spaces after closing punctuation inside one extracted line separates two layout boxes. */
const IN_LINE_GAP = /(?<=[。！？”』）)])[ \t\u00A0\u3000]+(?=\S)/u;

function segmentsOf(text: string): (Segment | 'blank')[] {
  const items: (Segment | 'blank')[] = [];
  let block = 0;
  let afterBlank = true;
  for (const line of text.split(/\r?\n/u)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      items.push('blank');
      block += 1;
      afterBlank = true;
      continue;
    }
    trimmed.split(IN_LINE_GAP).forEach((part, index) => {
      items.push({
        text: part,
        width: displayWidth(part),
        afterGap: index > 0,
        afterBlank: afterBlank && index === 0,
        block,
      });
    });
    afterBlank = false;
  }
  return items;
}

/** The most common width is the body column's: body lines far outnumber headlines and boxes. */
function modeWidth(segments: readonly Segment[]): number {
  const counts = new Map<number, number>();
  for (const { width } of segments) counts.set(width, (counts.get(width) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) [best, bestCount] = [width, count];
  }
  return best;
}

/**
 * Boxes and sidebars have narrower columns than the page, so a blank-separated block whose lines
 * mostly share one width (at least three of them) is measured on its own. Fewer lines cannot tell
 * a column from a headline stacked on a paragraph.
 */
function blockWidths(segments: readonly Segment[]): Map<number, number> {
  const byBlock = new Map<number, number[]>();
  for (const { block, width } of segments) byBlock.set(block, [...(byBlock.get(block) ?? []), width]);
  const widths = new Map<number, number>();
  for (const [block, list] of byBlock) {
    const median = [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
    const alike = list.filter((width) => Math.abs(width - median) <= TOLERANCE).length;
    if (alike >= 3 && alike * 2 >= list.length) widths.set(block, median);
  }
  return widths;
}

function joinWrapped(lines: readonly Segment[]): string {
  return lines.reduce((text, { text: next }) => {
    const wordBreak = /[A-Za-z]$/u.test(text) && /^[A-Za-z]/u.test(next);
    return text + (wordBreak ? ' ' : '') + next;
  }, '');
}

/**
 * @param standalone lines that are always a paragraph of their own, such as page markers.
 */
export function unwrapLines(text: string, standalone: (line: string) => boolean = () => false): UnwrappedParagraph[] {
  const items = segmentsOf(text);
  const segments = items.filter((item): item is Segment => item !== 'blank');
  const column = modeWidth(segments);
  const blocks = blockWidths(segments);
  const isShort = (s: Segment): boolean => s.width < Math.min(column, blocks.get(s.block) ?? column) - TOLERANCE;

  const continuesAcrossBlank = (lines: readonly Segment[]): boolean => {
    const last = lines.at(-1);
    const above = lines.at(-2);
    if (!last || !above || endsSentence(last.text)) return false;
    const fillsPageColumn = Math.abs(last.width - column) <= TOLERANCE;
    return fillsPageColumn && Math.abs(last.width - above.width) <= TOLERANCE;
  };

  const paragraphs: UnwrappedParagraph[] = [];
  let current: Segment[] = [];
  let sawBlank = false;
  const flush = (): void => {
    const first = current[0];
    if (first) paragraphs.push({ text: joinWrapped(current), afterGap: first.afterGap, afterBlank: first.afterBlank });
    current = [];
  };

  for (const item of items) {
    if (item === 'blank') {
      sawBlank = true;
      continue;
    }
    const last = current.at(-1);
    if (last) {
      const separate = item.afterGap || standalone(item.text) || standalone(last.text);
      const continues = sawBlank ? continuesAcrossBlank(current) : !isShort(last);
      if (separate || !continues) flush();
    }
    current.push(item);
    sawBlank = false;
  }
  flush();
  return paragraphs;
}
