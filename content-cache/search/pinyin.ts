import { pinyin } from 'pinyin-pro';

const SYLLABLE = /^[a-z0-9]+$/;

/**
 * What a title reads as in pinyin without tones, for passersby typing on a Latin keyboard: the full
 * syllables run together (媒体融合 → meitironghe) and, after a space, their initials (mtrh). Runs
 * broken by punctuation stay apart, so a query cannot match across a comma. Only titles get pinyin:
 * a body's pinyin would cost more than the whole trigram index to compute, and short Latin strings
 * match nearly every long pinyin text, so body hits would bury the title hits people look for.
 */
export function titlePinyin(foldedTitle: string): string {
  if (!foldedTitle) return '';
  const full: string[] = [];
  const initials: string[] = [];
  let fullRun = '';
  let initialRun = '';
  const flush = () => {
    if (fullRun) full.push(fullRun);
    if (initialRun) initials.push(initialRun);
    fullRun = '';
    initialRun = '';
  };
  for (const syllable of pinyin(foldedTitle, { toneType: 'none', type: 'array', v: true })) {
    const lower = syllable.toLowerCase();
    if (SYLLABLE.test(lower)) {
      fullRun += lower;
      initialRun += lower[0];
    } else {
      flush();
    }
  }
  flush();
  return `${full.join(' ')} ${initials.join(' ')}`.trim();
}
