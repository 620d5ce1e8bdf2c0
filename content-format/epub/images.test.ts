import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../hash.js';
import { DEFAULT_LOCALIZE_LIMITS } from '../images/limits.js';
import { loadImage } from '../images/loadImage.js';
import { convertEpub } from './convert.js';
import { epub3Files } from './sample-books.js';
import { epubEntries, makePng, makeZip } from './test-support.js';

/** 200,000 pixels, far under the pixel limit, but wider than any GPU texture. */
const STRIP = makePng(20_000, 10);
const REASON = '20000×10 pixels is over the limit (16384 px a side, 40000000 pixels)';

describe('book images', () => {
  it('refuses an image wider than a board can show, as an article image is refused', async () => {
    const files = { ...epub3Files(), 'OEBPS/images/huge.png': STRIP };
    const book = await convertEpub(await makeZip(epubEntries(files)));
    expect(book.warnings).toContain(`image OEBPS/images/huge.png dropped: ${REASON}`);
    expect(book.blobs.has(sha256Hex(STRIP))).toBe(false);

    const stored: string[] = [];
    const article = await loadImage(
      { kind: 'inline', bytes: STRIP },
      {
        fetchImage: () => Promise.reject(new Error('an inline image is never fetched')),
        blobs: { has: () => false, put: (sha256) => void stored.push(sha256) },
        limits: DEFAULT_LOCALIZE_LIMITS,
      },
    );
    expect(article).toEqual({ ok: false, reason: REASON });
    expect(stored).toEqual([]);
  });
});
