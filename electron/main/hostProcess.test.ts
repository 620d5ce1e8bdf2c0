import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostUnavailableError, startHostProcess, type HostProcessOptions } from './hostProcess.js';
import { FakeUtilityProcess, recordingLogger } from './testing/fakeElectron.js';

function setup(overrides: Partial<HostProcessOptions> = {}) {
  const children: FakeUtilityProcess[] = [];
  const fork = vi.fn(() => {
    const child = new FakeUtilityProcess();
    children.push(child);
    return child;
  });
  const target = { send: vi.fn() };
  const logger = recordingLogger();
  const host = startHostProcess({
    entryPath: '/app/dist/host/host.js',
    argv: ['--data-dir', '/var/lib/newsboard'],
    fork,
    logger,
    eventTarget: () => target,
    callTimeoutMs: 1_000,
    restart: { initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 },
    ...overrides,
  });
  const current = () => {
    const child = children.at(-1);
    if (!child) throw new Error('no host child');
    return child;
  };
  const lastCall = () => current().posted.at(-1) as { type: string; id: number; channel: string; args: unknown };
  return { host, fork, children, current, lastCall, target, logger };
}

const ok = (id: number, result: unknown) => ({ type: 'result', id, outcome: { ok: true, result } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startHostProcess', () => {
  it('forks the host as a named utility process with the shell arguments', () => {
    const { fork } = setup();
    expect(fork).toHaveBeenCalledWith('/app/dist/host/host.js', ['--data-dir', '/var/lib/newsboard'], {
      serviceName: 'newsboard-host',
    });
  });

  it('matches results to calls by id, in whatever order they come back', async () => {
    const { host, current, lastCall } = setup();
    const first = host.call('content:list', { limit: 3 });
    const firstRequest = lastCall();
    const second = host.call('sync:status', {});
    const secondRequest = lastCall();
    expect(firstRequest).toEqual({ type: 'call', id: expect.any(Number), channel: 'content:list', args: { limit: 3 } });
    expect(secondRequest.id).not.toBe(firstRequest.id);
    current().emit('message', ok(secondRequest.id, 'status'));
    current().emit('message', ok(firstRequest.id, ['item']));
    await expect(first).resolves.toEqual({ ok: true, result: ['item'] });
    await expect(second).resolves.toEqual({ ok: true, result: 'status' });
  });

  it('passes host error outcomes through, and maps codes outside the bridge set to internal', async () => {
    const { host, current, lastCall } = setup();
    const known = host.call('content:article', { id: 'a1' });
    current().emit('message', {
      type: 'result',
      id: lastCall().id,
      outcome: { ok: false, status: 503, body: { error: { code: 'host-fault', message: 'no database' } } },
    });
    await expect(known).resolves.toEqual({
      ok: false,
      status: 503,
      body: { error: { code: 'host-fault', message: 'no database' } },
    });
    const odd = host.call('content:article', { id: 'a1' });
    current().emit('message', {
      type: 'result',
      id: lastCall().id,
      outcome: { ok: false, status: 418, body: { error: { code: 'teapot', message: 'short and stout' } } },
    });
    await expect(odd).resolves.toEqual({
      ok: false,
      status: 500,
      body: { error: { code: 'internal', message: 'short and stout' } },
    });
  });

  it('fails a call the host does not answer in time and ignores the late answer', async () => {
    const { host, current, lastCall, logger } = setup();
    const call = host.call('sync:now', {});
    const { id } = lastCall();
    const settled = vi.fn();
    call.catch(settled);
    vi.advanceTimersByTime(999);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await expect(call).rejects.toBeInstanceOf(HostUnavailableError);
    current().emit('message', ok(id, 'too late'));
    expect(logger.warn).toHaveBeenCalledWith({ id }, expect.any(String));
  });

  it('ignores malformed host messages and keeps waiting for the real answer', async () => {
    const { host, current, lastCall, logger, target } = setup();
    const call = host.call('host:info', {});
    const { id } = lastCall();
    for (const junk of [
      null,
      'result',
      { type: 'result', id: 'x', outcome: {} },
      { type: 'result', id, outcome: { ok: 'yes' } },
      { type: 'other' },
    ]) {
      current().emit('message', junk);
    }
    expect(logger.warn).toHaveBeenCalledTimes(5);
    expect(target.send).not.toHaveBeenCalled();
    current().emit('message', ok(id, { appVersion: '1' }));
    await expect(call).resolves.toEqual({ ok: true, result: { appVersion: '1' } });
  });

  it('relays contract events to the window and drops unknown or malformed ones', () => {
    const { current, target } = setup();
    current().emit('message', { type: 'event', event: 'content:changed', payload: { contentVersion: 'v42' } });
    current().emit('message', { type: 'event', event: 'shell:exec', payload: { cmd: 'rm -rf /' } });
    current().emit('message', { type: 'event', event: 'content:changed', payload: { contentVersion: 42 } });
    expect(target.send).toHaveBeenCalledTimes(1);
    expect(target.send).toHaveBeenCalledWith('nb:event', {
      event: 'content:changed',
      payload: { contentVersion: 'v42' },
    });
  });

  it('fails pending calls at once when the host dies, and restarts it with a growing backoff', async () => {
    const { host, fork, current } = setup();
    const pending = host.call('content:list', {});
    current().emit('exit', 1);
    await expect(pending).rejects.toThrow(/exited with code 1/);
    await expect(host.call('content:list', {})).rejects.toThrow(/not running/);

    const waits: number[] = [];
    for (let restart = 1; restart <= 5; restart += 1) {
      let waited = 0;
      while (fork.mock.calls.length === restart && waited < 120_000) {
        vi.advanceTimersByTime(250);
        waited += 250;
      }
      waits.push(waited);
      current().emit('exit', 1);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('serves calls again after a restart', async () => {
    const { host, current, lastCall } = setup();
    current().emit('exit', 134);
    vi.advanceTimersByTime(1_000);
    const call = host.call('sync:status', {});
    current().emit('message', ok(lastCall().id, 'back'));
    await expect(call).resolves.toEqual({ ok: true, result: 'back' });
  });

  it('ignores messages and exits from a host it already replaced', async () => {
    const { host, children, fork, lastCall } = setup();
    const old = children[0];
    old?.emit('exit', 1);
    vi.advanceTimersByTime(1_000);
    const call = host.call('sync:status', {});
    const { id } = lastCall();
    old?.emit('message', ok(id, 'from the dead'));
    old?.emit('exit', 1);
    children[1]?.emit('message', ok(id, 'alive'));
    await expect(call).resolves.toEqual({ ok: true, result: 'alive' });
    vi.advanceTimersByTime(60_000);
    expect(fork).toHaveBeenCalledTimes(2);
  });

  it('bounds the calls in flight', async () => {
    const { host } = setup({ maxPending: 2 });
    void host.call('sync:now', {}).catch(() => {});
    void host.call('sync:now', {}).catch(() => {});
    await expect(host.call('sync:now', {})).rejects.toThrow(/too many/);
  });

  it('stops the host for good: kills it, fails its calls, and does not restart it', async () => {
    const { host, fork, current } = setup();
    const pending = host.call('sync:now', {});
    const child = current();
    await host.stop();
    expect(child.kill).toHaveBeenCalled();
    await expect(pending).rejects.toBeInstanceOf(HostUnavailableError);
    vi.advanceTimersByTime(120_000);
    expect(fork).toHaveBeenCalledTimes(1);
  });

  it('cancels a pending restart when stopped while the host is down', async () => {
    const { host, fork, current } = setup();
    current().emit('exit', 1);
    await host.stop();
    vi.advanceTimersByTime(120_000);
    expect(fork).toHaveBeenCalledTimes(1);
  });

  it('gives up waiting for a host that ignores the stop request', async () => {
    const { host, current } = setup({ stopGraceMs: 2_000 });
    current().kill.mockImplementation(() => true);
    const stopped = vi.fn();
    void host.stop().then(stopped);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(stopped).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toHaveBeenCalled();
  });

  it('retries with backoff when the host cannot even be forked', () => {
    let attempts = 0;
    const { logger } = setup({
      fork: vi.fn(() => {
        attempts += 1;
        if (attempts === 1) throw new Error('utilityProcess.fork before ready');
        return new FakeUtilityProcess();
      }),
    });
    expect(logger.error).toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(attempts).toBe(2);
  });
});
