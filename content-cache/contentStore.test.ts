import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ItemSummary } from '../common/content.js';
import { ARTICLE_BODY_MEDIA_TYPE } from '../common/pack.js';
import { sha256Hex } from '../content-format/hash.js';
import { ContentReader } from './contentReader.js';
import { ContentWriter, FLEET_ORIGIN, PACK_ORIGIN, type PublishEntry, type PublishEntryOf } from './contentWriter.js';
import { openReader, openWriter } from './db/open.js';

let dir: string;
let writerDb: ReturnType<typeof openWriter>;
let readerDb: ReturnType<typeof openReader>;
let writer: ContentWriter;
let reader: ContentReader;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'nb-store-'));
  writerDb = openWriter(dir);
  readerDb = openReader(dir);
  writer = new ContentWriter(writerDb);
  reader = new ContentReader(readerDb);
});

afterEach(() => {
  readerDb.close();
  writerDb.close();
  rmSync(dir, { recursive: true, force: true });
});

function article(id: string, title: string, publishedAt: string, paragraphs: string[]): Article {
  return {
    id,
    kind: 'article',
    title,
    source: '新华社',
    section: '要闻',
    language: 'zh-CN',
    publishedAt,
    summary: paragraphs[0] ?? '',
    paragraphs,
  };
}

