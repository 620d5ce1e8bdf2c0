import i18next, { type i18n } from 'i18next';
import { languageSchema, type Language } from '../../../common/content.js';
import { en } from './en.js';
import type { Messages } from './messages.js';
import { zhCN } from './zh-CN.js';
import { zhTW } from './zh-TW.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGES = languageSchema.options;
const STORAGE_KEY = 'newsboard.language';

/** The UI language as i18next holds it, narrowed to ours (i18next types it as any string). */
export function currentLanguage(instance: i18n): Language {
  const parsed = languageSchema.safeParse(instance.resolvedLanguage ?? instance.language);
  return parsed.success ? parsed.data : DEFAULT_LANGUAGE;
}

/**
 * One i18next instance per app (tests create their own). Resources are bundled, so init finishes
 * synchronously and the first frame is already translated. The choice survives reloads in
 * localStorage; `<html lang>` follows it so CJK glyphs come from the right regional font.
 */
export function createI18n(storage: Storage = window.localStorage): i18n {
  const instance = i18next.createInstance();
  const stored = languageSchema.safeParse(storage.getItem(STORAGE_KEY));
  void instance.init({
    resources: { 'zh-CN': { translation: zhCN }, 'zh-TW': { translation: zhTW }, en: { translation: en } },
    lng: stored.success ? stored.data : DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    // React escapes text itself; escaping here too would show entities on screen.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = currentLanguage(instance);
  instance.on('languageChanged', () => {
    const language = currentLanguage(instance);
    document.documentElement.lang = language;
    storage.setItem(STORAGE_KEY, language);
  });
  return instance;
}
