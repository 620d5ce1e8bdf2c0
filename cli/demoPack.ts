import { packFormatFor } from '../common/pack.js';
import { sha256Hex } from '../content-format/hash.js';
import { buildPack, type BuiltPack } from '../content-format/pack/build.js';
import { demoKinds } from '../content-format/seeds/demoKinds.js';
import type { DemoArticle } from '../content-format/seeds/index.js';

/**
 * The demo pack: the demo articles, and today's paper, a study column, a quiz bank and notices
 * derived from them. Stories placed in the edition are published with their placement instead of
 * as plain articles.
 */
export function buildDemoPack(articles: readonly DemoArticle[], now = new Date()): BuiltPack {
  const kinds = demoKinds(articles, now);
  const plain = buildPack(
    articles
      .filter((article) => !kinds.placedArticleIds.has(article.id))
      .map((article) => ({ ...article, kind: 'article' as const })),
    now.toISOString(),
  );
  const items = [...plain.manifest.items, ...kinds.items];
  // Derived from the content, as buildPack's is: the same demo builds the same version.
  const version = sha256Hex(Buffer.from(JSON.stringify(items), 'utf8')).slice(0, 16);
  return {
    manifest: { format: packFormatFor(items), version, createdAt: now.toISOString(), items },
    blobs: new Map([...plain.blobs, ...kinds.blobs]),
  };
}
