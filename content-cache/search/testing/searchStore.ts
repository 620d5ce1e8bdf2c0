/** Test support: a real kiosk store in a temporary data dir, filled with articles to search. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTICLE_BODY_MEDIA_TYPE } from '../../../common/kinds/article.js';
import { sha256Hex } from '../../../content-format/hash.js';
import { ContentReader } from '../../contentReader.js';
import { ContentWriter, FLEET_ORIGIN, type PublishEntryOf } from '../../contentWriter.js';
import { openReader, openWriter } from '../../db/open.js';
import { Searcher, type MarkedSearchHit } from '../searcher.js';

export interface TestArticle {
  id: string;
  title: string;
  /** Paragraphs, joined by newlines into the searchable text. */
  body?: string[];
  publishedAt?: string;
  expiresAt?: string;
}

export function articleEntry({ id, title, body = [], publishedAt = '2025-03-01T08:00:00Z', expiresAt }: TestArticle) {
  const bytes = Buffer.from(JSON.stringify({ paragraphs: body }));
  return {
    item: {
      id,
      kind: 'article',
      title,
      source: '测试日报',
      section: '要闻',
      language: 'zh-CN',
      publishedAt,
      summary: '',
      ...(expiresAt ? { expiresAt } : {}),
      body: { sha256: sha256Hex(bytes), size: bytes.length, mediaType: ARTICLE_BODY_MEDIA_TYPE },
    },
    body: { paragraphs: body },
  } satisfies PublishEntryOf<'article'>;
}

export interface SearchStore {
  dataDir: string;
  writerDb: ReturnType<typeof openWriter>;
  readerDb: ReturnType<typeof openReader>;
  reader: ContentReader;
  publish(articles: readonly TestArticle[]): void;
  /** The marked hits, as the reader's search computes them. */
  search(query: string, limit?: number): MarkedSearchHit[];
  close(): void;
}

export function openSearchStore(): SearchStore {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'nb-search-'));
  const writerDb = openWriter(dataDir);
  const readerDb = openReader(dataDir);
  const writer = new ContentWriter(writerDb);
  const reader = new ContentReader(readerDb);
  const searcher = new Searcher(readerDb);
  let version = 0;
  return {
    dataDir,
    writerDb,
    readerDb,
    reader,
    publish(articles) {
      version += 1;
      writer.publish(FLEET_ORIGIN, `v${version}`, articles.map(articleEntry));
    },
    search: (query, limit = 20) => searcher.search(query, { limit, now: reader.now() }),
    close() {
      readerDb.close();
      writerDb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
