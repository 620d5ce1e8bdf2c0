import { describe, expect, it } from 'vitest';
import { paragraphsOf, sanitizeArticleHtml } from './articleHtml.js';

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

  it('decodes entities in the plain text', () => {
    expect(paragraphsOf('<p>A &amp; B &lt;C&gt;</p><p>“引号”</p>')).toEqual(['A & B <C>', '“引号”']);
  });
});
