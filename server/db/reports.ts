import type { Kysely, Transaction } from 'kysely';
import type { DeviceReport } from '../../common/fleetApi.js';
import type { FleetDatabase } from './schema.js';

/**
 * How far ahead of our clock a board's `sentAt` is believed. A board without a real-time clock can
 * report from 2099 (or any future) until NTP corrects it; taken at its word, that report would outrank
 * every later one forever. Ordering by `sentAt` still matters within this margin: a post the board
 * gave up on can land after its successor, and the older state must not replace the newer.
 */
const REPORT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Reports kept per board. A board reports every round (≈105,000 a year, each up to 64 KiB), and
 * only the newest is ever shown; 500 (days of rounds) is enough to look back at a recent incident
 * and to recognise any retry a board can still be sending, since a board keeps one unsent report.
 */
export const REPORTS_KEPT_PER_DEVICE = 500;

interface Stamped {
  sentAt: string;
  receivedAt: string;
}

const clamped = ({ sentAt, receivedAt }: Stamped) =>
  Math.min(Date.parse(sentAt), Date.parse(receivedAt) + REPORT_CLOCK_SKEW_MS);
const aheadOfUs = (report: Stamped) => Date.parse(report.sentAt) > Date.parse(report.receivedAt) + REPORT_CLOCK_SKEW_MS;

/** The stored state's `sentAt`; a damaged row (never expected) yields to any report. */
function sentAtOf(bodyJson: string): string {
  try {
    const sentAt = (JSON.parse(bodyJson) as { sentAt?: unknown }).sentAt;
    return typeof sentAt === 'string' ? sentAt : new Date(0).toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

/**
 * Whether `incoming` should replace `shown` as a board's state. The board's own `sentAt` orders two
 * reports from one clock, even a clock that runs ahead (a late retry must not replace what followed
 * it). Only when the shown report came from a clock far ahead and the incoming one did not do we
 * believe the newcomer up to the skew: that is how a board whose clock said 2099 recovers.
 */
function isNewer(incoming: Stamped, shown: Stamped): boolean {
  if (aheadOfUs(shown) && !aheadOfUs(incoming)) return clamped(incoming) >= clamped(shown);
  return Date.parse(incoming.sentAt) >= Date.parse(shown.sentAt);
}

export class ReportRepository {
  constructor(private readonly db: Kysely<FleetDatabase>) {}

  /**
   * Stores a report once per idempotency key and makes it the device's latest state unless a newer
   * one is already there, then prunes the device's oldest reports. Returns false for a retry of a
   * report already stored.
   */
  async record(deviceId: string, report: DeviceReport, now = new Date()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const bodyJson = JSON.stringify(report.state);
      const receivedAt = now.toISOString();
      // Normalized to UTC so the text comparison below orders by time whatever offset the board used.
      const reportedAt = new Date(
        Math.min(Date.parse(report.state.sentAt), now.getTime() + REPORT_CLOCK_SKEW_MS),
      ).toISOString();
      const inserted = await trx
        .insertInto('reports')
        .values({
          device_id: deviceId,
          idempotency_key: report.idempotencyKey,
          received_at: receivedAt,
          body_json: bodyJson,
        })
        .onConflict((oc) => oc.columns(['device_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      const state = { report_id: inserted.id, reported_at: reportedAt, received_at: receivedAt, body_json: bodyJson };
      const shown = await trx
        .selectFrom('device_state')
        .select(['received_at', 'body_json'])
        .where('device_id', '=', deviceId)
        .executeTakeFirst();
      const incoming = { sentAt: report.state.sentAt, receivedAt };
      if (!shown)
        await trx
          .insertInto('device_state')
          .values({ device_id: deviceId, ...state })
          .execute();
      else if (isNewer(incoming, { sentAt: sentAtOf(shown.body_json), receivedAt: shown.received_at }))
        await trx.updateTable('device_state').set(state).where('device_id', '=', deviceId).execute();
      await pruneReports(trx, deviceId);
      return true;
    });
  }
}

/**
 * Deletes all but the device's newest reports, never the one its state points at. A retry of a key
 * pruned long ago is stored again as a new report; a board only retries its one unsent report, so
 * such a retry is a stale state, which the ordering above keeps from replacing a newer one.
 */
async function pruneReports(trx: Transaction<FleetDatabase>, deviceId: string): Promise<void> {
  const cutoff = await trx
    .selectFrom('reports')
    .select('id')
    .where('device_id', '=', deviceId)
    .orderBy('id', 'desc')
    .limit(1)
    .offset(REPORTS_KEPT_PER_DEVICE - 1)
    .executeTakeFirst();
  if (!cutoff) return;
  await trx
    .deleteFrom('reports')
    .where('device_id', '=', deviceId)
    .where('id', '<', cutoff.id)
    .where('id', 'not in', trx.selectFrom('device_state').select('report_id').where('device_id', '=', deviceId))
    .execute();
}
