import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannelFor } from '../../common/bridge/api.js';
import { bridgeChannelNames, type BridgeChannel } from '../../common/bridge/contract.js';
import type { BridgeCallOutcome } from '../../common/bridge/dispatch.js';
import { BridgeIpcError, registerBridgeIpc, type ForwardBridgeCall } from './ipc.js';
import { isRendererUrl } from './protocol.js';
import { recordingLogger } from './testing/fakeElectron.js';

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<unknown>;

function setup(forwardImpl: ForwardBridgeCall = async () => ({ ok: true, result: 'answered' })) {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)) };
  const forward = vi.fn(forwardImpl);
  const logger = recordingLogger();
  registerBridgeIpc(ipcMain, forward, isRendererUrl, logger);
  const invoke = (channel: BridgeChannel, args: unknown, frameUrl: string | null = 'app://newsboard/index.html') => {
    const handler = handlers.get(ipcChannelFor(channel));
    if (!handler) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
    return handler(event, args);
  };
  return { handlers, forward, logger, invoke };
}

describe('registerBridgeIpc', () => {
  it('registers a handler for every channel of the contract under its nb: name, and nothing else', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(bridgeChannelNames.map(ipcChannelFor).sort());
    expect(handlers.has('nb:content:search')).toBe(true);
  });

  it('forwards a valid call from the renderer and returns the host result', async () => {
    const { invoke, forward } = setup();
    await expect(invoke('content:search', { query: '新闻', limit: 5 })).resolves.toBe('answered');
    expect(forward).toHaveBeenCalledWith('content:search', { query: '新闻', limit: 5 });
    await invoke('host:info', undefined);
    expect(forward).toHaveBeenLastCalledWith('host:info', {});
  });

  it('refuses calls from any frame that is not the renderer, before anything is forwarded', async () => {
    const { invoke, forward, logger } = setup();
    for (const frameUrl of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', null]) {
      await expect(invoke('sync:now', {}, frameUrl)).rejects.toThrow(/^unauthorized: /);
    }
    expect(forward).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });

  it('rejects invalid arguments with bad-request and never forwards them', async () => {
    const { invoke, forward } = setup();
    await expect(invoke('content:search', { query: 42 })).rejects.toThrow(/^bad-request: /);
    await expect(invoke('content:list', { limit: 10_000 })).rejects.toThrow(/^bad-request: /);
    await expect(invoke('host:info', { extra: true })).rejects.toThrow(/^bad-request: /);
    await expect(invoke('content:article', { id: '../../etc/passwd' })).rejects.toThrow(/^bad-request: /);
    expect(forward).not.toHaveBeenCalled();
  });

  it('surfaces a host error as an error carrying its code and message', async () => {
    const failure: BridgeCallOutcome = {
      ok: false,
      status: 503,
      body: { error: { code: 'host-fault', message: 'database is corrupt' } },
    };
    const { invoke } = setup(async () => failure);
    const error = await invoke('content:list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeIpcError);
    expect((error as BridgeIpcError).message).toBe('host-fault: database is corrupt');
    expect((error as BridgeIpcError).code).toBe('host-fault');
  });

  it('turns an unreachable host into a host-fault error and logs the cause', async () => {
    const { invoke, logger } = setup(async () => {
      throw new Error('the kiosk host exited with code 1');
    });
    await expect(invoke('sync:status', {})).rejects.toThrow('host-fault: the kiosk host is not answering');
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ channel: 'sync:status' }), expect.any(String));
  });
});
