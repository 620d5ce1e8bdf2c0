import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { useLayoutEffect, useRef } from 'react';
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS } from '../../../common/articleMarkup.js';

/**
 * The renderer's own allowlist, never looser than the ingest one (content-format/sanitize): the
 * same reading tags, and per tag only the attributes the board uses. Links keep nothing — they are
 * unwrapped below — so a tap on linked text goes nowhere.
 */
const ATTRIBUTES_BY_TAG: Readonly<Record<string, readonly string[]>> = {
  ...ARTICLE_ATTRIBUTES,
  a: [],
  img: ARTICLE_ATTRIBUTES.img?.filter((name) => name !== 'title') ?? [],
};

const TAGS = [...ARTICLE_TAGS];

/**
 * Images the page may load: blob URLs (the blob cache) and base64 raster data. Anything else is
 * remote, which the CSP would block anyway; the reader gets a calm placeholder, not a broken icon.
 */
const LOCAL_IMAGE = /^(?:blob:|data:image\/(?:png|jpe?g|gif|webp|avif);base64,)/i;

let purifier: Purifier | null = null;

/** Created on first use, against the window the article is shown in. */
function articlePurifier(): Purifier {
  if (purifier !== null) return purifier;
  const instance = DOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (node, event) => {
    if (!ATTRIBUTES_BY_TAG[node.nodeName.toLowerCase()]?.includes(event.attrName)) event.keepAttr = false;
  });
  purifier = instance;
  return instance;
}

function imagePlaceholder(image: HTMLImageElement): HTMLElement {
  const box = image.ownerDocument.createElement('span');
  box.className = 'article-image-missing';
  const alt = image.alt.trim();
  if (alt === '') {
    box.setAttribute('aria-hidden', 'true');
  } else {
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', alt);
    box.textContent = alt;
  }
  return box;
}

/** A web address in running text; it ends at whitespace, a Han character or CJK punctuation. */
const URL_RUN = /((?:https?:\/\/|www\.)[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+)/iu;

/**
 * Web addresses may break between any two characters: as one unbreakable run they would push a
 * justified line of Chinese apart to fill the width before them.
 */
function markWebAddresses(fragment: DocumentFragment): void {
  const walker = fragment.ownerDocument.createTreeWalker(fragment, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    const parts = text.data.split(URL_RUN);
    if (parts.length === 1) continue;
    text.replaceWith(
      ...parts.map((part, index) => {
        if (index % 2 === 0) return part;
        const address = text.ownerDocument.createElement('span');
        address.className = 'article-url';
        address.textContent = part;
        return address;
      }),
    );
  }
}

/**
 * Sanitizes article HTML on the browser's own parser into a fragment that is safe to insert, then
 * settles what the board cannot honour: links become their text, non-local images become
 * placeholders, web addresses may wrap anywhere, tables get a horizontal scroller so they never
 * widen the page.
 */
export function articleFragment(html: string): DocumentFragment {
  // DOMPurify answers null, not a fragment, for markup the parser turns into a body-less document
  // (a <frameset>): such an article shows nothing rather than taking the screen down.
  const purified: DocumentFragment | null = articlePurifier().sanitize(html, {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: [...new Set(Object.values(ATTRIBUTES_BY_TAG).flat())],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_SELF_CLOSE_IN_ATTR: false,
    // Every other kept attribute is a number, a keyword or text; only `src` is judged as a URL.
    ADD_URI_SAFE_ATTR: ['width', 'height', 'start', 'colspan', 'rowspan', 'scope'],
    ALLOWED_URI_REGEXP: LOCAL_IMAGE,
    RETURN_DOM_FRAGMENT: true,
  });
  const fragment = purified ?? document.createDocumentFragment();
  for (const link of fragment.querySelectorAll('a')) link.replaceWith(...link.childNodes);
  for (const image of fragment.querySelectorAll('img')) {
    if (!LOCAL_IMAGE.test(image.getAttribute('src') ?? '')) image.replaceWith(imagePlaceholder(image));
  }
  markWebAddresses(fragment);
  for (const table of fragment.querySelectorAll('table')) {
    const scroller = table.ownerDocument.createElement('div');
    scroller.className = 'article-table-scroll';
    table.replaceWith(scroller);
    scroller.append(table);
  }
  return fragment;
}

/**
 * Article HTML in a container React never writes into: the sanitized fragment is inserted as DOM
 * nodes, so no markup string reaches innerHTML on the live page.
 */
export function SafeHtml({ html, className }: { html: string; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = container.current;
    if (element === null) return;
    element.replaceChildren(articleFragment(html));
    return () => element.replaceChildren();
  }, [html]);
  return <div ref={container} className={className} data-testid="article-html" />;
}