function entry(a: Article): PublishEntryOf<'article'> {
  const { paragraphs, ...summary } = a;
  const bytes = Buffer.from(JSON.stringify({ paragraphs }));
  return {
    item: { ...summary, body: { sha256: sha256Hex(bytes), size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE } },
    body: { paragraphs },
  };
}

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('ContentWriter.publish and ContentReader.list', () => {
  it('commits the sync state it is given with the content, or neither', () => {
    writer.publish(FLEET_ORIGIN, 'f1', [entry(article('a', '第一版', '2024-05-01', ['甲']))], new Date(), {
      applied: '1',
    });
    expect(writer.state('applied')).toBe('1');
    writerDb.exec(
      `CREATE TRIGGER disk_full BEFORE INSERT ON content_versions BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
    );
    expect(() =>
      writer.publish(FLEET_ORIGIN, 'f2', [entry(article('b', '第二版', '2024-05-02', ['乙']))], new Date(), {
        applied: '2',
      }),
    ).toThrow(/disk is full/);
    expect(writer.state('applied')).toBe('1');
    expect(ids(reader.list())).toEqual(['a']);
  });

  it('shows an id published by the fleet and a pack once, and brings the fleet copy back when the pack drops it', () => {
    writer.publish(FLEET_ORIGIN, 'f1', [
      entry(article('a', '舰队版', '2024-05-01T08:00:00Z', ['舰队正文'])),
      entry(article('b', '另一条', '2024-05-02T08:00:00Z', ['乙'])),
    ]);
    writer.publish(PACK_ORIGIN, 'p1', [entry(article('a', 'U盘版', '2024-05-01T08:00:00Z', ['U盘正文']))]);
    expect(ids(reader.list())).toEqual(['b', 'a']);
    expect(reader.article('a')?.title).toBe('U盘版');
    expect(reader.search('正文').map((hit) => hit.title)).toEqual(['U盘版']);

    writer.publish(PACK_ORIGIN, 'p2', [entry(article('c', '新通知', '2024-05-03T08:00:00Z', ['丙']))]);
    expect(ids(reader.list())).toEqual(['c', 'b', 'a']);
    expect(reader.article('a')?.paragraphs).toEqual(['舰队正文']);
  });

  it('lists the published items newest first', () => {
    writer.publish(FLEET_ORIGIN, 'v1', [
      entry(article('b', '第二条', '2024-05-02T08:00:00Z', ['乙'])),
      entry(article('c', '第三条', '2024-05-03T08:00:00Z', ['丙'])),
      entry(article('a', '第一条', '2024-05-01T08:00:00Z', ['甲'])),
    ]);
    expect(ids(reader.list())).toEqual(['c', 'b', 'a']);
    expect(ids(reader.list(2))).toEqual(['c', 'b']);
    expect(reader.contentVersion()).toBe('v1');
  });

  it("replaces an origin's items as a whole and leaves another origin's items alone", () => {
    writer.publish(PACK_ORIGIN, 'p1', [entry(article('usb', 'U盘内容', '2024-04-01', ['离线拷贝']))]);
    writer.publish(FLEET_ORIGIN, 'v1', [
      entry(article('f1', '旧一', '2024-05-01', ['x'])),
      entry(article('f2', '旧二', '2024-05-02', ['y'])),
    ]);
    writer.publish(FLEET_ORIGIN, 'v2', [entry(article('f3', '新三', '2024-05-03', ['z']))]);
    expect(ids(reader.list())).toEqual(['f3', 'usb']);
    expect(reader.article('f1')).toBeNull();
    expect(reader.contentVersion()).toBe('v2');
  });

  it('lets a reader see the old set until the commit and the whole new set after it', () => {
    writer.publish(FLEET_ORIGIN, 'v1', [
      entry(article('old1', '旧一', '2024-05-01', ['x'])),
      entry(article('old2', '旧二', '2024-05-02', ['y'])),
    ]);
    const seenDuringPublish: { list: string[]; version: string | null; search: string[] }[] = [];
    const last = entry(article('new2', '新二', '2024-06-02', ['新内容第二篇']));
    // The writer reads each entry inside its transaction; this getter looks through the reader connection at that moment.
    const spying: PublishEntry = {
      item: last.item,
      get body() {
        seenDuringPublish.push({
          list: ids(reader.list()),
          version: reader.contentVersion(),
          search: ids(reader.search('新内容')),
        });
        return last.body;
      },
    };
    writer.publish(FLEET_ORIGIN, 'v2', [entry(article('new1', '新一', '2024-06-01', ['新内容第一篇'])), spying]);
    expect(seenDuringPublish).toEqual([{ list: ['old2', 'old1'], version: 'v1', search: [] }]);
    expect(ids(reader.list())).toEqual(['new2', 'new1']);
    expect(reader.contentVersion()).toBe('v2');
  });

  it('keeps the previous version whole when a publish fails half way', () => {
    writer.publish(FLEET_ORIGIN, 'v1', [entry(article('keep', '保留', '2024-05-01', ['x']))]);
    const broken = {
      item: entry(article('bad', '坏', '2024-06-01', ['y'])).item,
      get body(): PublishEntryOf<'article'>['body'] {
        throw new Error('disk gone');
      },
    };
    expect(() =>
      writer.publish(FLEET_ORIGIN, 'v2', [entry(article('new', '新', '2024-06-01', ['z'])), broken]),
    ).toThrow('disk gone');
    expect(ids(reader.list())).toEqual(['keep']);
    expect(reader.contentVersion()).toBe('v1');
  });
});

describe('ContentReader.article', () => {
  it('returns the summary fields and the paragraphs of a published article, null for an unknown id', () => {
    const a = article('a1', '标题', '2024-05-01T08:00:00+08:00', ['第一段。', '第二段。']);
    writer.publish(FLEET_ORIGIN, 'v1', [entry(a)]);
    expect(reader.article('a1')).toEqual(a);
    expect(reader.article('nope')).toBeNull();
    const { paragraphs: _paragraphs, ...summary } = a;
    expect(reader.list()).toEqual([summary satisfies ItemSummary]);
  });
});

describe('ContentReader.search', () => {
  beforeEach(() => {
    writer.publish(FLEET_ORIGIN, 'v1', [
      entry(article('title-hit', '新能源汽车销量创新高', '2024-05-01', ['今年前四个月，市场表现亮眼。'])),
      // Newer than the title hit, so ordering by date alone would put it first.
      entry(article('body-hit', '今日要闻', '2024-05-09', ['据报道，新能源汽车下乡活动将在本月启动。'])),
      entry(article('quoted', '他说"你好世界"', '2024-05-05', ['引号测试。'])),
      entry(article('other', '社区义诊通知', '2024-05-03', ['本周六上午在社区服务中心。'])),
    ]);
  });

  it('ranks a title match above a body-only match for queries of three or more characters', () => {
    const hits = reader.search('新能源汽车');
    expect(ids(hits)).toEqual(['title-hit', 'body-hit']);
    expect(hits[1]?.snippet).toContain('新能源汽车');
    expect(hits[0]?.title).toBe('新能源汽车销量创新高');
  });

  it('finds one- and two-character queries too', () => {
    expect(ids(reader.search('汽车')).sort()).toEqual(['body-hit', 'title-hit']);
    expect(ids(reader.search('诊'))).toEqual(['other']);
  });

  it('treats quotes and search operators in the query as text', () => {
    expect(ids(reader.search('"你好世界"'))).toEqual(['quoted']);
    expect(ids(reader.search('好世界"'))).toEqual(['quoted']);
    expect(ids(reader.search('世界"'))).toEqual(['quoted']);
    for (const query of [
      '"',
      '""',
      'a"b"c',
      'NEAR(新能源 汽车)',
      '新能源 OR 社区',
      '*汽车*',
      '-新能源',
      'title:新能源',
      '^新能',
    ]) {
      expect(() => reader.search(query), query).not.toThrow();
    }
    expect(reader.search('新能源 OR 社区')).toEqual([]);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(reader.search('')).toEqual([]);
    expect(reader.search('   ')).toEqual([]);
  });

  it('honours the limit', () => {
    expect(reader.search('新能源汽车', 1)).toHaveLength(1);
    expect(reader.search('汽车', 1)).toHaveLength(1);
  });

  it('stops finding an item once its origin is republished without it', () => {
    writer.publish(FLEET_ORIGIN, 'v2', [
      entry(article('other', '社区义诊通知', '2024-05-03', ['本周六上午在社区服务中心。'])),
    ]);
    expect(reader.search('新能源汽车')).toEqual([]);
    expect(reader.search('汽车')).toEqual([]);
    expect(ids(reader.search('社区义诊'))).toEqual(['other']);
  });
});
