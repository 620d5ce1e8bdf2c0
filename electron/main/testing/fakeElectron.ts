import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type { Logger } from '../log.js';

/*
 * Stand-ins for the Electron main-process API, for `vi.mock('electron', …)`: the Electron binary
 * cannot be installed here, and tests need to drive window, session and process events by hand.
 */

export class FakeSession {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  webRequest = { onHeadersReceived: vi.fn() };
}

export class FakeWebContents extends EventEmitter {
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => unknown) => {
    this.windowOpenHandler = handler;
  });
  /** Like Chromium: killing the renderer is reported as render-process-gone. */
  forcefullyCrashRenderer = vi.fn(() => {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  });
  closeDevTools = vi.fn();
  send = vi.fn();
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => {});
  removeMenu = vi.fn();
  isMinimized = vi.fn(() => false);
  restore = vi.fn();
  focus = vi.fn();

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

/** A utilityProcess child: records what main posts, and exits (asynchronously, like the real one) on kill. */
export class FakeUtilityProcess extends EventEmitter {
  posted: unknown[] = [];
  postMessage = vi.fn((message: unknown) => {
    this.posted.push(structuredClone(message));
  });
  kill = vi.fn(() => {
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  });
}

class FakeApp extends EventEmitter {
  requestSingleInstanceLock = vi.fn(() => true);
  /** Set once a quit went through, that is, no will-quit listener prevented it. */
  hasQuit = false;
  quit = vi.fn(() => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.hasQuit = true;
  });
  exit = vi.fn();
  private markReady: () => void = () => {};
  private ready = new Promise<void>((resolve) => (this.markReady = resolve));
  whenReady = vi.fn(() => this.ready);
  becomeReady(): void {
    this.markReady();
  }
}

export const fake = {
  app: new FakeApp(),
  ipcMain: { handlers: new Map<string, (...args: unknown[]) => unknown>(), handle: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  utilityProcess: { children: [] as FakeUtilityProcess[], fork: vi.fn() },
  Menu: { setApplicationMenu: vi.fn() },
  powerSaveBlocker: { start: vi.fn(() => 42), stop: vi.fn() },
};

/** Fresh fakes for each test; module-level state in the code under test is not touched. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  FakeBrowserWindow.instances = [];
  fake.app = new FakeApp();
  fake.ipcMain.handlers.clear();
  fake.ipcMain.handle.mockImplementation((channel: string, handler: (...args: unknown[]) => unknown) => {
    fake.ipcMain.handlers.set(channel, handler);
  });
  fake.utilityProcess.children = [];
  fake.utilityProcess.fork.mockImplementation(() => {
    const child = new FakeUtilityProcess();
    fake.utilityProcess.children.push(child);
    return child;
  });
  fake.powerSaveBlocker.start.mockImplementation(() => 42);
}

/** What `import … from 'electron'` resolves to under the mock; getters so a reset takes effect. */
export const electronModule = {
  get app() {
    return fake.app;
  },
  get ipcMain() {
    return fake.ipcMain;
  },
  get protocol() {
    return fake.protocol;
  },
  get utilityProcess() {
    return fake.utilityProcess;
  },
  get Menu() {
    return fake.Menu;
  },
  get powerSaveBlocker() {
    return fake.powerSaveBlocker;
  },
  BrowserWindow: FakeBrowserWindow,
};

type LogMock = Mock<Logger['info']>;

export function recordingLogger(): { info: LogMock; warn: LogMock; error: LogMock } {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}
