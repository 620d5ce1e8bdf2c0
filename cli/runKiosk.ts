import { spawn } from 'node:child_process';
import type { Logger } from 'pino';
import { startBridgeServer } from '../electron/host/bridgeServer.js';
import { launchChromiumKiosk } from '../electron/chromium/launcher.js';
import { startKioskHost } from '../electron/host/kioskHost.js';
import { chooseShell, electronBinaryPath, systemChromiumPath, type ShellName } from '../electron/host/shells.js';
import { CliError } from './args.js';
import { appVersion, electronMainPath, rendererDir } from './paths.js';

export interface KioskRunOptions {
  dataDir: string;
  serverUrl: string | null;
  shell: ShellName | undefined;
  logger: Logger;
}

export interface RunningKiosk {
  close(): Promise<void>;
}

/** Electron runs the host itself (in a utilityProcess); this process only waits for it. */
function runElectron(options: KioskRunOptions): RunningKiosk {
  const binary = electronBinaryPath();
  if (!binary) throw new CliError("newsboard kiosk: --shell electron, but Electron's binary is not installed");
  const args = [
    electronMainPath,
    `--data-dir=${options.dataDir}`,
    ...(options.serverUrl ? [`--server=${options.serverUrl}`] : []),
  ];
  const child = spawn(binary, args, { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  return {
    close: async () => {
      child.kill('SIGTERM');
    },
  };
}

export async function runKiosk(options: KioskRunOptions): Promise<RunningKiosk> {
  const choice = chooseShell(options.shell);
  if (choice.notice) process.stderr.write(`${choice.notice}\n`);
  if (choice.shell === 'electron') return runElectron(options);

  const host = startKioskHost({
    dataDir: options.dataDir,
    serverUrl: options.serverUrl,
    shell: choice.shell,
    appVersion: appVersion(),
    logger: options.logger,
  });
  // A fault keeps the host up with a safe screen: exiting would only make a supervisor restart it in a loop.
  if (host.fault) process.stderr.write(`kiosk: fault: ${host.fault.detail}\n`);
  const bridge = await startBridgeServer({ host, rendererDir, logger: options.logger });
  process.stdout.write(`renderer: ${bridge.rendererUrl}\n`);
  if (!host.fault) {
    // The server may come from --server or from the board's stored enrollment; a standalone board has none.
    void host.firstSync.then(async () => {
      const status = await host.handlers['sync:status']({});
      if (status.serverUrl !== null && !status.online)
        process.stderr.write(`kiosk: offline (${status.lastError}); showing cached content\n`);
    });
  }

  let browser: ReturnType<typeof launchChromiumKiosk> | null = null;
  if (choice.shell === 'chromium') {
    const executable = systemChromiumPath();
    if (!executable) throw new CliError('newsboard kiosk: --shell chromium, but no system Chromium was found');
    browser = launchChromiumKiosk({ executable, url: bridge.rendererUrl, logger: options.logger });
  }
  return {
    close: async () => {
      await browser?.stop();
      await bridge.close();
      await host.close();
    },
  };
}
