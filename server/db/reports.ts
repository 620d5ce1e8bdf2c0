import type { Kysely } from 'kysely';
import type { DeviceReport } from '../../common/fleetApi.js';
import type { FleetDatabase } from './schema.js';

export class ReportRepository {
  constructor(private readonly db: Kysely<FleetDatabase>) {}

  /**
   * Stores a report once per idempotency key and makes it the device's latest state unless a newer
   * one is already there. Returns false for a retry of a report already stored.
   */
  async record(deviceId: string, report: DeviceReport, now = new Date()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const bodyJson = JSON.stringify(report.state);
      // Normalized to UTC so the text comparison below orders by time whatever offset the board used.
      const reportedAt = new Date(report.state.sentAt).toISOString();
      const inserted = await trx
        .insertInto('reports')
        .values({
          device_id: deviceId,
          idempotency_key: report.idempotencyKey,
          received_at: now.toISOString(),
          body_json: bodyJson,
        })
        .onConflict((oc) => oc.columns(['device_id', 'idempotency_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      const state = {
        report_id: inserted.id,
        reported_at: reportedAt,
        received_at: now.toISOString(),
        body_json: bodyJson,
      };
      await trx
        .insertInto('device_state')
        .values({ device_id: deviceId, ...state })
        .onConflict((oc) =>
          oc.column('device_id').doUpdateSet(state).where('device_state.reported_at', '<=', reportedAt),
        )
        .execute();
      return true;
    });
  }
}
