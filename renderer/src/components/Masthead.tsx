import { useTranslation } from 'react-i18next';
import { formatClock, formatMastheadDate } from '../i18n/format.js';
import { currentLanguage } from '../i18n/i18n.js';
import { useMinuteClock } from '../hooks/useMinuteClock.js';
import { LanguageSwitch } from './LanguageSwitch.js';

export function Masthead() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const now = useMinuteClock();
  return (
    <header className="masthead">
      <div className="masthead-row">
        <h1 className="masthead-name" data-testid="masthead-name">
          {t('app.name')}
        </h1>
        <time className="masthead-clock" dateTime={now.toISOString()} data-testid="clock">
          {formatClock(now, language)}
        </time>
      </div>
      <div className="masthead-row masthead-row--second">
        <p className="masthead-date">{formatMastheadDate(now, language)}</p>
        <LanguageSwitch />
      </div>
    </header>
  );
}
