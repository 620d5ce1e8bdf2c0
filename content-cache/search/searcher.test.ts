import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSearchStore, type SearchStore } from './testing/searchStore.js';
import type { MarkedSearchHit } from './searcher.js';

let store: SearchStore;

beforeEach(() => {
  store = openSearchStore();
});

afterEach(() => {
  store.close();
});

const ids = (hits: readonly { id: string }[]) => hits.map((hit) => hit.id);
/** The marked stretches of a hit's title and snippet, as a reader would see them highlighted. */
const marked = (hit: MarkedSearchHit | undefined) => ({
  title: hit?.titleMarks.map(([from, to]) => hit.title.slice(from, to)),
  snippet: hit?.snippetMarks.map(([from, to]) => hit.snippet.slice(from, to)),
});

describe('simplified and traditional script', () => {
  beforeEach(() => {
    store.publish([
      { id: 'simplified', title: '推动媒体融合向纵深发展', body: ['各地建设电子阅报栏，方便群众浏览新闻。'] },
      { id: 'traditional', title: '縣級融媒體中心', body: ['媒體融合是一項緊迫課題，電子閱報欄走進社區。'] },
      { id: 'other', title: '社区义诊通知', body: ['本周六上午在社区服务中心。'] },
    ]);
  });

  it('finds a simplified article by a traditional query and a traditional article by a simplified one', () => {
    expect(ids(store.search('媒體融合')).sort()).toEqual(['simplified', 'traditional']);
    expect(ids(store.search('媒体融合')).sort()).toEqual(['simplified', 'traditional']);
    expect(ids(store.search('電子閱報欄')).sort()).toEqual(['simplified', 'traditional']);
    expect(ids(store.search('电子阅报栏')).sort()).toEqual(['simplified', 'traditional']);
    expect(ids(store.search('融媒体中心'))).toEqual(['traditional']);
  });

  it('marks the traditional characters of the original text when the query was simplified', () => {
    const traditional = store.search('电子阅报栏').find((h) => h.id === 'traditional');
    expect(marked(traditional).snippet).toEqual(['電子閱報欄']);
    expect(marked(store.search('县级融媒体').at(0))).toEqual({ title: ['縣級融媒體'], snippet: [] });
  });

  it('folds full-width letters and case, and short traditional queries too', () => {
    store.publish([
      { id: 'latin', title: 'ＣＣＴＶ新闻联播', body: ['Media Convergence 报道'], publishedAt: '2025-03-02' },
      { id: 'short', title: '體育', body: ['周末赛事'] },
    ]);
    expect(ids(store.search('cctv'))).toEqual(['latin']);
    expect(marked(store.search('cctv')[0]).title).toEqual(['ＣＣＴＶ']);
    expect(ids(store.search('MEDIA convergence'))).toEqual(['latin']);
    expect(ids(store.search('ｍｅｄｉａ'))).toEqual(['latin']);
    expect(ids(store.search('体育'))).toEqual(['short']);
    expect(ids(store.search('體'))).toEqual(['short']);
  });
});

describe('pinyin', () => {
  beforeEach(() => {
    store.publish([
      { id: 'convergence', title: '媒体融合发展', body: ['正文不含拼音。'], publishedAt: '2025-03-01' },
      { id: 'kiosk', title: '電子閱報欄走進社區', body: ['方便群众'], publishedAt: '2025-03-02' },
      { id: 'daily', title: '每天新闻', body: ['每日更新'], publishedAt: '2025-03-03' },
    ]);
  });

  it('finds titles by full pinyin and by initials, and marks the characters they spell', () => {
    // 每天 (meitian) too: people type pinyin syllable by syllable and see results as they go.
    expect(ids(store.search('meiti')).sort()).toEqual(['convergence', 'daily']);
    expect(marked(store.search('meiti').find((hit) => hit.id === 'daily')).title).toEqual(['每天']);
    expect(ids(store.search('mtrh'))).toEqual(['convergence']);
    expect(ids(store.search('ronghefazhan'))).toEqual(['convergence']);
    expect(ids(store.search('dianziyuebaolan'))).toEqual(['kiosk']);
    expect(ids(store.search('dzybl'))).toEqual(['kiosk']);
    expect(marked(store.search('mtrh')[0]).title).toEqual(['媒体融合']);
    expect(marked(store.search('yuebaolan')[0]).title).toEqual(['閱報欄']);
  });

  it('takes one- and two-letter pinyin through the short path', () => {
    expect(ids(store.search('mt'))).toEqual(['daily', 'convergence']);
    expect(ids(store.search('dz'))).toEqual(['kiosk']);
  });

  it('combines pinyin with characters: each part must match', () => {
    expect(ids(store.search('媒体rh'))).toEqual(['convergence']);
    expect(ids(store.search('meiti 发展'))).toEqual(['convergence']);
    expect(ids(store.search('meiti 社区'))).toEqual([]);
  });
});

