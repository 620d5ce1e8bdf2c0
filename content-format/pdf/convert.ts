import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { articleBodySchema, type ArticleBody } from '../../common/kinds/article.js';
import { itemIdSchema, type BlobRef, type Language } from '../../common/kinds/base.js';
import {
  editionBodySchema,
  editionPackFieldsSchema,
  type EditionBody,
  type EditionPackFields,
  type EditionPage,
  type Publication,
  type Region,
} from '../../common/kinds/edition.js';
import { detectLanguage } from '../feeds/language.js';
import { sha256Hex } from '../hash.js';
import { joinContinuations } from './continuations.js';
import { PdfError } from './errors.js';
import { checkPdfBytes, resolveIssue } from './input.js';
import type { PageSize } from './info.js';
import { INPUT_NAME, readPageLayout, readPdfInfo, renderPage, type PopplerLimits } from './poppler.js';
import { pageText, storiesOf } from './stories.js';

/**
 * Pages are rendered 2160 px wide: twice the 1080 px of a portrait board, so a page fitted to the
 * screen is sharp and stays sharp under a 2× pinch-zoom. Each further 2× would cost 4× the bytes
 * on every board for detail few passersby zoom into. JPEG, not PNG: newspaper pages are photos
 * and halftones as much as text, and JPEG at quality 85 is a fifth of the PNG size at 2160 px.
 */
const RENDER_WIDTH = 2160;
const JPEG_QUALITY = 85;
/** The shelf shows front pages three or four to a row on a 1080 px screen. */
const COVER_WIDTH = 360;
const MAX_PAGE_TEXT_CHARS = 500_000;
const MAX_REGIONS_PER_PAGE = 500;

export interface PdfLimits extends PopplerLimits {
  maxPdfBytes: number;
  maxPages: number;
  /** Taller pages (scrolls, odd page boxes) are rendered narrower rather than taller than this. */
  maxRenderHeight: number;
  /** Rendered images of all pages together. */
  maxOutputBytes: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxPdfBytes: 300 * 1024 * 1024,
  // A daily paper has 8-100 pages and a thick periodical 300; more is a book or a mistake.
  maxPages: 400,
  // A broadsheet (about 1:1.6) renders 3456 px tall; 2.5:1 leaves room for odd formats.
  maxRenderHeight: 5_400,
  // A dense page at 2160 px takes 1-3 s on a board-class CPU; a minute means the renderer is stuck.
  pageTimeoutMs: 60_000,
  maxImageBytes: 32 * 1024 * 1024,
  maxLayoutBytes: 16 * 1024 * 1024,
  maxInfoBytes: 1024 * 1024,
  maxOutputBytes: 1024 * 1024 * 1024,
};

export interface PdfEditionOptions {
  /** Which publication this is; else one is named after the PDF's Title. */
  publication?: Publication;
  /** YYYY-MM-DD; else the PDF's creation date. */
  issueDate?: string;
  issueLabel?: string;
  limits?: Partial<PdfLimits>;
  /** Where the private working directory is made; the system temp dir by default. */
  tempDir?: string;
}

/** One story of the edition, ready to become an article item placed on its page. */
export interface EditionArticle {
  id: string;
  title: string;
  summary: string;
  body: ArticleBody;
}

export interface ConvertedEdition {
  /** `<publication id>-<issue date>`: the same issue ingested twice replaces itself. */
  id: string;
  title: string;
  language: Language;
  /** The issue date. */
  publishedAt: string;
  summary: string;
  fields: EditionPackFields;
  body: EditionBody;
  articles: EditionArticle[];
  /** Every blob the body and fields reference (page images and the cover), with what a manifest lists for each. */
  media: BlobRef[];
  blobs: Map<string, Buffer>;
  /** What a reader will miss and why (pages without a text layer, regions left out), for the operator. */
  warnings: string[];
}

function articleIdOf(editionId: string, page: number, index: number): string {
  const readable = `${editionId}.p${page}.${index + 1}`;
  return itemIdSchema.safeParse(readable).success ? readable : `a-${sha256Hex(Buffer.from(readable)).slice(0, 32)}`;
}

class BlobCollector {
  readonly blobs = new Map<string, Buffer>();
  readonly media: BlobRef[] = [];
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  add(bytes: Buffer, mediaType: string): string {
    const sha256 = sha256Hex(bytes);
    if (this.blobs.has(sha256)) return sha256;
    this.total += bytes.length;
    if (this.total > this.maxBytes)
      throw new PdfError(`the rendered pages pass ${this.maxBytes} bytes, over the limit for one edition`);
    this.blobs.set(sha256, bytes);
    this.media.push({ sha256, size: bytes.length, mediaType });
    return sha256;
  }
}

interface PageContext {
  dir: string;
  editionId: string;
  limits: PdfLimits;
  collector: BlobCollector;
  warnings: string[];
}

