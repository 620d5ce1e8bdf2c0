import { decodeHTML } from 'entities';
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS } from '../../common/articleMarkup.js';
import sanitizeHtml, { type IOptions, type Transformer } from 'sanitize-html';
import { absoluteHttpUrl, rasterDataImage, smallCount } from './urls.js';

export interface SanitizedArticle {
  /** Markup that keeps only the allowlist below; safe to store, still re-sanitized by the renderer. */
  html: string;
  /** Plain text, one paragraph per entry, for search, read-aloud and the text fallback. */
  paragraphs: string[];
  /** Absolute http(s) URLs of images the article shows; ingest fetches them into the blob cache. */
  imageUrls: string[];
}

export interface SanitizeOptions {
  /** Resolves relative links and image sources (the feed's or entry's link). */
  baseUrl?: string;
}

/**
 * Elements dropped with everything inside them: their content is never article text (code, CSS,
 * form widgets, inert templates) or is raw text a browser never shows (iframe, noembed, noframes).
 * Every other disallowed element (svg, math, noscript, object, section, font…) loses its tag but
 * keeps its text, so an unclosed <svg> cannot swallow the rest of a story.
 */
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'title',
  'textarea',
  'select',
  'datalist',
  'iframe',
  'noembed',
  'noframes',
];

/** Block containers we do not keep still end a paragraph, so their text does not run together. */
const AS_DIV = ['article', 'section', 'header', 'footer', 'aside', 'main', 'nav', 'address', 'center', 'details'];

/**
 * Where a new block of text starts (tag names as written, before the transforms above). Chinese
 * pages often indent paragraphs with ideographic spaces; the renderer indents by CSS, so leading
 * whitespace of a block is dropped rather than doubled. `pre` keeps its whitespace.
 */
const BLOCK_STARTS = new Set([
  ...AS_DIV,
  ...[
    'p',
    'div',
    'li',
    'dt',
    'dd',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'figcaption',
    'caption',
    'td',
    'th',
  ],
]);

/** Deeper nesting is flattened (the text stays): no real article needs it, and layout cost grows with it. */
const NESTING_LIMIT = 64;

const TABLE_SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);
const COLSPAN_MAX = 100;
const ROWSPAN_MAX = 1000;
const IMAGE_SIZE_MAX = 10_000;

function keepDefined(attribs: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attribs).filter((entry): entry is [string, string] => entry[1] != null));
}

function transforms(baseUrl: string | undefined): Record<string, string | Transformer> {
  const cell: Transformer = (tagName, attribs) => ({
    tagName,
    attribs: keepDefined({
      colspan: smallCount(attribs.colspan, COLSPAN_MAX),
      rowspan: smallCount(attribs.rowspan, ROWSPAN_MAX),
      scope: attribs.scope && TABLE_SCOPES.has(attribs.scope) ? attribs.scope : null,
    }),
  });
  return {
    ...Object.fromEntries(AS_DIV.map((tag) => [tag, 'div'])),
    h1: 'h2',
    strike: 's',
    tt: 'code',
    kbd: 'code',
    samp: 'code',
    a: (tagName, attribs) => ({
      tagName,
      attribs: keepDefined({
        href: attribs.href ? absoluteHttpUrl(attribs.href, baseUrl) : null,
        title: attribs.title,
      }),
    }),
    img: (tagName, attribs) => {
      // Lazy-loading pages put the real picture in data-src and a placeholder (or nothing) in src.
      const candidates = [attribs.src, attribs['data-src'], attribs['data-original']];
      const src =
        candidates
          .map((value) => (value ? (rasterDataImage(value) ?? absoluteHttpUrl(value, baseUrl)) : null))
          .find(Boolean) ?? null;
      return {
        tagName,
        attribs: keepDefined({
          src,
          alt: attribs.alt,
          title: attribs.title,
          width: smallCount(attribs.width, IMAGE_SIZE_MAX),
          height: smallCount(attribs.height, IMAGE_SIZE_MAX),
        }),
      };
    },
    ol: (tagName, attribs) => ({ tagName, attribs: keepDefined({ start: smallCount(attribs.start, 99_999) }) }),
    td: cell,
    th: cell,
  };
}

/**
 * The ingest sanitizer: an allowlist of reading markup (above). Links keep an absolute http(s)
 * `href` (the renderer shows them inert; a later QR code can use it); images keep an absolute
 * http(s) source, which ingest fetches into the blob cache, or a small base64 raster `data:` image.
 */
export function sanitizeArticleHtml(dirty: string, options: SanitizeOptions = {}): SanitizedArticle {
  const imageUrls = new Set<string>();
  let atBlockStart = false;
  const config: IOptions = {
    allowedTags: [...ARTICLE_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(ARTICLE_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    nestingLimit: NESTING_LIMIT,
    transformTags: transforms(options.baseUrl),
    onOpenTag: (name) => {
      if (BLOCK_STARTS.has(name)) atBlockStart = true;
      else if (name === 'pre') atBlockStart = false;
    },
    textFilter: (text) => {
      if (!atBlockStart) return text;
      const trimmed = text.replace(/^\s+/, '');
      atBlockStart = trimmed === '';
      return trimmed;
    },
    // Runs only for elements that made it into the output, so the URL list matches what is shown.
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const src = frame.attribs.src;
      if (!src) return true;
      if (!src.startsWith('data:')) imageUrls.add(src);
      return false;
    },
  };
  const html = sanitizeHtml(dirty, config);
  return { html, paragraphs: paragraphsOf(html), imageUrls: [...imageUrls] };
}

const BLOCK_BOUNDARY =
  /<\/?(?:p|div|li|h[1-6]|blockquote|pre|figure|figcaption|table|caption|tr|ul|ol|dl|dt|dd|br|hr)\b[^>]*>/gi;
const CELL_BOUNDARY = /<\/t[dh]>/gi;

/** Text per block element, whitespace folded; what search indexes and read-aloud speaks. */
export function paragraphsOf(html: string): string[] {
  const marked = html.replace(CELL_BOUNDARY, ' $&').replace(BLOCK_BOUNDARY, '\n');
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {}, nonTextTags: DROPPED_WITH_CONTENT });
  return decodeHTML(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}
