import { describe, expect, it } from 'vitest';
import { unsafeConstructs } from './unsafeHtml.js';

describe('unsafeConstructs', () => {
  it('finds script, handlers, styles and script URLs however they are spelled', () => {
    expect(unsafeConstructs('<p>ok<script>alert(1)</script></p>')).toEqual(['<script>']);
    expect(unsafeConstructs('<img src="x.png" onerror="alert(1)" />')).toEqual(['img[onerror]']);
    expect(unsafeConstructs('<a href="java&#x09;script&#58;alert(1)">x</a>')).toEqual(['a[href=javascript:alert(1)]']);
    expect(unsafeConstructs('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>')).toHaveLength(1);
    expect(unsafeConstructs('<div style="position:fixed">x</div><iframe src="https://e.example/"></iframe>')).toEqual([
      'div[style]',
      '<iframe>',
    ]);
  });

  it('passes reading markup, raster data images and text that merely mentions script', () => {
    expect(
      unsafeConstructs(
        '<p>The &lt;script&gt; tag and javascript: URLs</p><img src="data:image/png;base64,iVBORw0KGgo=" alt="" /><a href="https://e.example/">e</a>',
      ),
    ).toEqual([]);
  });
});
