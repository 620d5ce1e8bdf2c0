import type { Handler } from 'htmlparser2';
import { ARTICLE_TAGS } from '../../common/articleMarkup.js';
import { keptAttributes } from './attributes.js';

/**
 * Elements dropped with everything inside them: their content is never article text (code, CSS,
 * form widgets, inert templates) or is raw text a browser never shows (iframe, noembed, noframes).
 * Every other disallowed element (svg, math, noscript, object, section, font…) loses its tag but
 * keeps its text, so an unclosed <svg> cannot swallow the rest of a story.
 */
const DROPPED_WITH_CONTENT = new Set([
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
]);

/** Block containers we do not keep still end a paragraph, so their text does not run together. */
const AS_DIV = ['article', 'section', 'header', 'footer', 'aside', 'main', 'nav', 'address', 'center', 'details'];

const RENAMED: ReadonlyMap<string, string> = new Map([
  ...AS_DIV.map((tag): [string, string] => [tag, 'div']),
  ['h1', 'h2'],
  ['strike', 's'],
  ['tt', 'code'],
  ['kbd', 'code'],
  ['samp', 'code'],
]);

const ALLOWED: ReadonlySet<string> = new Set(ARTICLE_TAGS);

/** Allowed elements written `<br />`: they have no content and no end tag. */
const VOID = new Set(['img', 'br', 'hr']);

/**
 * Where a new block of text starts (tag names as written, before renaming). Chinese pages often
 * indent paragraphs with ideographic spaces; the renderer indents by CSS, so leading whitespace of
 * a block is dropped rather than doubled. `pre` keeps its whitespace.
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

/** Kept elements whose start and end begin a new line of plain text; cells only add a space. */
const LINE_BREAKING = new Set([
  'p',
  'div',
  'li',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'table',
  'caption',
  'tr',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'br',
  'hr',
]);

/** Deeper nesting is flattened (the text stays): no real article needs it, and layout cost grows with it. */
const NESTING_LIMIT = 64;

const LEADING_SPACE = /^\s+/;
const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>"]/g;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeChar = (char: string) => ESCAPES[char] as string;

/** An element the parser opened, as written and as kept (`kept` null: its tag is left out). */
interface Open {
  name: string;
  kept: string | null;
}

/**
 * Builds the sanitized markup and its plain text from htmlparser2's events in one pass. Output
 * text is only ever written escaped and attribute values only quoted and escaped, so nothing the
 * input holds can open a tag or an attribute in what we store.
 */
export class ArticleWriter implements Partial<Handler> {
  html = '';
  /** Plain text with a newline wherever a block starts or ends. */
  text = '';
  /** Remote images the markup keeps, in order, without repeats. */
  readonly imageUrls = new Set<string>();
  private readonly open: Open[] = [];
  /** Elements open inside a dropped-with-content element (that one included); 0 outside. */
  private dropping = 0;
  private atBlockStart = false;

  constructor(private readonly baseUrl: string | undefined) {}

  onopentag(name: string, attribs: Record<string, string>): void {
    if (BLOCK_STARTS.has(name)) this.atBlockStart = true;
    else if (name === 'pre') this.atBlockStart = false;
    if (this.dropping > 0) {
      this.dropping++;
      return;
    }
    const renamed = RENAMED.get(name) ?? name;
    const kept = ALLOWED.has(renamed) && this.open.length < NESTING_LIMIT ? renamed : null;
    this.open.push({ name, kept });
    if (kept === null) {
      if (DROPPED_WITH_CONTENT.has(renamed)) this.dropping = 1;
      return;
    }
    const attributes = keptAttributes(kept, attribs, this.baseUrl);
    if (kept === 'img') {
      const src = attributes.find(([attribute]) => attribute === 'src')?.[1];
      // An image with nothing to show is left out, so the URL list matches what is shown.
      if (!src) return;
      if (!src.startsWith('data:')) this.imageUrls.add(src);
    }
    let tag = `<${kept}`;
    for (const [attribute, value] of attributes)
      tag += value === '' ? ` ${attribute}=""` : ` ${attribute}="${value.replace(ATTRIBUTE_SPECIAL, escapeChar)}"`;
    this.html += VOID.has(kept) ? `${tag} />` : `${tag}>`;
    if (LINE_BREAKING.has(kept)) this.text += '\n';
  }

  ontext(data: string): void {
    if (this.dropping > 0) return;
    let text = data;
    if (this.atBlockStart) {
      text = text.replace(LEADING_SPACE, '');
      this.atBlockStart = text === '';
    }
    this.html += text.replace(TEXT_SPECIAL, escapeChar);
    this.text += text;
  }

  onclosetag(name: string): void {
    if (this.dropping > 0 && --this.dropping > 0) return;
    const element = this.open.at(-1);
    // htmlparser2 closes what it opened, in order; a stray end tag is ignored rather than trusted.
    if (element?.name !== name) return;
    this.open.pop();
    const kept = element.kept;
    if (kept === null || VOID.has(kept)) return;
    if (kept === 'td' || kept === 'th') this.text += ' ';
    this.html += `</${kept}>`;
    if (LINE_BREAKING.has(kept)) this.text += '\n';
  }
}
