import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ShellName = 'electron' | 'chromium' | 'none';

export const SYSTEM_CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Finds Electron's binary without loading the `electron` package, whose entry point would try to
 * download the binary from the internet when it is missing.
 */
export function electronBinaryPath(): string | null {
  try {
    const packageJson = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = path.dirname(packageJson);
    const relative = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(dir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function systemChromiumPath(): string | null {
  return SYSTEM_CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export interface ShellChoice {
  shell: ShellName;
  /** One line for the operator saying which shell and why; null when the user asked for it explicitly. */
  notice: string | null;
}

/** Linux GUI shells need a display server; a board always has one, a build server usually not. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function chooseShell(
  requested: ShellName | undefined,
  found = { electron: electronBinaryPath(), chromium: systemChromiumPath(), display: hasDisplay() },
): ShellChoice {
  if (requested) return { shell: requested, notice: null };
  if (!found.display) {
    return {
      shell: 'none',
      notice: 'shell: none (no display: DISPLAY and WAYLAND_DISPLAY are unset); open the renderer URL in a browser',
    };
  }
  if (found.electron) return { shell: 'electron', notice: `shell: electron (binary at ${found.electron})` };
  if (found.chromium) {
    return { shell: 'chromium', notice: `shell: chromium (${found.chromium}); Electron's binary is not installed` };
  }
  return {
    shell: 'none',
    notice: 'shell: none (neither Electron nor a system Chromium was found); open the renderer URL in a browser',
  };
}
