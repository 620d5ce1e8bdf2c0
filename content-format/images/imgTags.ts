import { decodeHTML } from 'entities';

/**
 * `<img>` tags of ingest-sanitized HTML (content-format/sanitize), which writes every attribute as
 * `name="value"` with quotes and ampersands escaped, so a tag is read back exactly with a regex.
 */
export const IMG_TAG = /<img\b[^>]*>/g;

const ATTRIBUTE = /\s([a-z][a-z0-9-]*)="([^"]*)"/g;

/** Attribute values as written (entity-escaped), in their order. */
export function imgAttributes(tag: string): Map<string, string> {
  return new Map([...tag.matchAll(ATTRIBUTE)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

export function decodedAttribute(attributes: Map<string, string>, name: string): string | undefined {
  const raw = attributes.get(name);
  return raw === undefined ? undefined : decodeHTML(raw);
}

/** Serializes attributes whose values are already escaped, as the sanitizer writes them. */
export function imgTag(attributes: Map<string, string>): string {
  return `<img${[...attributes].map(([name, value]) => ` ${name}="${value}"`).join('')} />`;
}
