export interface ContentType {
  /** Lower-cased `type/subtype`, or '' when the header names none. */
  mediaType: string;
  /** The `charset` parameter as written (quotes removed), when present and well-formed. */
  charset?: string;
}

/**
 * Reads an HTTP Content-Type header the way feedparser does: parameters separated by `;`, each
 * `name=value` with optional spaces around `=` and the value optionally in single or double
 * quotes. A malformed parameter (`charset:utf-8`) is ignored rather than guessed at.
 */
export function parseContentType(header: string): ContentType {
  const [type = '', ...params] = header.split(';');
  const result: ContentType = { mediaType: type.trim().toLowerCase() };
  for (const param of params) {
    const match = /^\s*([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"';]+))\s*$/.exec(param);
    if (match?.[1]?.toLowerCase() !== 'charset') continue;
    const value = (match[2] ?? match[3] ?? match[4] ?? '').trim();
    if (value !== '') result.charset = value;
  }
  return result;
}

export type XmlMediaClass = 'application-xml' | 'text-xml' | 'text-other' | 'json' | 'other' | 'none';

/**
 * RFC 3023 as feedparser applies it: for application/xml (and application/*+xml) an explicit
 * charset wins, then the XML declaration; for text/xml (and text/*+xml) an explicit charset wins
 * and, absent one, the document is US-ASCII whatever its declaration says.
 */
export function classifyMediaType(mediaType: string): XmlMediaClass {
  if (mediaType === '') return 'none';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  const xmlish =
    mediaType.endsWith('+xml') || /^(?:application|text)\/(?:xml|xml-dtd|xml-external-parsed-entity)$/.test(mediaType);
  if (mediaType.startsWith('application/') && xmlish) return 'application-xml';
  if (mediaType.startsWith('text/')) return xmlish ? 'text-xml' : 'text-other';
  return 'other';
}
