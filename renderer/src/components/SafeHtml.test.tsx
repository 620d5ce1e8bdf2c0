// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeHtml, articleFragment } from './SafeHtml.js';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

afterEach(cleanup);

/** DOMPurify's XSS corpus, read in place from ../shared when this machine has it. */
const corpus = Object.values(
  import.meta.glob<{ payload: string }[]>('../../../../shared/corpora/dompurify/payloads.json', {
    eager: true,
    import: 'default',
  }),
)[0];

const TAGS = new Set(
  'p br wbr hr div span h2 h3 h4 h5 h6 b strong i em u s del ins sub sup small mark q cite abbr code pre blockquote ul ol li dl dt dd figure figcaption img ruby rt rp table caption thead tbody tfoot tr th td'.split(
    ' ',
  ),
);
const ATTRIBUTES = /^(?:src|alt|width|height|title|start|colspan|rowspan|scope|class|role|aria-label|aria-hidden)$/;

function rendered(html: string): HTMLElement {
  const { getByTestId } = render(<SafeHtml className="article-html" html={html} />);
  return getByTestId('article-html');
}

/** Every attribute left anywhere in the rendered article, as `tag[name]`. */
function attributesIn(root: Element): string[] {
  return [...root.querySelectorAll('*')].flatMap((element) =>
    [...element.attributes].map((attribute) => `${element.localName}[${attribute.name}]`),
  );
}

describe('SafeHtml', () => {
  it('renders reading markup as DOM: headings, lists, tables, text', () => {
    const root = rendered(
      '<h2>小标题</h2><p>第一段<strong>重点</strong></p><ul><li>一</li><li>二</li></ul>' +
        '<table><tr><th scope="col">城市</th></tr><tr><td colspan="2">北京</td></tr></table>',
    );
    expect(root.querySelector('h2')?.textContent).toBe('小标题');
    expect(root.querySelector('p strong')?.textContent).toBe('重点');
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['一', '二']);
    expect(root.querySelector('.article-table-scroll > table td')?.getAttribute('colspan')).toBe('2');
    expect(root.querySelector('th')?.getAttribute('scope')).toBe('col');
  });

  it('is strict on its own: nothing that acts, loads or restyles survives even without the ingest sanitizer', () => {
    const root = rendered(
      '<p id="root" class="screen" style="position:fixed;inset:0" onclick="alert(1)" data-x="1" aria-hidden="true">正文</p>' +
        '<script>alert(1)</script><style>*{display:none}</style><iframe src="https://evil.example/"></iframe>' +
        '<form action="https://evil.example/"><input name="cookie" autofocus onfocus="alert(1)"><button>提交</button></form>' +
        '<svg onload="alert(1)"><a href="javascript:alert(1)"><text>矢量</text></a></svg><math><mi>x</mi></math>' +
        '<object data="x"></object><embed src="x"><base href="https://evil.example/"><meta http-equiv="refresh" content="0">' +
        '<img src="x" onerror="alert(1)" srcset="https://evil.example/a.png 2x"><p title="t" lang="en">完</p>',
    );
    expect(
      [...root.querySelectorAll('*')].map((e) => e.localName).filter((tag) => !['p', 'span'].includes(tag)),
    ).toEqual([]);
    expect(attributesIn(root)).toEqual(['span[class]', 'span[aria-hidden]']);
    expect(root.textContent).toBe('正文提交完');
  });

  it('makes links inert: the text stays, no element that could navigate', () => {
    const root = rendered(
      '<p>详见<a href="https://news.example/a" title="原文">原文链接</a>与<a href="javascript:alert(1)">另一处</a></p>',
    );
    expect(root.querySelectorAll('a, area, [href]')).toHaveLength(0);
    expect(root.textContent).toBe('详见原文链接与另一处');
  });

  it('lets web addresses in the text wrap anywhere, and only them', () => {
    const root = rendered(
      '<p>详见：https://news.example/a-long/path?x=1，或访问www.example.org。English words stay whole.</p>',
    );
    expect([...root.querySelectorAll('.article-url')].map((span) => span.textContent)).toEqual([
      'https://news.example/a-long/path?x=1',
      'www.example.org',
    ]);
    expect(root.textContent).toBe(
      '详见：https://news.example/a-long/path?x=1，或访问www.example.org。English words stay whole.',
    );
  });

  it('shows local images, and a placeholder carrying the alt text for anything it would have to fetch', () => {
    const root = rendered(
      `<img src="${PNG}" alt="图表"><img src="blob:http://127.0.0.1:1/abc" alt="照片">` +
        '<img src="https://cdn.example/p.jpg" alt="会场全景"><img src="http://cdn.example/q.jpg">' +
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="矢量图">',
    );
    expect([...root.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      PNG,
      'blob:http://127.0.0.1:1/abc',
    ]);
    const placeholders = [...root.querySelectorAll('.article-image-missing')];
    expect(placeholders.map((p) => [p.getAttribute('role'), p.getAttribute('aria-label'), p.textContent])).toEqual([
      ['img', '会场全景', '会场全景'],
      [null, null, ''],
      ['img', '矢量图', '矢量图'],
    ]);
  });

  it('neutralises classic mutation-XSS shapes in the browser parser', () => {
    const fragment = articleFragment(
      '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">' +
        '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' +
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>' +
        '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
    );
    const elements = [...fragment.querySelectorAll('*')];
    expect(elements.filter((e) => e.namespaceURI !== 'http://www.w3.org/1999/xhtml')).toEqual([]);
    expect(elements.flatMap((e) => e.getAttributeNames()).filter((name) => name.startsWith('on'))).toEqual([]);
    expect(fragment.querySelectorAll('img, style, svg, math, form, noscript')).toHaveLength(0);
  });

  it('shows nothing, and does not throw, for markup the parser reads as a frameset document', () => {
    expect(
      rendered('<frameset onload="alert(1)"><frame src="https://evil.example/"></frameset>').childNodes,
    ).toHaveLength(0);
  });

  it('replaces its content when the article changes and clears it on unmount', () => {
    const { getByTestId, rerender, unmount } = render(<SafeHtml html="<p>甲</p>" />);
    const root = getByTestId('article-html');
    rerender(<SafeHtml html="<p>乙</p>" />);
    expect(root.innerHTML).toBe('<p>乙</p>');
    unmount();
    expect(root.childNodes).toHaveLength(0);
  });

  it.skipIf(corpus === undefined)(
    'holds on its own against every payload of the DOMPurify corpus, unsanitized (skipped without ../shared)',
    () => {
      const failures = (corpus ?? []).flatMap(({ payload }, index) => {
        const elements = [...articleFragment(payload).querySelectorAll('*')];
        const found = elements.flatMap((element) => [
          ...(TAGS.has(element.localName) && element.namespaceURI === 'http://www.w3.org/1999/xhtml'
            ? []
            : [`<${element.localName}>`]),
          ...element.getAttributeNames().filter((name) => !ATTRIBUTES.test(name)),
          ...(/^(?:data:image\/|blob:)/.test(element.getAttribute('src') ?? 'data:image/') ? [] : ['remote src']),
        ]);
        return found.length > 0 ? [{ index, found }] : [];
      });
      expect(failures).toEqual([]);
    },
  );
});
