import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

export interface ChromiumKioskOptions {
  executable: string;
  url: string;
  logger: Logger;
  /** Hidden test hook: lets tests replace the real process with a fake. */
  spawnProcess?: (command: string, args: string[]) => ChildProcess;
  /** Extra switches, e.g. --headless for tests. */
  extraArgs?: string[];
  isRoot?: boolean;
}

export interface ChromiumKiosk {
  stop(): Promise<void>;
  /** Number of times the watchdog has started the browser. */
  readonly launches: number;
}

const MIN_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A browser that stayed up this long is healthy again, so the next crash restarts quickly. */
const HEALTHY_AFTER_MS = 60_000;

export function chromiumArgs(url: string, userDataDir: string, isRoot: boolean, extraArgs: string[] = []): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    // Chromium refuses to run its sandbox as root; boards run the kiosk as an ordinary user.
    ...(isRoot ? ['--no-sandbox'] : []),
    ...extraArgs,
  ];
}

/** Starts the system Chromium in kiosk mode and keeps it running, restarting with backoff after a crash. */
export function launchChromiumKiosk(options: ChromiumKioskOptions): ChromiumKiosk {
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const spawnProcess = options.spawnProcess ?? ((command, args) => spawn(command, args, { stdio: 'ignore' }));
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'newsboard-chromium-'));
  if (isRoot) options.logger.warn('running as root: Chromium starts without its sandbox; run boards as a normal user');
  let child: ChildProcess | null = null;
  let stopped = false;
  let delay = MIN_RESTART_DELAY_MS;
  let restartTimer: NodeJS.Timeout | null = null;
  let launches = 0;

  const launch = () => {
    const startedAt = Date.now();
    launches += 1;
    const current = spawnProcess(options.executable, chromiumArgs(options.url, userDataDir, isRoot, options.extraArgs));
    child = current;
    let ended = false;
    const restart = (code: number | null, signal: NodeJS.Signals | null) => {
      if (ended) return;
      ended = true;
      child = null;
      if (stopped) return;
      if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = MIN_RESTART_DELAY_MS;
      options.logger.warn({ code, signal, restartInMs: delay }, 'chromium exited; restarting');
      restartTimer = setTimeout(launch, delay);
      delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    };
    current.on('exit', restart);
    current.on('error', (error) => {
      options.logger.error({ err: error.message }, 'chromium failed to start');
      // A process that never started emits no 'exit'; without this the watchdog would give up for good.
      if (current.pid === undefined) restart(null, null);
    });
  };
  launch();

  return {
    get launches() {
      return launches;
    },
    stop: async () => {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      const running = child;
      if (running && running.exitCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.kill('SIGTERM');
        });
      }
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
