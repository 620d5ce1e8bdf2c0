/**
 * A newspaper page as extracted text: several articles run together, headlines on their own short
 * lines, bylines, page markers, continuation notes, photo captions and promotional boxes.
 *
 * Extraction follows the page's drawing order, not reading order, so a headline may come after
 * the body it belongs to. The rule used here: an article whose body arrived without a headline
 * takes the first headline run after it ends (at its byline or its continuation note); until it
 * ends, short headline-like lines inside it are subheadings. An article that did open with a
 * headline ends at the next headline that is followed by body text.
 */
import type { ParsedArticle } from './article.js';
import { joinTiers, titleFromLead } from './headline.js';
import { unwrapLines, type UnwrappedParagraph } from './linewrap.js';
import { cleanText, endsSentence } from './text.js';

type Kind = 'pageRef' | 'jump' | 'drop' | 'byline' | 'heading' | 'body';

/** "P08": a teaser pointing to a story on another page. */
const PAGE_REF = /^P\d{1,3}$/iu;
/** "（下转08版）": the article continues on another page. */
const JUMP = /^[（(](?:下转|下轉|上接|转|轉|接)第?\d{1,3}版[)）]$/u;
/** "⊙拍客故事": column labels. */
const LABEL = /^[⊙◎]/u;
/** "林勇刚(左一)": a photo caption naming who stands where. */
const CAPTION = /[（(](?:左|右|中|前排|后排|後排)[一二三四五六七八九十\d]*[)）]/u;
const BYLINE = /记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影|编辑|編輯/u;
/** Boxes asking the reader to scan a QR code are advertising, not articles. */
const PROMO = /扫码|掃碼|扫描二维码|掃描二維碼/u;
const HEADLINE_MAX = 30;

function classify(text: string): Kind {
  if (PAGE_REF.test(text)) return 'pageRef';
  if (JUMP.test(text)) return 'jump';
  const length = [...text].length;
  if (LABEL.test(text) || (CAPTION.test(text) && length <= 40)) return 'drop';
  const open = !endsSentence(text) && !/[，、：,:]$/u.test(text);
  if (length <= HEADLINE_MAX && open && BYLINE.test(text) && !/[，。]/u.test(text)) return 'byline';
  if (length <= HEADLINE_MAX && (open || /[！？][”’」』]?$/u.test(text))) return 'heading';
  // A long paragraph that never ends a sentence is a display box (pull quotes, highlights) that
  // repeats the story in fragments; body text always closes its sentences.
  if (!endsSentence(text) && !/[，、：,:]$/u.test(text)) return 'drop';
  return 'body';
}

interface Draft {
  headings: string[];
  body: string[];
  /** Everything the article contained, unseparated, so that words split across lines still match. */
  raw: string;
  ended: boolean;
}

function openDraft(drafts: Draft[], headings: string[]): Draft {
  const draft: Draft = { headings, body: [], raw: headings.join(''), ended: false };
  drafts.push(draft);
  return draft;
}

function groupArticles(paragraphs: readonly UnwrappedParagraph[]): Draft[] {
  const drafts: Draft[] = [];
  let current: Draft | undefined;
  /** Consecutive headline lines, in blank-separated groups: one group is one headline's tiers. */
  let run: string[][] = [];

  const closeRun = (bodyFollows: boolean): void => {
    if (run.length === 0) return;
    if (current && current.headings.length === 0 && current.ended) {
      // Between a body that still lacks its headline and a body that follows, the last group
      // opens the next article and the groups before it close this one.
      const opensNext = bodyFollows && run.length > 1 ? run.pop() : undefined;
      current.headings = run.flat();
      current.raw += current.headings.join('');
      if (opensNext) current = openDraft(drafts, opensNext);
    } else if (bodyFollows && (!current || current.ended || current.headings.length > 0)) {
      current = openDraft(drafts, run.flat());
    } else if (current && !current.ended) {
      current.body.push(joinTiers(run.flat()));
      current.raw += run.flat().join('');
    } // else: headlines with no body on this page (a teaser), dropped
    run = [];
  };

  for (const { text, afterGap, afterBlank } of paragraphs) {
    const kind = classify(text);
    if (kind === 'heading') {
      if (afterGap) closeRun(false);
      const group = run.at(-1);
      if (group && !afterBlank) group.push(text);
      else run.push([text]);
      continue;
    }
    if (kind === 'pageRef') {
      run = [];
      continue;
    }
    closeRun(kind === 'body');
    if (kind === 'drop') continue;
    if (kind === 'body' && (!current || current.ended)) current = openDraft(drafts, []);
    if (!current) continue;
    current.raw += text;
    // Bylines are dropped: the demo article carries its source, and names alone read as noise.
    // The continuation note is kept as the last paragraph so the reader knows the story goes on.
    if (kind !== 'byline') current.body.push(text);
    if (kind !== 'body') current.ended = true;
  }
  closeRun(false);
  return drafts;
}

export function parseNewspaperPage(text: string): ParsedArticle[] {
  const paragraphs = unwrapLines(text, (line) => PAGE_REF.test(line) || LABEL.test(line))
    .map((paragraph) => ({ ...paragraph, text: cleanText(paragraph.text) }))
    .filter(({ text: paragraph }) => paragraph !== '');
  return groupArticles(paragraphs)
    .filter((draft) => draft.body.some((p) => classify(p) === 'body') && !PROMO.test(draft.raw))
    .map((draft) => ({
      title: draft.headings.length > 0 ? joinTiers(draft.headings) : titleFromLead(draft.body[0] ?? ''),
      paragraphs: draft.body,
    }));
}
