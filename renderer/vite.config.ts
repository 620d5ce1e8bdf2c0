import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * The dev server needs inline scripts and <style> tags (React refresh preamble, CSS injection) and
 * its own HMR socket, which the production CSP in index.html forbids. Relax it for `vite serve` only;
 * the built files keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'newsboard-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(CSP_META, (_match, start: string, policy: string, end: string) => {
        const relaxed = policy
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*");
        return `${start}${relaxed}${end}`;
      }),
  };
}

export default defineConfig({
  root: import.meta.dirname,
  // Electron loads the built page from disk (file://), so every asset URL must be relative.
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
  },
});
