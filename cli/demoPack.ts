import { buildPack, type BuiltPack } from '../content-format/pack/build.js';
import type { DemoArticle } from '../content-format/seeds/index.js';

export function buildDemoPack(articles: readonly DemoArticle[], now = new Date()): BuiltPack {
  return buildPack(
    articles.map((article) => ({ ...article, kind: 'article' as const })),
    now.toISOString(),
  );
}
