// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaBlob } from '../../../common/bridge/contract.js';
import type { ImageRef } from '../../../common/kinds/base.js';
import { BridgeContext } from '../app/bridgeContext.js';
import { createFakeBridge, type FakeBridge } from '../testing/fakeBridge.js';
import { SafeHtml, articleFragment } from './SafeHtml.js';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

const PNG_BASE64 = PNG.slice('data:image/png;base64,'.length);
const PHOTO = 'a'.repeat(64);
const CHART = 'b'.repeat(64);
const VECTOR = 'c'.repeat(64);
const blobSrc = (sha256: string) => `blob:sha256:${sha256}`;

/** Object URLs the page made and freed; jsdom decodes no images, so these are what there is to see. */
const made: string[] = [];
const revoked: string[] = [];

beforeEach(() => {
  made.length = 0;
  revoked.length = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:http://127.0.0.1/${made.length}-${(blob as Blob).type}`;
    made.push(url);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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

  it('shows inline images, and a placeholder carrying the alt text for anything it would have to fetch', () => {
    const root = rendered(
      `<img src="${PNG}" alt="图表"><img src="blob:http://127.0.0.1:1/abc" alt="照片">` +
        '<img src="https://cdn.example/p.jpg" alt="会场全景"><img src="http://cdn.example/q.jpg">' +
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="矢量图"><img alt="下载失败的图">',
    );
    expect([...root.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([PNG]);
    const placeholders = [...root.querySelectorAll('.article-image-missing')];
    expect(placeholders.map((p) => [p.getAttribute('role'), p.getAttribute('aria-label'), p.textContent])).toEqual([
      ['img', '照片', '照片'],
      ['img', '会场全景', '会场全景'],
      [null, null, ''],
      ['img', '矢量图', '矢量图'],
      ['img', '下载失败的图', '下载失败的图'],
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

  describe('images from the blob cache', () => {
    function bridgeWith(read: (sha256: string) => MediaBlob | null | Promise<MediaBlob | null>): FakeBridge {
      return createFakeBridge({ 'media:read': ({ sha256 }) => read(sha256) });
    }

    function renderedWith(bridge: FakeBridge, html: string, images?: ImageRef[]) {
      const view = render(
        <BridgeContext value={bridge}>
          <SafeHtml html={html} {...(images ? { images } : {})} />
        </BridgeContext>,
      );
      return { ...view, root: view.getByTestId('article-html') };
    }

    const reads = (bridge: FakeBridge) =>
      bridge.calls.filter((call) => call.channel === 'media:read').map((call) => call.args);

    it('shows each picture from one object URL read once through the bridge, sized before it arrives', async () => {
      let answer: (blob: MediaBlob) => void = () => {};
      const bridge = bridgeWith(() => new Promise((resolve) => (answer = resolve)));
      const { root } = renderedWith(
        bridge,
        `<p>开幕</p><img src="${blobSrc(PHOTO)}" alt="会场全景"><p>正文</p><img src="${blobSrc(PHOTO)}" alt="再看一眼">`,
        [{ sha256: PHOTO, width: 1200, height: 800, alt: '会场全景' }],
      );
      const images = [...root.querySelectorAll('img')];
      // Waiting: no address to load yet, the box already the picture's shape, no alt text laid out as text.
      expect(
        images.map((img) => [img.getAttribute('src'), img.getAttribute('width'), img.getAttribute('height')]),
      ).toEqual([
        [null, '1200', '800'],
        [null, '1200', '800'],
      ]);
      expect(images.map((img) => img.alt)).toEqual(['', '']);
      answer({ mediaType: 'image/png', base64: PNG_BASE64 });
      await waitFor(() => expect(images[0]?.getAttribute('src')).toBe(made[0]));
      expect(made).toEqual(['blob:http://127.0.0.1/0-image/png']);
      expect(images.map((img) => [img.getAttribute('src'), img.alt])).toEqual([
        [made[0], '会场全景'],
        [made[0], '再看一眼'],
      ]);
      expect(reads(bridge)).toEqual([{ sha256: PHOTO }]);
      expect(root.textContent).toBe('开幕正文');
    });

    it('keeps the sizes the markup gives', () => {
      const { root } = renderedWith(
        bridgeWith(() => null),
        `<img src="${blobSrc(PHOTO)}" width="600" height="400">`,
        [{ sha256: PHOTO, width: 1200, height: 800 }],
      );
      const image = root.querySelector('img');
      expect([image?.getAttribute('width'), image?.getAttribute('height')]).toEqual(['600', '400']);
    });

    it('shows the alt-text placeholder for a blob the host will not give, cannot read, or that is no picture', async () => {
      const bridge = bridgeWith((sha256) => {
        if (sha256 === CHART) throw new Error('host gone');
        return sha256 === VECTOR ? { mediaType: 'image/svg+xml', base64: btoa('<svg onload="alert(1)"/>') } : null;
      });
      const { root } = renderedWith(
        bridge,
        `<img src="${blobSrc(PHOTO)}" alt="未发布的图"><img src="${blobSrc(CHART)}" alt="图表"><img src="${blobSrc(VECTOR)}" alt="矢量">`,
      );
      await waitFor(() => expect(root.querySelectorAll('img')).toHaveLength(0));
      expect([...root.querySelectorAll('.article-image-missing')].map((p) => p.getAttribute('aria-label'))).toEqual([
        '未发布的图',
        '图表',
        '矢量',
      ]);
      expect(made).toEqual([]);
    });

    it('shows placeholders, and asks nothing, where there is no bridge', () => {
      const root = rendered(`<img src="${blobSrc(PHOTO)}" alt="照片">`);
      expect(root.querySelector('.article-image-missing')?.getAttribute('aria-label')).toBe('照片');
    });

    it('swaps a picture the browser cannot decode for its placeholder', async () => {
      const { root } = renderedWith(
        bridgeWith(() => ({ mediaType: 'image/png', base64: btoa('not really a png') })),
        `<img src="${blobSrc(PHOTO)}" alt="坏图">`,
      );
      await waitFor(() => expect(root.querySelector('img')?.getAttribute('src')).toBe(made[0]));
      root.querySelector('img')?.dispatchEvent(new Event('error'));
      expect(root.querySelector('.article-image-missing')?.getAttribute('aria-label')).toBe('坏图');
    });

    it('frees every object URL when the article closes or changes, and makes none after it closed', async () => {
      let late: (blob: MediaBlob) => void = () => {};
      const bridge = bridgeWith((sha256) =>
        sha256 === VECTOR
          ? new Promise((resolve) => (late = resolve))
          : { mediaType: sha256 === PHOTO ? 'image/jpeg' : 'image/png', base64: PNG_BASE64 },
      );
      const { root, rerender, unmount } = renderedWith(
        bridge,
        `<img src="${blobSrc(PHOTO)}"><img src="${blobSrc(CHART)}">`,
      );
      await waitFor(() => expect(made).toHaveLength(2));
      rerender(
        <BridgeContext value={bridge}>
          <SafeHtml html={`<img src="${blobSrc(CHART)}"><img src="${blobSrc(VECTOR)}">`} />
        </BridgeContext>,
      );
      expect(revoked.sort()).toEqual([...made].sort());
      await waitFor(() => expect(made).toHaveLength(3));
      expect(root.querySelector('img')?.getAttribute('src')).toBe(made[2]);
      unmount();
      expect(revoked).toHaveLength(3);
      late({ mediaType: 'image/png', base64: PNG_BASE64 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(made).toHaveLength(3);
    });

    it('reads at most four blobs at a time, in the order the article shows them', async () => {
      const answers: ((blob: MediaBlob) => void)[] = [];
      const bridge = bridgeWith(() => new Promise((resolve) => answers.push(resolve)));
      const hashes = Array.from({ length: 6 }, (_, i) => String(i).repeat(64));
      renderedWith(bridge, hashes.map((sha256) => `<img src="${blobSrc(sha256)}">`).join(''));
      await waitFor(() => expect(reads(bridge)).toHaveLength(4));
      answers[0]?.({ mediaType: 'image/png', base64: PNG_BASE64 });
      await waitFor(() => expect(reads(bridge)).toHaveLength(5));
      expect(reads(bridge)).toEqual(hashes.slice(0, 5).map((sha256) => ({ sha256 })));
    });
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
