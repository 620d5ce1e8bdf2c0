/**
 * The renderer's Content Security Policy, the same as the meta tag in renderer/index.html. Sent as a
 * header too, because a header also covers documents that lack the meta tag and cannot be removed
 * by script. Article HTML is shown under it, so content can run no script and load nothing remote.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
