/**
 * The ~520 most frequent Chinese characters (modern news text), split by script: ones written the
 * same in both, ones only simplified text uses, and the traditional forms of those. Real Chinese
 * text is mostly made of them; bytes decoded with the wrong legacy encoding give rare characters.
 * Characters both scripts use in their own right (于/於, 后/後, 台/臺, 里/裡…) are left out of
 * the script-specific sets.
 */
const SHARED =
  '的一是不了在人有我他中上大和地到以要就出可也你生能而子那得下自之年作用道行所然家事成方多去法如都同面起看定天分好小部其些主理心她本前但因只想日者意力它把十民第公此已工使情明性知全三又正外高由很最重物手向文政美相被利什二等或新己制身果加西斯月合回特代信表化老世位次度任常先海通教原提立及比解水名真走各入口平系活更打女四神何安少才反受目太量再感建做接必件管期市直德命山金指克保至形社便空治展科司五基眼非白界光放即像且思王象完式色路南品住告求程北死交取拉格望共清今切院候笑步改收根造言持每林服快往元英士近失夫令布始怎呢存未叫影具字流兵深商算集百需花城石整府技示病息究似官火精支消越器容照九增研企八功包片史委乎查易早曾除找吧阿李吃念六引首局突另周注考落青列武推希古房半土投某案黑革敢';
const SIMPLIFIED_ONLY =
  '这个们来为国说时会对过发种经学现当没动还进样开从实军无与长机关点业将两间问并应战头体见产话内给门儿东声员论处义认条气题尔别变总电数报结务场计资许统区队决马书则听却达强难权设记类据边张该规万觉术领确传师观让识带导争运飞风联组济车亲极办议证转准远单罗爱击备连调质团价党华级离况亚请际约复线断满视须写称吗轻农装广显标谈图历医专费号尽较语仅随选红响虽势参众构节维划';
const TRADITIONAL_ONLY =
  '這個們來為國說時會對過發種經學現當沒動還進樣開從實軍無與長機關點業將兩間問並應戰頭體見產話內給門兒東聲員論處義認條氣題爾別變總電數報結務場計資許統區隊決馬書則聽卻達強難權設記類據邊張該規萬覺術領確傳師觀讓識帶導爭運飛風聯組濟車親極辦議證轉準遠單羅愛擊備連調質團價黨華級離況亞請際約覆線斷滿視須寫稱嗎輕農裝廣顯標談圖歷醫專費號盡較語僅隨選紅響雖勢參眾構節維劃';

const sharedSet = new Set(SHARED);
const simplifiedSet = new Set(SIMPLIFIED_ONLY);
const traditionalSet = new Set(TRADITIONAL_ONLY);

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

export interface HanziCounts {
  /** Han characters looked at. */
  han: number;
  /** Of those, how many are among the most frequent characters in either script. */
  common: number;
  simplified: number;
  traditional: number;
}

/** Counts over at most `limit` Han characters: enough to decide, bounded on huge texts. */
export function countHanzi(text: string, limit = 4_000): HanziCounts {
  const counts: HanziCounts = { han: 0, common: 0, simplified: 0, traditional: 0 };
  for (const char of text) {
    if (!HAN.test(char)) continue;
    counts.han++;
    if (simplifiedSet.has(char)) counts.simplified++;
    else if (traditionalSet.has(char)) counts.traditional++;
    if (sharedSet.has(char) || simplifiedSet.has(char) || traditionalSet.has(char)) counts.common++;
    if (counts.han >= limit) break;
  }
  return counts;
}
