import { execFile } from 'node:child_process';

/** Why a run of an external tool produced nothing usable. */
export type ToolFailure =
  | { kind: 'missing'; tool: string }
  | { kind: 'timeout'; tool: string; timeoutMs: number }
  | { kind: 'too-large'; tool: string; maxBytes: number }
  | { kind: 'failed'; tool: string; exitCode: number | null; stderr: string };

export class ToolError extends Error {
  override name = 'ToolError';

  constructor(readonly failure: ToolFailure) {
    super(describeFailure(failure));
  }
}

function describeFailure(failure: ToolFailure): string {
  switch (failure.kind) {
    case 'missing':
      return `${failure.tool} is not installed (Debian package poppler-utils)`;
    case 'timeout':
      return `${failure.tool} took longer than ${failure.timeoutMs} ms and was stopped`;
    case 'too-large':
      return `${failure.tool} produced more than ${failure.maxBytes} bytes and was stopped`;
    case 'failed':
      return `${failure.tool} failed (exit ${failure.exitCode ?? 'signal'}): ${failure.stderr || 'no message'}`;
  }
}

export interface ToolRun {
  cwd: string;
  timeoutMs: number;
  /** Stdout beyond this stops the tool: a hostile file must not fill memory. */
  maxBytes: number;
}

/** Poppler repeats itself; the last few distinct lines say what finally went wrong. */
const STDERR_LINES = 3;
const MAX_STDERR_CHARS = 500;

function lastWords(stderr: Buffer): string {
  const lines = [
    ...new Set(
      stderr
        .toString('utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
  return lines.slice(-STDERR_LINES).join('; ').slice(-MAX_STDERR_CHARS);
}

/**
 * Runs a tool without a shell (arguments are never interpreted), killing it with SIGKILL when it
 * overruns its time or output limit: a crafted PDF can make a renderer loop or balloon.
 */
export function runTool(tool: string, args: readonly string[], run: ToolRun): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      {
        cwd: run.cwd,
        encoding: 'buffer',
        timeout: run.timeoutMs,
        maxBuffer: run.maxBytes,
        killSignal: 'SIGKILL',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: string | number | null };
        if (failure.code === 'ENOENT') return reject(new ToolError({ kind: 'missing', tool }));
        if (failure.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return reject(new ToolError({ kind: 'too-large', tool, maxBytes: run.maxBytes }));
        if (failure.killed) return reject(new ToolError({ kind: 'timeout', tool, timeoutMs: run.timeoutMs }));
        reject(
          new ToolError({
            kind: 'failed',
            tool,
            exitCode: typeof failure.code === 'number' ? failure.code : null,
            stderr: lastWords(stderr),
          }),
        );
      },
    );
  });
}
