import { classifyMediaType, parseContentType } from './contentType.js';
import { canonicalEncoding, decodeBytes, InvalidBytes, isSupportedEncoding } from './decoders.js';
import { guessChineseEncoding, isMostlyUtf8 } from './legacyGuess.js';

/** Where the encoding we used came from. */
export type EncodingSource = 'bom' | 'http' | 'xml-declaration' | 'json' | 'default' | 'guessed';

export interface DecodedFeed {
  text: string;
  /** Canonical name of the encoding used, e.g. `utf-8`, `gb18030`, `big5`, `utf-16le`. */
  encoding: string;
  source: EncodingSource;
  /** True when invalid byte sequences were replaced with U+FFFD. */
  replacedInvalidBytes: boolean;
  /** Whether the document is JSON (JSON Feed) rather than XML, judged from its first character. */
  json: boolean;
  /** What an operator may want to know: a declared encoding that did not fit, replaced bytes. */
  warnings: string[];
}

interface Candidate {
  name: string;
  source: EncodingSource;
  /** Said by the publisher (header, BOM, declaration), as opposed to a default we assume. */
  declared: boolean;
}

const BOMS: readonly [number[], string][] = [
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/** `<?` in UTF-16/32 without a BOM (XML 1.0 Appendix F): it tells the byte width and order. */
const SNIFFS: readonly [number[], string][] = [
  [[0x00, 0x00, 0x00, 0x3c], 'utf-32be'],
  [[0x3c, 0x00, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x3c, 0x00, 0x3f], 'utf-16be'],
  [[0x3c, 0x00, 0x3f, 0x00], 'utf-16le'],
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

const XML_DECLARATION_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']/;

/** The head of the document as ASCII-compatible text, in the byte width the BOM or sniff found. */
function readHead(bytes: Uint8Array, width: string | undefined): string {
  const head = bytes.subarray(0, 1024);
  return width ? decodeBytes(head, width, false) : decodeBytes(head, 'iso-8859-1', false);
}

/** The declared UTF-16/32 says nothing about byte order; the BOM or the sniff does. */
function withByteOrder(declared: string, width: string | undefined): string {
  if ((declared === 'utf-16' || declared === 'utf-32') && width?.startsWith(declared)) return width;
  return declared;
}

function tryStrict(bytes: Uint8Array, name: string): string | null {
  try {
    return decodeBytes(bytes, name, true);
  } catch (error) {
    if (error instanceof InvalidBytes) return null;
    throw error;
  }
}

/**
 * The encodings worth trying, best first: a BOM (unambiguous, as XML 1.0 and WHATWG agree), then
 * the HTTP charset or, per RFC 3023, the default its media type implies, then the XML declaration,
 * then UTF-8 (JSON's only encoding, and the XML default).
 */
function candidates(
  bytes: Uint8Array,
  contentType: string | undefined,
): { list: Candidate[]; bomLength: number; json: boolean } {
  const bom = BOMS.find(([prefix]) => startsWith(bytes, prefix));
  const sniffed = bom ? undefined : SNIFFS.find(([prefix]) => startsWith(bytes, prefix))?.[1];
  const width = bom?.[1] ?? sniffed;
  const head = readHead(bytes.subarray(bom?.[0].length ?? 0), width);
  const json = /^\s*[[{]/.test(head);
  const declaredMatch = json ? null : XML_DECLARATION_ENCODING.exec(head);
  const xmlDeclared = declaredMatch?.[1] ? withByteOrder(canonicalEncoding(declaredMatch[1]), width) : undefined;

  const list: Candidate[] = [];
  if (bom) list.push({ name: bom[1], source: 'bom', declared: true });
  const type = contentType === undefined ? undefined : parseContentType(contentType);
  const httpCharset = type?.charset ? canonicalEncoding(type.charset) : undefined;
  const media = type ? classifyMediaType(type.mediaType) : 'none';
  if (httpCharset) list.push({ name: httpCharset, source: 'http', declared: true });
  else if (media === 'text-xml' || media === 'text-other')
    list.push({ name: 'us-ascii', source: 'http', declared: false });
  if (sniffed) list.push({ name: sniffed, source: 'default', declared: false });
  if (xmlDeclared) list.push({ name: xmlDeclared, source: 'xml-declaration', declared: true });
  list.push({ name: 'utf-8', source: json ? 'json' : 'default', declared: false });
  const seen = new Set<string>();
  const usable = list.filter(({ name }) => !seen.has(name) && seen.add(name) && isSupportedEncoding(name));
  return { list: usable, bomLength: bom?.[0].length ?? 0, json };
}

/** Windows-1252 code points where ISO-8859-1 has C1 controls (feedparser's "demoronize"). */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** C1 controls never belong in a feed; when one appears, the author meant windows-1252's character. */
function demoronize(text: string): string {
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80] ?? char)
    : text;
}

function finish(decoded: DecodedFeed): DecodedFeed {
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  return { ...decoded, text: demoronize(text) };
}

/**
 * Bytes → text, before any parsing. The first candidate that decodes without error wins; when a
 * publisher's declared encoding does not fit, a confident Chinese guess (GBK/Big5 served as
 * "utf-8" is common) or, failing that, the declared encoding with U+FFFD for the bad bytes is
 * used, and a warning says so. Never throws for bad bytes: one stray byte must not cost a board
 * its news.
 */
export function decodeFeedBytes(bytes: Uint8Array, options: { contentType?: string } = {}): DecodedFeed {
  const { list, bomLength, json } = candidates(bytes, options.contentType);
  const body = bytes.subarray(bomLength);
  const first = list[0] as Candidate;
  const warnings: string[] = [];
  for (const candidate of list) {
    const text = tryStrict(body, candidate.name);
    if (text === null) continue;
    if (candidate !== first && first.declared)
      warnings.push(
        `declared encoding ${first.name} (${first.source}) does not fit the bytes; decoded as ${candidate.name}`,
      );
    return finish({
      text,
      encoding: candidate.name,
      source: candidate.source,
      replacedInvalidBytes: false,
      json,
      warnings,
    });
  }

  const declared = list.find((candidate) => candidate.declared);
  const guess = guessChineseEncoding(body);
  if (guess) {
    if (declared)
      warnings.push(
        `declared encoding ${declared.name} (${declared.source}) does not fit the bytes; they read as ${guess.name}`,
      );
    return finish({
      text: guess.text,
      encoding: guess.name,
      source: 'guessed',
      replacedInvalidBytes: false,
      json,
      warnings,
    });
  }
  const lenientUtf8 = decodeBytes(body, 'utf-8', false);
  const fallback =
    declared ??
    (isMostlyUtf8(lenientUtf8)
      ? { name: 'utf-8', source: json ? ('json' as const) : ('default' as const), declared: false }
      : { name: 'windows-1252', source: 'guessed' as const, declared: false });
  const text = fallback.name === 'utf-8' ? lenientUtf8 : decodeBytes(body, fallback.name, false);
  const replaced = text.includes('\ufffd');
  if (replaced) warnings.push(`invalid ${fallback.name} byte sequences were replaced with U+FFFD`);
  return finish({
    text,
    encoding: fallback.name,
    source: fallback.source,
    replacedInvalidBytes: replaced,
    json,
    warnings,
  });
}
