import { utimesSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEpub3 } from '../../content-format/epub/sample-books.js';
import { buildPack } from '../../content-format/pack/build.js';
import { writePackDir } from '../../content-format/pack/directory.js';
import { rss, TestKiosk } from './ingest-test-support.js';

let kiosk: TestKiosk;
beforeEach(() => {
  kiosk = new TestKiosk();
});
afterEach(() => kiosk.close());

const STORIES = [
  { guid: 'a', title: '地铁延长线今日开通', body: '<p>新线路共设八座车站。</p>' },
  { guid: 'b', title: '社区图书馆周末开放', body: '<p>周六周日九点至五点。</p>' },
  { guid: 'c', title: '菜市场改造完成', body: '<p>新增二十个摊位。</p>' },
];

describe('newsboard ingest <feed file>', () => {
  it('publishes every entry as an article under the feed file as its origin, readable and searchable', async () => {
    const file = kiosk.file('city.xml', rss('城市快讯', STORIES));
    const result = await kiosk.json(file);
    expect(result).toMatchObject({ origin: `feed:file://${file}`, items: 3, warnings: [] });
    expect(result.blobsAdded).toBe(3);
    const titles = kiosk.read((reader) => reader.list().map((item) => item.title));
    expect(titles.sort()).toEqual(STORIES.map((s) => s.title).sort());
    expect(kiosk.read((reader) => reader.search('图书馆').map((hit) => hit.title))).toEqual(['社区图书馆周末开放']);
    const first = kiosk.read((reader) => reader.list().find((item) => item.title === '地铁延长线今日开通'));
    expect(first).toMatchObject({ source: '城市快讯', section: '要闻', language: 'zh-CN' });
  });

  it('prints one line for the source and each warning on stderr', async () => {
    const file = kiosk.file('feed.xml', rss('快讯', [...STORIES, { guid: 'empty', title: '', body: '' }]));
    const { stdout, stderr } = await kiosk.run([file, '--section', '本地']);
    expect(stdout).toMatch(/^ingested feed:file:\/\/.*feed\.xml: 3 items \(version [0-9a-f]{16}, 3 new blobs\)\n$/);
    expect(stderr).toBe('ingest: warning: entry empty skipped: the entry has neither a title nor any text\n');
    expect(kiosk.read((reader) => reader.list().map((item) => item.section))).toEqual(['本地', '本地', '本地']);
  });
});

describe('newsboard ingest <text or HTML file>', () => {
  it('makes a .txt file one article: the first line its title, a paragraph per line', async () => {
    const file = kiosk.file('notice.txt', '停水通知\n　　周三上午九点至十二点停水。\n请提前储水。\n');
    utimesSync(file, new Date('2024-05-02T08:00:00Z'), new Date('2024-05-02T08:00:00Z'));
    const result = await kiosk.json(file, '--source', '街道办');
    expect(result).toMatchObject({ origin: `article:file://${file}`, items: 1, blobsAdded: 1 });
    const [item] = kiosk.read((reader) => reader.list());
    expect(item).toMatchObject({ title: '停水通知', source: '街道办', publishedAt: '2024-05-02T08:00:00.000Z' });
    const article = kiosk.read((reader) => reader.article(item?.id ?? ''));
    expect(article?.paragraphs).toEqual(['周三上午九点至十二点停水。', '请提前储水。']);
  });

  it('joins hard-wrapped English lines into the paragraphs blank lines separate', async () => {
    const file = kiosk.file('library.txt', 'Library hours\n\nThe library opens late\non Fridays.\n\nBring a card.\n');
    await kiosk.json(file);
    const article = kiosk.read((reader) => reader.article(reader.list()[0]?.id ?? ''));
    expect(article).toMatchObject({ title: 'Library hours', language: 'en' });
    expect(article?.paragraphs).toEqual(['The library opens late on Fridays.', 'Bring a card.']);
  });

  it('decodes a GBK text file', async () => {
    const file = kiosk.file('gbk.txt', new Uint8Array(Buffer.from('d6dcc1f9d2e5d5ef0ad5e2c0efcac7d5fdcec4', 'hex')));
    await kiosk.json(file);
    expect(kiosk.read((reader) => reader.list()[0]?.title)).toBe('周六义诊');
  });

  it('sanitizes an HTML file and takes its title from <title>, else from <h1> (images left out with --skip-images)', async () => {
    const page = (head: string) =>
      `<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">${head}<script>alert(1)</script></head>` +
      `<body><h1>社區公告</h1><p onclick="x()">本週六<b>停電</b>。</p><img src="https://example.org/a.png" alt="圖"></body></html>`;
    const titled = kiosk.file('a.html', page('<title>停電通知 | 街道</title>'));
    // A paragraph before the heading: the title still comes from <h1>, not from the first text.
    const untitled = kiosk.file('b.htm', page('').replace('<body>', '<body><p>社區簡訊</p>'));
    await kiosk.json(titled, '--skip-images');
    await kiosk.json(untitled, '--skip-images');
    const articles = kiosk.read((reader) => reader.list().map((item) => reader.article(item.id)));
    expect(articles.map((a) => a?.title).sort()).toEqual(['停電通知 | 街道', '社區公告']);
    for (const article of articles) {
      expect(article?.language).toBe('zh-TW');
      expect(article?.html).toContain('<b>停電</b>');
      expect(article?.html).toContain('src="https://example.org/a.png"');
      expect(article?.html).not.toMatch(/script|onclick/);
    }
  });
});

