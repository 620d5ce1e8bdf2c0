import { execFileSync } from 'node:child_process';

/**
 * A minimal PDF writer for tests, so they need nothing but poppler. Latin text uses the standard
 * Helvetica; Chinese uses a Type0 font with Identity-H encoding (code = Unicode code point) and a
 * ToUnicode map, which is all text extraction needs. The font is not embedded, so Chinese glyphs
 * render as whatever the substitute font has at those ids: tests check text and sizes, not looks.
 */
export interface TestRun {
  /** From the page's left edge, in points. */
  x: number;
  /** Baseline from the page's top edge, in points. */
  y: number;
  size: number;
  text: string;
}

export interface TestPage {
  width?: number;
  height?: number;
  rotate?: number;
  runs: TestRun[];
}

export interface TestPdfInfo {
  title?: string;
  /** PDF date, e.g. D:20240501080000+08'00'. */
  creationDate?: string;
}

const A4 = { width: 595, height: 842 };

function hasCjk(text: string): boolean {
  return /[^\u0000-\u00ff]/.test(text);
}

function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function utf16Hex(text: string): string {
  return [...text].map((c) => (c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('');
}

/** Metadata strings: UTF-16BE with a byte order mark when not Latin-1. */
function infoString(text: string): string {
  return hasCjk(text) ? `<feff${utf16Hex(text)}>` : literal(text);
}

function toUnicodeCMap(): string {
  const ranges = Array.from({ length: 256 }, (_, high) => {
    const hex = high.toString(16).padStart(2, '0');
    return `<${hex}00> <${hex}ff> <${hex}00>`;
  });
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <ffff> endcodespacerange',
    ...blocks,
    'endcmap CMapName currentdict /defineresource pop end end',
  ].join('\n');
}

function contentStream(page: TestPage): string {
  const height = page.height ?? A4.height;
  return page.runs
    .map(({ x, y, size, text }) => {
      const [font, shown] = hasCjk(text) ? ['/F2', `<${utf16Hex(text)}>`] : ['/F1', literal(text)];
      return `BT ${font} ${size} Tf ${x} ${height - y} Td ${shown} Tj ET`;
    })
    .join('\n');
}

function stream(dict: string, body: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
}

export function makePdf(pages: readonly TestPage[], info: TestPdfInfo = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const fontF1 = 3;
  const fontF2 = 4;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const firstPage = 9;
  const kids = pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ');
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /NotoSansCJKsc-Regular /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>`,
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSansCJKsc-Regular ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /CIDToGIDMap /Identity >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /NotoSansCJKsc-Regular /Flags 4 /FontBBox [0 -120 1000 880] ' +
      '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  );
  add(stream('', toUnicodeCMap()));
  const infoEntries = [
    info.title !== undefined ? `/Title ${infoString(info.title)}` : '',
    info.creationDate !== undefined ? `/CreationDate ${literal(info.creationDate)}` : '',
  ].join(' ');
  add(`<< ${infoEntries} >>`);
  for (const page of pages) {
    const box = `[0 0 ${page.width ?? A4.width} ${page.height ?? A4.height}]`;
    const rotate = page.rotate ? ` /Rotate ${page.rotate}` : '';
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox ${box}${rotate} ` +
        `/Resources << /Font << /F1 ${fontF1} 0 R /F2 ${fontF2} 0 R >> >> /Contents ${objects.length + 2} 0 R >>`,
    );
    add(stream('', contentStream(page)));
  }
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 8 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Whether a command runs here: poppler for every PDF test, qpdf for the encrypted ones. */
export function commandExists(command: string, versionFlag = '-v'): boolean {
  try {
    execFileSync(command, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
