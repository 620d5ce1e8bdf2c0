import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = path.join(repoRoot, 'bin', 'newsboard.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `newsboard-e2e-${prefix}-`));
}

export interface CliProcess {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the first stdout line starting with `prefix`, or rejects when the process ends first. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The built CLI as a child process, its output collected as it comes. */
function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NEWSBOARD_LOG_LEVEL: 'warn' },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}

/** Runs the built CLI as a real process, as an operator would. */
export function startCli(args: string[]): CliProcess {
  const { child, output } = spawnCli(args);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    stderr: () => output.stderr,
    line: (prefix, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => finish(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${output.stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const found = output.stdout.split('\n').find((l) => l.startsWith(prefix));
          if (found) finish(null, found.slice(prefix.length).trim());
        };
        const onExit = () => finish(new Error(`process exited before printing "${prefix}"; stderr: ${output.stderr}`));
        function finish(error: Error | null, value?: string) {
          clearTimeout(deadline);
          child.stdout.off('data', check);
          child.off('exit', onExit);
          if (error) reject(error);
          else resolve(value as string);
        }
        child.stdout.on('data', check);
        child.once('exit', onExit);
        check();
      }),
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Like runCli, but leaves the test process free to answer the CLI (a local HTTP server, say). */
export function runCliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { child, output } = spawnCli(args);
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, ...output })));
}

export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NEWSBOARD_LOG_LEVEL: 'warn' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
