/** What the shell takes from its command line; everything else (Chromium switches) is ignored. */
export interface ShellArgs {
  dataDir?: string;
  server?: string;
  /** Development only: a normal window with devtools instead of the locked kiosk window. */
  windowed: boolean;
}

const valueFlags = { '--data-dir': 'dataDir', '--server': 'server' } as const;
type ValueFlag = keyof typeof valueFlags;

function isValueFlag(name: string): name is ValueFlag {
  return Object.hasOwn(valueFlags, name);
}

/** Accepts `--flag value` and `--flag=value`; a flag without a value is treated as absent. */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { windowed: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--windowed') {
      args.windowed = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!isValueFlag(name)) continue;
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else if (argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--')) {
      value = argv[i + 1];
      i += 1;
    }
    if (value) args[valueFlags[name]] = value;
  }
  return args;
}

/** The host validates these itself; the shell only passes on what the operator gave it. */
export function hostArgv(args: ShellArgs): string[] {
  const argv: string[] = [];
  if (args.dataDir !== undefined) argv.push('--data-dir', args.dataDir);
  if (args.server !== undefined) argv.push('--server', args.server);
  return argv;
}
