import type { Language } from '../../common/content.js';
import { countHanzi } from './hanzi.js';

/** Share of Han characters above which text counts as Chinese rather than, say, English with a name in it. */
const CHINESE_SHARE = 0.2;

/**
 * A declared BCP 47 tag mapped onto the kiosk's languages: zh-Hant/TW/HK/MO are traditional,
 * zh-Hans/CN/SG simplified, en English. A bare `zh` says nothing about the script, and other
 * languages have no kiosk language of their own: null, and the text decides.
 */
export function declaredLanguage(tag: string | null | undefined): Language | null {
  const lower = tag?.trim().toLowerCase().replace(/_/g, '-') ?? '';
  if (/^zh-(?:hant|tw|hk|mo)\b/.test(lower)) return 'zh-TW';
  if (/^zh-(?:hans|cn|sg)\b/.test(lower)) return 'zh-CN';
  if (/^en\b/.test(lower)) return 'en';
  return null;
}

/**
 * The script of Chinese text, from characters that differ between the scripts (这/這, 国/國…),
 * or 'en' for text that is not Chinese: the kiosk shows other Latin-script text under English.
 */
export function detectLanguage(text: string): Language {
  const counts = countHanzi(text);
  const letters = (text.slice(0, 20_000).match(/\p{L}/gu) ?? []).length;
  if (counts.han === 0 || counts.han < letters * CHINESE_SHARE) return 'en';
  return counts.traditional > counts.simplified ? 'zh-TW' : 'zh-CN';
}
