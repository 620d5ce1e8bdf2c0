/**
 * Demo content: the real seed texts cleaned into articles when they are on this machine, and
 * a small set written for the project when they are not.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoArticle } from './article.js';
import { builtinDemoArticles } from './builtin.js';
import { seedArticles } from './catalog.js';

export type { DemoArticle } from './article.js';
export { builtinDemoArticles } from './builtin.js';
export { seedArticles } from './catalog.js';

/**
 * The seed articles when `<sharedDir>/seeds` exists, otherwise the built-in set. A seeds directory
 * that holds none of the known files also gets the built-in set: a demo with nothing to read
 * demonstrates nothing. An unreadable seeds directory throws rather than hiding the problem.
 */
export function demoArticles(sharedDir: string | undefined): { articles: DemoArticle[]; origin: 'seeds' | 'builtin' } {
  if (sharedDir !== undefined) {
    const seedsDir = join(sharedDir, 'seeds');
    if (existsSync(seedsDir)) {
      const articles = seedArticles(seedsDir);
      if (articles.length > 0) return { articles, origin: 'seeds' };
    }
  }
  return { articles: [...builtinDemoArticles], origin: 'builtin' };
}
