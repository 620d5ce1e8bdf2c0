import { defineConfig } from '@playwright/test';
import { chromiumLaunchArgs } from './support/chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/playwright',
  // Two cores: the kiosk host, the fleet server and Chromium already compete for them.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright.json' }]],
  use: {
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumLaunchArgs() },
    trace: 'retain-on-failure',
  },
});