describe('one- and two-character queries', () => {
  it('lists title matches first, then body matches, newest first in each', () => {
    store.publish([
      { id: 'old-title', title: '报栏旧闻', body: ['无关内容'], publishedAt: '2024-01-01' },
      { id: 'new-title', title: '新报栏', body: ['无关内容'], publishedAt: '2025-01-01' },
      { id: 'newest-body', title: '社区通知', body: ['门口新装了报栏'], publishedAt: '2025-06-01' },
      { id: 'none', title: '天气', body: ['晴'], publishedAt: '2025-07-01' },
    ]);
    expect(ids(store.search('报栏'))).toEqual(['new-title', 'old-title', 'newest-body']);
    expect(ids(store.search('报'))).toEqual(['new-title', 'old-title', 'newest-body']);
    expect(ids(store.search('报', 2))).toEqual(['new-title', 'old-title']);
    expect(marked(store.search('报栏')[2])).toEqual({ title: [], snippet: ['报栏'] });
  });

  it('matches two characters only where they stand next to each other', () => {
    store.publish([
      { id: 'apart', title: '学习。媒体', body: ['学 习'] },
      { id: 'together', title: '学习媒体', body: [] },
    ]);
    expect(ids(store.search('习媒'))).toEqual(['together']);
    expect(ids(store.search('学习')).sort()).toEqual(['apart', 'together']);
  });
});

describe('ranking', () => {
  it('puts a title match above a newer body match', () => {
    store.publish([
      {
        id: 'title-hit',
        title: '新能源汽车销量创新高',
        body: ['今年前四个月，市场表现亮眼。'],
        publishedAt: '2024-05-01',
      },
      {
        id: 'body-hit',
        title: '今日要闻',
        body: ['据报道，新能源汽车下乡活动将在本月启动。'],
        publishedAt: '2024-05-09',
      },
    ]);
    expect(ids(store.search('新能源汽车'))).toEqual(['title-hit', 'body-hit']);
  });

  it('puts the newer of two equally relevant items first', () => {
    const body = ['社区电子阅报栏今天启用，居民可以浏览新闻。'];
    store.publish([
      { id: 'older', title: '启用通知', body, publishedAt: '2025-01-01' },
      { id: 'newer', title: '启用通知', body, publishedAt: '2025-02-01' },
      { id: 'middle', title: '启用通知', body, publishedAt: '2025-01-15' },
    ]);
    expect(ids(store.search('电子阅报栏'))).toEqual(['newer', 'middle', 'older']);
  });

  it('keeps an old title match when many newer items mention the query in their bodies', () => {
    const crowd = Array.from({ length: 300 }, (_, i) => ({
      id: `body-${i}`,
      title: `第${i}号简报`,
      body: ['今天的新闻提到了电子阅报栏的推广。'],
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
    }));
    store.publish([
      ...crowd,
      { id: 'old-title', title: '电子阅报栏建设纪实', body: ['回顾'], publishedAt: '2020-01-01' },
    ]);
    expect(ids(store.search('电子阅报栏', 5))[0]).toBe('old-title');
  });

  it('leaves out items outside their window and ids another origin shadows', () => {
    store.publish([
      { id: 'expired', title: '停水通知已过期', body: [], expiresAt: '2020-01-01T00:00:00Z' },
      { id: 'current', title: '停水通知', body: [] },
    ]);
    expect(ids(store.search('停水通知'))).toEqual(['current']);
    expect(ids(store.search('停水'))).toEqual(['current']);
  });
});

