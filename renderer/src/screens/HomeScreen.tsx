import { useLayoutEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../common/bridge/contract.js';
import type { ItemSummary } from '../../../common/content.js';
import { ArticleCard } from '../components/ArticleCard.js';
import { Masthead } from '../components/Masthead.js';
import { OfflineIndicator } from '../components/OfflineIndicator.js';

export interface HomeScreenProps {
  items: ItemSummary[] | null;
  syncStatus: SyncStatus | null;
  onOpen: (item: ItemSummary) => void;
  /** Where the list was scrolled when the reader left, so "back" lands on the story they came from. */
  scrollMemory: RefObject<number>;
}

export function HomeScreen({ items, syncStatus, onOpen, scrollMemory }: HomeScreenProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list === null) return;
    list.scrollTop = scrollMemory.current;
    return () => {
      scrollMemory.current = list.scrollTop;
    };
  }, [scrollMemory]);

  return (
    <div className="screen home" data-testid="home">
      <Masthead />
      {/* A standalone board (no server) is not offline: it shows what it was provisioned with. */}
      {syncStatus?.online === false && syncStatus.serverUrl !== null && <OfflineIndicator status={syncStatus} />}
      <main className="scroll-area home-list" ref={listRef}>
        {items === null || items.length === 0 ? (
          <div className="empty-state" data-testid="empty-state" role="status">
            <svg className="empty-icon" viewBox="0 0 48 48" aria-hidden="true">
              <path d="M8 10h26v28H12a4 4 0 0 1-4-4zM34 18h6v16a4 4 0 0 1-4 4h-2M14 17h14M14 24h14M14 31h9" />
            </svg>
            <p className="empty-title">{t('home.empty')}</p>
            <p className="empty-hint">{t('home.emptyHint')}</p>
          </div>
        ) : (
          <>
            <h2 className="section-heading">{t('home.heading')}</h2>
            <ul className="card-grid">
              {items.map((item, index) => (
                <li key={item.id}>
                  <ArticleCard item={item} lead={index === 0} onOpen={onOpen} />
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}
