import { decodeHTML } from 'entities';

const DANGEROUS_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'base',
  'meta',
  'link',
  'svg',
  'math',
  'template',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'poster',
  'srcset',
  'xlink:href',
  'data',
]);
const RASTER_DATA = /^data:image\/(?:png|jpe?g|gif|webp|avif);base64,/i;

/**
 * What in stored HTML could run script or navigate when a browser renders it: dangerous
 * elements, event handlers, `style`/`srcdoc`, and script or non-image data URLs in URL
 * attributes (entities decoded and whitespace removed first, as a browser would). Returns the
 * constructs found; empty when the HTML is safe. Reads serializer output (our sanitizer's), whose
 * tags and attributes are regular enough for a scan.
 */
export function unsafeConstructs(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<\s*([A-Za-z][\w:-]*)([^>]*)>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    if (DANGEROUS_TAGS.has(name)) found.push(`<${name}>`);
    for (const attribute of (tag[2] ?? '').matchAll(/([^\s="'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const attributeName = (attribute[1] ?? '').toLowerCase();
      const value = decodeHTML(attribute[2] ?? attribute[3] ?? attribute[4] ?? '').replace(/[\s\u0000-\u001f]/g, '');
      if (attributeName.startsWith('on')) found.push(`${name}[${attributeName}]`);
      if (attributeName === 'style' || attributeName === 'srcdoc') found.push(`${name}[${attributeName}]`);
      if (
        URL_ATTRIBUTES.has(attributeName) &&
        /^(?:javascript|vbscript|data|livescript):/i.test(value) &&
        !RASTER_DATA.test(value)
      )
        found.push(`${name}[${attributeName}=${value.slice(0, 30)}]`);
    }
  }
  return found;
}
