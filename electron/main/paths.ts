import path from 'node:path';

export interface ShellPaths {
  preload: string;
  hostEntry: string;
  rendererDir: string;
}

/**
 * Where the other bundles sit relative to the main bundle (dist/electron/main.cjs). `bundleDir` is
 * that bundle's `__dirname`, passed in rather than read here so tests and the packaged app
 * (inside app.asar) resolve the same layout.
 */
export function shellPaths(bundleDir: string): ShellPaths {
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    hostEntry: path.join(bundleDir, '..', 'host', 'host.js'),
    rendererDir: path.join(bundleDir, '..', 'renderer'),
  };
}
