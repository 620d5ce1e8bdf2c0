import { _electron as electron, expect, test } from '@playwright/test';
import path from 'node:path';
import { electronBinaryPath } from '../../electron/host/shells.js';
import { repoRoot, runCli, tempDir } from './support/processes.js';

const binary = electronBinaryPath();

test('the Electron shell shows the home screen from a provisioned pack', async () => {
  test.skip(
    !binary,
    "Electron's binary is not installed (it downloads from the internet on first use): Electron e2e skipped",
  );
  const packDir = tempDir('electron-pack');
  const dataDir = tempDir('electron-kiosk');
  expect(runCli(['demo-pack', packDir]).status).toBe(0);
  expect(runCli(['ingest', packDir, '--data-dir', dataDir]).status).toBe(0);
  const app = await electron.launch({
    executablePath: binary as string,
    args: [path.join(repoRoot, 'dist', 'electron', 'main.cjs'), `--data-dir=${dataDir}`],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('article-card').first()).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
  }
});
