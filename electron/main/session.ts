import type { Session } from 'electron';
import { RENDERER_CSP } from './csp.js';
import type { Logger } from './log.js';

type KioskSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

/**
 * The renderer needs no browser permission: camera, microphone, geolocation, notifications,
 * fullscreen requests and the rest are refused, so hostile article content cannot prompt a
 * passerby or reach a device even if it got past the sanitizers.
 */
export function lockDownSession(session: KioskSession, logger: Logger): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    logger.warn({ permission, origin: details.requestingUrl }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  // Adding our policy is only ever stricter: browsers enforce every CSP a response carries.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    const existing = headers['Content-Security-Policy'] ?? [];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [...existing, RENDERER_CSP] } });
  });
}
