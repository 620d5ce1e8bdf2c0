import { HTML_VOID_ELEMENTS } from '../html/voidElements.js';
import { decodeHTML, escapeAttribute, escapeText } from 'entities';
import { resolveLocal } from './paths.js';
import {
  attrOf,
  attrsOf,
  childrenOf,
  findAll,
  findFirst,
  isCdata,
  localNameOf,
  parseXml,
  rawTextOf,
  tagOf,
  textOf,
  type XmlNode,
} from './xml.js';

export interface XhtmlDocument {
  /** The first heading, else `<title>`; '' when the document has neither. */
  title: string;
  /** The body's content nodes. */
  content: XmlNode[];
  /** Every image source the body names (`<img src>`, SVG `<image href>`), as written. */
  imageSources: string[];
}

/** Maps an image source to the one the chapter keeps, or null to drop the image (its alt text stays). */
export type ImageSourceMapper = (src: string) => string | null;

/**
 * XHTML must be re-serialised before an HTML sanitizer sees it: the HTML parser reads
 * `<script src="x"/>` or `<title/>` as an open raw-text element and would swallow the rest of the
 * chapter. Writing every element with an explicit end tag keeps the structure the XML had.
 */
class Serializer {
  private out: string[] = [];

  constructor(
    private readonly entry: string,
    private readonly mapImage: ImageSourceMapper,
  ) {}

  run(nodes: readonly XmlNode[]): string {
    this.out = [];
    for (const node of nodes) this.node(node);
    return this.out.join('');
  }

  private node(node: XmlNode): void {
    const raw = rawTextOf(node);
    if (raw !== null) {
      this.out.push(escapeText(decodeHTML(raw)));
      return;
    }
    if (isCdata(node)) {
      this.out.push(escapeText(textOf(node)));
      return;
    }
    const name = localNameOf(node);
    if (name === null) return;
    if (name === 'svg') this.svgImages(node);
    else if (name === 'img') this.image(attrOf(node, 'src') ?? '', attrsOf(node));
    else this.element(name, node);
  }

  private element(name: string, node: XmlNode): void {
    const attrs = attrsOf(node);
    // A link into the book has no target on a board; links out of it are left to the sanitizer.
    if (name === 'a' && attrs.href !== undefined && resolveLocal(this.entry, attrs.href)) delete attrs.href;
    this.out.push(`<${name}${serializeAttributes(attrs)}>`);
    if (HTML_VOID_ELEMENTS.has(name)) return;
    for (const child of childrenOf(node)) this.node(child);
    this.out.push(`</${name}>`);
  }

  private image(src: string, attrs: Record<string, string>): void {
    const mapped = this.mapImage(src);
    if (mapped === null) {
      if (attrs.alt) this.out.push(escapeText(attrs.alt));
      return;
    }
    this.out.push(`<img${serializeAttributes({ ...attrs, src: mapped })}>`);
  }

  /** Covers and full-page figures are often an `<svg>` around one `<image>`; keep the pictures, drop the rest of the SVG. */
  private svgImages(svg: XmlNode): void {
    for (const image of findAll([svg], 'image')) {
      const href = attrOf(image, 'href');
      if (href) this.image(href, { alt: '' });
    }
  }
}

function serializeAttributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .filter(([name]) => /^[a-z][a-z0-9_.:-]*$/i.test(name))
    .map(([name, value]) => ` ${name.slice(name.indexOf(':') + 1)}="${escapeAttribute(value)}"`)
    .join('');
}

export function parseXhtml(text: string): XhtmlDocument {
  const nodes = parseXml(text);
  const body = findFirst(nodes, 'body');
  const content = body ? childrenOf(body) : nodes;
  // Many books repeat the book's title in every chapter's <title>; a heading names the chapter.
  const titleNode = ['h1', 'h2', 'h3'].map((h) => findFirst(content, h)).find(Boolean) ?? findFirst(nodes, 'title');
  const imageSources = [
    ...findAll(content, 'img').map((img) => attrOf(img, 'src')),
    ...findAll(content, 'image').map((image) => attrOf(image, 'href')),
  ].filter((src): src is string => Boolean(src));
  return { title: titleNode ? textOf(titleNode) : '', content, imageSources };
}

/**
 * The content as HTML pieces of at most `maxChars` each where the markup allows: an element too
 * large is replaced by its children, so a chapter wrapped in one `<div>` still splits between
 * paragraphs. A leaf larger than `maxChars` stays whole.
 */
export function serializePieces(
  content: readonly XmlNode[],
  entry: string,
  mapImage: ImageSourceMapper,
  maxChars: number,
): string[] {
  const serializer = new Serializer(entry, mapImage);
  const pieces: string[] = [];
  const visit = (node: XmlNode) => {
    const html = serializer.run([node]);
    const children = childrenOf(node);
    const leaf = tagOf(node) === null || localNameOf(node) === 'svg' || children.length === 0;
    if (html.length <= maxChars || leaf) pieces.push(html);
    else for (const child of children) visit(child);
  };
  for (const node of content) visit(node);
  return pieces.filter((piece) => piece.trim().length > 0);
}
