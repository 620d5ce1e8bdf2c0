import { describe, expect, it } from 'vitest';
import { isRemote, resolveLocal } from './paths.js';

describe('resolveLocal', () => {
  it('resolves references against the document that holds them, decoding percent escapes', () => {
    expect(resolveLocal('OEBPS/text/ch1.xhtml', '../images/fig%201.png')).toBe('OEBPS/images/fig 1.png');
    expect(resolveLocal('OEBPS/text/ch1.xhtml', 'ch2.xhtml#s1')).toBe('OEBPS/text/ch2.xhtml');
    expect(resolveLocal('OEBPS/第1章 #1.xhtml', './图.png')).toBe('OEBPS/图.png');
  });

  it('never leaves the archive and never treats a remote or scripted reference as local', () => {
    expect(resolveLocal('OEBPS/a.xhtml', '../../../../etc/passwd')).toBe('etc/passwd');
    expect(resolveLocal('OEBPS/a.xhtml', '/etc/passwd')).toBe('etc/passwd');
    for (const href of [
      'https://evil.example/x.png',
      '//evil.example/x.png',
      'javascript:alert(1)',
      'data:image/png;base64,AA',
    ])
      expect(resolveLocal('OEBPS/a.xhtml', href)).toBeNull();
    expect(isRemote('//cdn.example/x.png')).toBe(true);
    expect(isRemote('images/x.png')).toBe(false);
  });
});
