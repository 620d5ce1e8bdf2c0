import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeZip } from '../../content-format/epub/test-support.js';
import { rss, TestKiosk } from './ingest-test-support.js';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = new TestKiosk();
});
afterEach(() => kiosk.close());

/** Each bad source is refused with one line naming it, after a good feed was published: that feed stays. */
async function refused(source: string): Promise<string> {
  const message = await kiosk.failure(source);
  expect(kiosk.read((reader) => reader.list().map((item) => item.title))).toEqual(['早班公交提前发车']);
  return message.replace(`${kiosk.dir}/`, '');
}

describe('newsboard ingest refuses bad input and keeps what was published', () => {
  beforeEach(async () => {
    await kiosk.json(
      kiosk.file('good.xml', rss('公交', [{ guid: '1', title: '早班公交提前发车', body: '<p>六点。</p>' }])),
    );
  });

  it('an unknown file type, an empty file, a missing path, a folder that is not a pack', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await refused(kiosk.file('photo.png', png))).toBe(
      'newsboard ingest: photo.png: unknown file type: not a content pack, feed (RSS, Atom, RDF, JSON Feed), PDF, EPUB, .txt or .html',
    );
    expect(await refused(kiosk.file('empty.xml', ''))).toBe('newsboard ingest: empty.xml: the file is empty');
    expect(await refused(kiosk.file('blank.txt', ' \n\n'))).toBe('newsboard ingest: blank.txt: it has no text');
    expect(await refused(`${kiosk.dir}/missing.xml`)).toBe('newsboard ingest: missing.xml: does not exist');
    mkdirSync(`${kiosk.dir}/photos`);
    expect(await refused(`${kiosk.dir}/photos`)).toBe(
      'newsboard ingest: photos: a folder is ingested only as a content pack, and this one has no pack.json',
    );
  });

  it('a zip that is neither a pack nor an EPUB, and a zip that is not a zip', async () => {
    const photos = await makeZip([{ name: 'a.jpg', data: 'jpeg' }]);
    expect(await refused(kiosk.file('photos.zip', photos))).toBe(
      'newsboard ingest: photos.zip: a zip that is neither a content pack (no pack.json) nor an EPUB',
    );
    expect(await refused(kiosk.file('cut.zip', photos.subarray(0, 20)))).toMatch(
      /^newsboard ingest: cut\.zip: not a readable zip archive: /,
    );
  });

  it('a feed that is not well-formed, and a text file that holds binary data', async () => {
    expect(await refused(kiosk.file('broken.xml', '<rss version="2.0"><channel><item><title>x</item>'))).toMatch(
      /^newsboard ingest: broken\.xml: the feed is not well-formed XML: /,
    );
    expect(await refused(kiosk.file('binary.txt', Buffer.from([0x41, 0x00, 0x42, 0x00])))).toBe(
      'newsboard ingest: binary.txt: it holds binary data, not text',
    );
  });

  it('a feed that has nothing to show (its previous items stay)', async () => {
    expect(await refused(kiosk.file('good.xml', rss('公交', [])))).toBe(
      'newsboard ingest: good.xml: the feed has no entries that can be shown (0 read); its previous items stay',
    );
  });

  it('bad command lines', async () => {
    await expect(kiosk.run([])).rejects.toThrow('newsboard ingest: give exactly one file, folder, zip or URL');
    await expect(kiosk.run(['a', 'b'])).rejects.toThrow('give exactly one');
    await expect(kiosk.run(['a.xml', '--timeout', 'soon'])).rejects.toThrow('--timeout must be a number of seconds');
  });
});
