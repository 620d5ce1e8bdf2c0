import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { EnrollmentError, enrollBoard } from '../kiosk-config/enrollment/enroll.js';
import { IdentityError, loadIdentity } from '../kiosk-config/identity/identityStore.js';
import { CliError } from './args.js';

/**
 * Enrolls the board before its host starts when it has a code and no enrollment yet. A board that
 * is already enrolled ignores the code, so a service unit may keep passing it. Nothing here stops
 * the board: a refused code, an unreachable server or a damaged identity is said on stderr and in
 * the log, and the board starts from its cache, not enrolled (exiting would only have a supervisor
 * restart it in a loop, showing nothing). An unreachable server is tried again at the next start.
 */
export async function enrollOnStart(options: {
  command: string;
  dataDir: string;
  serverUrl: string | null;
  code: string | null;
  name?: string;
  logger: Logger;
}): Promise<void> {
  const { command, dataDir, serverUrl, code } = options;
  if (!code) return;
  if (!serverUrl) throw new CliError(`newsboard ${command}: --enroll-code needs --server URL`);
  // The host shows a missing data dir as a fault; enrolling must not create it.
  if (!existsSync(dataDir)) return;
  try {
    if (loadIdentity(dataDir)) return;
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    // Never replaced silently: an operator decides whether this board re-enrolls.
    options.logger.error({ err: error.message }, 'device identity unusable; not enrolling over it');
    process.stderr.write(`kiosk: not enrolled (${error.message}); starting from cache\n`);
    return;
  }
  try {
    const identity = await enrollBoard({ dataDir, serverUrl, code, name: options.name, logger: options.logger });
    process.stderr.write(`kiosk: enrolled as ${identity.deviceId} with ${serverUrl}\n`);
  } catch (error) {
    if (!(error instanceof EnrollmentError)) throw error;
    options.logger.error({ err: error.message, kind: error.kind }, 'board not enrolled');
    // A dead link or a full disk may be gone by the next start; a refused code stays refused.
    const next = error.kind === 'refused' ? 'give a new code' : 'retrying at the next start';
    process.stderr.write(`kiosk: not enrolled (${error.message}); starting from cache, ${next}\n`);
  }
}
