import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES } from '../i18n/i18n.js';

/** Three big buttons, each naming its language in that language, so nobody has to read a foreign label to find their own. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = currentLanguage(i18n);
  return (
    <div className="segmented language-switch" role="group" aria-label={t('language.switchLabel')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="language-button"
          lang={language}
          aria-label={t(`language.full.${language}`)}
          aria-pressed={language === active}
          data-testid={`lang-${language}`}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(`language.short.${language}`)}
        </button>
      ))}
    </div>
  );
}
