import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { use, useLayoutEffect, useRef } from 'react';
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS } from '../../../common/articleMarkup.js';
import type { ImageRef } from '../../../common/kinds/base.js';
import { BridgeContext } from '../app/bridgeContext.js';
import { LOCAL_IMAGE, imagePlaceholder, loadBlobImages, takeBlobImages } from './articleImages.js';

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
    if (!LOCAL_IMAGE.test(image.getAttribute('src') ?? ''))
      image.replaceWith(imagePlaceholder(image.ownerDocument, image.alt));
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

export interface SafeHtmlProps {
  html: string;
  /** The article's image list: sizes for blob-cache images whose markup has none. */
  images?: readonly ImageRef[];
  className?: string;
}

/**
 * Article HTML in a container React never writes into: the sanitized fragment is inserted as DOM
 * nodes, so no markup string reaches innerHTML on the live page. Blob-cache images are read through
 * the bridge after the text is shown; without a bridge they show as placeholders.
 */
export function SafeHtml({ html, images, className }: SafeHtmlProps) {
  const container = useRef<HTMLDivElement>(null);
  const bridge = use(BridgeContext);
  useLayoutEffect(() => {
    const element = container.current;
    if (element === null) return;
    const fragment = articleFragment(html);
    const pending = takeBlobImages(fragment, images);
    element.replaceChildren(fragment);
    const stop = loadBlobImages(bridge, pending);
    return () => {
      stop();
      element.replaceChildren();
    };
  }, [html, images, bridge]);
  return <div ref={container} className={className} data-testid="article-html" />;
}
