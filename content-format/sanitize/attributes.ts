/**
 * The attributes an allowed element keeps, each checked by what it means: URLs resolved and
 * judged by the browser's parser, numbers small and whole, table scopes from their keyword list.
 * Values arrive entity-decoded from the HTML parser.
 */
import { ARTICLE_ATTRIBUTES } from '../../common/articleMarkup.js';
import { absoluteHttpUrl, rasterDataImage, smallCount } from './urls.js';

type Attribs = Readonly<Record<string, string | undefined>>;
/** Name and value pairs in output order; a null value is left out. */
type Checked = readonly (readonly [string, string | null | undefined])[];

const TABLE_SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);
const COLSPAN_MAX = 100;
const ROWSPAN_MAX = 1000;
const IMAGE_SIZE_MAX = 10_000;
const OL_START_MAX = 99_999;

function cell(attribs: Attribs): Checked {
  return [
    ['colspan', smallCount(attribs.colspan, COLSPAN_MAX)],
    ['rowspan', smallCount(attribs.rowspan, ROWSPAN_MAX)],
    ['scope', attribs.scope && TABLE_SCOPES.has(attribs.scope) ? attribs.scope : null],
  ];
}

/** The image itself: lazy-loading pages put it in data-src and a placeholder (or nothing) in src. */
function imageSource(attribs: Attribs, baseUrl: string | undefined): string | null {
  for (const value of [attribs.src, attribs['data-src'], attribs['data-original']]) {
    const src = value ? (rasterDataImage(value) ?? absoluteHttpUrl(value, baseUrl)) : null;
    if (src) return src;
  }
  return null;
}

/** Elements whose attributes need more than the allowlist: every URL attribute is among them. */
const CHECKS: Readonly<Record<string, (attribs: Attribs, baseUrl: string | undefined) => Checked>> = {
  a: (attribs, baseUrl) => [
    ['href', attribs.href ? absoluteHttpUrl(attribs.href, baseUrl) : null],
    ['title', attribs.title],
  ],
  img: (attribs, baseUrl) => [
    ['src', imageSource(attribs, baseUrl)],
    ['alt', attribs.alt],
    ['title', attribs.title],
    ['width', smallCount(attribs.width, IMAGE_SIZE_MAX)],
    ['height', smallCount(attribs.height, IMAGE_SIZE_MAX)],
  ],
  ol: (attribs) => [['start', smallCount(attribs.start, OL_START_MAX)]],
  td: cell,
  th: cell,
};

/** An empty `alt` says "decorative image"; any other attribute with no value means nothing. */
const KEPT_EMPTY = 'alt';

/**
 * The attributes `tag` keeps, as name/value pairs with values not yet escaped. Only names in the
 * shared allowlist pass, whatever the checks above return.
 */
export function keptAttributes(tag: string, attribs: Attribs, baseUrl: string | undefined): [string, string][] {
  const allowed = ARTICLE_ATTRIBUTES[tag];
  if (!allowed) return [];
  const checked = CHECKS[tag]?.(attribs, baseUrl) ?? Object.entries(attribs);
  const kept: [string, string][] = [];
  for (const [name, value] of checked)
    if (value != null && (value !== '' || name === KEPT_EMPTY) && allowed.includes(name)) kept.push([name, value]);
  return kept;
}
