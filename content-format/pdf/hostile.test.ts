import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertPdfEdition, type PdfEditionOptions } from './convert.js';
import { PdfError } from './errors.js';
import { FRONT_PAGE, makeEdition } from './sample-editions.js';
import { commandExists, makePdf } from './test-support.js';

const poppler = ['pdfinfo', 'pdftoppm', 'pdftotext'].every((tool) => commandExists(tool));
const qpdf = commandExists('qpdf', '--version');

let tempDir: string;
beforeEach(() => {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'nb-pdf-hostile-'));
});
afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

async function rejection(bytes: Uint8Array, options: PdfEditionOptions = {}): Promise<string> {
  const error = await convertPdfEdition(bytes, { tempDir, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof PdfError)) throw new Error(`expected a PdfError, got ${String(error)}`);
  // Whatever went wrong, the private working directory is gone.
  expect(readdirSync(tempDir)).toEqual([]);
  return error.message;
}

describe('convertPdfEdition refuses what is not a whole PDF before any tool runs', () => {
  it('bytes that are not a PDF, a truncated PDF and one over the size limit', async () => {
    expect(await rejection(Buffer.from('PK\u0003\u0004 a zip, not a PDF'))).toBe('not a PDF: no %PDF- header');
    const whole = makeEdition();
    expect(await rejection(whole.subarray(0, Math.floor(whole.length * 0.6)))).toMatch(
      /^the PDF is truncated: it does not end with %%EOF/,
    );
    expect(await rejection(whole, { limits: { maxPdfBytes: 1_000 } })).toMatch(/over the 1000-byte limit/);
  });
});

if (!poppler) {
  it.skip('poppler-utils (pdfinfo, pdftoppm, pdftotext) not installed: PDF fault tests skipped', () => {});
} else {
  describe('convertPdfEdition refuses broken, encrypted and oversized PDFs with a clear error', () => {
    it('a PDF whose insides are garbage', async () => {
      const garbage = Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.from(Array.from({ length: 3_000 }, (_, i) => (i * 7919) % 251)),
        Buffer.from('\n%%EOF\n'),
      ]);
      expect(await rejection(garbage)).toMatch(/^the PDF cannot be read: pdfinfo failed .*xref/);
    });

    it('an encrypted PDF, with or without a password to open it', async (context) => {
      if (!qpdf) return context.skip('qpdf not installed: encrypted PDFs cannot be made for this test');
      const plain = path.join(tempDir, '..', `${path.basename(tempDir)}-plain.pdf`);
      writeFileSync(plain, makeEdition());
      const encrypt = (user: string) => {
        const out = `${plain}.${user || 'open'}.pdf`;
        execFileSync('qpdf', ['--encrypt', user, 'owner-secret', '256', '--', plain, out]);
        const bytes = readFileSync(out);
        rmSync(out);
        return bytes;
      };
      try {
        expect(await rejection(encrypt(''))).toBe('the PDF is encrypted; export it without encryption and try again');
        expect(await rejection(encrypt('user-secret'))).toBe(
          'the PDF is encrypted (it needs a password); export it without encryption and try again',
        );
      } finally {
        rmSync(plain, { force: true });
      }
    });

    it('more pages than an edition may have', async () => {
      expect(await rejection(makeEdition(), { limits: { maxPages: 2 } })).toBe(
        'the PDF has 3 pages, over the 2-page limit for one edition',
      );
    });

    it('a page that takes too long, or renders too large, is stopped', async () => {
      expect(await rejection(makeEdition(), { limits: { pageTimeoutMs: 1 } })).toMatch(
        /took longer than 1 ms and was stopped/,
      );
      expect(await rejection(makeEdition(), { limits: { maxImageBytes: 2_000 } })).toBe(
        'page 1 cannot be rendered: pdftoppm produced more than 2000 bytes and was stopped',
      );
      expect(await rejection(makeEdition(), { limits: { maxOutputBytes: 50_000 } })).toMatch(
        /the rendered pages pass 50000 bytes, over the limit for one edition/,
      );
    });

    it('a PDF that does not say which issue it is, unless the caller does', async () => {
      const anonymous = makePdf([FRONT_PAGE]);
      expect(await rejection(anonymous)).toBe('the PDF has no Title: say which publication it is');
      const publication = { id: 'daily', title: '日报', kind: 'newspaper' as const };
      expect(await rejection(anonymous, { publication })).toBe(
        'the PDF has no creation date: say which date the issue is',
      );
      expect(await rejection(anonymous, { publication, issueDate: '2024-13-40' })).toBe(
        'the issue date 2024-13-40 is not a YYYY-MM-DD date',
      );
      expect(await rejection(anonymous, { publication: { ...publication, id: '../etc' } })).toMatch(
        /^the publication is not valid/,
      );
      const converted = await convertPdfEdition(anonymous, { tempDir, publication, issueDate: '2024-05-02' });
      expect(converted.id).toBe('daily-2024-05-02');
    });
  });
}
