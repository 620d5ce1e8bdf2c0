import { mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from './errors.js';
import { parseFeedFile } from './file.js';
import { MAX_ENTRIES, MAX_FEED_BYTES } from './limits.js';
import { parseFeedBytes } from './parseFeed.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Runs `run` and reports how long it took and how far the heap grew meanwhile (sampled after). */
function measured<T>(run: () => T): { value?: T; error?: unknown; ms: number; heapGrowthMb: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  try {
    const value = run();
    return {
      value,
      ms: performance.now() - started,
      heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
    };
  } catch (error) {
    return {
      error,
      ms: performance.now() - started,
      heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
    };
  }
}

const TIME_BOUND_MS = 3_000;
const HEAP_BOUND_MB = 200;

function billionLaughs(levels: number): string {
  const declarations = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= levels; level++)
    declarations.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE rss [${declarations.join('')}]>
<rss version="2.0"><channel><title>&lol${levels};</title><item><title>ok &lol${levels};</title><description>&lol${levels};</description></item></channel></rss>`;
}

describe('size limits', () => {
  it('refuses a feed over 50 MiB by its bytes and by its declared length, before decoding', () => {
    const tooBig = new Uint8Array(MAX_FEED_BYTES + 1);
    const result = measured(() => parseFeedBytes(tooBig));
    expect(result.error).toBeInstanceOf(FeedError);
    expect(result.error).toMatchObject({ code: 'too-large' });
    expect(result.ms).toBeLessThan(100);
    expect(() => parseFeedBytes(bytes('<rss version="2.0"></rss>'), { declaredLength: MAX_FEED_BYTES + 1 })).toThrow(
      /declared length is 52428801 bytes, over/,
    );
  });

  it('refuses an oversized feed file by its size, without reading it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'feed-size-'));
    try {
      const file = path.join(dir, 'huge.xml');
      const handle = openSync(file, 'w');
      ftruncateSync(handle, 60 * 1024 * 1024); // sparse: the test never writes 60 MB
      closeSync(handle);
      await expect(parseFeedFile(file)).rejects.toMatchObject({ code: 'too-large' });
      writeFileSync(path.join(dir, 'ok.xml'), '<rss version="2.0"><channel><title>ok</title></channel></rss>');
      await expect(parseFeedFile(path.join(dir, 'ok.xml'))).resolves.toMatchObject({ feed: { title: 'ok' } });
      await expect(parseFeedFile(path.join(dir, 'missing.xml'))).rejects.toMatchObject({
        code: 'invalid',
        message: expect.stringContaining('ENOENT'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('oversized entries', () => {
  it('reads at most MAX_ENTRIES entries and says so', () => {
    const items = Array.from({ length: MAX_ENTRIES + 1 }, (_, index) => `<item><title>${index}</title></item>`).join(
      '',
    );
    const feed = parseFeedBytes(bytes(`<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`));
    expect(feed.entries).toHaveLength(MAX_ENTRIES);
    expect(feed.warnings).toEqual([`only the first ${MAX_ENTRIES} entries are read`]);
  });

  it('leaves out an entry whose HTML is over 2 MB after sanitizing, keeping the others', () => {
    const xml = `<rss version="2.0"><channel><title>t</title>
      <item><title>huge</title><description>${'新闻'.repeat(1_100_000)}</description></item>
      <item><title>fine</title><description>ok</description></item></channel></rss>`;
    const result = measured(() => parseFeedBytes(bytes(xml)));
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.value?.entries.map((entry) => entry.title)).toEqual(['fine']);
    expect(result.value?.warnings).toEqual([expect.stringMatching(/^entry 1: summary .*2000000.*; skipped$/)]);
  });
});

describe('entity bombs', () => {
  it('neutralizes billion laughs: nested entities are never expanded, in bounded time and memory', () => {
    const result = measured(() => parseFeedBytes(bytes(billionLaughs(9))));
    expect(result.error).toBeUndefined();
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
    const feed = result.value;
    expect(feed?.feed.title).toBe('&lol9;');
    expect(feed?.entries[0]?.title).toBe('ok &lol9;');
    // `lol` itself is plain text and may expand; the nine that refer to other entities may not.
    expect(feed?.warnings).toEqual([expect.stringContaining('9 entity declaration(s) ignored')]);
  });

  it('neutralizes billion laughs declared inside the document too, where the XML parser meets it', () => {
    const inside = billionLaughs(9).replace(/^(<\?xml[^>]*>)(<!DOCTYPE[\s\S]*?\]>)\s*(<rss[^>]*>)/, '$1$3$2');
    expect(inside).toMatch(/^<\?xml[^>]*><rss version="2.0"><!DOCTYPE/);
    const result = measured(() => parseFeedBytes(bytes(inside)));
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
    expect(result.value?.entries[0]?.title).toBe('ok &lol9;');
  });

  it('refuses quadratic blowup (one large entity referenced many times) before expanding it', () => {
    const value = 'x'.repeat(1_000);
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${value}">]>
<rss version="2.0"><channel><title>t</title><item><description>${'&a;'.repeat(200_000)}</description></item></channel></rss>`;
    const result = measured(() => parseFeedBytes(bytes(xml)));
    expect(result.error).toMatchObject({ code: 'entity-expansion' });
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
  });

  it('expands a plain internal entity, as feedparser does, but not one inside CDATA', () => {
    const feed = parseFeedBytes(
      bytes(`<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss version="2.0"><channel><item>
        <guid isPermaLink="false">&id;2006-05-04:/blog/</guid><description><![CDATA[&id;]]></description></item></channel></rss>`),
    );
    expect(feed.entries[0]?.id).toBe('tag:example.com,2006-05-04:/blog/');
    expect(feed.entries[0]?.summary).toBe('&amp;id;');
  });

  describe('external entities and DTDs', () => {
    let server: Server;
    let url = '';
    const requests: string[] = [];
    beforeAll(async () => {
      server = createServer((request, response) => {
        requests.push(request.url ?? '');
        response.end('<!ENTITY secret "leaked">');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('never fetches a DTD or an external entity, and never reads local files', () => {
      const xml = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${url}/rss.dtd" [
        <!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "${url}/entity">
        <!ENTITY % param SYSTEM "${url}/param.dtd"> %param;]>
<rss version="2.0"><channel><title>&xxe;&remote;&secret;</title></channel></rss>`;
      const feed = parseFeedBytes(bytes(xml));
      expect(feed.feed.title).toBe('&xxe;&remote;&secret;');
      expect(JSON.stringify(feed)).not.toMatch(/root:|leaked/);
      expect(requests).toEqual([]);
    });
  });
});

describe('deep nesting', () => {
  it('refuses XML structure nested deeper than the parser allows, quickly', () => {
    const depth = 100_000;
    const xml = `<rss version="2.0"><channel><title>t</title>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</channel></rss>`;
    const result = measured(() => parseFeedBytes(bytes(xml)));
    expect(result.error).toMatchObject({ code: 'too-deep' });
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
  });

  it('skips an entry whose HTML nests too deeply (the sanitizer would take minutes) and keeps the rest', () => {
    const depth = 200_000;
    const deep = `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`.replace(/</g, '&lt;');
    const xml = `<rss version="2.0"><channel><title>t</title>
      <item><title>deep</title><description>${deep}</description></item>
      <item><title>fine</title><description>&lt;p&gt;ok&lt;/p&gt;</description></item></channel></rss>`;
    const result = measured(() => parseFeedBytes(bytes(xml)));
    expect(result.error).toBeUndefined();
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.heapGrowthMb).toBeLessThan(HEAP_BOUND_MB);
    expect(result.value?.entries.map((entry) => entry.title)).toEqual(['fine']);
    expect(result.value?.warnings).toEqual([expect.stringContaining('entry 1: markup nested deeper than 1000 levels')]);
  });

  it('parses deeply nested JSON as a refusal, not a stack overflow', () => {
    const json = `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`;
    const result = measured(() => parseFeedBytes(bytes(json)));
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    if (result.error) expect(result.error).toBeInstanceOf(FeedError);
    else expect(result.value?.entries).toHaveLength(1);
  });
});
