/**
 * EPUB references are URLs relative to the document that holds them; zip entries are plain
 * names. Resolving against a fixed fake origin normalises "./" and "../" (clamped at the archive
 * root, so a reference can never leave it) and tells local references from remote ones.
 */
const ORIGIN = 'https://epub.invalid';

/**
 * The zip entry `href` (found in entry `from`) points at, its fragment dropped; null for remote or
 * non-URL references (http:, data:, javascript:, …).
 */
export function resolveLocal(from: string, href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), `${ORIGIN}/${from.split('/').map(encodeURIComponent).join('/')}`);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN) return null;
  let entry: string;
  try {
    entry = decodeURIComponent(url.pathname.slice(1));
  } catch {
    return null;
  }
  return entry || null;
}

/** True for references that leave the book: http(s), protocol-relative and other schemes with a host. */
export function isRemote(href: string): boolean {
  return /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(href);
}
