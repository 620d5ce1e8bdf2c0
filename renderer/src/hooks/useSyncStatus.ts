import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../common/bridge/contract.js';
import { useBridge } from '../app/bridgeContext.js';

/** The latest sync status, or null while unknown (then the board does not claim to be offline). */
export function useSyncStatus(): SyncStatus | null {
  const bridge = useBridge();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    // An event that lands while the first request is in flight is newer than its answer.
    let heardEvent = false;
    let cancelled = false;
    const unsubscribe = bridge.on('sync:status', (next) => {
      heardEvent = true;
      setStatus(next);
    });
    bridge.invoke('sync:status', {}).then(
      (first) => {
        if (!cancelled && !heardEvent) setStatus(first);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [bridge]);

  return status;
}
