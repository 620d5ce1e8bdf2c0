import { match } from 'pinyin-pro';
import { foldWithOffsets, type FoldedText } from './fold.js';

/** [start, end) in UTF-16 units of the text it accompanies. */
export type Mark = [start: number, end: number];

export interface MarkedText {
  text: string;
  marks: Mark[];
}

/** Characters of body shown on each side of the first match. */
export const SNIPPET_CONTEXT = 24;
/** Bodies are searched for a match this far; past it a snippet shows the start of the body. */
const MAX_SNIPPET_SCAN = 50_000;
const PINYIN_TERM = /^[a-z]+$/;

function merged(marks: Mark[]): Mark[] {
  const sorted = marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Mark[] = [];
  for (const mark of sorted) {
    const last = out.at(-1);
    if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
    else out.push([mark[0], mark[1]]);
  }
  return out;
}

/** Where the folded terms occur, as spans of the original text (folding is not always 1:1). */
function termMarks(folded: FoldedText, terms: readonly string[]): Mark[] {
  const marks: Mark[] = [];
  for (const term of terms) {
    for (let at = folded.text.indexOf(term); at >= 0; at = folded.text.indexOf(term, at + term.length)) {
      marks.push([folded.starts[at] as number, folded.ends[at + term.length - 1] as number]);
    }
  }
  return marks;
}

/** The title with its matches marked, pinyin matches (meiti, mtrh) on the characters they spell. */
export function markTitle(title: string, terms: readonly string[]): MarkedText {
  const folded = foldWithOffsets(title);
  const marks = termMarks(folded, terms);
  for (const term of terms) {
    if (!PINYIN_TERM.test(term)) continue;
    for (const index of match(folded.text, term, { continuous: true, v: true }) ?? []) {
      marks.push([folded.starts[index] as number, folded.ends[index] as number]);
    }
  }
  return { text: title, marks: merged(marks) };
}

/** Widens a cut that would split a surrogate pair. */
function atCharBoundary(text: string, index: number, direction: -1 | 1): number {
  const unit = text.charCodeAt(index);
  return unit >= 0xdc00 && unit <= 0xdfff ? index + (direction === 1 ? 1 : -1) : index;
}

/**
 * A window of the body around its first match, with every match inside it marked; the start of the
 * body when nothing matches there (a title or pinyin hit).
 */
export function snippet(body: string, terms: readonly string[]): MarkedText {
  const scanned = body.length > MAX_SNIPPET_SCAN ? body.slice(0, atCharBoundary(body, MAX_SNIPPET_SCAN, -1)) : body;
  const marks = merged(termMarks(foldWithOffsets(scanned), terms));
  const first = marks[0];
  if (!first) {
    const end = atCharBoundary(body, Math.min(body.length, SNIPPET_CONTEXT * 2), -1);
    return { text: `${body.slice(0, end)}${end < body.length ? '…' : ''}`, marks: [] };
  }
  const start = atCharBoundary(body, Math.max(0, first[0] - SNIPPET_CONTEXT), -1);
  const end = atCharBoundary(body, Math.min(body.length, first[1] + SNIPPET_CONTEXT), 1);
  const prefix = start > 0 ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: `${prefix}${body.slice(start, end)}${end < body.length ? '…' : ''}`,
    marks: marks
      .filter(([from, to]) => from < end && to > start)
      .map(([from, to]): Mark => [Math.max(from, start) + shift, Math.min(to, end) + shift]),
  };
}
