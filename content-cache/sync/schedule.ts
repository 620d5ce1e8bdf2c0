import cron from 'node-cron';
import type { Logger } from 'pino';
import type { FleetSync } from './fleetSync.js';

export interface SyncSchedule {
  stop(): Promise<void>;
}

/**
 * Runs sync rounds on the cron schedule of the sync config (in its time zone, each after a random
 * delay so a fleet does not call at once) and keeps the status's next attempt current. "Collect
 * now" is `FleetSync.syncOnce`, which joins a round already running instead of starting another.
 */
export function scheduleSync(sync: FleetSync, logger: Logger): SyncSchedule {
  const { schedule, maxRandomDelayMs, timeZone } = sync.syncConfig;
  const task = cron.schedule(
    schedule,
    async () => {
      await sync.syncOnce();
      sync.noteNextAttempt(task.getNextRun());
    },
    {
      name: 'fleet-sync',
      noOverlap: true,
      maxRandomDelay: maxRandomDelayMs,
      ...(timeZone ? { timezone: timeZone } : {}),
    },
  );
  task.on('execution:failed', (context) => logger.error({ err: context.execution?.error }, 'scheduled sync failed'));
  sync.noteNextAttempt(task.getNextRun());
  return {
    stop: async () => {
      await task.destroy();
      sync.noteNextAttempt(null);
    },
  };
}
