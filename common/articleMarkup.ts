/** The article markup allowlist, shared by the ingest sanitizer and the renderer's DOMPurify pass. */

/**
 * Reading markup, and nothing that acts: no script, style, form, frame, object, media, SVG or
 * MathML element survives. SVG and MathML are dropped rather than vetted: htmlparser2 does not
 * model foreign content the way browsers parse it, and namespace confusion is where sanitizer
 * bypasses (mXSS) live; news charts arrive as images anyway.
 */
export const ARTICLE_TAGS = [
  'p',
  'br',
  'wbr',
  'hr',
  'div',
  'span',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'small',
  'mark',
  'q',
  'cite',
  'abbr',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'img',
  'a',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'ruby',
  'rt',
  'rp',
] as const;

/**
 * Per tag, the only attributes kept. No `style` (it could lay an overlay over the kiosk), no
 * `class` (it would pick up the renderer's own classes, e.g. a full-screen `.screen`), no `id` or
 * `name` (they clobber DOM globals such as `window.root` or `document.cookie`; in-page anchors are
 * useless on a board whose links are inert anyway), no event handlers, no `srcset`.
 */
export const ARTICLE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  abbr: ['title'],
  ol: ['start'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** How article and chapter HTML name an image in the blob cache; the renderer shows it from there. */
export const BLOB_IMAGE_SRC_PREFIX = 'blob:sha256:';
/** A whole `src` naming a cached image, capturing its sha256. */
export const BLOB_IMAGE_SRC = /^blob:sha256:([0-9a-f]{64})$/;
