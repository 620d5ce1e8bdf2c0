import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { epub3Files, makeEpub2, makeEpub3 } from '../../content-format/epub/sample-books.js';
import { epubEntries, makeZip, renameEntry } from '../../content-format/epub/test-support.js';
import { HEADLINE, makeEdition, PAGE2_LINE } from '../../content-format/pdf/sample-editions.js';
import { commandExists, makePdf } from '../../content-format/pdf/test-support.js';
import { TestKiosk } from './ingest-test-support.js';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = new TestKiosk();
});
afterEach(() => kiosk.close());

describe('newsboard ingest <EPUB>', () => {
  it('publishes the book with its chapters and images as verified blobs, as its own origin', async () => {
    const file = kiosk.file('town.epub', await makeEpub3());
    const { stdout, stderr } = await kiosk.run([file, '--source', '市图书馆']);
    expect(stdout).toMatch(/^ingested book:book-[0-9a-f]{24}: 1 items \(version [0-9a-f]{16}, \d+ new blobs\)\n$/);
    expect(stderr).toMatch(/^ingest: warning: /);
    const [book] = kiosk.read((reader) => reader.list(10, { kinds: ['book'] }));
    expect(book).toMatchObject({ kind: 'book', title: '城南旧事新编', source: '市图书馆', section: '书架' });
    const full = kiosk.read((reader) => reader.item(book?.id ?? ''));
    if (full?.kind !== 'book') throw new Error('the book is not readable');
    const chapter = kiosk.read((reader) => reader.bookChapter(full.id, full.chapters[0]?.id ?? ''));
    expect(chapter?.paragraphs.join('')).toContain('清晨，胡同口的早点铺子已经排起了队。');
    expect(kiosk.read((reader) => reader.search('城南旧事').map((hit) => hit.id))).toEqual([full.id]);
  });

  it('judges a zip by its content: an EPUB without the .epub name is still a book', async () => {
    const result = await kiosk.json(kiosk.file('download.bin', await makeEpub2()));
    expect(result.origin).toMatch(/^book:/);
    expect(kiosk.read((reader) => reader.list(10, { kinds: ['book'] })[0]?.title)).toBe('老街茶館記');
  });

  it('replaces the same book when an updated EPUB of it is ingested', async () => {
    const first = await kiosk.json(kiosk.file('v1.epub', await makeEpub3()));
    const files = epub3Files();
    files['OEBPS/text/ch1.xhtml'] = String(files['OEBPS/text/ch1.xhtml']).replace('早点铺子', '包子铺子');
    const second = await kiosk.json(kiosk.file('v2.epub', await makeZip(epubEntries(files))));
    expect(second.origin).toBe(first.origin);
    expect(second.version).not.toBe(first.version);
    expect(kiosk.origins()[first.origin]).toHaveLength(1);
    const text = kiosk.read((reader) => {
      const book = reader.item(kiosk.origins()[first.origin]?.[0] ?? '');
      if (book?.kind !== 'book') throw new Error('the book is not readable');
      return reader.bookChapter(book.id, book.chapters[0]?.id ?? '')?.paragraphs.join('');
    });
    expect(text).toContain('包子铺子');
    expect(text).not.toContain('早点铺子');
  });

  it('refuses a hostile EPUB (a symbolic link, an entry climbing out) and leaves nothing behind', async () => {
    const hostile = await makeZip([
      ...epubEntries(epub3Files()),
      { name: 'OEBPS/link.xhtml', data: '/etc/passwd', mode: 0o120777 },
    ]);
    const message = await kiosk.failure(kiosk.file('evil.epub', hostile));
    expect(message).toMatch(
      /^newsboard ingest: .*evil\.epub: not a safe EPUB archive: .*link\.xhtml is a symbolic link/,
    );
    expect(kiosk.origins()).toEqual({});
    expect(kiosk.blobFiles()).toEqual([]);

    const climbing = renameEntry(
      await makeZip([...epubEntries(epub3Files()), { name: 'XX/XX/evil.xhtml', data: 'x' }]),
      'XX/XX/evil',
      '../../evil',
    );
    expect(await kiosk.failure(kiosk.file('slip.epub', climbing))).toMatch(
      /^newsboard ingest: .*slip\.epub: not a safe EPUB archive: .*invalid relative path: \.\.\/\.\.\/evil\.xhtml/,
    );
    expect(kiosk.origins()).toEqual({});
    expect(kiosk.blobFiles()).toEqual([]);
  });
});

