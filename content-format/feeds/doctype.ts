import { FeedError } from './errors.js';
import { MAX_ENTITY_EXPANSION_CHARS } from './limits.js';
import { firstMarkup } from './prolog.js';

/** Internal entities we expand: plain text (no markup, no references) or one character reference. */
const SAFE_ENTITY = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]*|&#\w+;)"|'([^'&%<]*|&#\w+;)')\s*>/g;
const MAX_SAFE_ENTITIES = 100;
const MAX_ENTITY_VALUE_CHARS = 1_000;

export interface NeutralizedXml {
  xml: string;
  warnings: string[];
}

/** Index just past the DOCTYPE starting at `start`, honouring quotes, comments and the internal subset. */
function doctypeEnd(xml: string, start: number): { end: number; subset: string } {
  let index = start + '<!DOCTYPE'.length;
  let subsetStart = -1;
  let quote = '';
  while (index < xml.length) {
    const char = xml[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if (subsetStart >= 0 && xml.startsWith('<!--', index)) {
      const close = xml.indexOf('-->', index + 4);
      if (close < 0) break;
      index = close + 2;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '[' && subsetStart < 0) subsetStart = index + 1;
    else if (char === ']' && subsetStart >= 0) {
      const close = xml.indexOf('>', index);
      if (close < 0) break;
      return { end: close + 1, subset: xml.slice(subsetStart, index) };
    } else if (char === '>' && subsetStart < 0) return { end: index + 1, subset: '' };
    index++;
  }
  throw new FeedError('malformed', 'the DOCTYPE declaration is not closed');
}

/** Where a DOCTYPE may stand: after the XML declaration, comments and processing instructions. */
function findDoctype(xml: string): number {
  const start = firstMarkup(xml);
  return start >= 0 && /^<!DOCTYPE/i.test(xml.slice(start, start + 9)) ? start : -1;
}

/** Replaces `&name;` for the given entities, outside CDATA sections, refusing runaway growth. */
function expandEntities(xml: string, entities: Map<string, string>): string {
  const parts: string[] = [];
  let added = 0;
  let index = 0;
  // Searched again only once passed, so the scan stays linear however many `&` there are.
  let cdata = xml.indexOf('<![CDATA[');
  while (index < xml.length) {
    const amp = xml.indexOf('&', index);
    if (amp < 0) break;
    if (cdata >= 0 && cdata < amp) {
      const close = xml.indexOf(']]>', cdata);
      const end = close < 0 ? xml.length : close + 3;
      parts.push(xml.slice(index, end));
      index = end;
      cdata = xml.indexOf('<![CDATA[', end);
      continue;
    }
    const semi = xml.slice(amp + 1, amp + 66).indexOf(';');
    const value = semi > 0 ? entities.get(xml.slice(amp + 1, amp + 1 + semi)) : undefined;
    if (value === undefined) {
      parts.push(xml.slice(index, amp + 1));
      index = amp + 1;
      continue;
    }
    added += value.length;
    if (added > MAX_ENTITY_EXPANSION_CHARS)
      throw new FeedError(
        'entity-expansion',
        `entity expansion would add over ${MAX_ENTITY_EXPANSION_CHARS} characters; refusing the feed`,
      );
    parts.push(xml.slice(index, amp), value);
    index = amp + 2 + semi;
  }
  parts.push(xml.slice(index));
  return parts.join('');
}

/**
 * Removes the DOCTYPE before the XML parser sees it, so no DTD is ever fetched and no entity is
 * expanded by the parser. Like feedparser, internal entities whose value is plain text are kept
 * and expanded here in one pass (they cannot nest, so no billion laughs), with a cap on the growth
 * (so no quadratic blowup); every other declaration (external, parameter, or referring to other
 * entities) is dropped and its references stay literal text.
 */
export function neutralizeDoctype(xml: string): NeutralizedXml {
  const start = findDoctype(xml);
  if (start < 0) return { xml, warnings: [] };
  const { end, subset } = doctypeEnd(xml, start);
  const warnings: string[] = [];
  const entities = new Map<string, string>();
  const declared = subset.match(/<!ENTITY\b/g)?.length ?? 0;
  for (const match of subset.matchAll(SAFE_ENTITY)) {
    const [, name, double, single] = match;
    const value = double ?? single ?? '';
    if (name && entities.size < MAX_SAFE_ENTITIES && value.length <= MAX_ENTITY_VALUE_CHARS) entities.set(name, value);
  }
  if (declared > entities.size)
    warnings.push(
      `${declared - entities.size} entity declaration(s) ignored (external, parameter, nested or oversized)`,
    );
  const rest = xml.slice(0, start) + xml.slice(end);
  return { xml: entities.size > 0 ? expandEntities(rest, entities) : rest, warnings };
}
