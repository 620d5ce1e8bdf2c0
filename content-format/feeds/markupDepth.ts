import { HTML_VOID_ELEMENTS } from '../html/voidElements.js';

/**
 * True when HTML opens more than `limit` elements without closing them. It over-counts (HTML's
 * implied end tags are not modelled), which only errs on the safe side. `[^<>]*` keeps the scan
 * linear: a tag that never closes is given up at the next `<`.
 */
export function exceedsMarkupDepth(html: string, limit: number): boolean {
  // Each level takes at least three characters (`<a>`): shorter text cannot be too deep.
  if (html.length <= limit * 3) return false;
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(\/?)>/g;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const [, closing, name = '', selfClosing] = match;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!selfClosing && !HTML_VOID_ELEMENTS.has(name.toLowerCase()) && ++depth > limit) return true;
  }
  return false;
}
