import { imageInfo, type ImageInfo } from '../images/imageInfo.js';
import { PdfError } from './errors.js';
import { parsePdfInfo, type PageSize, type PdfInfo } from './info.js';
import { parseBboxLayout, type PageLayout } from './layout.js';
import { runTool, ToolError, type ToolRun } from './tools.js';

/** The PDF's file name inside the conversion's private temp dir. */
export const INPUT_NAME = 'input.pdf';

export interface PopplerLimits {
  /** Per tool run: one page rendered, one page's text, or the document info. */
  pageTimeoutMs: number;
  maxImageBytes: number;
  maxLayoutBytes: number;
  maxInfoBytes: number;
}

export interface PixelSize {
  width: number;
  height: number;
}

/** Pixel size of a rendered page: `targetWidth` wide unless that would make it taller than `maxHeight`. */
export function renderSize(page: PageSize, targetWidth: number, maxHeight: number): PixelSize {
  let width = targetWidth;
  let height = Math.round((targetWidth * page.height) / page.width);
  if (height > maxHeight) {
    height = maxHeight;
    width = Math.round((maxHeight * page.width) / page.height);
  }
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

function describe(error: unknown, what: string): Error {
  if (error instanceof ToolError && error.failure.kind === 'missing') return new PdfError(error.message);
  if (error instanceof ToolError && error.failure.kind === 'failed' && /Incorrect password/i.test(error.failure.stderr))
    return new PdfError('the PDF is encrypted (it needs a password); export it without encryption and try again');
  if (error instanceof ToolError) return new PdfError(`${what}: ${error.message}`);
  return error as Error;
}

export async function readPdfInfo(dir: string, limits: PopplerLimits, maxPages: number): Promise<PdfInfo> {
  const run: ToolRun = { cwd: dir, timeoutMs: limits.pageTimeoutMs, maxBytes: limits.maxInfoBytes };
  let output: Buffer;
  try {
    // -l past the limit keeps the per-page listing bounded whatever the document claims.
    output = await runTool(
      'pdfinfo',
      ['-isodates', '-enc', 'UTF-8', '-f', '1', '-l', String(maxPages + 1), INPUT_NAME],
      run,
    );
  } catch (error) {
    throw describe(error, 'the PDF cannot be read');
  }
  const info = parsePdfInfo(output.toString('utf8'));
  if (!info) throw new PdfError('the PDF cannot be read: pdfinfo printed no page count');
  return info;
}

export interface RenderRequest {
  page: number;
  size: PageSize;
  /** Target width in pixels; see `renderSize` for pages too tall for it. */
  width: number;
  maxHeight: number;
  quality: number;
}

/** One page as a JPEG; its pixel size is read from the image header, never assumed. */
export async function renderPage(
  dir: string,
  request: RenderRequest,
  limits: PopplerLimits,
): Promise<{ bytes: Buffer; info: ImageInfo }> {
  const { page, size } = request;
  const pixels = renderSize(size, request.width, request.maxHeight);
  const [scaleX, scaleY] = size.quarterTurned ? [pixels.height, pixels.width] : [pixels.width, pixels.height];
  const args = [
    ...['-f', String(page), '-l', String(page)],
    ...['-scale-to-x', String(scaleX), '-scale-to-y', String(scaleY)],
    ...['-jpeg', '-jpegopt', `quality=${request.quality},optimize=y`, '-singlefile', INPUT_NAME],
  ];
  let bytes: Buffer;
  try {
    bytes = await runTool('pdftoppm', args, {
      cwd: dir,
      timeoutMs: limits.pageTimeoutMs,
      maxBytes: limits.maxImageBytes,
    });
  } catch (error) {
    throw describe(error, `page ${page} cannot be rendered`);
  }
  const info = imageInfo(bytes);
  if (!info || info.mediaType !== 'image/jpeg')
    throw new PdfError(`page ${page} cannot be rendered: pdftoppm produced no JPEG image`);
  return { bytes, info };
}

export async function readPageLayout(dir: string, page: number, limits: PopplerLimits): Promise<PageLayout> {
  const args = ['-bbox-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), INPUT_NAME, '-'];
  let output: Buffer;
  try {
    output = await runTool('pdftotext', args, {
      cwd: dir,
      timeoutMs: limits.pageTimeoutMs,
      maxBytes: limits.maxLayoutBytes,
    });
  } catch (error) {
    throw describe(error, `the text of page ${page} cannot be read`);
  }
  const layout = parseBboxLayout(output.toString('utf8'));
  if (!layout) throw new PdfError(`the text of page ${page} cannot be read: pdftotext printed no page`);
  return layout;
}
