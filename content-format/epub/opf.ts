import { z } from 'zod';
import { EpubError } from './errors.js';
import { resolveLocal } from './paths.js';
import { attrOf, childrenOf, findAll, findFirst, localNameOf, parseXml, textOf, type XmlNode } from './xml.js';

export const CONTAINER_PATH = 'META-INF/container.xml';
const OPF_MEDIA_TYPE = 'application/oebps-package+xml';

const shortText = z.string().max(2_000);

const manifestItemSchema = z.object({
  id: z.string().min(1).max(500),
  /** The zip entry the item lives in, already resolved against the OPF. */
  entry: z.string().min(1).max(2_000),
  mediaType: z.string().max(200),
  properties: z.array(z.string().max(100)).max(20),
});
export type ManifestItem = z.infer<typeof manifestItemSchema>;

const packageSchema = z.object({
  version: z.string().max(20),
  metadata: z.object({
    title: shortText,
    creators: z.array(shortText).max(50),
    language: z.string().max(50),
    date: z.string().max(100),
    identifier: shortText,
    publisher: shortText,
    description: z.string().max(20_000),
  }),
  manifest: z.map(z.string(), manifestItemSchema),
  /** Manifest ids in reading order; `linear="no"` items are kept, they are still part of the book. */
  spine: z.array(z.string().min(1).max(500)).max(10_000),
  /** EPUB 2: the NCX's manifest id from `<spine toc="…">`. */
  spineToc: z.string().max(500).optional(),
  /** Manifest id of the cover image, when the book names one. */
  coverId: z.string().max(500).optional(),
});
export type EpubPackage = z.infer<typeof packageSchema>;

function parseOrThrow(text: string, what: string): XmlNode[] {
  let nodes: XmlNode[];
  try {
    nodes = parseXml(text);
  } catch (error) {
    throw new EpubError(`${what} is not well-formed XML: ${(error as Error).message}`);
  }
  return nodes;
}

/** The package document's entry name, from META-INF/container.xml. */
export function parseContainer(text: string): string {
  const rootfiles = findAll(parseOrThrow(text, CONTAINER_PATH), 'rootfile');
  const rootfile = rootfiles.find((r) => attrOf(r, 'media-type') === OPF_MEDIA_TYPE) ?? rootfiles[0];
  const fullPath = rootfile ? attrOf(rootfile, 'full-path') : undefined;
  const entry = fullPath ? resolveLocal('', fullPath) : undefined;
  if (!entry) throw new EpubError(`${CONTAINER_PATH} names no package document (rootfile full-path)`);
  return entry;
}

function manifestOf(root: XmlNode, opfEntry: string): Map<string, ManifestItem> {
  const items = new Map<string, ManifestItem>();
  for (const node of childrenOf(findFirst([root], 'manifest') ?? {})) {
    if (localNameOf(node) !== 'item') continue;
    const id = attrOf(node, 'id');
    const href = attrOf(node, 'href');
    const entry = href ? resolveLocal(opfEntry, href) : undefined;
    // Items with remote hrefs (EPUB 3 allows them for audio, video and fonts) are simply absent.
    if (!id || !entry || items.has(id)) continue;
    items.set(id, {
      id,
      entry,
      mediaType: (attrOf(node, 'media-type') ?? '').trim().toLowerCase(),
      properties: (attrOf(node, 'properties') ?? '').split(/\s+/).filter(Boolean).slice(0, 20),
    });
  }
  return items;
}

function metadataOf(root: XmlNode): EpubPackage['metadata'] {
  const metadata = findFirst([root], 'metadata') ?? {};
  const texts = (name: string) =>
    findAll([metadata], name)
      .map(textOf)
      .filter((t) => t.length > 0);
  const uniqueId = attrOf(root, 'unique-identifier');
  const identifiers = findAll([metadata], 'identifier');
  const identifier = identifiers.find((node) => uniqueId && attrOf(node, 'id') === uniqueId) ?? identifiers[0];
  return {
    title: texts('title')[0] ?? '',
    creators: texts('creator').slice(0, 50),
    language: texts('language')[0] ?? '',
    date: texts('date')[0] ?? '',
    identifier: identifier ? textOf(identifier) : '',
    publisher: texts('publisher')[0] ?? '',
    description: texts('description')[0] ?? '',
  };
}

/** EPUB 3 marks the cover item with `properties="cover-image"`; EPUB 2 names it in `<meta name="cover">`. */
function coverIdOf(root: XmlNode, manifest: Map<string, ManifestItem>): string | undefined {
  for (const item of manifest.values()) if (item.properties.includes('cover-image')) return item.id;
  const meta = findAll([root], 'meta').find((node) => attrOf(node, 'name') === 'cover');
  return meta ? attrOf(meta, 'content') : undefined;
}

export function parsePackage(text: string, opfEntry: string): EpubPackage {
  const root = findFirst(parseOrThrow(text, opfEntry), 'package');
  if (!root) throw new EpubError(`${opfEntry} is not an OPF package document (no <package> element)`);
  const spineNode = findFirst([root], 'spine');
  if (!spineNode) throw new EpubError(`${opfEntry} has no <spine>: the book's reading order is unknown`);
  const spine = childrenOf(spineNode)
    .filter((node) => localNameOf(node) === 'itemref')
    .map((node) => attrOf(node, 'idref') ?? '')
    .filter((idref) => idref.length > 0);
  const manifest = manifestOf(root, opfEntry);
  const parsed = packageSchema.safeParse({
    version: attrOf(root, 'version') ?? '',
    metadata: metadataOf(root),
    manifest,
    spine,
    spineToc: attrOf(spineNode, 'toc'),
    coverId: coverIdOf(root, manifest),
  });
  if (!parsed.success) throw new EpubError(`${opfEntry} is malformed: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
