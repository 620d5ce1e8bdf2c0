import { describe, expect, it } from 'vitest';
import type { BridgeChannels } from './contract.js';
import { HostFaultError, dispatchBridgeCall } from './dispatch.js';

function handlers(overrides: Partial<BridgeChannels> = {}): BridgeChannels & { calls: unknown[] } {
  const calls: unknown[] = [];
  const status = {
    online: false,
    serverUrl: null,
    contentVersion: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
  };
  return {
    calls,
    'host:info': async () => ({ appVersion: '1.0.0', shell: 'none', fault: null }),
    'content:list': async (args) => {
      calls.push(args);
      return [];
    },
    'content:article': async (args) => {
      calls.push(args);
      return null;
    },
    'content:search': async (args) => {
      calls.push(args);
      return [{ id: 'a1', kind: 'article', title: '天气', titleMarks: [[0, 2]], snippet: '今天晴', snippetMarks: [] }];
    },
    'content:item': async () => null,
    'notices:active': async () => [],
    'editions:list': async () => [],
    'quiz:questions': async () => [],
    'book:chapter': async () => null,
    'media:read': async () => null,
    'sync:status': async () => status,
    'sync:now': async () => status,
    ...overrides,
  };
}

describe('dispatchBridgeCall', () => {
  it('runs a valid call and returns its result', async () => {
    const h = handlers();
    expect(await dispatchBridgeCall(h, 'content:search', { query: '天气', limit: 5 })).toEqual({
      ok: true,
      result: [{ id: 'a1', kind: 'article', title: '天气', titleMarks: [[0, 2]], snippet: '今天晴', snippetMarks: [] }],
    });
    expect(h.calls).toEqual([{ query: '天气', limit: 5 }]);
  });

  it('treats missing arguments as an empty object', async () => {
    const h = handlers();
    expect(await dispatchBridgeCall(h, 'content:list', undefined)).toEqual({ ok: true, result: [] });
    expect(await dispatchBridgeCall(h, 'host:info', null)).toMatchObject({ ok: true });
    expect(h.calls).toEqual([{}]);
  });

  it('answers 404 for a channel that is not in the contract, including inherited property names', async () => {
    for (const channel of ['fs:read', '__proto__', 'constructor', 'toString', 42, null]) {
      const outcome = await dispatchBridgeCall(handlers(), channel, {});
      expect(outcome, String(channel)).toEqual({
        ok: false,
        status: 404,
        body: { error: { code: 'unknown-channel', message: `no bridge channel ${String(channel)}` } },
      });
    }
  });

  it('answers 400 with the validation message and never runs the handler for bad arguments', async () => {
    const h = handlers();
    const cases: [string, unknown, RegExp][] = [
      ['content:article', { id: 5 }, /id/],
      ['content:article', { id: '../../etc/passwd' }, /ids are ASCII/],
      ['content:list', { limit: 0 }, /limit/],
      ['content:list', { limit: 10, extra: true }, /extra/],
      ['content:search', { query: 'x'.repeat(201) }, /query/],
      ['host:info', 'not an object', /object/],
    ];
    for (const [channel, args, message] of cases) {
      const outcome = await dispatchBridgeCall(h, channel, args);
      expect(outcome.ok, channel).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.status).toBe(400);
      expect(outcome.body.error.code).toBe('bad-request');
      expect(outcome.body.error.message).toMatch(message);
    }
    expect(h.calls).toEqual([]);
  });

  it('answers 503 with the fault message when the host is in a fault state', async () => {
    const h = handlers({
      'content:list': async () => Promise.reject(new HostFaultError('data directory /data does not exist')),
    });
    expect(await dispatchBridgeCall(h, 'content:list', {})).toEqual({
      ok: false,
      status: 503,
      body: { error: { code: 'host-fault', message: 'data directory /data does not exist' } },
    });
  });

  it('answers 500 for any other failure without leaking its message', async () => {
    const h = handlers({
      'content:article': async () => {
        throw new Error('SQLITE_CORRUPT at /var/lib/newsboard/kiosk.sqlite: secret detail');
      },
    });
    const outcome = await dispatchBridgeCall(h, 'content:article', { id: 'a1' });
    expect(outcome).toEqual({
      ok: false,
      status: 500,
      body: { error: { code: 'internal', message: 'the kiosk host failed to answer' } },
    });
    expect(JSON.stringify(outcome)).not.toMatch(/SQLITE|secret|kiosk\.sqlite/);
  });
});
