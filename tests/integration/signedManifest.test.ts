import { createServer } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetSync } from '../../content-cache/sync/fleetSync.js';
import { MAX_MANIFEST_BYTES } from '../../content-cache/sync/manifestFetch.js';
import { buildPack } from '../../content-format/pack/build.js';
import { startKioskHost } from '../../electron/host/kioskHost.js';
import { enrollBoard } from '../../kiosk-config/enrollment/enroll.js';
import { openFleetDatabase } from '../../server/db/database.js';
import { DeviceRepository } from '../../server/db/devices.js';
import { SERVER_KEY_FILE } from '../../server/keys/serverKey.js';
import { article, FAST, silentLogger, SyncHarness, type SyncTarget } from './support/syncHarness.js';

const v1 = buildPack(
  [
    article('s1', '全市地铁新线开通', '2024-05-01T08:00:00+08:00', ['今日上午，地铁新线正式开通运营。']),
    article('s2', '社区举办义诊活动', '2024-05-02T08:00:00+08:00', ['本周六上午，社区卫生服务中心举办义诊。']),
  ],
  'v1',
);
const v2 = buildPack(
  [article('s3', '图书馆延长开放时间', '2024-06-01T08:00:00+08:00', ['中心图书馆开放至晚上九点。'])],
  'v2',
);

let h: SyncHarness;

beforeEach(() => {
  h = new SyncHarness();
});

afterEach(() => h.close());

/** A server that answers every manifest request with the same bytes: a replay by someone on the path. */
async function replaying(body: string, device: SyncTarget['device']): Promise<SyncTarget> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json', etag: '"replayed"' }).end(body),
  );
  return { url: await h.serve(server), device };
}

/** A server whose manifest reply is chunked, with no Content-Length, and would run to four times the limit. */
async function flooding(device: SyncTarget['device']): Promise<SyncTarget & { written: () => number }> {
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  let written = 0;
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const pump = (): void => {
      while (!response.destroyed && written < 4 * MAX_MANIFEST_BYTES) {
        written += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  });
  return { url: await h.serve(server), device, written: () => written };
}

