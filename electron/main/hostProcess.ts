import type { ForkOptions } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../common/bridge/api.js';
import { bridgeEventContract, isBridgeEvent, type BridgeChannel } from '../../common/bridge/contract.js';
import type { BridgeCallOutcome } from '../../common/bridge/dispatch.js';
import { hostRpcMessageSchema, type HostRpcMessage, type HostRpcRequest } from '../../common/bridge/rpc.js';
import { createRetryPolicy, type RetryPolicyOptions } from './backoff.js';
import type { BridgeErrorCode } from './ipc.js';
import type { Logger } from './log.js';

/** The part of Electron's UtilityProcess this module uses; tests substitute a fake. */
export interface HostChild {
  postMessage(message: unknown): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (type: string, location: string) => void): unknown;
}

export type ForkHost = (modulePath: string, args: string[], options: ForkOptions) => HostChild;

export interface HostProcessOptions {
  entryPath: string;
  argv: string[];
  fork: ForkHost;
  logger: Logger;
  /** Where host events go: the kiosk window's webContents, or nothing while there is no window. */
  eventTarget: () => { send(channel: string, ...args: unknown[]): void } | undefined;
  callTimeoutMs?: number;
  /** Bounds the memory a renderer flooding the bridge can pin in main while the host is slow. */
  maxPending?: number;
  restart?: RetryPolicyOptions;
  /** How long stop() waits for the host to close its database before giving up on it. */
  stopGraceMs?: number;
}

export interface HostProcess {
  call(channel: BridgeChannel, args: unknown): Promise<BridgeCallOutcome>;
  /** Terminates the host (SIGTERM) and does not restart it; resolves once it exited or the grace ran out. */
  stop(): Promise<void>;
}

/** The host could not answer: not running, restarting, too busy, or too slow. */
export class HostUnavailableError extends Error {
  override name = 'HostUnavailableError';
}

interface PendingCall {
  resolve(outcome: BridgeCallOutcome): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const defaultRestart: RetryPolicyOptions = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/**
 * Runs the kiosk host in a utilityProcess and speaks common/bridge/rpc.ts with it. The host keeps
 * the database and the sync daemon out of the main process, so a fault there cannot take the window
 * down; when it dies, its callers get an error at once and it comes back with backoff.
 */
export function startHostProcess(options: HostProcessOptions): HostProcess {
  const { logger, callTimeoutMs = 30_000, maxPending = 256, stopGraceMs = 5_000 } = options;
  const policy = createRetryPolicy(options.restart ?? defaultRestart);
  const pending = new Map<number, PendingCall>();
  let child: HostChild | undefined;
  let nextId = 1;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  const exitWaiters: Array<() => void> = [];

  const failPending = (reason: string) => {
    for (const call of pending.values()) {
      clearTimeout(call.timer);
      call.reject(new HostUnavailableError(reason));
    }
    pending.clear();
  };

  const onExit = (proc: HostChild, code: number) => {
    if (child !== proc) return;
    child = undefined;
    failPending(`the kiosk host exited with code ${code}`);
    if (stopping) {
      exitWaiters.splice(0).forEach((resolve) => resolve());
      return;
    }
    scheduleRestart(code);
  };

  const scheduleRestart = (code: number | null) => {
    const delayMs = policy.afterFailure();
    logger.error({ code, delayMs }, 'kiosk host is down; restarting after backoff');
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      spawn();
    }, delayMs);
  };

  const spawn = () => {
    let proc: HostChild;
    try {
      proc = options.fork(options.entryPath, options.argv, { serviceName: 'newsboard-host' });
    } catch (error) {
      logger.error({ err: error, entryPath: options.entryPath }, 'kiosk host could not be started');
      scheduleRestart(null);
      return;
    }
    child = proc;
    proc.on('message', (message) => {
      if (child === proc) onMessage(message);
    });
    proc.on('exit', (code) => onExit(proc, code));
    proc.on('error', (type, location) => logger.error({ type, location }, 'kiosk host hit a fatal error'));
    logger.info({ entryPath: options.entryPath, argv: options.argv }, 'kiosk host started');
  };

  const onMessage = (raw: unknown) => {
    const parsed = hostRpcMessageSchema.safeParse(raw);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 5) }, 'malformed message from the kiosk host ignored');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'result': {
        const call = pending.get(message.id);
        if (call === undefined) {
          logger.warn({ id: message.id }, 'result for no pending call ignored (timed out?)');
          return;
        }
        pending.delete(message.id);
        clearTimeout(call.timer);
        call.resolve(toBridgeOutcome(message.outcome));
        return;
      }
      case 'event':
        relayEvent(message.event, message.payload);
        return;
      case 'ready':
        if (message.fault) logger.error({ fault: message.fault }, 'kiosk host started in a fault state');
        else logger.info({}, 'kiosk host ready');
        return;
    }
  };

  // The renderer is typed against the event contract, so only contract-shaped events reach it.
  const relayEvent = (event: string, payload: unknown) => {
    if (!isBridgeEvent(event)) {
      logger.warn({ event }, 'unknown host event dropped');
      return;
    }
    const parsed = bridgeEventContract[event].safeParse(payload);
    if (!parsed.success) {
      logger.warn({ event, issues: parsed.error.issues.slice(0, 5) }, 'malformed host event dropped');
      return;
    }
    options.eventTarget()?.send(IPC_EVENT_CHANNEL, { event, payload: parsed.data });
  };

  const call = (channel: BridgeChannel, args: unknown): Promise<BridgeCallOutcome> => {
    const proc = child;
    if (proc === undefined) return Promise.reject(new HostUnavailableError('the kiosk host is not running'));
    if (pending.size >= maxPending) return Promise.reject(new HostUnavailableError('too many bridge calls in flight'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new HostUnavailableError(`the kiosk host did not answer ${channel} within ${callTimeoutMs} ms`));
      }, callTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      try {
        proc.postMessage({ type: 'call', id, channel, args } satisfies HostRpcRequest);
      } catch (error) {
        clearTimeout(timer);
        pending.delete(id);
        reject(error instanceof Error ? error : new HostUnavailableError(String(error)));
      }
    });
  };

  const stop = (): Promise<void> => {
    stopping = true;
    clearTimeout(restartTimer);
    const proc = child;
    if (proc === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const grace = setTimeout(() => {
        logger.warn({ stopGraceMs }, 'kiosk host did not exit in time');
        resolve();
      }, stopGraceMs);
      exitWaiters.push(() => {
        clearTimeout(grace);
        resolve();
      });
      proc.kill();
    });
  };

  spawn();
  return { call, stop };
}

const knownCodes: Record<BridgeErrorCode, true> = {
  'bad-request': true,
  'unknown-channel': true,
  unauthorized: true,
  'host-fault': true,
  internal: true,
};

function isBridgeErrorCode(code: string): code is BridgeErrorCode {
  return Object.hasOwn(knownCodes, code);
}

type HostOutcome = Extract<HostRpcMessage, { type: 'result' }>['outcome'];

/** The wire schema allows any code and status; anything outside the bridge's own set becomes `internal`. */
function toBridgeOutcome(outcome: HostOutcome): BridgeCallOutcome {
  if (outcome.ok) return { ok: true, result: outcome.result };
  const { code, message } = outcome.body.error;
  const status = outcome.status;
  if ((status === 400 || status === 404 || status === 500 || status === 503) && isBridgeErrorCode(code)) {
    return { ok: false, status, body: { error: { code, message } } };
  }
  return { ok: false, status: 500, body: { error: { code: 'internal', message } } };
}
