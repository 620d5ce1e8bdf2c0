// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { takeBridgeSecret } from './secret.js';

const SECRET = '00ff'.repeat(8);

beforeEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('takeBridgeSecret', () => {
  it('takes the secret from the fragment and removes it from the visible URL', () => {
    window.history.replaceState(null, '', `/index.html?x=1#secret=${SECRET}`);
    expect(takeBridgeSecret(window)).toBe(SECRET);
    expect(window.location.href).toBe('http://localhost:3000/index.html?x=1');
  });

  it('survives a reload through sessionStorage', () => {
    window.history.replaceState(null, '', `/#secret=${SECRET}`);
    takeBridgeSecret(window);
    window.history.replaceState(null, '', '/');
    expect(takeBridgeSecret(window)).toBe(SECRET);
  });

  it('refuses a secret that is not hex, and still strips it from the URL', () => {
    window.history.replaceState(null, '', '/#secret=%3Cscript%3E');
    expect(takeBridgeSecret(window)).toBeNull();
    expect(window.location.hash).toBe('');
  });
});
