import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../common/bridge/contract.js';
import { formatPublished, metaLine } from '../i18n/format.js';
import { currentLanguage } from '../i18n/i18n.js';

/** Tells readers the news may be old, without alarming them: the board works offline by design. */
export function OfflineIndicator({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const lastSync = status.lastSuccessAt === null ? '' : formatPublished(status.lastSuccessAt, currentLanguage(i18n));
  return (
    <p className="offline-indicator" role="status" data-testid="offline-indicator">
      <span className="offline-dot" aria-hidden="true" />
      <span>{metaLine(t('offline.label'), lastSync === '' ? '' : t('offline.lastSync', { time: lastSync }))}</span>
    </p>
  );
}
