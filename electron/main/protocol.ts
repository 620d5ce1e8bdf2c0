import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { RENDERER_CSP } from './csp.js';
import type { Logger } from './log.js';

/*
 * The renderer is served from a privileged custom scheme rather than loaded with loadFile: under
 * file:// every local file shares one origin, so a navigation guard or a sender check could not
 * tell the renderer from any other file on disk, and 'self' in the CSP would match all of them.
 * app://newsboard is an origin of its own, serves only the renderer directory, and lets every
 * response carry the CSP header.
 */
const SCHEME = 'app';
const HOST = 'newsboard';
export const RENDERER_URL = `${SCHEME}://${HOST}/index.html`;

/** True for the renderer's own pages. Node's URL gives custom schemes an opaque origin, hence the parts. */
export function isRendererUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${SCHEME}:` && parsed.host === HOST;
  } catch {
    return false;
  }
}

/** Must run before the app is ready; Electron refuses privileged schemes afterwards. */
export function registerRendererScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache keeps V8's compiled code between starts, which the start-up budget needs.
    { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, logger: Logger): void {
  protocol.handle(SCHEME, async (request) => {
    const response = await rendererResponse(rendererDir, request);
    if (!response.ok) logger.warn({ url: request.url, status: response.status }, 'renderer asset not served');
    return response;
  });
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Maps an app:// request to a file inside rendererDir; anything that would leave it is a 404. */
export async function rendererResponse(
  rendererDir: string,
  request: Pick<Request, 'url' | 'method'>,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const url = new URL(request.url);
  if (url.host !== HOST) return plain(404, 'not found');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'bad path');
  }
  if (pathname.includes('\0')) return plain(400, 'bad path');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
    },
  });
}
