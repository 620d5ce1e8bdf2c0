import type { EpubPackage, ManifestItem } from './opf.js';
import { resolveLocal } from './paths.js';
import { attrOf, childrenOf, findAll, localNameOf, parseXml, textOf, type XmlNode } from './xml.js';

const NCX_MEDIA_TYPE = 'application/x-dtbncx+xml';
const MAX_TITLE_CHARS = 500;
/** The book schema nests the table of contents at most this deep; deeper entries are shown at this depth. */
const MAX_DEPTH = 5;

export interface TocEntry {
  title: string;
  depth: number;
}

/** The table of contents document: the EPUB 3 nav if present (it supersedes the NCX), else the EPUB 2 NCX. */
export function tocItemOf(pkg: EpubPackage): { item: ManifestItem; format: 'nav' | 'ncx' } | undefined {
  for (const item of pkg.manifest.values()) if (item.properties.includes('nav')) return { item, format: 'nav' };
  const ncx =
    (pkg.spineToc ? pkg.manifest.get(pkg.spineToc) : undefined) ??
    [...pkg.manifest.values()].find((item) => item.mediaType === NCX_MEDIA_TYPE);
  return ncx ? { item: ncx, format: 'ncx' } : undefined;
}

class TocBuilder {
  readonly entries = new Map<string, TocEntry>();

  constructor(private readonly from: string) {}

  add(href: string | undefined, title: string, depth: number): void {
    const entry = href ? resolveLocal(this.from, href) : undefined;
    // The first entry pointing into a document names it; later ones are sections inside it.
    if (entry && title && !this.entries.has(entry))
      this.entries.set(entry, { title: title.slice(0, MAX_TITLE_CHARS), depth: Math.min(depth, MAX_DEPTH) });
  }
}

/** EPUB 3: `<nav epub:type="toc"><ol><li><a href>…</a><ol>…</ol></li></ol></nav>`. */
function navEntries(nodes: XmlNode[], builder: TocBuilder): void {
  const navs = findAll(nodes, 'nav');
  const toc = navs.find((nav) => (attrOf(nav, 'type') ?? '').split(/\s+/).includes('toc')) ?? navs[0];
  const walk = (list: readonly XmlNode[], depth: number) => {
    for (const node of list) {
      const name = localNameOf(node);
      if (name === 'ol') walk(childrenOf(node), depth + 1);
      else if (name === 'a') builder.add(attrOf(node, 'href'), textOf(node), Math.max(0, depth));
      else if (name === 'li') {
        const children = childrenOf(node);
        const link = children.find((child) => localNameOf(child) === 'a');
        if (link) builder.add(attrOf(link, 'href'), textOf(link), Math.max(0, depth));
        walk(
          children.filter((child) => child !== link),
          depth,
        );
      } else walk(childrenOf(node), depth);
    }
  };
  if (toc) walk(childrenOf(toc), -1);
}

/** EPUB 2: nested `<navPoint><navLabel><text>…</text></navLabel><content src="…"/>…</navPoint>`. */
function ncxEntries(nodes: XmlNode[], builder: TocBuilder): void {
  const walk = (list: readonly XmlNode[], depth: number) => {
    for (const node of list) {
      if (localNameOf(node) !== 'navpoint') {
        walk(childrenOf(node), depth);
        continue;
      }
      const children = childrenOf(node);
      const label = children.find((child) => localNameOf(child) === 'navlabel');
      const content = children.find((child) => localNameOf(child) === 'content');
      builder.add(content && attrOf(content, 'src'), label ? textOf(label) : '', depth);
      walk(children, depth + 1);
    }
  };
  walk(nodes, 0);
}

/** Chapter titles and nesting, keyed by the zip entry of the document each points into. */
export function parseToc(text: string, from: string, format: 'nav' | 'ncx'): Map<string, TocEntry> {
  const builder = new TocBuilder(from);
  const nodes = parseXml(text);
  if (format === 'nav') navEntries(nodes, builder);
  else ncxEntries(nodes, builder);
  return builder.entries;
}
