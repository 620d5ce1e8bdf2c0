import { useEffect, useState } from 'react';
import type { HostFault } from '../../../common/bridge/contract.js';
import { useBridge } from '../app/bridgeContext.js';

export const HOST_RETRY_MS = 5_000;

export type HostStatus = { kind: 'starting' } | { kind: 'ready' } | { kind: 'fault'; fault: HostFault };

/**
 * Asks the host whether it can serve content. A fault, or no answer at all, keeps asking: an
 * operator may fix the data directory, or the host may come back after a crash, and the board
 * should recover without anyone touching it.
 */
export function useHostStatus(): HostStatus {
  const bridge = useBridge();
  const [status, setStatus] = useState<HostStatus>({ kind: 'starting' });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (): Promise<void> => {
      let next: HostStatus;
      try {
        const info = await bridge.invoke('host:info', {});
        next = info.fault === null ? { kind: 'ready' } : { kind: 'fault', fault: info.fault };
      } catch (error) {
        next = {
          kind: 'fault',
          fault: { code: 'internal', detail: error instanceof Error ? error.message : String(error) },
        };
      }
      if (cancelled) return;
      setStatus(next);
      if (next.kind === 'fault') timer = setTimeout(() => void check(), HOST_RETRY_MS);
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [bridge]);

  return status;
}
