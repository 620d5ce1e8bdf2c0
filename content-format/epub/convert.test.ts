import { describe, expect, it } from 'vitest';
import { BOOK_CHAPTER_MEDIA_TYPE, bookChapterSchema, type BookChapter } from '../../common/kinds/book.js';
import { sha256Hex } from '../hash.js';
import { convertEpub, type ConvertedBook } from './convert.js';
import { BLOB_IMAGE_SRC_PREFIX } from '../../common/articleMarkup.js';
import {
  COVER_PNG,
  EPUB2_PARAGRAPHS,
  epub3Files,
  FIGURE_PNG,
  INLINE_PNG,
  makeEpub2,
  makeEpub3,
} from './sample-books.js';
import { epubEntries, makeZip, xhtml } from './test-support.js';

function chapterOf(book: ConvertedBook, index: number): BookChapter {
  const entry = book.body.chapters[index];
  if (!entry) throw new Error(`no chapter ${index}`);
  const bytes = book.blobs.get(entry.chapter.sha256);
  if (!bytes) throw new Error(`chapter ${entry.id} has no blob`);
  return bookChapterSchema.parse(JSON.parse(bytes.toString('utf8')));
}

describe('convertEpub: an EPUB 3 book', () => {
  it('keeps the metadata, cover and table of contents a shelf and reader show', async () => {
    const book = await convertEpub(await makeEpub3());
    expect(book.title).toBe('城南旧事新编');
    expect(book.fields.author).toBe('林小英、王大明');
    expect(book.language).toBe('zh-CN');
    expect(book.publishedAt).toBe('2021-06-01');
    expect(book.body.publisher).toBe('社区出版社');
    expect(book.body.description).toEqual(['一本写给街坊的小书。']);
    expect(book.summary).toBe('一本写给街坊的小书。');
    expect(book.fields.cover).toEqual({ sha256: sha256Hex(COVER_PNG), width: 60, height: 80, alt: '城南旧事新编' });
    // The cover page only repeats the cover; the nested nav entry keeps its depth.
    expect(book.body.chapters.map(({ id, title, depth }) => ({ id, title, depth }))).toEqual([
      { id: 'c0001', title: '第一章 胡同口', depth: 0 },
      { id: 'c0002', title: '第二章 夜市', depth: 1 },
    ]);
  });

  it('turns images the book carries into verified blobs named by hash, and drops the others', async () => {
    const book = await convertEpub(await makeEpub3());
    const ch1 = chapterOf(book, 0);
    const figure = sha256Hex(FIGURE_PNG);
    expect(ch1.html).toContain(`<img src="${BLOB_IMAGE_SRC_PREFIX}${figure}" alt="胡同示意图" />`);
    expect(ch1.images).toEqual([{ sha256: figure, width: 30, height: 20, alt: '胡同示意图' }]);
    // The same figure again, wrapped in an <svg> as EPUB tools often do: the picture stays, the SVG goes.
    expect(ch1.html?.match(/<img [^>]*>/g)).toEqual([
      `<img src="${BLOB_IMAGE_SRC_PREFIX}${figure}" alt="胡同示意图" />`,
      `<img src="${BLOB_IMAGE_SRC_PREFIX}${figure}" alt="" />`,
    ]);
    expect(ch1.html).not.toContain('SVG 文字');
    // The 100,000 × 100,000 PNG is refused before anything decodes it; its alt text stays readable.
    expect(ch1.paragraphs).toContain('超大图');
    expect(book.warnings.join('\n')).toMatch(/huge\.png dropped: 100000×100000 pixels is over/);
    expect(book.warnings.join('\n')).toMatch(/images\/missing\.png.* does not contain it/);

    const ch2 = chapterOf(book, 1);
    expect(ch2.images).toEqual([{ sha256: sha256Hex(INLINE_PNG), width: 4, height: 3, alt: '小图' }]);
    expect(book.warnings.join('\n')).toMatch(/remote image https:\/\/tracker\.example\.com\/pixel\.png .* dropped/);

    for (const ref of book.media) {
      const bytes = book.blobs.get(ref.sha256);
      expect(bytes && sha256Hex(bytes), ref.sha256).toBe(ref.sha256);
      expect(bytes?.length).toBe(ref.size);
    }
    expect(book.media.map((m) => m.mediaType).sort()).toEqual([
      BOOK_CHAPTER_MEDIA_TYPE,
      BOOK_CHAPTER_MEDIA_TYPE,
      'image/png',
      'image/png',
      'image/png',
    ]);
    expect(new Set(book.blobs.keys())).toEqual(new Set(book.media.map((m) => m.sha256)));
  });

  it('keeps the text and reading markup of a chapter and nothing that could run, navigate or cover the screen', async () => {
    const book = await convertEpub(await makeEpub3());
    const ch2 = chapterOf(book, 1);
    // A dropped image leaves its alt text; a dropped form leaves its button's words, harmless as text.
    expect(ch2.paragraphs).toEqual([
      '第二章 夜市',
      '夜市的灯一盏盏亮起来。',
      '点我再点',
      '远程图片',
      '提交',
      '盖住屏幕',
      '最后一段。',
    ]);
    const html = ch2.html ?? '';
    expect(html).toContain('<h2>第二章 夜市</h2>');
    for (const banned of [
      /<script/i,
      /\son\w+=/i,
      /javascript:/i,
      /<iframe/i,
      /<form/i,
      /<input/i,
      /<button/i,
      /<style/i,
      /style=/i,
      /<object/i,
      /<embed/i,
      /<meta/i,
      /<svg/i,
      /<link/i,
      /evil\.example\.com/,
      /tracker\.example\.com/,
      /alert\(/,
    ])
      expect(html).not.toMatch(banned);
    // Links inside the book lose their target; links out of it stay for the renderer to judge.
    const ch1 = chapterOf(book, 0);
    expect(ch1.html).toContain('<a>下一章</a>');
    expect(ch1.html).toContain('<a href="https://example.org/hutong">网站</a>');
  });

  it('reports spine items it could not use instead of failing the book', async () => {
    const book = await convertEpub(await makeEpub3());
    const warnings = book.warnings.join('\n');
    expect(warnings).toContain('spine item nowhere skipped: not in the manifest');
    expect(warnings).toContain('spine item gone skipped: OEBPS/text/gone.xhtml is missing from the EPUB');
    expect(warnings).toContain('spine item OEBPS/styles/book.css skipped: text/css is not XHTML');
  });

  it('gives the same book the same id and blobs every time, so a re-ingest replaces rather than duplicates', async () => {
    const [a, b] = await Promise.all([convertEpub(await makeEpub3()), convertEpub(await makeEpub3())]);
    expect(a.id).toBe(b.id);
    expect(a.id).toBe(`book-${sha256Hex(Buffer.from('urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427')).slice(0, 24)}`);
    expect(a.media).toEqual(b.media);
  });

  it('names chapters by their first heading when the book has no table of contents', async () => {
    const files = epub3Files();
    files['OEBPS/content.opf'] = String(files['OEBPS/content.opf']).replace(' properties="nav"', '');
    const book = await convertEpub(await makeZip(epubEntries(files)));
    // Each chapter's <title> is the book's title; the heading is the chapter's.
    expect(book.body.chapters.map(({ title, depth }) => ({ title, depth }))).toEqual([
      { title: '第一章 胡同口', depth: 0 },
      { title: '第二章 夜市', depth: 0 },
    ]);
  });

  it('detects the script of Chinese text when the book says only "zh"', async () => {
    expect((await convertEpub(await makeEpub3('zh'))).language).toBe('zh-CN');
    expect((await convertEpub(await makeEpub3('zh-Hant'))).language).toBe('zh-TW');
  });
});

describe('convertEpub: an EPUB 2 book', () => {
  it('reads a prefixed OPF, the NCX titles, the meta cover and traditional script', async () => {
    const book = await convertEpub(await makeEpub2());
    expect(book.title).toBe('老街茶館記');
    expect(book.fields.author).toBe('陳美玲');
    expect(book.language).toBe('zh-TW');
    expect(book.publishedAt).toBe('1998-11-03');
    expect(book.fields.cover?.sha256).toBe(sha256Hex(COVER_PNG));
    expect(book.body.chapters.map(({ title, depth }) => ({ title, depth }))).toEqual([
      { title: '第一回 茶館', depth: 0 },
      { title: '第二回 說書人', depth: 1 },
    ]);
    expect(chapterOf(book, 0).paragraphs).toEqual([EPUB2_PARAGRAPHS[0]]);
    expect(chapterOf(book, 1).paragraphs).toEqual([EPUB2_PARAGRAPHS[1]]);
    expect(book.summary).toBe(EPUB2_PARAGRAPHS.join(' ').slice(0, 300));
    expect(book.warnings).toEqual([]);
  });
});

describe('convertEpub: chapters too large for one page', () => {
  it('splits a chapter between paragraphs, in order, each part within the chapter limits', async () => {
    const paragraphs = Array.from(
      { length: 5_000 },
      (_, i) => `第${i + 1}段：街坊们在槐树下乘凉，聊着今年的收成和孩子们的学业。`,
    );
    const bytes = await makeZip(
      epubEntries({
        'OEBPS/content.opf': `<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>长篇</dc:title><dc:language>zh-CN</dc:language></metadata>
          <manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>
          <spine><itemref idref="c"/></spine></package>`,
        'OEBPS/c.xhtml': xhtml('第三章', `<div class="chapter">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div>`),
      }),
    );
    const book = await convertEpub(bytes);
    const parts = book.body.chapters.map((_, index) => chapterOf(book, index));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((p) => p.title).slice(0, 3)).toEqual(['第三章', '第三章 (2)', '第三章 (3)']);
    expect(parts.flatMap((p) => p.paragraphs)).toEqual(paragraphs);
    for (const part of parts) expect(part.paragraphs.length).toBeLessThanOrEqual(2_000);
  });
});
