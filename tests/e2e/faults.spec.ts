import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startCli, tempDir } from './support/processes.js';
import { PORTRAIT, boardPage, screenshot } from './support/screens.js';

function sqliteUserVersion(file: string, set?: number): number {
  const script = `import sqlite3,sys
c=sqlite3.connect(sys.argv[1])
if len(sys.argv)>2: c.execute('pragma user_version=%d' % int(sys.argv[2])); c.commit()
print(c.execute('pragma user_version').fetchone()[0])`;
  return Number(
    execFileSync('python3', ['-c', script, file, ...(set === undefined ? [] : [String(set)])], {
      encoding: 'utf8',
    }).trim(),
  );
}

test('a missing data dir shows the fault screen and is not created', async ({ browser }) => {
  const dataDir = path.join(tempDir('missing'), 'not-mounted');
  const kiosk = startCli(['kiosk', '--data-dir', dataDir, '--shell', 'none']);
  try {
    const url = await kiosk.line('renderer:');
    expect(kiosk.stderr()).toContain('does not exist');
    const { context, page } = await boardPage(browser, PORTRAIT);
    await page.goto(url);
    await expect(page.getByTestId('fault-screen')).toBeVisible();
    await expect(page.getByTestId('fault-screen')).toContainText(dataDir);
    await screenshot(page, 'fault-portrait');
    await context.close();
    expect(existsSync(dataDir)).toBe(false);
  } finally {
    await kiosk.kill();
  }
});

test('a database from a newer schema is refused and left untouched', async ({ browser }) => {
  const dataDir = tempDir('newer');
  mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'kiosk.sqlite');
  sqliteUserVersion(dbFile, 99);
  const kiosk = startCli(['kiosk', '--data-dir', dataDir, '--shell', 'none']);
  try {
    const url = await kiosk.line('renderer:');
    expect(kiosk.stderr()).toContain('newer');
    const { context, page } = await boardPage(browser, PORTRAIT);
    await page.goto(url);
    await expect(page.getByTestId('fault-screen')).toBeVisible();
    await context.close();
  } finally {
    await kiosk.kill();
  }
  expect(sqliteUserVersion(dbFile)).toBe(99);
});
