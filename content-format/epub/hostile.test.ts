import { describe, expect, it } from 'vitest';
import { convertEpub, type ConvertEpubOptions } from './convert.js';
import { EpubError } from './errors.js';
import { epub3Files } from './sample-books.js';
import { CONTAINER_XML, epubEntries, makeZip, patchDeclaredSize, renameEntry, type TestEntry } from './test-support.js';

async function rejection(bytes: Uint8Array, options?: ConvertEpubOptions): Promise<EpubError> {
  const error = await convertEpub(bytes, options).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof EpubError)) throw new Error(`expected an EpubError, got ${String(error)}`);
  return error;
}

/** The sample EPUB 3 plus extra entries. */
function bookWith(...extra: TestEntry[]): Promise<Buffer> {
  return makeZip([...epubEntries(epub3Files()), ...extra]);
}

const MINIMAL_OPF = `<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>小书</dc:title></metadata>
  <manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>
  <spine><itemref idref="c"/></spine></package>`;

function minimalBook(files: Record<string, string | Buffer>, entries = epubEntries(files)): Promise<Buffer> {
  return makeZip(entries);
}

describe('convertEpub refuses hostile archives', () => {
  it('refuses an entry that climbs out of the archive (zip-slip)', async () => {
    const zip = renameEntry(await bookWith({ name: 'XX/XX/evil.xhtml', data: 'x' }), 'XX/XX/evil', '../../evil');
    expect((await rejection(zip)).message).toMatch(
      /not a safe EPUB archive: .*invalid relative path: \.\.\/\.\.\/evil\.xhtml/,
    );
  });

  it('refuses an absolute path', async () => {
    const zip = renameEntry(await bookWith({ name: 'Xetc/passwd', data: 'x' }), 'Xetc/passwd', '/etc/passwd');
    expect((await rejection(zip)).message).toMatch(/absolute path: \/etc\/passwd/);
  });

  it('refuses a symbolic link', async () => {
    const zip = await bookWith({ name: 'OEBPS/link.xhtml', data: '/etc/passwd', mode: 0o120777 });
    expect((await rejection(zip)).message).toMatch(/OEBPS\/link\.xhtml is a symbolic link/);
  });

  it('refuses a decompression bomb from its declared ratio, before inflating it', async () => {
    const zip = await bookWith({ name: 'OEBPS/bomb.xhtml', data: Buffer.alloc(8 * 1024 * 1024) });
    const started = performance.now();
    expect((await rejection(zip)).message).toMatch(
      /OEBPS\/bomb\.xhtml claims \d+ bytes from \d+, over the 200:1 limit/,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses an entry that inflates to more than its header declared', async () => {
    const zip = patchDeclaredSize(await bookWith(), 'OEBPS/text/ch1.xhtml', 100);
    expect((await rejection(zip)).message).toMatch(
      /OEBPS\/text\/ch1\.xhtml (inflates past 100 bytes|cannot be inflated: too many bytes in the stream)/,
    );
  });

  it('refuses entries over the size limit, archives over the entry or total limits, and duplicate names', async () => {
    const book = await bookWith();
    expect((await rejection(book, { limits: { maxEntryBytes: 1_000 } })).message).toMatch(/over the 1000-byte limit/);
    expect((await rejection(book, { limits: { maxEntries: 5 } })).message).toMatch(/entries, over the 5-entry limit/);
    expect((await rejection(book, { limits: { maxTotalBytes: 5_000 } })).message).toMatch(/over 5000 bytes in total/);
    expect((await rejection(book, { limits: { maxArchiveBytes: 1_000 } })).message).toMatch(/over the 1000-byte limit/);
    const twice = renameEntry(await bookWith({ name: 'OEBPS/nav.xhtmX', data: 'x' }), 'nav.xhtmX', 'nav.xhtml');
    expect((await rejection(twice)).message).toMatch(/OEBPS\/nav\.xhtml appears twice/);
  });

  it('refuses bytes that are not a zip at all', async () => {
    expect((await rejection(Buffer.from('%PDF-1.4 not a zip'))).message).toMatch(/not a readable zip archive/);
  });
});

describe('convertEpub refuses malformed books with a clear error', () => {
  it('without a container, a package document, a spine or any readable chapter', async () => {
    const noContainer = await makeZip([{ name: 'mimetype', data: 'application/epub+zip' }]);
    expect((await rejection(noContainer)).message).toBe(
      'the container file META-INF/container.xml is missing from the EPUB',
    );
    const noRootfile = await minimalBook({}, [{ name: 'META-INF/container.xml', data: '<container/>' }]);
    expect((await rejection(noRootfile)).message).toMatch(/names no package document/);
    expect((await rejection(await minimalBook({}))).message).toBe(
      'the package document OEBPS/content.opf is missing from the EPUB',
    );
    const garbage = await minimalBook({ 'OEBPS/content.opf': 'this is <<< not an OPF' });
    expect((await rejection(garbage)).message).toMatch(
      /OEBPS\/content\.opf is not an OPF package document|not well-formed/,
    );
    const noSpine = await minimalBook({ 'OEBPS/content.opf': MINIMAL_OPF.replace(/<spine>.*<\/spine>/, '') });
    expect((await rejection(noSpine)).message).toMatch(/has no <spine>/);
    const noChapters = await minimalBook({ 'OEBPS/content.opf': MINIMAL_OPF });
    expect((await rejection(noChapters)).message).toBe('the EPUB has no readable chapters');
    const noTitle = await minimalBook({
      'OEBPS/content.opf': MINIMAL_OPF.replace('<dc:title>小书</dc:title>', ''),
      'OEBPS/c.xhtml': '<html><body><p>正文</p></body></html>',
    });
    expect((await rejection(noTitle)).message).toMatch(/names no title/);
    expect((await convertEpub(noTitle, { fallbackTitle: 'upload.epub' })).title).toBe('upload.epub');
  });

  it('that claim another format in their mimetype', async () => {
    const zip = await makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'META-INF/container.xml', data: CONTAINER_XML },
    ]);
    expect((await rejection(zip)).message).toMatch(/not an EPUB: its mimetype is "application\/vnd\.oasis/);
  });

  it('never expands entities a DOCTYPE declares (billion laughs) and refuses external ones', async () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const opf = (extra: string) =>
      `<?xml version="1.0"?><!DOCTYPE package [<!ENTITY lol0 "lol">${laughs}${extra}]>
      ${MINIMAL_OPF.replace('<dc:title>小书</dc:title>', '<dc:title>小书&lol9;</dc:title>')}`;
    const chapter = { 'OEBPS/c.xhtml': '<html><body><p>正文</p></body></html>' };
    const started = performance.now();
    const book = await convertEpub(await minimalBook({ 'OEBPS/content.opf': opf(''), ...chapter }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(book.title).toBe('小书&lol9;');
    const external = await minimalBook({
      'OEBPS/content.opf': opf('<!ENTITY ext SYSTEM "file:///etc/passwd">'),
      ...chapter,
    });
    expect((await rejection(external)).message).toBe(
      'OEBPS/content.opf is not well-formed XML: External entities are not supported',
    );
  });

  it('skips a chapter too large to parse on a board, keeping the rest of the book', async () => {
    const book = await convertEpub(await bookWith(), { limits: { maxChapterBytes: 1_000 } });
    expect(book.body.chapters.map((c) => c.title)).toEqual(['第一章 胡同口']);
    expect(book.warnings.join('\n')).toMatch(
      /chapter OEBPS\/text\/ch2\.xhtml skipped: \d+ bytes is over the 1000-byte chapter limit/,
    );
  });

  it('skips a chapter that is not XML instead of failing the book', async () => {
    const book = await convertEpub(
      await minimalBook({
        'OEBPS/content.opf': MINIMAL_OPF.replace('<spine>', '<spine><itemref idref="deep"/>').replace(
          '<manifest>',
          '<manifest><item id="deep" href="deep.xhtml" media-type="application/xhtml+xml"/>',
        ),
        'OEBPS/deep.xhtml': `<html><body>${'<div>'.repeat(1_000)}深${'</div>'.repeat(1_000)}</body></html>`,
        'OEBPS/c.xhtml': '<html><body><p>正文</p></body></html>',
      }),
    );
    expect(book.body.chapters).toHaveLength(1);
    expect(book.warnings.join('\n')).toMatch(/chapter OEBPS\/deep\.xhtml skipped/);
  });
});
