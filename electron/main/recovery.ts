import type { BrowserWindow } from 'electron';
import { createRetryPolicy, type RetryPolicyOptions } from './backoff.js';
import type { Logger } from './log.js';

export interface RecoveryOptions extends RetryPolicyOptions {
  /** How long a hung renderer may stay unresponsive (a long GC on a small board) before it is killed. */
  hangGraceMs: number;
}

export const defaultRecovery: RecoveryOptions = {
  initialMs: 1_000,
  maxMs: 60_000,
  stableMs: 120_000,
  hangGraceMs: 15_000,
};

/** Chromium's net::ERR_ABORTED: a load superseded by another, not a failure. */
const ERR_ABORTED = -3;

/**
 * Brings the renderer back after a crash, a failed load or a hang, so a board never stays black.
 * Reloads go through one backoff, so a renderer that dies on every start is retried at most once
 * per `maxMs`, and a burst of failure events schedules only one reload.
 */
export function keepRendererAlive(
  window: BrowserWindow,
  reload: () => Promise<void>,
  logger: Logger,
  options: RecoveryOptions = defaultRecovery,
): void {
  const contents = window.webContents;
  const policy = createRetryPolicy(options);
  let reloadTimer: NodeJS.Timeout | undefined;
  let hangTimer: NodeJS.Timeout | undefined;

  const scheduleReload = (reason: string) => {
    if (reloadTimer !== undefined || window.isDestroyed()) return;
    const delayMs = policy.afterFailure();
    logger.warn({ reason, delayMs }, 'renderer lost; reloading after backoff');
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      if (window.isDestroyed()) return;
      // A failed load also emits did-fail-load, which schedules the next attempt.
      reload().catch((error: unknown) => logger.warn({ err: error }, 'renderer reload failed'));
    }, delayMs);
  };

  contents.on('render-process-gone', (_event, details) => {
    scheduleReload(`render-process-gone:${details.reason}`);
  });
  contents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    scheduleReload(`did-fail-load:${errorCode}:${errorDescription}`);
  });
  // A hung renderer does not exit by itself; killing it turns the hang into render-process-gone.
  contents.on('unresponsive', () => {
    hangTimer ??= setTimeout(() => {
      hangTimer = undefined;
      logger.warn({ hangGraceMs: options.hangGraceMs }, 'renderer hung; killing it');
      if (!window.isDestroyed()) contents.forcefullyCrashRenderer();
    }, options.hangGraceMs);
  });
  contents.on('responsive', () => {
    clearTimeout(hangTimer);
    hangTimer = undefined;
  });
  window.on('closed', () => {
    clearTimeout(reloadTimer);
    clearTimeout(hangTimer);
  });
}
