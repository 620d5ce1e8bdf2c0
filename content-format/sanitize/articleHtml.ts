import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

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

function absoluteHttpUrl(value: string, baseUrl: string | undefined): string | null {
  try {
    const url = baseUrl ? new URL(value, baseUrl) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The ingest sanitizer: an allowlist of reading markup. No scripts, handlers, styles, forms,
 * frames, objects, <base> or <meta>; links only http(s)/mailto; images only http(s) (fetched into
 * the blob cache later) or data:image of raster types.
 */
export function sanitizeArticleHtml(dirty: string, options: SanitizeOptions = {}): SanitizedArticle {
  const imageUrls: string[] = [];
  const html = sanitizeHtml(dirty, {
    allowedTags: [
      'p',
      'br',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'sub',
      'sup',
      'small',
      'mark',
      'q',
      'cite',
      'abbr',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'blockquote',
      'pre',
      'code',
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
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'caption',
      'hr',
      'span',
      'div',
      'ruby',
      'rt',
      'rp',
    ],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: [
      'script',
      'style',
      'textarea',
      'option',
      'noscript',
      'title',
      'template',
      'iframe',
      'object',
      'embed',
      'svg',
      'math',
    ],
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ? absoluteHttpUrl(attribs.href, options.baseUrl) : null;
        return { tagName, attribs: href ? { href, ...(attribs.title ? { title: attribs.title } : {}) } : {} };
      },
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        if (/^data:image\/(png|jpe?g|gif|webp);base64,/i.test(src)) return { tagName, attribs };
        const url = absoluteHttpUrl(src, options.baseUrl);
        if (url) imageUrls.push(url);
        return { tagName, attribs: url ? { ...attribs, src: url } : { alt: attribs.alt ?? '' } };
      },
    },
  });
  return { html, paragraphs: paragraphsOf(html), imageUrls };
}

const BLOCK_BOUNDARY = /<\/?(?:p|div|li|h[1-6]|blockquote|pre|figcaption|tr|br|hr|ul|ol|table|figure)\b[^>]*>/gi;

/** Text per block element, whitespace folded; what search indexes and read-aloud speaks. */
export function paragraphsOf(html: string): string[] {
  const text = sanitizeHtml(html.replace(BLOCK_BOUNDARY, '\n'), { allowedTags: [], allowedAttributes: {} });
  return decodeHTML(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}
