import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bridgeChannelNames } from '../../common/bridge/contract.js';
import { fakeKioskHost } from '../host/testing/fakeKioskHost.js';
import { serveHostOverParentPort } from '../host/utilityProcessTransport.js';
import { runKioskApp } from './app.js';
import {
  fake,
  FakeBrowserWindow,
  FakeUtilityProcess,
  recordingLogger,
  resetFakeElectron,
} from './testing/fakeElectron.js';

vi.mock('electron', async () => (await import('./testing/fakeElectron.js')).electronModule);

const bundleDir = '/opt/newsboard/resources/app.asar/dist/electron';
const argv = ['/opt/newsboard/newsboard', '--data-dir', '/var/lib/newsboard', '--server=https://fleet.example.org'];

/** A utilityProcess whose other end is the real host transport serving a fake KioskHost. */
function connectedHost() {
  const kiosk = fakeKioskHost();
  const child = new FakeUtilityProcess();
  let deliver: (event: { data: unknown }) => void = () => {};
  child.postMessage.mockImplementation((message: unknown) => deliver({ data: structuredClone(message) }));
  serveHostOverParentPort(
    kiosk.host,
    {
      on: (_event, listener) => void (deliver = listener),
      postMessage: (message) => void child.emit('message', structuredClone(message)),
    },
    { warn: vi.fn() },
  );
  return { kiosk, child };
}

async function start(args = argv) {
  const logger = recordingLogger();
  const { kiosk, child } = connectedHost();
  fake.utilityProcess.fork.mockImplementation(() => child);
  runKioskApp({ bundleDir, argv: args, logger });
  fake.app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  const window = FakeBrowserWindow.instances[0] as FakeBrowserWindow;
  const invoke = (channel: string, args: unknown, frameUrl = 'app://newsboard/index.html') => {
    const handler = fake.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: { url: frameUrl } } as unknown as IpcMainInvokeEvent, args);
  };
  return { logger, kiosk, child, window, invoke };
}

beforeEach(() => resetFakeElectron());

describe('runKioskApp', () => {
  it('leaves the screen to the shell already running', () => {
    fake.app.requestSingleInstanceLock.mockReturnValue(false);
    runKioskApp({ bundleDir, argv, logger: recordingLogger() });
    fake.app.becomeReady();
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('registers the renderer scheme before ready, then starts the host with the shell arguments and opens the kiosk window', async () => {
    runKioskApp({ bundleDir, argv, logger: recordingLogger() });
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
    fake.app.becomeReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    expect(fake.utilityProcess.fork).toHaveBeenCalledWith(
      '/opt/newsboard/resources/app.asar/dist/host/host.js',
      ['--data-dir', '/var/lib/newsboard', '--server', 'https://fleet.example.org'],
      { serviceName: 'newsboard-host' },
    );
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const window = FakeBrowserWindow.instances[0];
    expect(window?.options).toMatchObject({
      kiosk: true,
      webPreferences: { preload: `${bundleDir}/preload.cjs`, sandbox: true },
    });
    expect(window?.loadURL).toHaveBeenCalledWith('app://newsboard/index.html');
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(bridgeChannelNames.map((c) => `nb:${c}`).sort());
  });

  it('answers a renderer call end to end: ipc → host process → host transport → host handler', async () => {
    const { invoke, kiosk } = await start();
    await expect(invoke('nb:content:search', { query: '社区通知' })).resolves.toEqual([
      { id: 'a1', kind: 'article', title: '社区通知', titleMarks: [], snippet: '', snippetMarks: [] },
    ]);
    expect(kiosk.handlers['content:search']).toHaveBeenCalledWith({ query: '社区通知' });
    await expect(invoke('nb:content:search', { query: 'x' }, 'https://evil.example/')).rejects.toThrow(/^unauthorized/);
    expect(kiosk.handlers['content:search']).toHaveBeenCalledTimes(1);
  });

  it('relays host events to the kiosk window', async () => {
    const { kiosk, window } = await start();
    kiosk.emit('ui:language', { language: 'zh-TW' });
    expect(window.webContents.send).toHaveBeenCalledWith('nb:event', {
      event: 'ui:language',
      payload: { language: 'zh-TW' },
    });
  });

  it('opens a normal window with --windowed', async () => {
    const { window } = await start([...argv, '--windowed']);
    expect(window.options).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('brings the window back to front when a second shell is started', async () => {
    const { window } = await start();
    window.isMinimized.mockReturnValue(true);
    fake.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('stops the host before quitting, and fails calls made meanwhile', async () => {
    const { child, invoke } = await start();
    fake.app.quit();
    expect(child.kill).toHaveBeenCalledTimes(1);
    expect(fake.app.hasQuit).toBe(false);
    await expect(invoke('nb:sync:status', {})).rejects.toThrow(/^host-fault/);
    await vi.waitFor(() => expect(fake.app.hasQuit).toBe(true));
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
  });
});
