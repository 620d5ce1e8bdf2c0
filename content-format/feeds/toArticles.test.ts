import { describe, expect, it } from 'vitest';
import { articleSchema } from '../../common/content.js';
import { declaredLanguage, detectLanguage } from './language.js';
import { parseFeedBytes } from './parseFeed.js';
import { feedArticleId, feedToArticles } from './toArticles.js';

const FEED_URL = 'https://news.example.cn/rss.xml';
const fetchedAt = new Date('2024-05-01T00:00:00Z');
const parse = (xml: string) => parseFeedBytes(new TextEncoder().encode(xml), { url: FEED_URL });

const LONG = '经济工作会议强调稳中求进。'.repeat(200);

const feed =
  parse(`<rss version="2.0"><channel><title>新华网</title><link>https://news.example.cn/</link><language>zh-cn</language>
  <item><guid>a-1</guid><title>&lt;b&gt;会议&lt;/b&gt;召开</title><link>/a/1.html</link><pubDate>Tue, 02 Jan 2024 08:00:00 +0800</pubDate>
    <author>ed@example.cn (编辑)</author>
    <description>&lt;p&gt;${LONG}&lt;/p&gt;&lt;p&gt;第二段&lt;img src="/p/1.jpg"&gt;&lt;img src="data:image/png;base64,iVBORw0KGgo="&gt;&lt;/p&gt;</description></item>
  <item><guid>a-2</guid><description>没有标题的一条消息，正文较短。</description></item>
  <item><guid>a-3</guid></item>
</channel></rss>`);

describe('feedToArticles', () => {
  const { articles, skipped } = feedToArticles(feed, { feedUrl: FEED_URL, fetchedAt, section: '要闻' });

  it('makes valid articles with stable ids, plain titles, the feed as source and the configured section', () => {
    expect(articles).toHaveLength(2);
    for (const { article } of articles) expect(articleSchema.safeParse(article).success).toBe(true);
    const [first] = articles;
    expect(first?.article).toMatchObject({
      id: feedArticleId(FEED_URL, 'a-1'),
      kind: 'article',
      title: '会议召开',
      source: '新华网',
      section: '要闻',
      language: 'zh-CN',
      publishedAt: '2024-01-02T00:00:00.000Z',
      author: '编辑',
    });
    expect(first?.article.id).toMatch(/^feed:[0-9a-f]{40}$/);
    const unconfigured = feedToArticles(feed, { feedUrl: FEED_URL, fetchedAt }).articles[0]?.article;
    expect(unconfigured).toMatchObject({ id: first?.article.id, section: 'news' });
    expect(feedArticleId('https://other.example/rss', 'a-1')).not.toBe(first?.article.id);
  });

  it('bounds the summary at 1000 characters and takes paragraphs and HTML from the sanitized body', () => {
    const article = articles[0]?.article;
    expect(article?.summary.length).toBeLessThanOrEqual(1000);
    expect(article?.summary.endsWith('…')).toBe(true);
    expect(article?.paragraphs).toEqual([LONG, '第二段']);
    expect(article?.html).toContain('<img src="https://news.example.cn/p/1.jpg" />');
  });

  it('lists remote images for the blob cache (not inline data images) and fetches nothing', () => {
    expect(articles[0]?.imageUrls).toEqual(['https://news.example.cn/p/1.jpg']);
  });

  it('titles an untitled entry from its text, dates it by the fetch, and skips an entry with nothing to show', () => {
    expect(articles[1]?.article).toMatchObject({
      title: '没有标题的一条消息，正文较短。',
      publishedAt: '2024-05-01T00:00:00.000Z',
    });
    expect(skipped).toEqual([{ entryId: 'a-3', reason: 'the entry has neither a title nor any text' }]);
  });

  it('takes the language from the entry, then the feed, then the text', () => {
    const zhTw = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry xml:lang="zh-TW"><id>1</id><title>這是新聞</title></entry>
      <entry><id>2</id><title>这是新闻：国务院召开会议</title></entry>
      <entry><id>3</id><title>這個國家的經濟發展</title></entry>
      <entry><id>4</id><title>Council meets</title></entry></feed>`);
    const languages = feedToArticles(zhTw, { feedUrl: FEED_URL, fetchedAt }).articles.map(
      ({ article }) => article.language,
    );
    expect(languages).toEqual(['zh-TW', 'zh-CN', 'zh-TW', 'en']);
  });
});

describe('language', () => {
  it('maps declared tags onto the kiosk languages and leaves a bare "zh" to the text', () => {
    expect(
      ['zh-cn', 'zh_CN', 'zh-Hans-CN', 'zh-tw', 'zh-HK', 'zh-Hant', 'en-us', 'zh', 'fr', null].map(declaredLanguage),
    ).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-TW', 'zh-TW', 'zh-TW', 'en', null, null, null]);
  });

  it('tells simplified from traditional Chinese and Chinese from English', () => {
    expect(detectLanguage('国务院召开常务会议，研究部署经济工作')).toBe('zh-CN');
    expect(detectLanguage('國務院召開常務會議，研究部署經濟工作')).toBe('zh-TW');
    expect(detectLanguage('The State Council met in Beijing (北京) today')).toBe('en');
  });
});
