// Layering rules of docs/architecture.md §Layout, enforced here; tests/lint/import-rules.test.ts
// proves each kind of violation fails.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const areas = [
  'cli',
  'common',
  'content-format',
  'content-cache',
  'kiosk-config',
  'electron',
  'renderer',
  'server',
  'scripts',
  'tests',
];
const others = (...allowed) => areas.filter((a) => !allowed.includes(a)).map((a) => `./${a}`);

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'events',
  'buffer',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/lint/fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'renderer/tsconfig.test.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './common', from: others('common'), message: 'common/ imports nothing of ours.' },
            { target: './renderer', from: others('common', 'renderer'), message: 'renderer/ imports only common/.' },
            {
              target: './server/console',
              from: [
                ...others('common', 'server'),
                './server/api',
                './server/db',
                './server/ingest',
                './server/blobs',
                './server/broker',
              ],
              message: 'server/console imports only common/.',
            },
            {
              target: './electron/preload',
              from: [...others('common', 'electron'), './electron/main', './electron/host', './electron/chromium'],
              message: 'electron/preload imports nothing but common/.',
            },
            {
              target: './server',
              from: ['./electron', './kiosk-config', './content-cache', './renderer'],
              message: 'server/ shares only common/ and content-format/ with the kiosk.',
            },
            {
              target: ['./electron', './kiosk-config', './content-cache'],
              from: ['./server', './renderer'],
              message: 'the kiosk side shares only common/ and content-format/ with the server.',
            },
            {
              target: './content-format',
              from: others('common', 'content-format'),
              message: 'content-format/ depends only on common/.',
            },
            {
              target: others('cli', 'tests'),
              from: ['./cli'],
              message: 'cli/ is the composition root: nothing imports it.',
            },
            {
              target: ['./content-cache', './kiosk-config'],
              from: ['./electron'],
              message: 'content-cache/ and kiosk-config/ are composed by electron/host, not the other way round.',
            },
          ],
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'only electron/main and electron/preload import electron.' },
            { name: 'better-sqlite3', message: 'better-sqlite3 is used only in content-cache/ and server/db/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'better-sqlite3', message: 'better-sqlite3 is used only in content-cache/ and server/db/.' }],
        },
      ],
    },
  },
  {
    files: ['content-cache/**', 'server/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'only electron/main and electron/preload import electron.' }] },
      ],
    },
  },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'electron', 'better-sqlite3'].map((name) => ({
            name,
            message: 'common/ is pure TypeScript: no Node, DOM, React or Electron modules.',
          })),
          patterns: [{ group: nodeBuiltins, message: 'common/ is pure TypeScript: no Node modules.' }],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**', 'server/console/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'the renderer talks only to window.newsboard.' },
            { name: 'better-sqlite3', message: 'the renderer talks only to window.newsboard.' },
          ],
          patterns: [{ group: nodeBuiltins, message: 'the renderer runs without Node.' }],
        },
      ],
    },
  },
);
