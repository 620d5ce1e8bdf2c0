import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { decodeFeedBytes } from '../feeds/charset.js';

/** One node of fast-xml-parser's ordered tree: an element, a text run or a CDATA section. */
export type XmlNode = Record<string, unknown>;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

/**
 * Entity processing is off: a DOCTYPE's internal subset is skipped, never expanded (no
 * billion-laughs, no external entities), and references are decoded afterwards by `decodeHTML`,
 * which knows only the fixed HTML set and numeric references.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  allowBooleanAttributes: true,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 256,
});

/**
 * Text of an XML file. EPUB allows only UTF-8 and UTF-16, but Chinese tools have long written
 * GBK/GB2312 and Big5 with a matching XML declaration, so the feeds' decoder (BOM, declaration,
 * confident Chinese guess) reads them too.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  return decodeFeedBytes(bytes).text;
}

export function parseXml(text: string): XmlNode[] {
  return parser.parse(text) as XmlNode[];
}

/** The element's qualified name, or null for text and CDATA nodes. */
export function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ATTRS && key !== TEXT && key !== CDATA) return key;
  return null;
}

/** The name without its namespace prefix, lower-cased: EPUBs mix `opf:item`, `item` and `ITEM`. */
export function localNameOf(node: XmlNode): string | null {
  const tag = tagOf(node);
  return tag === null ? null : tag.slice(tag.indexOf(':') + 1).toLowerCase();
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag === null ? node[CDATA] : node[tag];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

/** Attribute value, decoded; looked up by local name so `opf:role` and `role` both match `role`. */
export function attrOf(node: XmlNode, name: string): string | undefined {
  const attrs = node[ATTRS] as Record<string, unknown> | undefined;
  if (!attrs) return undefined;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === name || key.slice(key.indexOf(':') + 1) === name) return decodeHTML(String(value));
  }
  return undefined;
}

export function attrsOf(node: XmlNode): Record<string, string> {
  const attrs = (node[ATTRS] ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(attrs).map(([key, value]) => [key, decodeHTML(String(value))]));
}

/** Raw text of a text node (entities still encoded), or null for elements. */
export function rawTextOf(node: XmlNode): string | null {
  return typeof node[TEXT] === 'string' ? node[TEXT] : null;
}

export function isCdata(node: XmlNode): boolean {
  return CDATA in node;
}

/** All text below `node`, decoded, whitespace folded. */
export function textOf(node: XmlNode): string {
  const parts: string[] = [];
  const walk = (n: XmlNode, cdata: boolean) => {
    const raw = rawTextOf(n);
    if (raw !== null) parts.push(cdata ? raw : decodeHTML(raw));
    else for (const child of childrenOf(n)) walk(child, cdata || isCdata(n));
  };
  walk(node, false);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Depth-first search for elements with the given local name. */
export function findAll(nodes: readonly XmlNode[], localName: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (list: readonly XmlNode[]) => {
    for (const node of list) {
      if (localNameOf(node) === localName) found.push(node);
      walk(childrenOf(node));
    }
  };
  walk(nodes);
  return found;
}

export function findFirst(nodes: readonly XmlNode[], localName: string): XmlNode | undefined {
  return findAll(nodes, localName)[0];
}
