const STORAGE_KEY = 'newsboard.bridgeSecret';
const SECRET_PATTERN = /^[0-9a-f]{16,256}$/i;

/**
 * The Chromium shell opens the page as `http://127.0.0.1:PORT/#secret=<hex>`. The secret moves to
 * sessionStorage (a reload, e.g. by the watchdog, keeps working) and leaves the visible URL, so it
 * does not end up in screenshots, crash reports or history.
 */
export function takeBridgeSecret(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | null {
  const fromFragment = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('secret');
  if (fromFragment !== null) {
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    if (SECRET_PATTERN.test(fromFragment)) {
      win.sessionStorage.setItem(STORAGE_KEY, fromFragment);
      return fromFragment;
    }
  }
  const stored = win.sessionStorage.getItem(STORAGE_KEY);
  return stored !== null && SECRET_PATTERN.test(stored) ? stored : null;
}
