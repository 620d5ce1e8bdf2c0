import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isRendererUrl, RENDERER_URL } from './protocol.js';
import { fake, FakeBrowserWindow, recordingLogger, resetFakeElectron } from './testing/fakeElectron.js';
import { createKioskWindow, type KioskWindowOptions } from './window.js';

vi.mock('electron', async () => (await import('./testing/fakeElectron.js')).electronModule);

const recovery = { initialMs: 1_000, maxMs: 8_000, stableMs: 60_000, hangGraceMs: 5_000 };

function open(overrides: Partial<KioskWindowOptions> = {}) {
  const logger = recordingLogger();
  createKioskWindow({
    preloadPath: '/app/dist/electron/preload.cjs',
    rendererUrl: RENDERER_URL,
    isRendererUrl,
    kiosk: true,
    logger,
    recovery,
    ...overrides,
  });
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window created');
  return { window, contents: window.webContents, logger };
}

const navigation = (url: string) => ({ url, preventDefault: vi.fn() });
const key = (k: string, mods: Partial<Record<'control' | 'shift' | 'meta' | 'alt', boolean>> = {}) => ({
  type: 'keyDown',
  key: k,
  control: false,
  shift: false,
  meta: false,
  alt: false,
  ...mods,
});

beforeEach(() => {
  resetFakeElectron();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('createKioskWindow', () => {
  it('creates a sandboxed, isolated kiosk window with exactly the required web preferences and loads the renderer', () => {
    const { window } = open();
    expect(window.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, backgroundColor: expect.any(String) });
    expect(window.loadURL).toHaveBeenCalledWith('app://newsboard/index.html');
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(window.removeMenu).toHaveBeenCalled();
  });

  it('denies every window.open', () => {
    const { contents } = open();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://newsboard/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects to any origin but the renderer', () => {
    const { contents } = open();
    for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
        const event = navigation(url);
        contents.emit(eventName, event, url);
        expect(event.preventDefault, `${eventName} ${url}`).toHaveBeenCalled();
      }
      const inside = navigation('app://newsboard/index.html#/article/7');
      contents.emit(eventName, inside, inside.url);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
  });

  it('denies permission requests and checks, and puts the CSP on every response of the session', () => {
    const { contents } = open();
    const { session } = contents;
    const [requestHandler] = session.setPermissionRequestHandler.mock.calls[0] as [(...args: unknown[]) => void];
    const callback = vi.fn();
    requestHandler(contents, 'media', callback, { requestingUrl: 'app://newsboard/index.html' });
    expect(callback).toHaveBeenCalledWith(false);
    const [checkHandler] = session.setPermissionCheckHandler.mock.calls[0] as [(...args: unknown[]) => boolean];
    expect(checkHandler(contents, 'geolocation', 'app://newsboard', {})).toBe(false);

    const [onHeaders] = session.webRequest.onHeadersReceived.mock.calls[0] as [(...args: unknown[]) => void];
    const done = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    const { responseHeaders } = done.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(responseHeaders['Content-Security-Policy']?.join()).toMatch(/default-src 'self'.*frame-src 'none'/);
  });

  it('keeps the display awake while the window lives', () => {
    const { window } = open();
    expect(fake.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fake.powerSaveBlocker.stop).not.toHaveBeenCalled();
    window.close();
    expect(fake.powerSaveBlocker.stop).toHaveBeenCalledWith(42);
  });

  it('blocks devtools shortcuts in kiosk mode only', () => {
    const { contents } = open();
    for (const input of [
      key('F12'),
      key('I', { control: true, shift: true }),
      key('j', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
    ]) {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, input);
      expect(event.preventDefault, JSON.stringify(input)).toHaveBeenCalled();
    }
    const typing = { preventDefault: vi.fn() };
    contents.emit('before-input-event', typing, key('i'));
    expect(typing.preventDefault).not.toHaveBeenCalled();
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalled();

    const windowed = open({ kiosk: false });
    const f12 = { preventDefault: vi.fn() };
    windowed.contents.emit('before-input-event', f12, key('F12'));
    expect(f12.preventDefault).not.toHaveBeenCalled();
    expect(windowed.window.options).toMatchObject({ kiosk: false, fullscreen: false });
  });
});

describe('renderer recovery', () => {
  const gone = (reason = 'crashed') => [{}, { reason, exitCode: 139 }] as const;

  it('reloads a crashed renderer after a backoff that grows and is capped', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    const waits: number[] = [];
    for (let crash = 0; crash < 5; crash += 1) {
      contents.emit('render-process-gone', ...gone());
      let waited = 0;
      while (window.loadURL.mock.calls.length === crash && waited < 120_000) {
        vi.advanceTimersByTime(500);
        waited += 500;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(window.loadURL).toHaveBeenLastCalledWith('app://newsboard/index.html');
  });

  it('schedules one reload for a burst of failure events', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    contents.emit('render-process-gone', ...gone());
    contents.emit('render-process-gone', ...gone('oom'));
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', RENDERER_URL, true);
    vi.advanceTimersByTime(60_000);
    expect(window.loadURL).toHaveBeenCalledTimes(1);
  });

  it('reloads after a failed main-frame load but not after an aborted or sub-frame one', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', RENDERER_URL, true);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://newsboard/x.html', false);
    vi.advanceTimersByTime(10_000);
    expect(window.loadURL).not.toHaveBeenCalled();
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', RENDERER_URL, true);
    vi.advanceTimersByTime(1_000);
    expect(window.loadURL).toHaveBeenCalledTimes(1);
  });

  it('kills a renderer that stays hung past the grace period, then reloads it', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(4_999);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(window.loadURL).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that recovers from a hang by itself', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    contents.emit('unresponsive');
    vi.advanceTimersByTime(3_000);
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(window.loadURL).not.toHaveBeenCalled();
  });

  it('does not reload a window that was closed meanwhile', () => {
    const { window, contents } = open();
    window.loadURL.mockClear();
    contents.emit('render-process-gone', ...gone());
    window.close();
    vi.advanceTimersByTime(60_000);
    expect(window.loadURL).not.toHaveBeenCalled();
  });
});
