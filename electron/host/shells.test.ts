import { describe, expect, it } from 'vitest';
import { chooseShell } from './shells.js';

const electron = '/opt/newsboard/node_modules/electron/dist/electron';
const chromium = '/usr/bin/chromium';

describe('chooseShell', () => {
  it('prefers Electron when its binary is installed, and says so', () => {
    const choice = chooseShell(undefined, { electron, chromium, display: true });
    expect(choice.shell).toBe('electron');
    expect(choice.notice).toContain(electron);
  });

  it('falls back to the system Chromium when Electron is missing, and says why', () => {
    const choice = chooseShell(undefined, { electron: null, chromium, display: true });
    expect(choice.shell).toBe('chromium');
    expect(choice.notice).toContain(chromium);
    expect(choice.notice).toMatch(/Electron's binary is not installed/);
  });

  it('runs without a shell when neither is present, telling the operator to open the URL in a browser', () => {
    const choice = chooseShell(undefined, { electron: null, chromium: null, display: true });
    expect(choice.shell).toBe('none');
    expect(choice.notice).toMatch(/open the renderer URL in a browser/);
  });

  it('honours an explicit request without a notice, whatever is installed', () => {
    expect(chooseShell('chromium', { electron, chromium: null, display: true })).toEqual({
      shell: 'chromium',
      notice: null,
    });
    expect(chooseShell('none', { electron, chromium, display: true })).toEqual({ shell: 'none', notice: null });
    expect(chooseShell('electron', { electron: null, chromium, display: true })).toEqual({
      shell: 'electron',
      notice: null,
    });
  });

  it('runs headless with a notice when there is no display to show a window on', () => {
    const choice = chooseShell(undefined, { electron, chromium, display: false });
    expect(choice.shell).toBe('none');
    expect(choice.notice).toContain('no display');
  });
});
