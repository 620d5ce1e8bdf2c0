import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostArgv, parseShellArgs } from './args.js';
import { shellPaths } from './paths.js';

describe('parseShellArgs', () => {
  it('reads --data-dir and --server in both spellings among Electron and Chromium arguments', () => {
    const args = parseShellArgs([
      '/opt/Newsboard/newsboard',
      '--no-sandbox',
      '--data-dir',
      '/var/lib/newsboard',
      '--server=https://fleet.example.org',
    ]);
    expect(args).toEqual({ dataDir: '/var/lib/newsboard', server: 'https://fleet.example.org', windowed: false });
  });

  it('treats a flag without a value as absent instead of swallowing the next flag', () => {
    expect(parseShellArgs(['electron', 'main.cjs', '--data-dir', '--windowed', '--server='])).toEqual({
      windowed: true,
    });
  });

  it('passes only what was given on to the host', () => {
    expect(hostArgv({ dataDir: '/d', server: 'https://s', windowed: true })).toEqual([
      '--data-dir',
      '/d',
      '--server',
      'https://s',
    ]);
    expect(hostArgv({ windowed: false })).toEqual([]);
  });
});

describe('shellPaths', () => {
  it('finds the preload beside the main bundle and the host and renderer bundles beside dist/electron', () => {
    const bundleDir = path.join('/app', 'dist', 'electron');
    expect(shellPaths(bundleDir)).toEqual({
      preload: path.join('/app', 'dist', 'electron', 'preload.cjs'),
      hostEntry: path.join('/app', 'dist', 'host', 'host.js'),
      rendererDir: path.join('/app', 'dist', 'renderer'),
    });
  });
});
