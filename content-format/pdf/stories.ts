import type { PageSize } from './info.js';
import { joinText, type Box, type PageLayout, type TextBlock, type TextFlow } from './layout.js';
import type { PixelSize } from './poppler.js';

/**
 * A story found on a page: a text flow with enough text to be worth opening. Its blocks become
 * tap regions on the page image; its first block is the headline when set in larger type.
 */
export interface PageStory {
  title: string;
  paragraphs: string[];
  /** Rectangles in image pixels, one per block, as [x, y] corners clockwise from top left. */
  polygons: [number, number][][];
}

/** Fewer characters than this is a running head, a page number or a stray label, not a story. */
const MIN_STORY_CHARS = 24;
/** A first block whose lines are this much taller than the story's typical line is its headline. */
const HEADLINE_RATIO = 1.3;
const MAX_TITLE_CHARS = 120;
/** Points added around each block so a finger on the edge of a column still opens the story. */
const PADDING_POINTS = 2;

/** A word broken across lines ("man-" / "agement") is joined again; Chinese has no such breaks. */
function blockText(block: TextBlock): string {
  const lines: string[] = [];
  for (const { text } of block.lines) {
    const previous = lines.at(-1);
    if (previous && /\p{Ll}-$/u.test(previous) && /^\p{Ll}/u.test(text))
      lines[lines.length - 1] = previous.slice(0, -1) + text;
    else lines.push(text);
  }
  return joinText(lines);
}

function lineHeight(block: TextBlock): number {
  const heights = block.lines.map((line) => line.box.yMax - line.box.yMin);
  return heights.reduce((a, b) => a + b, 0) / heights.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function titleOf(flow: TextFlow, paragraphs: string[]): string {
  const [first] = flow.blocks;
  const typical = median(flow.blocks.flatMap((block) => block.lines.map((line) => line.box.yMax - line.box.yMin)));
  const headline = first && flow.blocks.length > 1 && lineHeight(first) >= typical * HEADLINE_RATIO;
  const title = headline ? (paragraphs[0] ?? '') : (first?.lines[0]?.text ?? '');
  return title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1)}…` : title;
}

function polygonOf(box: Box, scaleX: number, scaleY: number, width: number, height: number): [number, number][] {
  const clampX = (x: number) => Math.min(width, Math.max(0, Math.round(x * scaleX)));
  const clampY = (y: number) => Math.min(height, Math.max(0, Math.round(y * scaleY)));
  const [x0, y0] = [clampX(box.xMin - PADDING_POINTS), clampY(box.yMin - PADDING_POINTS)];
  const [x1, y1] = [clampX(box.xMax + PADDING_POINTS), clampY(box.yMax + PADDING_POINTS)];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Stories on one page, with regions scaled from the page's points to its image's pixels. */
export function storiesOf(layout: PageLayout, page: PageSize, image: PixelSize): PageStory[] {
  const { width, height } = image;
  const scaleX = width / page.width;
  const scaleY = height / page.height;
  const stories: PageStory[] = [];
  for (const flow of layout.flows) {
    const paragraphs = flow.blocks.map(blockText).filter((text) => text.length > 0);
    if (paragraphs.join('').replace(/\s/g, '').length < MIN_STORY_CHARS) continue;
    stories.push({
      title: titleOf(flow, paragraphs),
      paragraphs,
      polygons: flow.blocks.map((block) => polygonOf(block.box, scaleX, scaleY, width, height)),
    });
  }
  return stories;
}

/** All text of a page for search, one block per line, in pdftotext's reading order. */
export function pageText(layout: PageLayout): string {
  return layout.flows.flatMap((flow) => flow.blocks.map(blockText)).join('\n');
}
