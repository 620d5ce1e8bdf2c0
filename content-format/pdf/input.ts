import { z } from 'zod';
import { publicationSchema, type Publication } from '../../common/kinds/edition.js';
import { sha256Hex } from '../hash.js';
import { PdfError } from './errors.js';
import type { PdfInfo } from './info.js';

/** PDF readers accept the header anywhere in the first kilobyte. */
const HEADER_WINDOW = 1024;
/** Writers may leave a little padding after the final %%EOF; a truncated file has none at all. */
const TRAILER_WINDOW = 2048;

/**
 * Refuses what is plainly not a whole PDF before any tool sees it. Poppler rebuilds a damaged
 * cross-reference table silently, so a cut-off file would otherwise become an edition with its
 * last pages missing.
 */
export function checkPdfBytes(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length > maxBytes) throw new PdfError(`the PDF is ${bytes.length} bytes, over the ${maxBytes}-byte limit`);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.subarray(0, HEADER_WINDOW).indexOf('%PDF-') === -1) throw new PdfError('not a PDF: no %PDF- header');
  if (buffer.subarray(Math.max(0, buffer.length - TRAILER_WINDOW)).indexOf('%%EOF') === -1)
    throw new PdfError('the PDF is truncated: it does not end with %%EOF (was the download or copy cut short?)');
}

export interface Issue {
  publication: Publication;
  issueDate: string;
  issueLabel: string | undefined;
}

const isoDate = z.iso.date();

/** A publication known only by its name: the same name always gives the same id, so its issues shelve together. */
export function publicationNamed(title: string, kind: Publication['kind'] = 'newspaper'): Publication {
  const name = title.trim().slice(0, 200);
  return { id: `pub-${sha256Hex(Buffer.from(name, 'utf8')).slice(0, 16)}`, title: name, kind };
}

/** Which issue of which publication this is: the caller's word first, the PDF's metadata otherwise. */
export function resolveIssue(
  info: PdfInfo,
  options: { publication?: Publication; issueDate?: string; issueLabel?: string },
): Issue {
  let publication = options.publication;
  if (publication) {
    const parsed = publicationSchema.safeParse(publication);
    if (!parsed.success) throw new PdfError(`the publication is not valid: ${z.prettifyError(parsed.error)}`);
    publication = parsed.data;
  } else {
    if (!info.title.trim()) throw new PdfError('the PDF has no Title: say which publication it is');
    publication = publicationNamed(info.title);
  }
  const issueDate = options.issueDate ?? info.creationDate.slice(0, 10);
  if (!isoDate.safeParse(issueDate).success)
    throw new PdfError(
      options.issueDate
        ? `the issue date ${options.issueDate} is not a YYYY-MM-DD date`
        : 'the PDF has no creation date: say which date the issue is',
    );
  return { publication, issueDate, issueLabel: options.issueLabel?.slice(0, 100) };
}
