import { describe, expect, it, vi } from 'vitest';
import { HostFaultError } from '../../common/bridge/dispatch.js';
import { fakeKioskHost } from './testing/fakeKioskHost.js';
import { serveHostOverParentPort, type ParentPortLike } from './utilityProcessTransport.js';

/** Like process.parentPort: delivers MessageEvents, and postMessage structured-clones (and so can throw). */
function fakePort() {
  const sent: unknown[] = [];
  let onMessage: ((event: { data: unknown }) => void) | undefined;
  const port: ParentPortLike = {
    on: (_event, listener) => void (onMessage = listener),
    postMessage: (message) => void sent.push(structuredClone(message)),
  };
  const deliver = (data: unknown) => onMessage?.({ data });
  return { port, sent, deliver };
}

function setup() {
  const { host, handlers, listeners } = fakeKioskHost();
  const { port, sent, deliver } = fakePort();
  const logger = { warn: vi.fn() };
  const stop = serveHostOverParentPort(host, port, logger);
  const settle = () => vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
  return { handlers, listeners, sent, deliver, logger, stop, settle };
}

describe('serveHostOverParentPort', () => {
  it('answers a call with its result under the same id', async () => {
    const { deliver, sent, handlers, settle } = setup();
    deliver({ type: 'call', id: 7, channel: 'content:search', args: { query: '天气' } });
    await settle();
    expect(handlers['content:search']).toHaveBeenCalledWith({ query: '天气' });
    expect(sent).toEqual([
      {
        type: 'result',
        id: 7,
        outcome: {
          ok: true,
          result: [{ id: 'a1', kind: 'article', title: '天气', titleMarks: [], snippet: '', snippetMarks: [] }],
        },
      },
    ]);
  });

  it('validates arguments again and never runs a handler with bad ones', async () => {
    const { deliver, sent, handlers, settle } = setup();
    deliver({ type: 'call', id: 1, channel: 'content:list', args: { limit: -1 } });
    await settle();
    expect(handlers['content:list']).not.toHaveBeenCalled();
    expect(sent[0]).toMatchObject({
      type: 'result',
      id: 1,
      outcome: { ok: false, status: 400, body: { error: { code: 'bad-request' } } },
    });
  });

  it('answers unknown channels with unknown-channel', async () => {
    const { deliver, sent, settle } = setup();
    deliver({ type: 'call', id: 2, channel: 'fs:unlink', args: {} });
    await settle();
    expect(sent[0]).toMatchObject({
      id: 2,
      outcome: { ok: false, status: 404, body: { error: { code: 'unknown-channel' } } },
    });
  });

  it('reports a host fault as host-fault and any other failure as internal, without the stack', async () => {
    const { deliver, sent, handlers } = setup();
    handlers['sync:now'].mockRejectedValueOnce(new HostFaultError('data directory is not writable'));
    handlers['sync:status'].mockRejectedValueOnce(new Error('SQLITE_CORRUPT at /var/lib/newsboard/kiosk.db'));
    deliver({ type: 'call', id: 3, channel: 'sync:now', args: {} });
    deliver({ type: 'call', id: 4, channel: 'sync:status', args: {} });
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent).toContainEqual({
      type: 'result',
      id: 3,
      outcome: {
        ok: false,
        status: 503,
        body: { error: { code: 'host-fault', message: 'data directory is not writable' } },
      },
    });
    const internal = sent.find((m) => (m as { id: number }).id === 4);
    expect(internal).toMatchObject({ outcome: { ok: false, status: 500, body: { error: { code: 'internal' } } } });
    expect(JSON.stringify(internal)).not.toContain('SQLITE_CORRUPT');
  });

  it('rejects malformed requests, answering bad-request when there is an id to answer', async () => {
    const { deliver, sent, handlers, logger, settle } = setup();
    deliver({ type: 'call', channel: 'host:info', args: {} });
    deliver('host:info');
    deliver(null);
    expect(sent).toEqual([]);
    deliver({ type: 'call', id: 9, channel: 42 });
    await settle();
    expect(sent).toEqual([
      {
        type: 'result',
        id: 9,
        outcome: {
          ok: false,
          status: 400,
          body: { error: { code: 'bad-request', message: 'malformed bridge request' } },
        },
      },
    ]);
    expect(Object.values(handlers).every((h) => h.mock.calls.length === 0)).toBe(true);
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });

  it('answers internal when a result cannot cross the process boundary', async () => {
    const { deliver, sent, handlers, logger, settle } = setup();
    handlers['host:info'].mockResolvedValueOnce({
      appVersion: '1',
      shell: 'electron',
      fault: null,
      leak: () => 'not cloneable',
    } as never);
    deliver({ type: 'call', id: 5, channel: 'host:info', args: {} });
    await settle();
    expect(sent).toEqual([{ type: 'result', id: 5, outcome: expect.objectContaining({ ok: false, status: 500 }) }]);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('forwards host events until stopped, then unsubscribes and ignores further calls', async () => {
    const { listeners, sent, deliver, stop, handlers } = setup();
    for (const listener of listeners) listener('content:changed', { contentVersion: 'v9' });
    expect(sent).toEqual([{ type: 'event', event: 'content:changed', payload: { contentVersion: 'v9' } }]);
    stop();
    expect(listeners.size).toBe(0);
    deliver({ type: 'call', id: 6, channel: 'host:info', args: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handlers['host:info']).not.toHaveBeenCalled();
    expect(sent).toHaveLength(1);
  });
});
