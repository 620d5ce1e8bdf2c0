import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLegacy } from '../../content-format/feeds/testing/legacyEncode.js';

const root = path.resolve(import.meta.dirname, '../..');
let workDir = '';
let cli = '';

/** Runs the real `newsboard` entry point, built from source for this test. */
function newsboard(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  // Inside node_modules/.cache so the bundle resolves the project's packages like dist/ does.
  mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
  workDir = mkdtempSync(path.join(root, 'node_modules', '.cache', 'parse-feed-cli-'));
  cli = path.join(workDir, 'newsboard.mjs');
  await build({
    entryPoints: [path.join(root, 'cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
}, 60_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('newsboard parse-feed', () => {
  it('is listed and explains itself', () => {
    expect(newsboard('--help').stdout).toMatch(/parse-feed\s+print a feed/);
    const help = newsboard('parse-feed', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: newsboard parse-feed <file> --json [--content-type "<header value>"]');
  });

  it('prints the normalized feed as JSON, decoding by the given Content-Type', () => {
    const file = path.join(workDir, 'gb.xml');
    writeFileSync(
      file,
      encodeLegacy(
        `<rss version="2.0"><channel><title>北京日报</title><link>https://bj.example.cn/</link>
          <item><title>朱镕基</title><link>/a.html</link><pubDate>Tue, 02 Jan 2024 08:00:00 +0800</pubDate>
          <description>&lt;p onclick="x()"&gt;正文&lt;/p&gt;</description></item></channel></rss>`,
        'gbk',
      ),
    );
    const result = newsboard('parse-feed', file, '--json', '--content-type', 'text/xml; charset=gb2312');
    expect(result.status, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { feed: object; entries: Record<string, unknown>[]; encoding: string };
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.feed).toEqual({ title: '北京日报', link: 'https://bj.example.cn/', language: null, updated: null });
    expect(Object.keys(parsed.entries[0] ?? {}).sort()).toEqual(
      ['author', 'content', 'id', 'language', 'link', 'published', 'summary', 'title', 'updated'].sort(),
    );
    expect(parsed.entries[0]).toMatchObject({
      title: '朱镕基',
      link: 'https://bj.example.cn/a.html',
      published: '2024-01-02T00:00:00.000Z',
      summary: '<p>正文</p>',
    });
  });

  it('exits non-zero with a one-line reason for a refused feed', () => {
    const huge = path.join(workDir, 'huge.xml');
    const handle = openSync(huge, 'w');
    ftruncateSync(handle, 51 * 1024 * 1024);
    closeSync(handle);
    const broken = path.join(workDir, 'broken.xml');
    writeFileSync(broken, '<rss version="2.0"><channel><title>x</titl></channel></rss>');
    const page = path.join(workDir, 'page.html');
    writeFileSync(page, '<!DOCTYPE html><html><body>not a feed</body></html>');
    for (const [args, reason] of [
      [[huge, '--json'], /over the 52428800-byte \(50 MiB\) limit/],
      [[broken, '--json'], /not well-formed XML/],
      [[page, '--json'], /not an RSS, Atom, RDF or JSON feed/],
    ] as const) {
      const result = newsboard('parse-feed', ...args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(reason);
    }
  });
});
