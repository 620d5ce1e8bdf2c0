import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from './charset.js';
import { parseContentType } from './contentType.js';
import { encodeLegacy, utf16, utf32 } from './testing/legacyEncode.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

const NEWS = '中国新闻：今天上午，国务院召开常务会议，研究部署经济工作和社会发展的主要任务。';
const NEWS_TW = '中國新聞：今天上午，國務院召開常務會議，研究部署經濟工作和社會發展的主要任務。';
const rss = (text: string, declaration = '') =>
  `${declaration}<rss version="2.0"><channel><title>${text}</title></channel></rss>`;

describe('parseContentType', () => {
  it('reads quoted, spaced and bare charset parameters and ignores malformed ones', () => {
    expect(parseContentType(`application/rss+xml;charset= 'us-ascii'`)).toEqual({
      mediaType: 'application/rss+xml',
      charset: 'us-ascii',
    });
    expect(parseContentType('Text/XML; charset = "GB2312"')).toEqual({ mediaType: 'text/xml', charset: 'GB2312' });
    expect(parseContentType('text/xml; charset:iso-8859-1')).toEqual({ mediaType: 'text/xml' });
    expect(parseContentType('text/xml; qs=0.9')).toEqual({ mediaType: 'text/xml' });
  });
});

describe('decodeFeedBytes', () => {
  it('uses the HTTP charset, reading gb2312 as GB18030 so GBK-only characters survive', () => {
    // 镕 and 喆 are GBK, not GB2312: feeds labelled gb2312 carry them all the time.
    const bytes = encodeLegacy(rss('朱镕基 张喆 谈经济'), 'gbk');
    const decoded = decodeFeedBytes(bytes, { contentType: 'application/rss+xml; charset=gb2312' });
    expect(decoded).toMatchObject({ encoding: 'gb18030', source: 'http', replacedInvalidBytes: false, warnings: [] });
    expect(decoded.text).toContain('朱镕基 张喆 谈经济');
  });

  it('reads the XML declaration when no header says otherwise (Big5, GBK)', () => {
    const big5 = decodeFeedBytes(encodeLegacy(rss(NEWS_TW, '<?xml version="1.0" encoding="big5"?>'), 'big5'));
    expect(big5).toMatchObject({ encoding: 'big5', source: 'xml-declaration' });
    expect(big5.text).toContain(NEWS_TW);
    const gbk = decodeFeedBytes(encodeLegacy(rss(NEWS, `<?xml version='1.0' encoding='GBK'?>`), 'gbk'), {
      contentType: 'application/xml',
    });
    expect(gbk).toMatchObject({ encoding: 'gb18030', source: 'xml-declaration' });
    expect(gbk.text).toContain(NEWS);
  });

  it('lets a byte order mark decide, and strips it (UTF-8, UTF-16 LE/BE, UTF-32)', () => {
    const text = rss(NEWS, '<?xml version="1.0" encoding="utf-16"?>');
    for (const [bytes, encoding] of [
      [concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(rss(NEWS))), 'utf-8'],
      [utf16(text, true, true), 'utf-16le'],
      [utf16(text, false, true), 'utf-16be'],
      [utf32(text, true, true), 'utf-32le'],
      [utf32(text, false, true), 'utf-32be'],
    ] as const) {
      const decoded = decodeFeedBytes(bytes, { contentType: 'application/xml; charset=iso-8859-1' });
      expect(decoded, encoding).toMatchObject({ encoding, source: 'bom' });
      expect(decoded.text.startsWith('<'), encoding).toBe(true);
      expect(decoded.text).toContain(NEWS);
    }
  });

  it('recognises UTF-16 and UTF-32 without a BOM from how `<?` is spelled', () => {
    const text = rss(NEWS, '<?xml version="1.0" encoding="utf-16"?>');
    expect(decodeFeedBytes(utf16(text, true, false))).toMatchObject({ encoding: 'utf-16le', text });
    expect(decodeFeedBytes(utf16(text, false, false))).toMatchObject({ encoding: 'utf-16be', text });
    expect(decodeFeedBytes(utf32(text.replace('utf-16', 'utf-32'), true, false)).encoding).toBe('utf-32le');
  });

  it('follows RFC 3023 for text/xml without a charset: US-ASCII, and says so when the bytes are not', () => {
    expect(decodeFeedBytes(utf8(rss('plain')), { contentType: 'text/xml' })).toMatchObject({
      encoding: 'us-ascii',
      source: 'http',
      warnings: [],
    });
    const chinese = decodeFeedBytes(utf8(rss(NEWS, '<?xml version="1.0" encoding="utf-8"?>')), {
      contentType: 'text/xml',
    });
    expect(chinese).toMatchObject({ encoding: 'utf-8', source: 'xml-declaration', replacedInvalidBytes: false });
    expect(chinese.text).toContain(NEWS);
    // An explicit charset on text/xml wins over the declaration.
    expect(
      decodeFeedBytes(utf8(rss('x', '<?xml version="1.0" encoding="iso-8859-1"?>')), {
        contentType: 'text/xml; charset=utf-8',
      }).encoding,
    ).toBe('utf-8');
  });

  it('treats JSON Feed as UTF-8', () => {
    const decoded = decodeFeedBytes(
      utf8(`{"version":"https://jsonfeed.org/version/1.1","title":"${NEWS}","items":[]}`),
    );
    expect(decoded).toMatchObject({ encoding: 'utf-8', source: 'json', json: true });
  });

  it('guesses GBK or Big5 for undeclared legacy bytes by which decoding reads as common Chinese', () => {
    const gbk = decodeFeedBytes(encodeLegacy(rss(NEWS), 'gbk'));
    expect(gbk).toMatchObject({ encoding: 'gb18030', source: 'guessed' });
    expect(gbk.text).toContain(NEWS);
    const big5 = decodeFeedBytes(encodeLegacy(rss(NEWS_TW), 'big5'));
    expect(big5).toMatchObject({ encoding: 'big5', source: 'guessed' });
    expect(big5.text).toContain(NEWS_TW);
  });

  it('reads GBK served as "utf-8" as GBK, with a warning naming the mislabel', () => {
    const decoded = decodeFeedBytes(encodeLegacy(rss(NEWS, '<?xml version="1.0" encoding="utf-8"?>'), 'gbk'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain(NEWS);
    expect(decoded.warnings).toEqual([expect.stringContaining('declared encoding utf-8')]);
  });

  it('replaces a stray invalid byte in UTF-8 and flags it, keeping the rest readable', () => {
    const bytes = concat(utf8(`<rss><channel><title>${NEWS}`), Uint8Array.of(0xff), utf8('</title></channel></rss>'));
    const decoded = decodeFeedBytes(bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', replacedInvalidBytes: true });
    expect(decoded.text).toContain(`${NEWS}\ufffd`);
    expect(decoded.warnings).toEqual([expect.stringContaining('replaced with U+FFFD')]);
  });

  it('skips an encoding label it does not know and maps windows-1252 C1 punctuation', () => {
    const bogus = decodeFeedBytes(utf8(rss('café', '<?xml version="1.0" encoding="bogus"?>')));
    expect(bogus).toMatchObject({ encoding: 'utf-8', source: 'default' });
    expect(bogus.text).toContain('café');
    // "don’t" written with the C1 control U+0092 where windows-1252 has ’ (feedparser's demoronize).
    expect(decodeFeedBytes(utf8(rss('don\u0092t'))).text).toContain('don\u2019t');
  });

  it('falls back to windows-1252 for undeclared bytes that are neither UTF-8 nor Chinese', () => {
    const decoded = decodeFeedBytes(
      Uint8Array.from([
        ...utf8('<rss><channel><title>caf'),
        0xe9,
        ...utf8(' cr'),
        0xe8,
        ...utf8('me</title></channel></rss>'),
      ]),
    );
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'guessed' });
    expect(decoded.text).toContain('café crème');
  });
});
