import { attrOf, childrenOf, findAll, findFirst, localNameOf, parseXml, textOf, type XmlNode } from '../epub/xml.js';

/** A rectangle in PDF points, origin top left (pdftotext's convention). */
export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface TextLine {
  box: Box;
  text: string;
}

export interface TextBlock {
  box: Box;
  lines: TextLine[];
}

/** Blocks pdftotext judged to be read in sequence: a story's columns, a caption, a headline with its text. */
export interface TextFlow {
  blocks: TextBlock[];
}

/**
 * A page's text in pdftotext's reading order. Boxes are in points of the page as shown (its
 * /Rotate applied), even though pdftotext's own page size attributes are those of the unrotated page.
 */
export interface PageLayout {
  flows: TextFlow[];
}

/** Han characters, kana, CJK and full-width punctuation: Chinese runs are written without spaces. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u;

/** Joins words or lines with a space only between two non-CJK sides, so "北京" never becomes "北 京". */
export function joinText(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    const needsSpace = out !== '' && !CJK.test(out.at(-1) ?? '') && !CJK.test(part[0] ?? '');
    out += needsSpace ? ` ${part}` : part;
  }
  return out;
}

function boxOf(node: XmlNode): Box | null {
  const values = ['xMin', 'yMin', 'xMax', 'yMax'].map((name) => Number(attrOf(node, name)));
  if (values.some((v) => !Number.isFinite(v))) return null;
  const [xMin, yMin, xMax, yMax] = values as [number, number, number, number];
  return xMax >= xMin && yMax >= yMin ? { xMin, yMin, xMax, yMax } : null;
}

function childElements(node: XmlNode, name: string): XmlNode[] {
  return childrenOf(node).filter((child) => localNameOf(child) === name);
}

function lineOf(node: XmlNode): TextLine | null {
  const box = boxOf(node);
  const text = joinText(childElements(node, 'word').map(textOf));
  return box && text ? { box, text } : null;
}

function blockOf(node: XmlNode): TextBlock | null {
  const box = boxOf(node);
  const lines = childElements(node, 'line')
    .map(lineOf)
    .filter((line): line is TextLine => line !== null);
  return box && lines.length > 0 ? { box, lines } : null;
}

/** Reads one page of `pdftotext -bbox-layout` output; null when it holds no page. */
export function parseBboxLayout(xhtml: string): PageLayout | null {
  const page = findFirst(parseXml(xhtml), 'page');
  if (!page) return null;
  const flows = findAll([page], 'flow')
    .map((flow) => ({
      blocks: childElements(flow, 'block')
        .map(blockOf)
        .filter((block): block is TextBlock => block !== null),
    }))
    .filter((flow) => flow.blocks.length > 0);
  return { flows };
}
