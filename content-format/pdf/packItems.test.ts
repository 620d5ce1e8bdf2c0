import { describe, expect, it } from 'vitest';
import { articleBodySchema } from '../../common/kinds/article.js';
import { editionBodySchema } from '../../common/kinds/edition.js';
import { manifestBlobRefs, packManifestSchema, PACK_FORMAT_V2 } from '../../common/pack.js';
import { sha256Hex } from '../hash.js';
import { convertPdfEdition } from './convert.js';
import { editionPackItems } from './packItems.js';
import { makeEdition } from './sample-editions.js';
import { commandExists } from './test-support.js';

const poppler = ['pdfinfo', 'pdftoppm', 'pdftotext'].every((tool) => commandExists(tool));

describe('editionPackItems', () => {
  it.skipIf(!poppler)(
    'makes edition and story items a pack manifest accepts, every region opening one of them',
    async () => {
      const { items, blobs } = editionPackItems(await convertPdfEdition(makeEdition()), { section: '报纸' });
      const manifest = packManifestSchema.parse({
        format: PACK_FORMAT_V2,
        version: 'v1',
        createdAt: '2024-05-01',
        items,
      });
      for (const ref of manifestBlobRefs(manifest)) expect(sha256Hex(blobs.get(ref.sha256) as Buffer)).toBe(ref.sha256);
      const [edition, ...stories] = manifest.items;
      expect(edition?.kind).toBe('edition');
      // Two stories on the front page, one inside; the 20-character notice on page 3 is too short to be one.
      expect(stories.map((s) => s.kind)).toEqual(['article', 'article', 'article']);
      const body = editionBodySchema.parse(JSON.parse(blobs.get(edition?.body.sha256 ?? '')?.toString('utf8') ?? ''));
      const storyIds = new Set(stories.map((s) => s.id));
      for (const page of body.pages) for (const region of page.regions) expect(storyIds).toContain(region.articleId);
      for (const story of stories) {
        const placement = articleBodySchema.parse(
          JSON.parse(blobs.get(story.body.sha256)?.toString('utf8') ?? ''),
        ).edition;
        expect(placement?.editionId).toBe(edition?.id);
      }
    },
  );
});
