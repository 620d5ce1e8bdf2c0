import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from './articleHtml.js';
import { MAX_DATA_IMAGE_CHARS } from './urls.js';

const BASE = { baseUrl: 'https://news.example/2024/story.html' };
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

function html(dirty: string, options = BASE): string {
  return sanitizeArticleHtml(dirty, options).html;
}

describe('sanitizeArticleHtml', () => {
  it('keeps reading markup and text, drops scripts, handlers and javascript: links', () => {
    const result = sanitizeArticleHtml(
      '<p>第一段<script>alert(1)</script></p><div>第二段 <img src="/a.png" onerror="x()"><a href="javascript:alert(1)">链接</a></div><style>p{color:red}</style>',
      { baseUrl: 'https://news.example/2024/' },
    );
    expect(result.html).not.toMatch(/script|onerror|javascript:|style/i);
    expect(result.html).toContain('<img src="https://news.example/a.png" />');
    expect(result.paragraphs).toEqual(['第一段', '第二段 链接']);
    expect(result.imageUrls).toEqual(['https://news.example/a.png']);
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' \u0001javascript:alert(1)',
    'java&#x09;script:alert(1)',
    'java&#x0A;script:alert(1)',
    'java\tscript:alert(1)',
    '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
    '&#x6A;avascript&colon;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
    'file:///etc/passwd',
  ])('drops the link and image URL %s', (url) => {
    const out = html(`<a href="${url}">链接</a><img src="${url}" alt="图">`);
    expect(out).toBe('<a>链接</a>');
  });

  it('keeps base64 raster images inline and reports only remote ones for fetching', () => {
    const result = sanitizeArticleHtml(
      `<img src="${PNG}"><img src="pic.jpg"><img src="https://cdn.example/pic.jpg"><img src="data:image/svg+xml;base64,PHN2Zz4=">` +
        `<img src="data:image/gif,GIF89a"><img src="data:image/png;base64,${'A'.repeat(MAX_DATA_IMAGE_CHARS)}">`,
      BASE,
    );
    expect(result.html).toBe(
      `<img src="${PNG}" /><img src="https://news.example/2024/pic.jpg" /><img src="https://cdn.example/pic.jpg" />`,
    );
    expect(result.imageUrls).toEqual(['https://news.example/2024/pic.jpg', 'https://cdn.example/pic.jpg']);
  });

  it('takes the picture from data-src when a lazy-loading page left src empty, and drops images with none', () => {
    const result = sanitizeArticleHtml(
      '<img data-src="/big.jpg" alt="会场"><img src="" alt="空"><img src="javascript:x" data-original="https://cdn.example/o.png">',
      BASE,
    );
    expect(result.html).toBe(
      '<img src="https://news.example/big.jpg" alt="会场" /><img src="https://cdn.example/o.png" />',
    );
    expect(result.imageUrls).toEqual(['https://news.example/big.jpg', 'https://cdn.example/o.png']);
  });

  it('resolves relative links against the entry, and drops them when there is nothing to resolve against', () => {
    expect(html('<a href="../b.html#x" title="下一篇">下一篇</a>')).toBe(
      '<a href="https://news.example/b.html#x" title="下一篇">下一篇</a>',
    );
    expect(html('<a href="../b.html">下一篇</a><img src="x.png">', {} as typeof BASE)).toBe('<a>下一篇</a>');
  });

  it('drops style, class, id and name, so content can neither restyle the kiosk nor clobber DOM globals', () => {
    expect(
      html(
        '<p style="position:fixed;inset:0;z-index:9" class="screen" id="root" name="cookie" dir="rtl" lang="en">正文</p>',
      ),
    ).toBe('<p>正文</p>');
  });

  it('drops what acts or loads: frames, objects, forms, base, meta refresh, link, style, media', () => {
    const out = html(
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">' +
        '<link rel="stylesheet" href="https://evil.example/x.css"><iframe src="https://evil.example/">框架说明</iframe>' +
        '<object data="x.swf">替代文字</object><embed src="x.swf"><form action="https://evil.example/"><input name="q">' +
        '<select><option>选项</option></select><textarea>留言</textarea><button>提交</button></form>' +
        '<video src="v.mp4" poster="p.jpg">视频</video><p>正文</p>',
    );
    expect(out).toBe('替代文字提交视频<p>正文</p>');
  });

  it('drops SVG and MathML markup but keeps their text, and an unclosed one does not swallow the story', () => {
    expect(html('<p>公式</p><math><mi>a</mi><mo>+</mo><mi>b</mi></math><svg><text>标签</text><p>后文</p>')).toBe(
      '<p>公式</p>a+b标签<p>后文</p>',
    );
  });

  it('maps page structure to what the renderer styles: h1 becomes h2, sections end paragraphs', () => {
    const result = sanitizeArticleHtml('<h1>大标题</h1><section>第一节</section><section>第二节</section>', BASE);
    expect(result.html).toBe('<h2>大标题</h2><div>第一节</div><div>第二节</div>');
    expect(result.paragraphs).toEqual(['大标题', '第一节', '第二节']);
  });

  it('drops the ideographic indentation that starts a paragraph (the renderer indents), but not inside pre', () => {
    expect(html('<p>　　第一段</p>\n<div>&nbsp; <b>　第二段</b>　中间</div><pre>  缩进代码</pre>')).toBe(
      '<p>第一段</p>\n<div><b>第二段</b>　中间</div><pre>  缩进代码</pre>',
    );
  });

  it('keeps only small whole numbers in size and span attributes', () => {
    expect(
      html(
        '<table><tr><td colspan="2" rowspan="x">甲</td><th colspan="99999" scope="row">乙</th><th scope="evil">丙</th></tr></table>' +
          '<img src="a.png" width="640" height="100%"><ol start="-3"><li>一</li></ol>',
      ),
    ).toBe(
      '<table><tr><td colspan="2">甲</td><th scope="row">乙</th><th>丙</th></tr></table>' +
        '<img src="https://news.example/2024/a.png" width="640" /><ol><li>一</li></ol>',
    );
  });
});

describe('the plain text beside the markup', () => {
  it('decodes entities in the plain text', () => {
    expect(sanitizeArticleHtml('<p>A &amp; B &lt;C&gt;</p><p>“引号”</p>').paragraphs).toEqual(['A & B <C>', '“引号”']);
  });

  it('gives one line per table row with its cells apart, and folds ideographic indentation', () => {
    expect(
      sanitizeArticleHtml(
        '<table><tr><th>城市</th><th>人口</th></tr><tr><td>北京</td><td>2185万</td></tr></table><p>　　正文</p>',
      ).paragraphs,
    ).toEqual(['城市 人口', '北京 2185万', '正文']);
  });

  it('holds only text the markup shows: nothing from dropped elements, line breaks where blocks are', () => {
    const result = sanitizeArticleHtml(
      '<div>第一行<br>第二行<script>var x = "脚本";</script></div><ul><li>甲</li><li>乙</li></ul>' +
        '<svg><style>.a{}</style><text>图中文字</text></svg><span>行内</span><b>相连</b>',
    );
    expect(result.html).toBe(
      '<div>第一行<br />第二行</div><ul><li>甲</li><li>乙</li></ul>图中文字<span>行内</span><b>相连</b>',
    );
    expect(result.paragraphs).toEqual(['第一行', '第二行', '甲', '乙', '图中文字行内相连']);
  });
});