describe('each source is its own origin', () => {
  it('keeps the pack, the book and a feed side by side; re-ingesting the feed replaces it, and a removed entry goes', async () => {
    const packDir = `${kiosk.dir}/pack`;
    await writePackDir(
      packDir,
      buildPack(
        [
          {
            id: 'usb-1',
            kind: 'article',
            title: 'U盘里的通知',
            source: '街道办',
            section: '通知',
            language: 'zh-CN',
            publishedAt: '2024-04-01',
            summary: '',
            paragraphs: ['离线拷贝的内容。'],
          },
        ],
        'now',
      ),
    );
    expect(await kiosk.json(packDir)).toMatchObject({ origin: 'pack', items: 1 });
    const book = kiosk.file('book.epub', await makeEpub3());
    const bookResult = await kiosk.json(book);
    expect(bookResult.origin).toMatch(/^book:book-[0-9a-f]{24}$/);
    const note = kiosk.file('note.txt', '读书笔记\n一本书的摘要。');
    await kiosk.json(note);
    const feed = kiosk.file('city.xml', rss('城市快讯', STORIES));
    const first = await kiosk.json(feed);
    const again = await kiosk.json(feed);
    expect(again.version).toBe(first.version);
    expect(again.blobsAdded).toBe(0);

    const origins = kiosk.origins();
    expect(Object.keys(origins).sort()).toEqual([
      `article:file://${note}`,
      bookResult.origin,
      `feed:file://${feed}`,
      'pack',
    ]);
    expect(origins.pack).toEqual(['usb-1']);
    expect(origins[`feed:file://${feed}`]).toHaveLength(3);
    const everyKind = { kinds: ['article', 'book'] } as const;
    expect(kiosk.read((reader) => reader.list(100, everyKind).length)).toBe(6);

    kiosk.file('city.xml', rss('城市快讯', STORIES.slice(0, 2)));
    const updated = await kiosk.json(feed);
    expect(updated.items).toBe(2);
    expect(updated.version).not.toBe(first.version);
    const titles = kiosk.read((reader) => reader.list(100, everyKind).map((item) => item.title));
    expect(titles).not.toContain('菜市场改造完成');
    expect(titles).toEqual(
      expect.arrayContaining(['U盘里的通知', '城南旧事新编', '读书笔记', '地铁延长线今日开通', '社区图书馆周末开放']),
    );
    expect(kiosk.read((reader) => reader.search('菜市场'))).toEqual([]);
  });

  it('gives two feeds that reuse the same entry ids items that do not hide each other', async () => {
    const one = kiosk.file('one.xml', rss('甲报', [{ guid: '1', title: '甲报头条', body: '<p>甲。</p>' }]));
    const two = kiosk.file('two.xml', rss('乙报', [{ guid: '1', title: '乙报头条', body: '<p>乙。</p>' }]));
    await kiosk.json(one);
    await kiosk.json(two);
    expect(kiosk.read((reader) => reader.list().map((item) => item.title)).sort()).toEqual(['乙报头条', '甲报头条']);
  });
});
