import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ARTICLE_BODY_MEDIA_TYPE,
  BODY_MEDIA_TYPES,
  manifestBlobRefs,
  PACK_FORMAT,
  PACK_FORMAT_V2,
  packFormatFor,
  packManifestSchema,
  type PackItem,
} from './pack.js';

const hex = (digit: string) => digit.repeat(64);
const ref = (digit: string, mediaType: string, size = 10) => ({ sha256: hex(digit), size, mediaType });

const article = {
  id: 'a1',
  kind: 'article',
  title: '停水通知',
  source: '物业',
  section: '通知',
  language: 'zh-CN',
  publishedAt: '2024-05-01',
  summary: '',
  body: ref('a', ARTICLE_BODY_MEDIA_TYPE),
} as const;

const video = {
  ...article,
  id: 'v1',
  kind: 'video',
  body: ref('b', BODY_MEDIA_TYPES.video),
  media: [ref('c', 'image/jpeg'), ref('d', 'video/mp4', 1000)],
  durationSeconds: 90,
  poster: { sha256: hex('c'), width: 320, height: 180 },
} as const;

const notice = {
  ...article,
  id: 'n1',
  kind: 'notice',
  body: ref('e', BODY_MEDIA_TYPES.notice),
  validFrom: '2025-03-01T08:00:00+08:00',
  validUntil: '2025-03-02T08:00:00+08:00',
  emergency: true,
} as const;

const manifest = (format: string, items: unknown[]) => ({ format, version: 'v1', createdAt: 'now', items });
const problems = (value: unknown) => {
  const parsed = packManifestSchema.safeParse(value);
  return parsed.success ? '' : z.prettifyError(parsed.error);
};

describe('pack formats', () => {
  it('still reads a newsboard-pack/1 manifest of plain articles, unchanged', () => {
    const parsed = packManifestSchema.parse(manifest(PACK_FORMAT, [article]));
    expect(parsed.items).toEqual([article]);
  });

  it('refuses other kinds, media or expiry in a /1 manifest, which an older board would misread', () => {
    expect(problems(manifest(PACK_FORMAT, [video]))).toMatch(
      /newsboard-pack\/1 carries plain articles only; item v1 \(video\)/,
    );
    expect(problems(manifest(PACK_FORMAT, [{ ...article, expiresAt: '2025-01-01T00:00:00Z' }]))).toMatch(
      /needs newsboard-pack\/2/,
    );
  });

  it('reads every kind in a /2 manifest, and refuses an unknown format', () => {
    expect(problems(manifest(PACK_FORMAT_V2, [article, video, notice]))).toBe('');
    expect(problems(manifest('newsboard-pack/3', [article]))).toMatch(/format/);
  });

  it('writes the lowest format that holds the items', () => {
    expect(packFormatFor([article])).toBe(PACK_FORMAT);
    expect(packFormatFor([article, video] as PackItem[])).toBe(PACK_FORMAT_V2);
    expect(packFormatFor([{ ...article, priority: 1 }])).toBe(PACK_FORMAT_V2);
  });
});

describe('pack items', () => {
  it('refuses a body of the wrong media type for its kind', () => {
    expect(problems(manifest(PACK_FORMAT_V2, [{ ...video, body: ref('b', ARTICLE_BODY_MEDIA_TYPE) }]))).toMatch(
      /a video body is application\/vnd\.newsboard\.video\+json/,
    );
  });

  it('refuses a poster, cover or thumbnail that is not among the media', () => {
    expect(problems(manifest(PACK_FORMAT_V2, [{ ...video, media: [ref('d', 'video/mp4')] }]))).toMatch(
      new RegExp(`image ${hex('c')} is not among the item's media`),
    );
  });

  it('refuses a notice window that closes before it opens, and times without an offset', () => {
    expect(problems(manifest(PACK_FORMAT_V2, [{ ...notice, validUntil: '2025-03-01T07:00:00+08:00' }]))).toMatch(
      /is not after validFrom/,
    );
    expect(problems(manifest(PACK_FORMAT_V2, [{ ...notice, validFrom: '2025-03-01T08:00:00' }]))).toMatch(/validFrom/);
  });

  it('refuses a blob declared twice with different sizes, and duplicate ids', () => {
    const sameBlobOtherSize = { ...article, id: 'a2', body: ref('a', ARTICLE_BODY_MEDIA_TYPE, 11) };
    expect(problems(manifest(PACK_FORMAT_V2, [article, sameBlobOtherSize]))).toMatch(/declared twice/);
    expect(problems(manifest(PACK_FORMAT_V2, [article, { ...article, id: 'a2' }]))).toBe('');
    expect(problems(manifest(PACK_FORMAT_V2, [article, article]))).toMatch(/duplicate item id a1/);
  });
});

describe('manifestBlobRefs', () => {
  it('lists every body and media blob once: all a board must hold before it publishes', () => {
    const refs = manifestBlobRefs({ items: [article, video, { ...article, id: 'a2' }] as PackItem[] });
    expect(refs.map((r) => r.sha256[0])).toEqual(['a', 'b', 'c', 'd']);
  });
});
