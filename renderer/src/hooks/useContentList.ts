import { useEffect, useState } from 'react';
import type { ItemSummary } from '../../../common/content.js';
import { useBridge } from '../app/bridgeContext.js';

export const HOME_LIST_LIMIT = 60;
const RETRY_MS = 5_000;

/**
 * The home list, refreshed whenever the host publishes a new content version. A failed refresh
 * keeps the last good list on screen and tries again; null means nothing has arrived yet.
 */
export function useContentList(): ItemSummary[] | null {
  const bridge = useBridge();
  const [items, setItems] = useState<ItemSummary[] | null>(null);

  useEffect(() => {
    let latest = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      const request = ++latest;
      clearTimeout(retry);
      try {
        const list = await bridge.invoke('content:list', { limit: HOME_LIST_LIMIT });
        // Two quick content changes can answer out of order; only the newest request may win.
        if (request === latest) setItems(list);
      } catch {
        if (request === latest) retry = setTimeout(() => void load(), RETRY_MS);
      }
    };
    const unsubscribe = bridge.on('content:changed', () => void load());
    void load();
    return () => {
      latest = -1;
      clearTimeout(retry);
      unsubscribe();
    };
  }, [bridge]);

  return items;
}
