import { useRef, useState } from 'react';
import type { ItemSummary } from '../../../common/content.js';
import type { TextSize } from '../components/TextSizeToggle.js';
import { useContentList } from '../hooks/useContentList.js';
import { useIdle } from '../hooks/useIdle.js';
import { useSyncStatus } from '../hooks/useSyncStatus.js';
import { ArticleScreen } from '../screens/ArticleScreen.js';
import { HomeScreen } from '../screens/HomeScreen.js';

/** A passerby who walks away leaves the board to the next one: back to the front page, default settings. */
export const IDLE_RETURN_MS = 120_000;

type Screen = { name: 'home' } | { name: 'article'; item: ItemSummary };

/** The passerby app once the host is healthy: home ⇄ article, with list and sync state kept across both. */
export function Kiosk() {
  const items = useContentList();
  const syncStatus = useSyncStatus();
  const [screen, setScreen] = useState<Screen>({ name: 'home' });
  const [textSize, setTextSize] = useState<TextSize>('normal');
  const homeScroll = useRef(0);
  // Bumped on idle so the home screen remounts at the top even if the reader never left it.
  const [homeVisit, setHomeVisit] = useState(0);

  useIdle(IDLE_RETURN_MS, () => {
    homeScroll.current = 0;
    setHomeVisit((visit) => visit + 1);
    setTextSize('normal');
    setScreen({ name: 'home' });
  });

  if (screen.name === 'article') {
    return (
      <ArticleScreen
        key={screen.item.id}
        item={screen.item}
        textSize={textSize}
        onTextSize={setTextSize}
        onBack={() => setScreen({ name: 'home' })}
      />
    );
  }
  return (
    <HomeScreen
      key={homeVisit}
      items={items}
      syncStatus={syncStatus}
      scrollMemory={homeScroll}
      onOpen={(item) => setScreen({ name: 'article', item })}
    />
  );
}
