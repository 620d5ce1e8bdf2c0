import { describe, expect, it } from 'vitest';
import { ARTICLE_TAGS } from '../../common/articleMarkup.js';
import { sanitizeArticleHtml, sanitizeArticleMarkup } from './articleHtml.js';
import {
  INGEST_LOSES_AFTER_MARKER,
  dangerousConstructs,
  loadXssCases,
  referenceKeepsAfterMarker,
  tagNamesInMarkup,
} from './test-support.js';

const cases = loadXssCases();
const BASE = 'https://news.example/2024/story.html';

if (cases === null) {
  describe('DOMPurify XSS corpus', () => {
    it.skip('../shared/corpora/dompurify not present: corpus tests skipped', () => {});
  });
} else {
  const results = cases.map((c) => ({ c, out: sanitizeArticleHtml(c.entry, { baseUrl: BASE }) }));

  describe(`DOMPurify XSS corpus (${cases.length} payloads) through sanitizeArticleHtml`, () => {
    it('leaves no element, attribute or URL outside the allowlist, parsed as a browser parses it', () => {
      const failures = results
        .map(({ c, out }) => ({ index: c.index, found: dangerousConstructs(out.html) }))
        .filter((r) => r.found.length > 0);
      expect(failures).toEqual([]);
    });

    it('writes no tag, handler or URL scheme outside the allowlist into the stored text', () => {
      const allowed = new Set<string>(ARTICLE_TAGS);
      const failures = results.flatMap(({ c, out }) => {
        const stray = [...tagNamesInMarkup(out.html)].filter((tag) => !allowed.has(tag));
        const tags = out.html.match(/<[A-Za-z][^>]*>/g) ?? [];
        const schemes = tags.filter((tag) =>
          /\s(?:href|src)="(?!https?:\/\/|data:image\/(?:png|jpe?g|gif|webp|avif);base64,)/i.test(tag),
        );
        const handlers = tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag));
        return stray.length + schemes.length + handlers.length > 0
          ? [{ index: c.index, stray, schemes, handlers }]
          : [];
      });
      expect(failures).toEqual([]);
    });

    it('keeps the text before every payload, and after it wherever a browser would', () => {
      const reference = referenceKeepsAfterMarker(cases);
      const lostBefore = results.filter(({ c, out }) => !out.paragraphs.join('\n').includes(c.before));
      const lostAfter = results.filter(
        ({ c, out }) =>
          reference.has(c.index) &&
          !INGEST_LOSES_AFTER_MARKER.has(c.index) &&
          !out.paragraphs.join('\n').includes(c.after),
      );
      expect(lostBefore.map(({ c }) => c.index)).toEqual([]);
      expect(lostAfter.map(({ c }) => c.index)).toEqual([]);
      // The known loss stays known: if the parser learns foreign content, the exception must go.
      for (const index of INGEST_LOSES_AFTER_MARKER) {
        expect(results[index]?.out.html).not.toContain(cases[index]?.after);
      }
    });

    it('stores the same markup whether or not the plain text is asked for (feed parsing asks only for markup)', () => {
      const differing = results.filter(({ c, out }) => sanitizeArticleMarkup(c.entry, { baseUrl: BASE }) !== out.html);
      expect(differing.map(({ c }) => c.index)).toEqual([]);
    });

    it('is stable: sanitizing its own output changes nothing', () => {
      const unstable = results.filter(({ out }) => sanitizeArticleHtml(out.html, { baseUrl: BASE }).html !== out.html);
      expect(unstable.map(({ c }) => c.index)).toEqual([]);
    });
  });
}
