import { BrowserWindow, Menu, powerSaveBlocker, type Input, type WebContents } from 'electron';
import type { Logger } from './log.js';
import { defaultRecovery, keepRendererAlive, type RecoveryOptions } from './recovery.js';
import { lockDownSession } from './session.js';

export interface KioskWindowOptions {
  preloadPath: string;
  rendererUrl: string;
  isRendererUrl: (url: string) => boolean;
  /** Off only for development (`--windowed`): a normal window where devtools stay reachable. */
  kiosk: boolean;
  logger: Logger;
  recovery?: RecoveryOptions;
}

/**
 * The renderer shows untrusted content (feeds, PDFs, notices), so it runs like a web page with no
 * Node: sandboxed, context-isolated, and with the typed bridge from the preload as its only way out.
 */
function kioskWebPreferences(preloadPath: string) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    preload: preloadPath,
  } as const;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { kiosk, logger } = options;
  // Without an application menu Chromium also drops the menu's accelerators (reload, devtools, zoom).
  Menu.setApplicationMenu(null);
  const window = new BrowserWindow({
    kiosk,
    fullscreen: kiosk,
    // Painted before the first frame, so a (re)loading board shows black rather than a white flash.
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    webPreferences: kioskWebPreferences(options.preloadPath),
  });
  window.removeMenu();
  const contents = window.webContents;
  lockDownSession(contents.session, logger);

  contents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url }, 'window.open denied');
    return { action: 'deny' };
  });
  guardNavigation(contents, options.isRendererUrl, logger);
  if (kiosk) blockDevTools(contents);

  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  window.on('closed', () => powerSaveBlocker.stop(blocker));

  const load = () => window.loadURL(options.rendererUrl);
  keepRendererAlive(window, load, logger, options.recovery ?? defaultRecovery);
  load().catch((error: unknown) => logger.warn({ err: error }, 'first renderer load failed'));
  return window;
}

function guardNavigation(contents: WebContents, isRendererUrl: (url: string) => boolean, logger: Logger): void {
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (isRendererUrl(event.url)) return;
    event.preventDefault();
    logger.warn({ url: event.url }, 'navigation away from the renderer prevented');
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** F12, Ctrl+Shift+I/J/C and their macOS forms. */
function isDevToolsShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'shift' | 'meta' | 'alt'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12') return true;
  const inspectorKey = key === 'i' || key === 'j' || key === 'c';
  return inspectorKey && ((input.control && input.shift) || (input.meta && input.alt));
}

function blockDevTools(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  // Belt and braces: whatever opened them (a shortcut we missed), devtools do not stay open on a kiosk.
  contents.on('devtools-opened', () => contents.closeDevTools());
}
