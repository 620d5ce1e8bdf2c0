import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTool, ToolError, type ToolFailure } from './tools.js';

const run = { cwd: os.tmpdir(), timeoutMs: 5_000, maxBytes: 1024 * 1024 };

async function failureOf(promise: Promise<unknown>): Promise<ToolFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ToolError)) throw new Error(`expected a ToolError, got ${String(error)}`);
  return error.failure;
}

describe('runTool', () => {
  it('returns what the tool printed, passing arguments without a shell', async () => {
    const out = await runTool('printf', ['%s|', '$(touch /tmp/x)', 'a b'], run);
    expect(out.toString()).toBe('$(touch /tmp/x)|a b|');
  });

  it('kills a tool that overruns its time', async () => {
    const started = performance.now();
    expect(await failureOf(runTool('sleep', ['10'], { ...run, timeoutMs: 200 }))).toEqual({
      kind: 'timeout',
      tool: 'sleep',
      timeoutMs: 200,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('kills a tool that prints more than allowed', async () => {
    expect(await failureOf(runTool('yes', [], { ...run, maxBytes: 10_000 }))).toEqual({
      kind: 'too-large',
      tool: 'yes',
      maxBytes: 10_000,
    });
  });

  it('names a missing tool and the package that provides it, and keeps the last words of a failing one', async () => {
    const missing = await failureOf(runTool('pdftoppm-not-installed', [], run));
    expect(new ToolError(missing).message).toBe(
      'pdftoppm-not-installed is not installed (Debian package poppler-utils)',
    );
    const failed = await failureOf(runTool('sh', ['-c', 'echo one >&2; echo two >&2; echo two >&2; exit 3'], run));
    expect(failed).toEqual({ kind: 'failed', tool: 'sh', exitCode: 3, stderr: 'one; two' });
  });
});