describe('a board verifies the signed manifest', () => {
  it('keeps showing the last good version and reports the error when the manifest was edited after signing', async () => {
    const kioskDir = path.join(h.dir, 'board');
    mkdirSync(kioskDir);
    const fleet = await h.fleet('fleet', v1);
    const { code } = await fleet.issueEnrollmentCode({ ttlMs: 60_000, deviceName: '东门' });
    await enrollBoard({ dataDir: kioskDir, serverUrl: fleet.url, code, logger: silentLogger });
    const host = startKioskHost({
      dataDir: kioskDir,
      serverUrl: null,
      shell: 'none',
      appVersion: '0',
      logger: silentLogger,
    });
    try {
      await host.firstSync;
      expect((await host.handlers['content:list']({})).map((item) => item.id)).toEqual(['s2', 's1']);

      // Someone with write access to the release store changes a title (and the ETag, so boards fetch it).
      const db = await openFleetDatabase(fleet.dataDir);
      const release = await db.selectFrom('releases').select(['seq', 'signed_json']).executeTakeFirstOrThrow();
      const document = JSON.parse(release.signed_json!);
      document.body.items[0].title = '假消息';
      await db
        .updateTable('releases')
        .set({ signed_json: JSON.stringify(document), etag: '"edited"' })
        .where('seq', '=', release.seq)
        .execute();

      const status = await host.handlers['sync:now']({});
      expect(status.online).toBe(false);
      expect(status.lastError).toMatch(/^manifest signature invalid: the signature does not match/);
      expect(status.contentVersion).toBe(v1.manifest.version);
      const titles = (await host.handlers['content:list']({})).map((item) => item.title);
      expect(titles).toEqual(['社区举办义诊活动', '全市地铁新线开通']);

      const devices = new DeviceRepository(db);
      const board = async () => (await devices.list()).find((device) => device.name === '东门');
      await expect.poll(async () => (await board())?.state?.sync.lastError).toMatch(/^manifest signature invalid/);
      expect((await board())?.state?.appliedVersion).toBe(1);
      await db.destroy();
    } finally {
      await host.close();
    }
  });

  it('refuses a manifest signed by another key after the server key was swapped', async () => {
    const first = await h.fleet('fleet', v1);
    expect((await h.makeSync(first).syncOnce()).contentVersion).toBe(v1.manifest.version);
    await first.close();
    rmSync(path.join(first.dataDir, SERVER_KEY_FILE));
    const swapped = await h.fleet('fleet', v2);
    expect(swapped.serverPublicKey).not.toBe(first.serverPublicKey);

    const status = await h.makeSync(swapped).syncOnce();
    expect(status.lastError).toMatch(
      /^manifest signature invalid: signed by key [0-9a-f]{16}, which this board does not trust/,
    );
    expect(status.contentVersion).toBe(v1.manifest.version);
    expect(h.listedIds()).toEqual(['s2', 's1']);
    expect(h.blobCalls()).toHaveLength(2);
  });

  it('refuses a replayed older manifest (rollback), also after a restart, and keeps the newer version', async () => {
    const first = await h.fleet('fleet', v1);
    const old = await fetch(`${first.url}/api/v1/devices/${first.device.deviceId}/manifest`, {
      headers: { authorization: `Bearer ${first.device.token}` },
    });
    const oldDocument = await old.text();
    await first.close();
    const second = await h.fleet('fleet', v2);
    expect((await h.makeSync(second).syncOnce()).contentVersion).toBe(v2.manifest.version);

    const replay = await replaying(oldDocument, second.device);
    for (const sync of [h.makeSync(replay), h.makeSync(replay)]) {
      const status = await sync.syncOnce();
      expect(status.lastError).toBe('manifest older than applied: version 1 < 2 (rollback refused)');
      expect(sync.appliedVersion()).toBe(2);
    }
    expect(h.reader.contentVersion()).toBe(v2.manifest.version);
    expect(h.listedIds()).toEqual(['s3']);
  });

  it('refuses a chunked manifest over the size limit after reading no more than the limit, and keeps the last good version', async () => {
    const fleet = await h.fleet('fleet', v1);
    expect((await h.makeSync(fleet).syncOnce()).contentVersion).toBe(v1.manifest.version);
    const flood = await flooding(fleet.device);
    // Node's own fetch, not the harness's recording one, whose clone of the body would read it all.
    const sync = new FleetSync(
      {
        serverUrl: flood.url,
        device: flood.device,
        writer: h.writer,
        db: h.writerDb,
        blobs: h.blobs,
        logger: silentLogger,
        config: FAST,
        onPublished: () => {},
        onStatus: () => {},
      },
      h.reader.contentVersion(),
    );
    const status = await sync.syncOnce();
    expect(status.lastError).toBe(
      `manifest of more than ${MAX_MANIFEST_BYTES} bytes is over the ${MAX_MANIFEST_BYTES}-byte limit`,
    );
    expect(status.contentVersion).toBe(v1.manifest.version);
    expect(sync.appliedVersion()).toBe(1);
    expect(h.listedIds()).toEqual(['s2', 's1']);
    // Socket buffers hold a few MiB: a board that read on would have taken all four times the limit.
    expect(flood.written()).toBeLessThan(MAX_MANIFEST_BYTES + 32 * 1024 * 1024);
  });

  it('says the server refused the board (401) when its token is wrong, and fetches nothing', async () => {
    const fleet = await h.fleet('fleet', v1);
    const status = await h.makeSync({ url: fleet.url, device: { ...fleet.device, token: 'x'.repeat(43) } }).syncOnce();
    expect(status.online).toBe(false);
    expect(status.lastError).toMatch(/does not accept this board \(401\)/);
    expect(h.calls.map((call) => call.status)).toEqual([401]);
    expect(h.listedIds()).toEqual([]);
  });
});
