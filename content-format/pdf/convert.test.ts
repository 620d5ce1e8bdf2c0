import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfo } from '../images/imageInfo.js';
import { sha256Hex } from '../hash.js';
import { convertPdfEdition, type ConvertedEdition } from './convert.js';
import {
  HEADLINE,
  LIBRARY_LINES,
  LIBRARY_TEXT,
  makeEdition,
  makeTraditionalEdition,
  PAGE2_LINE,
  SIDEWAYS_LINE,
  STORY_LINES,
  TRADITIONAL_LINE,
} from './sample-editions.js';
import { commandExists } from './test-support.js';

const poppler = ['pdfinfo', 'pdftoppm', 'pdftotext'].every((tool) => commandExists(tool));

if (!poppler) {
  it.skip('poppler-utils (pdfinfo, pdftoppm, pdftotext) not installed: PDF edition tests skipped', () => {});
} else {
  let tempDir: string;
  let edition: ConvertedEdition;
  beforeAll(async () => {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'nb-pdf-test-'));
    edition = await convertPdfEdition(makeEdition(), { tempDir });
  });
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  describe('convertPdfEdition', () => {
    it('renders every page 2160 px wide as a JPEG of exactly the size the page records', () => {
      const sizes = edition.body.pages.map(({ number, width, height }) => ({ number, width, height }));
      expect(sizes).toEqual([
        { number: 1, width: 2160, height: 3057 },
        { number: 2, width: 2160, height: 3057 },
        // Stored sideways with /Rotate 90: shown landscape.
        { number: 3, width: 2160, height: 1526 },
      ]);
      for (const page of edition.body.pages) {
        const bytes = edition.blobs.get(page.image?.sha256 ?? '');
        expect(bytes && imageInfo(bytes)).toEqual({ mediaType: 'image/jpeg', width: page.width, height: page.height });
      }
      expect(edition.body.pages.map((page) => page.label)).toEqual(['01', '02', '03']);
    });

    it('extracts each page’s text for search, Chinese written without stray spaces', () => {
      const [front, second, sideways] = edition.body.pages.map((page) => page.text ?? '');
      expect(front).toContain(HEADLINE);
      expect(front).toContain(STORY_LINES.join(''));
      expect(front).toContain(LIBRARY_TEXT);
      expect(second).toBe(PAGE2_LINE);
      expect(sideways).toBe(SIDEWAYS_LINE);
    });

    it('offers each text flow as a story, its headline as the title and its blocks as tap regions on the image', () => {
      const front = edition.body.pages[0];
      const stories = edition.articles.filter((article) => article.body.edition?.page === 1);
      expect(stories.map((s) => ({ title: s.title, paragraphs: s.body.paragraphs }))).toEqual([
        { title: HEADLINE, paragraphs: [HEADLINE, STORY_LINES.join('')] },
        { title: LIBRARY_LINES[0], paragraphs: [LIBRARY_TEXT] },
      ]);
      const regions = front?.regions ?? [];
      expect(regions.map((r) => r.articleId)).toEqual([stories[0]?.id, stories[0]?.id, stories[1]?.id]);
      // The headline sits at x = 72 pt, 62-94 pt from the top: 3.63 px per point at 2160 px.
      const [headline] = regions;
      const [[x0, y0] = [0, 0], , [x1, y1] = [0, 0]] = headline?.polygon ?? [];
      expect(x0).toBeCloseTo((72 - 2) * (2160 / 595), -1);
      expect(y0).toBeGreaterThan(200);
      expect(y1).toBeLessThan(360);
      expect(x1).toBeGreaterThan(x0);
      for (const page of edition.body.pages)
        for (const region of page.regions)
          for (const [x, y] of region.polygon) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(page.width);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(page.height);
          }
      const sideways = edition.body.pages[2]?.regions[0]?.polygon ?? [];
      // On the landscape page the text runs down its right-hand side.
      expect(Math.min(...sideways.map(([x]) => x))).toBeGreaterThan(2160 * 0.8);
    });

    it('names the edition from the PDF, with a small cover and every blob listed once', () => {
      expect(edition.fields.publication).toEqual({
        id: `pub-${sha256Hex(Buffer.from('社区日报')).slice(0, 16)}`,
        title: '社区日报',
        kind: 'newspaper',
      });
      expect(edition.fields.issueDate).toBe('2024-05-01');
      expect(edition.id).toBe(`${edition.fields.publication.id}-2024-05-01`);
      expect(edition.title).toBe('社区日报 2024-05-01');
      expect(edition.language).toBe('zh-CN');
      expect(edition.fields.cover).toMatchObject({ width: 360, height: 509 });
      expect(new Set(edition.blobs.keys())).toEqual(new Set(edition.media.map((m) => m.sha256)));
      for (const ref of edition.media) expect(sha256Hex(edition.blobs.get(ref.sha256) as Buffer)).toBe(ref.sha256);
      expect(edition.media).toHaveLength(4);
      expect(edition.warnings).toEqual([]);
    });

    it('leaves nothing behind in its temp dir', () => {
      expect(readdirSync(tempDir)).toEqual([]);
    });

    it('takes the publication and date from the caller, and reads traditional Chinese', async () => {
      const converted = await convertPdfEdition(makeTraditionalEdition(), {
        tempDir,
        publication: { id: 'hk-weekly', title: '港島週報', kind: 'periodical' },
        issueDate: '2024-06-07',
        issueLabel: '第23期',
      });
      expect(converted.id).toBe('hk-weekly-2024-06-07');
      expect(converted.title).toBe('港島週報 第23期');
      expect(converted.body.pages[0]?.text).toBe(TRADITIONAL_LINE);
      expect(converted.language).toBe('zh-TW');
      expect(converted.articles[0]?.id).toBe('hk-weekly-2024-06-07.p1.1');
    });
  });
}