const poppler = commandExists('pdfinfo') && commandExists('pdftoppm') && commandExists('pdftotext');

describe.skipIf(!poppler)('newsboard ingest <PDF> (needs poppler-utils)', () => {
  it('publishes the edition and its stories under edition:<publication>-<issue date>; ingesting it again replaces it', async () => {
    const file = kiosk.file('paper.pdf', makeEdition());
    const first = await kiosk.json(file);
    expect(first.origin).toMatch(/^edition:pub-[0-9a-f]{16}-2024-05-01$/);
    const [edition] = kiosk.read((reader) => reader.editions());
    expect(edition).toMatchObject({ title: '社区日报 2024-05-01', pageCount: 3, section: '报纸' });
    expect(first.items).toBeGreaterThan(1);
    expect(kiosk.read((reader) => reader.search(HEADLINE).length)).toBeGreaterThan(0);
    expect(kiosk.read((reader) => reader.search(PAGE2_LINE.slice(0, 6)).length)).toBeGreaterThan(0);

    const again = await kiosk.json(file, '--issue-date', '2024-05-01');
    expect(again).toMatchObject({ origin: first.origin, version: first.version, blobsAdded: 0 });
    expect(kiosk.read((reader) => reader.editions()).length).toBe(1);
  });

  it('asks which newspaper an untitled PDF is, and shelves it under --publication with that paper', async () => {
    const untitled = kiosk.file(
      'scan.pdf',
      makePdf([{ runs: [{ x: 72, y: 100, size: 12, text: PAGE2_LINE }] }], { creationDate: 'D:20240502080000Z' }),
    );
    expect(await kiosk.failure(untitled)).toMatch(/scan\.pdf: the PDF has no Title: say which publication it is$/);
    expect(kiosk.read((reader) => reader.editions())).toEqual([]);

    const titled = await kiosk.json(kiosk.file('paper.pdf', makeEdition()));
    const named = await kiosk.json(untitled, '--publication', '社区日报');
    // The same paper by name: the scanned issue joins the titled one's shelf.
    expect(named.origin.split('-')[0]).toBe(titled.origin.split('-')[0]);
    expect(named.origin).toMatch(/-2024-05-02$/);
    // One paper on the shelf, showing its newest issue; both issues among its back issues.
    const shelf = kiosk.read((reader) => reader.editions());
    expect(shelf.map((edition) => edition.title)).toEqual(['社区日报 2024-05-02']);
    const publicationId = named.origin.slice('edition:'.length, -'-2024-05-02'.length);
    const issues = kiosk.read((reader) => reader.editions(publicationId));
    expect(issues.map((edition) => edition.title)).toEqual(['社区日报 2024-05-02', '社区日报 2024-05-01']);
  });

  it.skipIf(!commandExists('qpdf', '--version'))('refuses an encrypted PDF and leaves nothing behind', async () => {
    const plain = kiosk.file('plain.pdf', makeEdition());
    const locked = `${kiosk.dir}/locked.pdf`;
    execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, locked]);
    expect(readFileSync(locked).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await kiosk.failure(locked)).toBe(
      `newsboard ingest: ${locked}: the PDF is encrypted (it needs a password); export it without encryption and try again`,
    );
    expect(kiosk.origins()).toEqual({});
    expect(kiosk.blobFiles()).toEqual([]);
  });
});
