import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { launchChromiumKiosk } from '../../electron/chromium/launcher.js';
import { startBridgeServer } from '../../electron/host/bridgeServer.js';
import { startKioskHost } from '../../electron/host/kioskHost.js';
import { systemChromiumPath } from '../../electron/host/shells.js';
import { repoRoot, runCli, tempDir } from './support/processes.js';

const chromium = systemChromiumPath();

test('the Chromium shell loads the renderer, which reaches the host through the secret bridge', async () => {
  test.skip(!chromium, 'no system Chromium installed: Chromium shell test skipped');
  const dataDir = tempDir('chromium-shell');
  const packDir = tempDir('chromium-shell-pack');
  expect(runCli(['demo-pack', packDir]).status).toBe(0);
  expect(runCli(['ingest', packDir, '--data-dir', dataDir]).status).toBe(0);
  const rendererDir = path.join(repoRoot, 'dist', 'renderer');
  expect(existsSync(path.join(rendererDir, 'index.html'))).toBe(true);

  const logger = pino({ level: 'silent' });
  const host = startKioskHost({ dataDir, serverUrl: null, shell: 'chromium', appVersion: 'test', logger });
  const listCalls: number[] = [];
  const list = host.handlers['content:list'];
  host.handlers['content:list'] = async (args) => {
    const items = await list(args);
    listCalls.push(items.length);
    return items;
  };
  const bridge = await startBridgeServer({ host, rendererDir, logger });
  // Headless here because CI has no display; on a board the same launcher shows a kiosk window.
  const browser = launchChromiumKiosk({
    executable: chromium as string,
    url: bridge.rendererUrl,
    logger,
    extraArgs: ['--headless=new'],
  });
  try {
    await expect.poll(() => listCalls, { timeout: 20_000 }).not.toHaveLength(0);
    expect(listCalls[0]).toBeGreaterThanOrEqual(5);
    expect(browser.launches).toBe(1);
  } finally {
    await browser.stop();
    await bridge.close();
    await host.close();
  }
});
