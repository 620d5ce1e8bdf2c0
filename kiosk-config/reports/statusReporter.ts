import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DeviceReport, DeviceState } from '../../common/fleetApi.js';

export interface ReportTarget {
  serverUrl: string;
  deviceId: string;
  token: string;
}

export interface StatusReporterOptions {
  target: ReportTarget;
  logger: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Posts the board's state to its fleet. Only the newest unsent state is kept: a board offline for a
 * week sends one report when it is back, not two thousand. Each state gets its own idempotency
 * key, and a failed post keeps it, so a retry of a post whose answer was lost is stored once.
 */
export class StatusReporter {
  private pending: DeviceReport | null = null;
  private sending: Promise<boolean> | null = null;

  constructor(private readonly options: StatusReporterOptions) {}

  /** Replaces any unsent state with this one. */
  submit(state: DeviceState): void {
    this.pending = { idempotencyKey: randomBytes(18).toString('base64url'), state };
  }

  get unsent(): DeviceReport | null {
    return this.pending;
  }

  /**
   * Sends the pending state, and any submitted while it was in flight; true when nothing is left
   * unsent. Never throws: a failure leaves the state pending for the next flush.
   */
  flush(): Promise<boolean> {
    this.sending ??= this.drain().then(
      (sent) => {
        this.sending = null;
        // A state submitted after the last post but before this line goes now, not a round later.
        return sent && this.pending ? this.flush() : sent;
      },
      () => {
        this.sending = null;
        return false;
      },
    );
    return this.sending;
  }

  /** Resolves when no post is in flight (for shutting down without starting a new one). */
  async idle(): Promise<void> {
    await this.sending;
  }

  private async drain(): Promise<boolean> {
    for (;;) {
      const report = this.pending;
      if (!report) return true;
      if (!(await this.post(report))) return false;
      if (this.pending === report) this.pending = null;
    }
  }

  private async post(report: DeviceReport): Promise<boolean> {
    const { target, logger } = this.options;
    try {
      const response = await (this.options.fetch ?? fetch)(
        new URL(`/api/v1/devices/${encodeURIComponent(target.deviceId)}/reports`, target.serverUrl),
        {
          method: 'POST',
          headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(report),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        },
      );
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new Error(`fleet server answered ${response.status}`);
      return true;
    } catch (error) {
      const err = error instanceof Error ? error.message : String(error);
      logger.warn({ err }, 'status report not sent; the newest state goes with the next round');
      return false;
    }
  }
}
