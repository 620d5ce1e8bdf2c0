// Entry of the kiosk host when Electron runs it in a utilityProcess (bundled to dist/host/host.js).
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { HostRpcMessage } from '../../common/bridge/rpc.js';
import { startKioskHost } from './kioskHost.js';
import { serveHostOverParentPort, type ParentPortLike } from './utilityProcessTransport.js';

const logger = pino({ name: 'newsboard-host' });
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  logger.fatal('not running inside an Electron utilityProcess; use `newsboard kiosk` instead');
  process.exit(1);
}

// The shell passes on only what the operator gave it; unknown switches are Chromium's, not ours.
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { 'data-dir': { type: 'string' }, server: { type: 'string' } },
  strict: false,
});
// No default: guessing a directory could silently start an empty board; the fault screen says what is missing.
const dataDir = typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : '';
const server = typeof values.server === 'string' ? values.server : null;

const host = startKioskHost({
  dataDir,
  serverUrl: server,
  shell: 'electron',
  appVersion: process.env.npm_package_version ?? '0.1.0',
  logger,
});
serveHostOverParentPort(host, parentPort, logger);
parentPort.postMessage({ type: 'ready', fault: host.fault } satisfies HostRpcMessage);
