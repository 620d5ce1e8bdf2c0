import { EventEmitter } from 'node:events';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NewsboardBridge } from '../../common/bridge/api.js';
import { bridgeChannelNames } from '../../common/bridge/contract.js';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    module: {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.set(key, value) },
      // Filled in below with an EventEmitter; vi.hoisted runs before imports.
      ipcRenderer: undefined as unknown as EventEmitter & { invoke: ReturnType<typeof vi.fn> },
    },
  };
});
vi.mock('electron', () => electron.module);

const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn() });
electron.module.ipcRenderer = ipcRenderer;

let bridge: NewsboardBridge;
beforeAll(async () => {
  await import('./preload.js');
  bridge = electron.exposed.get('newsboard') as NewsboardBridge;
});
afterEach(() => ipcRenderer.invoke.mockReset());

const untyped = (b: NewsboardBridge) =>
  b as unknown as {
    invoke(c: string, a: unknown): Promise<unknown>;
    on(e: string, l: (p: unknown) => void): () => void;
  };
const hostEvent = (event: string, payload: unknown) =>
  ipcRenderer.emit('nb:event', { sender: ipcRenderer }, { event, payload });

describe('preload bridge', () => {
  it('exposes window.newsboard with invoke and on only, and nothing of ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['newsboard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    const values = Object.values(bridge as object);
    expect(values.every((value) => typeof value === 'function')).toBe(true);
    expect(values).not.toContain(ipcRenderer);
    expect(values).not.toContain(ipcRenderer.invoke);
  });

  it('forwards an allowed channel under its nb: IPC name and resolves with the answer', async () => {
    ipcRenderer.invoke.mockResolvedValue([{ id: 'a1' }]);
    await expect(bridge.invoke('content:list', { limit: 5 })).resolves.toEqual([{ id: 'a1' }]);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('nb:content:list', { limit: 5 });
  });

  it('allows exactly the contract channels', async () => {
    ipcRenderer.invoke.mockResolvedValue(null);
    for (const channel of bridgeChannelNames) await untyped(bridge).invoke(channel, {});
    expect(ipcRenderer.invoke.mock.calls.map(([name]) => name)).toEqual(bridgeChannelNames.map((c) => `nb:${c}`));
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    for (const channel of ['fs:read', 'nb:host:info', '__proto__', 'hasOwnProperty', '']) {
      await expect(untyped(bridge).invoke(channel, {})).rejects.toThrow(/^unknown-channel: /);
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('hands the renderer "<code>: <message>" errors without Electron\'s wrapping', async () => {
    ipcRenderer.invoke.mockRejectedValue(
      new Error("Error invoking remote method 'nb:content:search': Error: bad-request: query too long"),
    );
    await expect(bridge.invoke('content:search', { query: 'x' })).rejects.toThrow(/^bad-request: query too long$/);
  });

  it('delivers only its own event, payload only, until unsubscribed', () => {
    const changed = vi.fn();
    const status = vi.fn();
    const off = bridge.on('content:changed', changed);
    bridge.on('sync:status', status);
    hostEvent('content:changed', { contentVersion: 'v2' });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0]).toEqual([{ contentVersion: 'v2' }]);
    expect(status).not.toHaveBeenCalled();
    off();
    hostEvent('content:changed', { contentVersion: 'v3' });
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('uses one IPC listener however many subscriptions there are', () => {
    const before = ipcRenderer.listenerCount('nb:event');
    const offs = Array.from({ length: 20 }, () => bridge.on('ui:language', () => {}));
    expect(ipcRenderer.listenerCount('nb:event')).toBe(before);
    expect(before).toBe(1);
    offs.forEach((off) => off());
  });

  it('refuses unknown events and ignores malformed messages', () => {
    expect(() => untyped(bridge).on('ipc:raw', () => {})).toThrow(/^unknown-event: /);
    const listener = vi.fn();
    const off = bridge.on('ui:language', listener);
    ipcRenderer.emit('nb:event', {}, null);
    ipcRenderer.emit('nb:event', {}, 'ui:language');
    hostEvent('not:an:event', { language: 'en' });
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const failing = bridge.on('sync:status', () => {
      throw new Error('renderer bug');
    });
    const healthy = vi.fn();
    const off = bridge.on('sync:status', healthy);
    const rethrown = new Promise<unknown>((resolve) => {
      const original = globalThis.queueMicrotask;
      globalThis.queueMicrotask = (task) => {
        globalThis.queueMicrotask = original;
        try {
          task();
        } catch (error) {
          resolve(error);
        }
      };
    });
    hostEvent('sync:status', { online: true });
    expect(healthy).toHaveBeenCalledTimes(1);
    await expect(rethrown).resolves.toHaveProperty('message', 'renderer bug');
    failing();
    off();
  });
});
