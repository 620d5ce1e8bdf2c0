/**
 * Test support for the DOMPurify XSS corpus (../shared/corpora/dompurify), shared by the unit test
 * beside the sanitizer and the Playwright test that renders the payloads in Chromium.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS } from '../../common/articleMarkup.js';

export const DOMPURIFY_CORPUS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpora', 'dompurify');

const payloadsSchema = z.array(z.object({ title: z.string().optional(), payload: z.string() })).min(1);

export interface XssCase {
  index: number;
  title: string;
  payload: string;
  /** The payload between harmless text, as a feed entry carries it. */
  entry: string;
  before: string;
  after: string;
}

/** The corpus read in place, or null when ../shared is not on this machine. */
export function loadXssCases(): XssCase[] | null {
  const file = path.join(DOMPURIFY_CORPUS, 'payloads.json');
  if (!existsSync(file)) return null;
  return payloadsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).map(({ title, payload }, index) => {
    const before = `前文标记-${index}`;
    const after = `后文标记-${index}`;
    return {
      index,
      title: title ?? '(untitled)',
      payload,
      before,
      after,
      entry: `<p>${before}</p>${payload}<p>${after}</p>`,
    };
  });
}

/**
 * Payloads after which the trailing marker is still text once a spec-compliant parser has read the
 * entry, judged by DOMPurify on jsdom's HTML5 parser (the corpus's own reference). Where it drops
 * the marker, the payload has swallowed it: the parser put it inside a raw-text element (`<iframe>`,
 * `<style>`, `<xmp>`…) or inside MathML/SVG content a sanitizer must drop whole, so it is part of
 * the payload, not text around it.
 */
export function referenceKeepsAfterMarker(cases: readonly XssCase[]): Set<number> {
  const purify = createDOMPurify(new JSDOM('').window as unknown as Parameters<typeof createDOMPurify>[0]);
  return new Set(
    cases
      .filter((c) => (purify.sanitize(c.entry, { RETURN_DOM_FRAGMENT: true }).textContent ?? '').includes(c.after))
      .map((c) => c.index),
  );
}

/**
 * Payloads whose trailing text our ingest parser loses although browsers keep it. htmlparser2
 * reads `<style>` inside `<svg>` as raw text, where a browser parses SVG markup and breaks out at
 * the first HTML element; the unclosed SVG `<style>` of this payload therefore swallows the rest of
 * the entry. Nothing runs or survives; only the text after it is lost.
 */
export const INGEST_LOSES_AFTER_MARKER = new Set([179]);

const ALLOWED_TAGS = new Set<string>(ARTICLE_TAGS);

/**
 * Dangerous whatever the allowlist says: elements that run, load, embed, submit or restyle, and
 * attributes that do the same or clobber globals. Kept apart from the allowlist on purpose, so a
 * loosened allowlist still fails here.
 */
const DANGEROUS_ELEMENTS = new Set(
  (
    'script style link meta base iframe frame frameset object embed applet param form input button select ' +
    'textarea option keygen isindex svg math template noscript video audio source track picture canvas ' +
    'dialog portal xmp plaintext listing image'
  ).split(' '),
);
const DANGEROUS_ATTRIBUTE =
  /^(?:on.*|style|class|id|name|srcset|action|formaction|background|poster|dynsrc|lowsrc|ping|target|is|slot|form|autofocus|tabindex|contenteditable|draggable|popover.*|xlink:.*|xmlns.*|data-.*)$/i;
const SAFE_URL = /^(?:https?:\/\/[^\s]+|data:image\/(?:png|jpeg|jpg|gif|webp|avif);base64,[A-Za-z0-9+/]+=*)$/;

let jsdomDocument: Document | undefined;
function parsingDocument(): Document {
  jsdomDocument ??= new JSDOM('').window.document;
  return jsdomDocument;
}

/**
 * What an allowlisted article must never contain, found by parsing it the way a browser does:
 * every element and attribute outside the allowlist, any link that is not absolute http(s), any
 * image that is not http(s) or base64 raster data. Empty means clean.
 */
export function dangerousConstructs(html: string): string[] {
  const template = parsingDocument().createElement('template');
  template.innerHTML = html;
  const found: string[] = [];
  for (const element of template.content.querySelectorAll('*')) {
    const tag = element.localName;
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml' || DANGEROUS_ELEMENTS.has(tag))
      found.push(`element <${tag}>`);
    else if (!ALLOWED_TAGS.has(tag)) found.push(`element <${tag}> outside the allowlist`);
    const allowed = ARTICLE_ATTRIBUTES[tag] ?? [];
    for (const { name, value } of element.attributes) {
      if (DANGEROUS_ATTRIBUTE.test(name)) found.push(`attribute ${name} on <${tag}>`);
      else if (!allowed.includes(name)) found.push(`attribute ${name} on <${tag}> outside the allowlist`);
      if ((name === 'href' || name === 'src') && !SAFE_URL.test(value)) found.push(`${name} ${value.slice(0, 60)}`);
    }
  }
  return found;
}

/** Every tag as written in the serialized text, so a parser difference cannot hide one. */
export function tagNamesInMarkup(html: string): Set<string> {
  return new Set([...html.matchAll(/<\/?([A-Za-z][^\s/>]*)/g)].map((match) => (match[1] as string).toLowerCase()));
}
