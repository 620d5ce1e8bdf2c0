// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from './bridgeError.js';
import type { SocketLike } from './eventSocket.js';
import { createHttpBridge } from './httpBridge.js';

const ORIGIN = 'http://127.0.0.1:4123';
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const hostInfo = { appVersion: '1.2.3', shell: 'chromium', fault: null };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function bridgeAnswering(response: () => Response | Promise<Response>) {
  const fetch = vi.fn<typeof globalThis.fetch>(async () => response());
  return { fetch, bridge: createHttpBridge({ origin: ORIGIN, secret: SECRET, fetch }) };
}

async function rejection(promise: Promise<unknown>): Promise<BridgeError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(BridgeError);
  return error as BridgeError;
}

afterEach(() => vi.useRealTimers());

describe('invoke', () => {
  it('POSTs the args as JSON with the secret as bearer token and returns the validated result', async () => {
    const { fetch, bridge } = bridgeAnswering(() => json(200, []));
    await expect(bridge.invoke('content:list', { limit: 20 })).resolves.toEqual([]);

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${ORIGIN}/bridge/invoke/content:list`);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(String(init?.body))).toEqual({ limit: 20 });
  });

  it('returns what the result schema parsed', async () => {
    const { bridge } = bridgeAnswering(() => json(200, { ...hostInfo, extra: 'dropped' }));
    await expect(bridge.invoke('host:info', {})).resolves.toEqual(hostInfo);
  });

  it('throws a BridgeError with the host’s code on 401', async () => {
    const { bridge } = bridgeAnswering(() => json(401, { error: { code: 'unauthorized', message: 'bad secret' } }));
    const error = await rejection(bridge.invoke('host:info', {}));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('bad secret');
  });

  it('still reports unauthorized when a 401 carries no error body', async () => {
    const { bridge } = bridgeAnswering(() => new Response('nope', { status: 401 }));
    expect((await rejection(bridge.invoke('host:info', {}))).code).toBe('unauthorized');
  });

  it('rejects a result the contract does not allow', async () => {
    const { bridge } = bridgeAnswering(() => json(200, [{ id: '../../etc/passwd', title: '' }]));
    const error = await rejection(bridge.invoke('content:list', {}));
    expect(error.code).toBe('bad-response');
  });

  it('reports an unreachable host as such', async () => {
    const { bridge } = bridgeAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await rejection(bridge.invoke('sync:status', {}))).code).toBe('unreachable');
  });
});

class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  close = vi.fn();
  receive(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
  drop(): void {
    this.onclose?.(new CloseEvent('close'));
  }
}

describe('events', () => {
  function bridgeWithSockets() {
    const sockets: FakeSocket[] = [];
    const bridge = createHttpBridge({
      origin: ORIGIN,
      secret: SECRET,
      fetch: vi.fn(),
      openSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
    });
    return { bridge, sockets };
  }

  it('delivers valid events to their listeners and drops anything the contract does not allow', () => {
    const { bridge, sockets } = bridgeWithSockets();
    const changed = vi.fn();
    const unsubscribe = bridge.on('content:changed', changed);
    const socket = sockets[0]!;

    socket.receive({ event: 'content:changed', payload: { contentVersion: 'v7' } });
    socket.receive({ event: 'content:changed', payload: { contentVersion: 7 } });
    socket.receive({ event: 'shell:exec', payload: { command: 'rm -rf /' } });
    socket.receive('{not json');
    expect(changed.mock.calls).toEqual([[{ contentVersion: 'v7' }]]);

    unsubscribe();
    socket.receive({ event: 'content:changed', payload: { contentVersion: 'v8' } });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('reconnects with growing delays after the socket closes, and keeps delivering', () => {
    vi.useFakeTimers();
    const { bridge, sockets } = bridgeWithSockets();
    const status = vi.fn();
    bridge.on('sync:status', status);
    bridge.on('content:changed', vi.fn());
    expect(sockets).toHaveLength(1);

    sockets[0]!.drop();
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);

    sockets[1]!.drop();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    const payload = {
      online: false,
      serverUrl: null,
      contentVersion: null,
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastError: null,
    };
    sockets[2]!.receive({ event: 'sync:status', payload });
    expect(status).toHaveBeenCalledWith(payload);
  });
});
