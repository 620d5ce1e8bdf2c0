import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isRendererUrl, registerRendererScheme, RENDERER_URL, rendererResponse, serveRenderer } from './protocol.js';
import { recordingLogger } from './testing/fakeElectron.js';

let root: string;
let rendererDir: string;
const get = (url: string) => rendererResponse(rendererDir, { url, method: 'GET' });

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'newsboard-protocol-'));
  rendererDir = path.join(root, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Newsboard</title>');
  await writeFile(path.join(rendererDir, 'assets', 'main-abc.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'outside the renderer');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('renderer protocol', () => {
  it('serves index.html under the CSP header and module scripts with a JavaScript type', async () => {
    const page = await get(RENDERER_URL);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Newsboard</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("object-src 'none'");
    const script = await get('app://newsboard/assets/main-abc.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await get('app://newsboard/')).status).toBe(200);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of [
      'app://newsboard/../secret.txt',
      'app://newsboard/%2e%2e/secret.txt',
      'app://newsboard/..%2fsecret.txt',
      'app://newsboard/assets/..%2f..%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).not.toBe(200);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
  });

  it('answers missing files, other hosts and writes with errors', async () => {
    expect((await get('app://newsboard/nope.js')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://newsboard/assets')).status).toBe(404);
    expect((await rendererResponse(rendererDir, { url: RENDERER_URL, method: 'POST' })).status).toBe(405);
  });

  it('is registered as a privileged standard scheme and served through protocol.handle', async () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
    registerRendererScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    const logger = recordingLogger();
    serveRenderer(protocol, rendererDir, logger);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    expect((await handler(new Request('app://newsboard/index.html'))).status).toBe(200);
    expect((await handler(new Request('app://newsboard/missing.css'))).status).toBe(404);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('recognises only the renderer origin as the renderer', () => {
    expect(isRendererUrl('app://newsboard/index.html#/article/1')).toBe(true);
    expect(isRendererUrl('app://evil/index.html')).toBe(false);
    expect(isRendererUrl('file:///work/dist/renderer/index.html')).toBe(false);
    expect(isRendererUrl('https://newsboard/index.html')).toBe(false);
    expect(isRendererUrl('not a url')).toBe(false);
  });
});
