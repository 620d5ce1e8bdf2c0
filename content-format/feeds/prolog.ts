/**
 * Index of the first `<` that is neither a processing instruction (the XML declaration among
 * them) nor a comment: a DOCTYPE or the root element. -1 when there is none.
 */
export function firstMarkup(xml: string): number {
  let index = 0;
  while (index < xml.length) {
    const next = xml.indexOf('<', index);
    if (next < 0) return -1;
    if (xml.startsWith('<?', next)) index = xml.indexOf('?>', next) + 2;
    else if (xml.startsWith('<!--', next)) index = xml.indexOf('-->', next) + 3;
    else return next;
    // An unclosed declaration or comment: there is no markup after it.
    if (index < next) return -1;
  }
  return -1;
}

/** The root element's local name, lower-cased (`rss`, `feed`, `rdf`), or null. */
export function rootElementName(xml: string): string | null {
  const start = firstMarkup(xml);
  const name =
    start < 0 ? undefined : /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(xml.slice(start, start + 200))?.[2];
  return name ? name.toLowerCase() : null;
}
