import { app, ipcMain, protocol, utilityProcess, type BrowserWindow } from 'electron';
import { hostArgv, parseShellArgs } from './args.js';
import { HostUnavailableError, startHostProcess, type HostProcess } from './hostProcess.js';
import { registerBridgeIpc } from './ipc.js';
import type { Logger } from './log.js';
import { shellPaths } from './paths.js';
import { isRendererUrl, registerRendererScheme, RENDERER_URL, serveRenderer } from './protocol.js';
import { createKioskWindow } from './window.js';

export interface KioskAppOptions {
  /** `__dirname` of the main bundle; the other bundles are found relative to it. */
  bundleDir: string;
  argv: readonly string[];
  logger: Logger;
}

/** Wires the Electron shell: one instance, the host in a utilityProcess, the kiosk window, the bridge. */
export function runKioskApp({ bundleDir, argv, logger }: KioskAppOptions): void {
  // A second shell would open the same database and fight over the screen.
  if (!app.requestSingleInstanceLock()) {
    logger.warn({}, 'another Newsboard shell is already running; exiting');
    app.quit();
    return;
  }
  const args = parseShellArgs(argv);
  const paths = shellPaths(bundleDir);
  logger.info({ args, paths }, 'starting the Electron shell');
  registerRendererScheme(protocol);

  let window: BrowserWindow | undefined;
  let host: HostProcess | undefined;

  app.on('second-instance', () => {
    if (window === undefined || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // The board's supervisor (systemd, the session) starts the shell again if it quits.
  app.on('window-all-closed', () => app.quit());
  // Give the host its grace period to close the database, then quit for real.
  app.on('will-quit', (event) => {
    const stopping = host;
    if (stopping === undefined) return;
    host = undefined;
    event.preventDefault();
    void stopping.stop().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      serveRenderer(protocol, paths.rendererDir, logger);
      host = startHostProcess({
        entryPath: paths.hostEntry,
        argv: hostArgv(args),
        fork: (modulePath, forkArgs, options) => utilityProcess.fork(modulePath, forkArgs, options),
        logger,
        eventTarget: () => (window === undefined || window.isDestroyed() ? undefined : window.webContents),
      });
      registerBridgeIpc(
        ipcMain,
        (channel, callArgs) =>
          host === undefined
            ? Promise.reject(new HostUnavailableError('the shell is quitting'))
            : host.call(channel, callArgs),
        isRendererUrl,
        logger,
      );
      window = createKioskWindow({
        preloadPath: paths.preload,
        rendererUrl: RENDERER_URL,
        isRendererUrl,
        kiosk: !args.windowed,
        logger,
      });
      window.on('closed', () => {
        window = undefined;
      });
    })
    .catch((error: unknown) => {
      logger.error({ err: error }, 'the Electron shell failed to start');
      app.exit(1);
    });
}
