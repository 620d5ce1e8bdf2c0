import { useTranslation } from 'react-i18next';

export function BackButton({ onBack, placement }: { onBack: () => void; placement: 'top' | 'dock' }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`back-button back-button--${placement}`}
      aria-label={t('article.backHome')}
      // Only the dock button carries the e2e id, so a test's click target is never ambiguous.
      data-testid={placement === 'dock' ? 'back-button' : 'back-button-top'}
      onClick={onBack}
    >
      <svg className="back-arrow" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M15 4 7 12l8 8" />
      </svg>
      <span>{t('article.back')}</span>
    </button>
  );
}
