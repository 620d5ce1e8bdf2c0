import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chromiumArgs, launchChromiumKiosk, type ChromiumKiosk } from './launcher.js';

const logger = pino({ level: 'silent' });

describe('chromiumArgs', () => {
  const args = chromiumArgs('http://127.0.0.1:4000/#secret=abc', '/tmp/profile', false);

  it('opens the renderer URL as a kiosk app in its own profile', () => {
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:4000/#secret=abc');
    expect(args).toContain('--user-data-dir=/tmp/profile');
  });

  it('turns off what a public board must not do: GPU, background network, component updates, sync, first-run screens', () => {
    for (const flag of [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ]) {
      expect(args).toContain(flag);
    }
  });

  it('drops the sandbox only when running as root', () => {
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs('http://x/', '/p', true)).toContain('--no-sandbox');
  });

  it('appends extra switches last', () => {
    expect(chromiumArgs('http://x/', '/p', false, ['--headless=new']).at(-1)).toBe('--headless=new');
  });
});

/** Behaves like a spawned ChildProcess: 'exit' then 'close', exitCode set on exit, kill() ends it. */
class FakeBrowser extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly pid = 4242;
  readonly signals: string[] = [];

  constructor(readonly args: string[]) {
    super();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.signals.push(signal);
    setImmediate(() => this.end(null, signal));
    return true;
  }

  crash(code = 1): void {
    this.end(code, null);
  }

  private end(code: number | null, signal: NodeJS.Signals | null): void {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
    this.emit('close', code, signal);
  }
}

describe('launchChromiumKiosk watchdog', () => {
  let browsers: FakeBrowser[];
  let kiosk: ChromiumKiosk;

  beforeEach(() => {
    vi.useFakeTimers();
    browsers = [];
    kiosk = launchChromiumKiosk({
      executable: '/usr/bin/chromium',
      url: 'http://127.0.0.1:4000/',
      logger,
      isRoot: false,
      spawnProcess: (command, args) => {
        expect(command).toBe('/usr/bin/chromium');
        const browser = new FakeBrowser(args);
        browsers.push(browser);
        return browser as unknown as ChildProcess;
      },
    });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await kiosk.stop();
  });

  const current = () => browsers.at(-1)!;

  it('starts the browser once with a fresh profile directory', () => {
    expect(kiosk.launches).toBe(1);
    const profile = current()
      .args.find((a) => a.startsWith('--user-data-dir='))!
      .slice('--user-data-dir='.length);
    expect(existsSync(profile)).toBe(true);
    expect(current().args).not.toContain('--no-sandbox');
  });

  it('restarts a crashed browser after 1 s, then waits twice as long after each quick crash, up to 30 s', () => {
    const waits: number[] = [];
    for (let crash = 0; crash < 7; crash += 1) {
      const before = kiosk.launches;
      current().crash();
      let waited = 0;
      while (kiosk.launches === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
        expect(waited).toBeLessThanOrEqual(30_000);
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(browsers).toHaveLength(8);
  });

  it('goes back to a 1 s restart once the browser has stayed up for a minute', () => {
    current().crash();
    vi.advanceTimersByTime(1_000);
    current().crash();
    vi.advanceTimersByTime(2_000);
    expect(kiosk.launches).toBe(3);
    vi.advanceTimersByTime(61_000);
    current().crash();
    vi.advanceTimersByTime(999);
    expect(kiosk.launches).toBe(3);
    vi.advanceTimersByTime(1);
    expect(kiosk.launches).toBe(4);
  });

  it('stop() during a restart wait prevents any further launch', async () => {
    current().crash();
    await kiosk.stop();
    vi.advanceTimersByTime(120_000);
    expect(kiosk.launches).toBe(1);
  });

  it('stop() ends a running browser with SIGTERM, does not restart it, and removes its profile', async () => {
    const browser = current();
    const profile = browser.args.find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    vi.useRealTimers();
    await kiosk.stop();
    expect(browser.signals).toEqual(['SIGTERM']);
    expect(existsSync(profile)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(kiosk.launches).toBe(1);
  });
});

describe('launchChromiumKiosk with a real process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nb-chromium-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps trying when the browser cannot be started at all, and recovers once it can', async () => {
    // E.g. an upgrade replacing the chromium binary at the moment the watchdog restarts it.
    const executable = path.join(dir, 'chromium');
    const kiosk = launchChromiumKiosk({ executable, url: 'http://127.0.0.1:1/', logger, isRoot: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(kiosk.launches).toBe(1);
      writeFileSync(executable, '#!/bin/sh\nexec sleep 30\n');
      chmodSync(executable, 0o755);
      await vi.waitFor(() => expect(kiosk.launches).toBe(2), { timeout: 3_000, interval: 50 });
    } finally {
      await kiosk.stop();
    }
  });
});