describe('highlights on the original text', () => {
  it('marks a match that folding joined across a space, a line break and a full-width comma', () => {
    store.publish([{ id: 'segmented', title: '报道', body: ['推动 媒体 融合 发展', '跨行的媒\n体融合', '甲，乙丙'] }]);
    const [hit] = store.search('媒体融合');
    expect(marked(hit).snippet).toEqual(['媒体 融合', '媒\n体融合']);
    expect(marked(store.search('甲,乙')[0]).snippet).toEqual(['甲，乙']);
  });

  it('marks characters that fold outside the BMP without splitting them', () => {
    store.publish([{ id: 'astral', title: '㗲字测试', body: ['前文㗲字测试后文'] }]);
    const [hit] = store.search('㗲字测');
    expect(marked(hit)).toEqual({ title: ['㗲字测'], snippet: ['㗲字测'] });
  });

  it('cuts a long body to a window around the first match, with ellipses', () => {
    const long = `${'甲'.repeat(100)}电子阅报栏${'乙'.repeat(100)}电子阅报栏${'丙'.repeat(100)}`;
    store.publish([{ id: 'long', title: '长文', body: [long] }]);
    const [hit] = store.search('电子阅报栏');
    expect(hit?.snippet).toBe(`…${'甲'.repeat(24)}电子阅报栏${'乙'.repeat(24)}…`);
    expect(hit?.snippetMarks).toEqual([[25, 30]]);
  });

  it('shows the start of the body when only the title matched', () => {
    store.publish([{ id: 't', title: '电子阅报栏', body: ['这是一段与标题无关的正文。'] }]);
    expect(store.search('电子阅报栏')[0]).toMatchObject({ snippet: '这是一段与标题无关的正文。', snippetMarks: [] });
  });
});

describe('what passersby type', () => {
  beforeEach(() => {
    store.publish([
      { id: 'quoted', title: '他说"你好世界"', body: ['引号测试。'] },
      { id: 'operators', title: 'Rock AND Roll NEAR(舞台)', body: ['a*b 和 -x 与 title:y'] },
      { id: 'plain', title: '媒体融合', body: ['发展'] },
    ]);
  });

  it('searches FTS5 syntax as text: it neither errors nor acts as an operator', () => {
    expect(ids(store.search('"你好世界"'))).toEqual(['quoted']);
    expect(ids(store.search('AND Roll'))).toEqual(['operators']);
    expect(ids(store.search('NEAR(舞台)'))).toEqual(['operators']);
    expect(ids(store.search('a*b'))).toEqual(['operators']);
    expect(ids(store.search('title:y'))).toEqual(['operators']);
    expect(store.search('媒体 AND 发展')).toEqual([]);
    expect(store.search('媒体 OR 社区')).toEqual([]);
    expect(store.search('NEAR(媒体 融合)')).toEqual([]);
    for (const query of ['"', '""', '*', 'a"b"c', '^媒体', '-媒体', '{title}: 媒体', '媒体*', '(', ')', ':', "'"]) {
      expect(() => store.search(query), query).not.toThrow();
    }
    expect(store.search('"')).toEqual([]);
    expect(store.search('*')).toEqual([]);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(store.search('')).toEqual([]);
    expect(store.search(' \t\u3000\n')).toEqual([]);
  });

  it('answers a 200-character query, and cuts a longer one at 200 characters', () => {
    const sentence = '社区电子阅报栏今天正式启用，居民可以在这里浏览新闻、开展学习、借阅图书期刊。';
    const body = sentence.repeat(8);
    store.publish([{ id: 'long-body', title: '启用', body: [body] }]);
    const query200 = [...body].slice(3, 203).join('');
    expect([...query200]).toHaveLength(200);
    expect(ids(store.search(query200))).toEqual(['long-body']);
    expect(ids(store.search(`${query200}这后面的字不算`))).toEqual(['long-body']);
    const manyTerms = Array.from({ length: 100 }, (_, i) => `词${i}`).join(' ');
    expect(() => store.search(manyTerms)).not.toThrow();
  });
});
