import { decodeHTML } from 'entities';
import { z } from 'zod';
import { articleSchema, type Article } from '../../common/content.js';
import { decodeFeedBytes } from '../../content-format/feeds/charset.js';
import { declaredLanguage, detectLanguage } from '../../content-format/feeds/language.js';
import { sanitizeArticleHtml } from '../../content-format/sanitize/articleHtml.js';
import { summarize } from '../../content-format/seeds/article.js';
import { IngestError } from './errors.js';
import { articleItemId } from './origins.js';

export type TextKind = 'text' | 'html';

/** Limits of an article body (common/kinds/base.ts): longer paragraphs are split, more of them refused. */
const PARAGRAPH_MAX = 20_000;
const PARAGRAPHS_MAX = 2_000;
const HTML_MAX = 2_000_000;
const TITLE_MAX = 500;

export interface TextArticleContext {
  /** Where it was read from (sourceLocation): what makes the article's id. */
  location: string;
  source: string;
  section: string;
  publishedAt: string;
}

/** Lines that end in a Latin character and begin with one were broken at a space; CJK lines at nothing. */
function joinLines(lines: readonly string[]): string {
  return lines.reduce((joined, line) => {
    const latin = /[\x21-\x7e]$/.test(joined) && /^[\x21-\x7e]/.test(line);
    return joined === '' ? line : `${joined}${latin ? ' ' : ''}${line}`;
  }, '');
}

/** At most `max` UTF-16 units, cut between code points, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

function bounded(paragraphs: readonly string[]): string[] {
  const pieces = paragraphs.flatMap((paragraph) =>
    Array.from({ length: Math.ceil(paragraph.length / PARAGRAPH_MAX) }, (_, i) =>
      paragraph.slice(i * PARAGRAPH_MAX, (i + 1) * PARAGRAPH_MAX),
    ),
  );
  if (pieces.length > PARAGRAPHS_MAX)
    throw new IngestError(`it has ${pieces.length} paragraphs, over the ${PARAGRAPHS_MAX} one article holds`);
  return pieces;
}

/**
 * Plain text: the first line is the title. Text with blank lines between its blocks is hard-wrapped
 * (a paragraph per block); text without any is written a paragraph per line, as Chinese text
 * files usually are.
 */
function fromText(text: string): { title: string; paragraphs: string[]; language: string | null } {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.replace(/\s+/gu, ' ').trim());
  const first = lines.findIndex((line) => line !== '');
  const rest = lines.slice(first + 1);
  const blocks: string[][] = [[]];
  for (const line of rest) {
    if (line === '') blocks.push([]);
    else blocks.at(-1)?.push(line);
  }
  const nonEmpty = blocks.filter((block) => block.length > 0);
  const hardWrapped = nonEmpty.length > 1;
  const paragraphs = hardWrapped ? nonEmpty.map(joinLines) : nonEmpty.flat();
  return { title: lines[first] ?? '', paragraphs, language: null };
}

const TITLE_ELEMENT = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i;
const H1_ELEMENT = /<h1\b[^>]*>[\s\S]*?<\/h1>/i;
const HTML_LANG = /<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z_-]+)/i;

/** HTML: sanitized as feed content is; the title from <title>, else the first <h1>, else the first paragraph. */
function fromHtml(markup: string): { title: string; paragraphs: string[]; html: string; language: string | null } {
  const { html, paragraphs } = sanitizeArticleHtml(markup);
  const titleElement = decodeHTML(TITLE_ELEMENT.exec(markup)?.[1] ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
  // Read from the page as written: the sanitizer renames h1 to h2 (the article title is the only h1).
  const heading = sanitizeArticleHtml(H1_ELEMENT.exec(markup)?.[0] ?? '').paragraphs.join(' ');
  const title = titleElement || heading || paragraphs[0] || '';
  return { title, paragraphs, html, language: HTML_LANG.exec(markup)?.[1] ?? null };
}

/** `<meta charset>` or its http-equiv form, read from the head's ASCII bytes. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  return /<meta\b[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
}

/**
 * A .txt or .html file as one article. Bytes are decoded like a feed's (BOM, declared charset,
 * UTF-8, else a confident GBK/Big5 guess), and HTML goes through the ingest sanitizer.
 */
export function textArticle(
  bytes: Uint8Array,
  kind: TextKind,
  context: TextArticleContext,
): { article: Article; warnings: string[] } {
  const charset = kind === 'html' ? metaCharset(bytes) : undefined;
  const decoded = decodeFeedBytes(bytes, charset ? { contentType: `text/html; charset=${charset}` } : {});
  if (decoded.text.includes('\u0000')) throw new IngestError('it holds binary data, not text');
  const read = kind === 'html' ? fromHtml(decoded.text) : { ...fromText(decoded.text), html: undefined };
  if (!read.title) throw new IngestError('it has no text');
  const paragraphs = bounded(read.paragraphs);
  const parsed = articleSchema.safeParse({
    id: articleItemId(context.location),
    kind: 'article',
    title: clip(read.title, TITLE_MAX),
    source: context.source,
    section: context.section,
    language: declaredLanguage(read.language) ?? detectLanguage(`${read.title} ${paragraphs.join(' ')}`),
    publishedAt: context.publishedAt,
    summary: summarize(paragraphs),
    paragraphs,
    ...(read.html && read.html.length <= HTML_MAX ? { html: read.html } : {}),
  });
  if (!parsed.success) throw new IngestError(`it does not make a valid article: ${z.prettifyError(parsed.error)}`);
  return { article: parsed.data, warnings: decoded.warnings };
}
