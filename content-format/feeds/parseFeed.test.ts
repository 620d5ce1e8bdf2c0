import { describe, expect, it } from 'vitest';
import { FeedError } from './errors.js';
import { parseFeedBytes } from './parseFeed.js';
import { encodeLegacy } from './testing/legacyEncode.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, options = {}) => parseFeedBytes(bytes(text), options);

function refusal(run: () => unknown): FeedError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('the feed was not refused');
}

describe('parseFeedBytes: RSS 2.0', () => {
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>人民网 &amp;amp; 时政</title><link>https://news.example.cn/</link><language>zh-cn</language>
  <lastBuildDate>Tue, 02 Jan 2024 08:00:00 +0800</lastBuildDate>
  <item>
    <title>国务院&lt;b&gt;常务会议&lt;/b&gt;</title>
    <link>/2024/0102/a1.html</link>
    <guid isPermaLink="false">rmw-0001</guid>
    <pubDate>Tue, 02 Jan 2024 07:30:00 +0800</pubDate>
    <dc:creator>新华社记者</dc:creator>
    <description><![CDATA[<p onclick="steal()">会议研究部署<img src="/img/1.jpg" onerror="x()"><script>alert(1)</script></p>]]></description>
    <content:encoded>&lt;p&gt;全文&lt;a href="javascript:alert(1)"&gt;链接&lt;/a&gt;&lt;/p&gt;</content:encoded>
  </item>
  <item><title>没有链接和编号</title><pubDate>not a date</pubDate></item>
  <item><link>https://news.example.cn/only-link</link><description>只有链接</description></item>
</channel></rss>`;

  it('normalizes the channel and items: plain titles, sanitized HTML, absolute links, ISO dates', () => {
    const result = parse(feed);
    expect(result.format).toBe('rss');
    expect(result.encoding).toBe('utf-8');
    expect(result.feed).toEqual({
      title: '人民网 & 时政',
      link: 'https://news.example.cn/',
      language: 'zh-cn',
      updated: '2024-01-02T00:00:00.000Z',
    });
    const [first, second, third] = result.entries;
    expect(first).toEqual({
      id: 'rmw-0001',
      title: '国务院常务会议',
      link: 'https://news.example.cn/2024/0102/a1.html',
      published: '2024-01-01T23:30:00.000Z',
      updated: null,
      author: '新华社记者',
      summary: '<p>会议研究部署<img src="https://news.example.cn/img/1.jpg" /></p>',
      content: '<p>全文<a>链接</a></p>',
      language: null,
    });
    expect(second).toMatchObject({ title: '没有链接和编号', link: null, published: null });
    expect(second?.id).toMatch(/^urn:sha256:[0-9a-f]{64}$/);
    expect(third).toMatchObject({ id: 'https://news.example.cn/only-link', title: null });
  });

  it('gives an entry without guid or link the same id on every fetch, and a different one per entry', () => {
    const again = parse(feed).entries[1]?.id;
    expect(again).toBe(parse(feed).entries[1]?.id);
    expect(parse(feed.replace('没有链接和编号', '另一条')).entries[1]?.id).not.toBe(again);
  });
});

describe('parseFeedBytes: Atom, RDF, JSON Feed', () => {
  it('reads Atom 1.0 with xml:base, xhtml content, inherited author and xml:lang', () => {
    const result = parse(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.org/zh/" xml:lang="zh-Hant">
        <title type="html">&lt;em&gt;部落格&lt;/em&gt;</title><link rel="self" href="feed.xml"/><link href="./"/>
        <updated>2024-03-01T12:00:00+08:00</updated><author><name>編輯部</name></author>
        <entry xml:base="2024/">
          <id>tag:blog.example.org,2024:1</id><title type="text">a &lt; b</title>
          <link rel="alternate" type="text/html" href="post-1.html"/>
          <published>2024-03-01T10:00:00+08:00</published><updated>2024-03-02T10:00:00Z</updated>
          <summary type="text">摘要 &lt;script&gt;</summary>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>內文<a href="../about.html">關於</a></p></div></content>
        </entry>
      </feed>`,
    );
    expect(result.format).toBe('atom');
    expect(result.feed).toEqual({
      title: '部落格',
      link: 'https://blog.example.org/zh/',
      language: 'zh-Hant',
      updated: '2024-03-01T04:00:00.000Z',
    });
    expect(result.entries[0]).toEqual({
      id: 'tag:blog.example.org,2024:1',
      title: 'a < b',
      link: 'https://blog.example.org/zh/2024/post-1.html',
      published: '2024-03-01T02:00:00.000Z',
      updated: '2024-03-02T10:00:00.000Z',
      author: '編輯部',
      summary: '摘要 &lt;script&gt;',
      content: '<p>內文<a href="https://blog.example.org/zh/about.html">關於</a></p>',
      language: null,
    });
  });

  it('reads RDF (RSS 1.0) with Dublin Core dates and creators', () => {
    const result = parse(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="http://r.example/"><title>R</title><link>http://r.example/</link><dc:language>en</dc:language></channel>
        <item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link><description>Hi &amp;amp; bye</description>
        <dc:creator>me@r.example (Me)</dc:creator><dc:date>2004-02-03T04:05:06Z</dc:date></item>
      </rdf:RDF>`,
    );
    expect(result.format).toBe('rdf');
    expect(result.entries[0]).toMatchObject({
      id: 'http://r.example/1',
      author: 'Me',
      updated: '2004-02-03T04:05:06.000Z',
      summary: 'Hi &amp; bye',
    });
  });

  it('reads JSON Feed, resolving item URLs against the feed URL', () => {
    const result = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J <b>not markup</b>',
        home_page_url: 'https://j.example/',
        feed_url: 'https://j.example/feed.json',
        language: 'en',
        items: [
          {
            id: 42,
            url: '/posts/42',
            content_html: '<p>Hello<script>x()</script></p>',
            summary: 'S',
            date_published: '2020-01-01T00:00:00Z',
            authors: [{ name: 'A' }],
          },
          { id: '43', content_text: 'plain <text>' },
        ],
      }),
    );
    expect(result.format).toBe('json');
    expect(result.feed.title).toBe('J <b>not markup</b>');
    expect(result.entries[0]).toMatchObject({
      id: '42',
      link: 'https://j.example/posts/42',
      content: '<p>Hello</p>',
      summary: 'S',
      author: 'A',
    });
    expect(result.entries[1]?.content).toBe('plain &lt;text&gt;');
  });
});

describe('parseFeedBytes: charsets end to end', () => {
  it('parses a GB2312-labelled feed holding GBK characters, by its HTTP header', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>朱镕基</title><item><title>张喆</title></item></channel></rss>';
    const result = parseFeedBytes(encodeLegacy(xml, 'gbk'), { contentType: 'application/rss+xml; charset=GB2312' });
    expect(result.encoding).toBe('gb18030');
    expect(result.feed.title).toBe('朱镕基');
    expect(result.entries[0]?.title).toBe('张喆');
  });
});

describe('parseFeedBytes: refusals', () => {
  it('refuses what is not a feed, malformed XML, bad JSON and an empty body, each with a reason', () => {
    expect(refusal(() => parse('<html><body>hi</body></html>'))).toMatchObject({
      code: 'unrecognized',
      message: expect.stringContaining('html'),
    });
    expect(refusal(() => parse('<rss version="2.0"><channel><title>x</titl></channel></rss>')).code).toBe('malformed');
    expect(refusal(() => parse('{"version": "https://jsonfeed.org/version/1", "items": [}')).code).toBe('malformed');
    expect(refusal(() => parse('{"hello": "world"}')).code).toBe('unrecognized');
    expect(refusal(() => parse('  \n')).code).toBe('malformed');
  });

  it('reads a recognised but empty feed as one with no entries, and says so', () => {
    const result = parse('<rss version="2.0"></rss>');
    expect(result).toMatchObject({ format: 'rss', entries: [], feed: { title: null } });
    expect(result.warnings).toEqual([expect.stringContaining('no feed content')]);
  });
});