/** One page: its image, its text for search, and its stories as articles with tap regions. */
async function convertPage(
  ctx: PageContext,
  number: number,
  size: PageSize,
): Promise<{ page: EditionPage; articles: EditionArticle[] }> {
  const request = {
    page: number,
    size,
    width: RENDER_WIDTH,
    maxHeight: ctx.limits.maxRenderHeight,
    quality: JPEG_QUALITY,
  };
  const image = await renderPage(ctx.dir, request, ctx.limits);
  const layout = await readPageLayout(ctx.dir, number, ctx.limits);
  const text = pageText(layout).slice(0, MAX_PAGE_TEXT_CHARS);
  if (!text) ctx.warnings.push(`page ${number} has no text layer (a scan?): it is shown, but not searchable`);
  const articles: EditionArticle[] = [];
  const regions: Region[] = [];
  for (const [index, story] of storiesOf(layout, size, image.info).entries()) {
    const id = articleIdOf(ctx.editionId, number, index);
    articles.push({
      id,
      title: story.title,
      summary: story.paragraphs.join(' ').slice(0, 300),
      body: articleBodySchema.parse({
        paragraphs: story.paragraphs,
        edition: { editionId: ctx.editionId, page: number, continuations: [] },
      }),
    });
    for (const polygon of story.polygons) regions.push({ articleId: id, polygon });
  }
  if (regions.length > MAX_REGIONS_PER_PAGE)
    ctx.warnings.push(
      `page ${number} has ${regions.length} story regions; the first ${MAX_REGIONS_PER_PAGE} are tappable`,
    );
  const page: EditionPage = {
    number,
    label: String(number).padStart(2, '0'),
    width: image.info.width,
    height: image.info.height,
    image: { sha256: ctx.collector.add(image.bytes, 'image/jpeg') },
    ...(text ? { text } : {}),
    regions: regions.slice(0, MAX_REGIONS_PER_PAGE),
  };
  return { page, articles };
}

async function convertInDir(dir: string, options: PdfEditionOptions, limits: PdfLimits): Promise<ConvertedEdition> {
  const info = await readPdfInfo(dir, limits, limits.maxPages);
  if (info.encrypted) throw new PdfError('the PDF is encrypted; export it without encryption and try again');
  if (info.pages === 0) throw new PdfError('the PDF has no pages');
  if (info.pages > limits.maxPages)
    throw new PdfError(`the PDF has ${info.pages} pages, over the ${limits.maxPages}-page limit for one edition`);
  const issue = resolveIssue(info, options);
  const ctx: PageContext = {
    dir,
    editionId: `${issue.publication.id}-${issue.issueDate}`,
    limits,
    collector: new BlobCollector(limits.maxOutputBytes),
    warnings: [],
  };
  const pages: EditionPage[] = [];
  const stories: EditionArticle[] = [];
  for (let number = 1; number <= info.pages; number++) {
    const size = info.pageSizes[number - 1];
    if (!size) throw new PdfError(`the PDF lists no size for page ${number}`);
    const converted = await convertPage(ctx, number, size);
    pages.push(converted.page);
    stories.push(...converted.articles);
  }
  const articles = joinContinuations(pages, stories);

  const coverRequest = { page: 1, size: info.pageSizes[0] as PageSize, width: COVER_WIDTH, maxHeight: COVER_WIDTH * 3 };
  const cover = await renderPage(dir, { ...coverRequest, quality: JPEG_QUALITY }, limits);
  const fields = editionPackFieldsSchema.parse({
    publication: issue.publication,
    issueDate: issue.issueDate,
    ...(issue.issueLabel ? { issueLabel: issue.issueLabel } : {}),
    cover: { sha256: ctx.collector.add(cover.bytes, 'image/jpeg'), width: cover.info.width, height: cover.info.height },
  });
  const body = editionBodySchema.safeParse({ pages });
  if (!body.success) throw new PdfError(`the converted edition is not valid: ${z.prettifyError(body.error)}`);
  const allText = pages.map((page) => page.text ?? '').join('\n');
  return {
    id: ctx.editionId,
    title: `${issue.publication.title} ${issue.issueLabel ?? issue.issueDate}`,
    language: detectLanguage(`${issue.publication.title}\n${allText}`),
    publishedAt: issue.issueDate,
    summary: articles
      .slice(0, 5)
      .map((article) => article.title)
      .join(' · ')
      .slice(0, 300),
    fields,
    body: body.data,
    articles,
    media: ctx.collector.media,
    blobs: ctx.collector.blobs,
    warnings: ctx.warnings,
  };
}

/**
 * Converts a newspaper or periodical PDF into an edition: each page rendered to a JPEG, its text
 * extracted for search, and its text flows offered as stories with tap regions in image pixels.
 * The poppler tools run without a shell, one page at a time, each under a time and output limit,
 * in a private temp dir that is removed afterwards.
 */
export async function convertPdfEdition(bytes: Uint8Array, options: PdfEditionOptions = {}): Promise<ConvertedEdition> {
  const limits = { ...DEFAULT_PDF_LIMITS, ...options.limits };
  checkPdfBytes(bytes, limits.maxPdfBytes);
  const dir = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'nb-pdf-'));
  try {
    await writeFile(path.join(dir, INPUT_NAME), bytes, { mode: 0o600 });
    return await convertInDir(dir, options, limits);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
