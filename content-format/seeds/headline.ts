/** Headlines: derived from a news lead when a text has none, or assembled from layout tiers. */

const TITLE_MAX = 40;

/** "央视网消息（新闻联播）：", "新华社北京1月25日电　": who filed the report, not what happened. */
const DATELINE = /^[^，。：\s]{1,20}?(?:消息|电|電|讯|訊)(?:（[^）]{1,20}）)?(?:[：:]|\u3000|\s)/u;
/** When it happened belongs in publishedAt; Chinese headlines leave it out. */
const TIME_PHRASE = /\d{1,2}月\d{1,2}日(?:上午|下午|中午|晚上|晚间|晚間|早上|凌晨)?/gu;

/**
 * A news lead's first sentence states the story; without its dateline and time phrase it reads as
 * the headline an editor would write ("中共中央政治局1月25日上午就…举行…集体学习" → "中共中央政治局就…").
 */
export function titleFromLead(lead: string): string {
  const firstSentence = lead.split(/[。！？]/u)[0] ?? lead;
  const title = firstSentence.replace(DATELINE, '').replace(TIME_PHRASE, '').trim();
  const chars = [...title];
  if (chars.length <= TITLE_MAX) return title;
  const clause = title.split('，')[0] ?? '';
  return [...clause].length >= 8 && [...clause].length <= TITLE_MAX ? clause : `${chars.slice(0, TITLE_MAX).join('')}…`;
}

/**
 * Newspaper headlines come in tiers (kicker, main line, subtitle), each on its own line. Print
 * separates tiers by layout; in running text an ideographic space does the same, unless a tier
 * already ends in punctuation.
 */
export function joinTiers(tiers: readonly string[]): string {
  return tiers.reduce((joined, tier) => {
    if (joined === '') return tier;
    return joined + (/\p{P}$/u.test(joined) ? '' : '\u3000') + tier;
  }, '');
}
