import { makePdf, type TestPage } from './test-support.js';

/** Test editions written for these tests: text placed where a newspaper would put it. */

export const HEADLINE = '社区新闻';
export const STORY_LINES = ['本周六上午九点，街道将在文化广场举办义诊活动。', '欢迎居民参加，请携带医保卡。'];
export const LIBRARY_LINES = ['Library opens late on Fridays; bring a card to bor-', 'row books.'];
/** The library story as a reader should get it: the word broken across lines joined again. */
export const LIBRARY_TEXT = 'Library opens late on Fridays; bring a card to borrow books.';
export const PAGE2_LINE = '菜市场改造完成，新增二十个摊位，明天起恢复营业。';
export const SIDEWAYS_LINE = '停电通知：明日上午八点至十二点检修线路。';

export const FRONT_PAGE: TestPage = {
  runs: [
    { x: 72, y: 90, size: 28, text: HEADLINE },
    { x: 72, y: 140, size: 12, text: STORY_LINES[0] as string },
    { x: 72, y: 158, size: 12, text: STORY_LINES[1] as string },
    { x: 250, y: 500, size: 12, text: LIBRARY_LINES[0] as string },
    { x: 250, y: 515, size: 12, text: LIBRARY_LINES[1] as string },
    // A page number is not a story.
    { x: 290, y: 820, size: 9, text: '1' },
  ],
};

/** Three pages: a front page with two stories, an inside page, and a landscape page stored sideways. */
export function makeEdition(): Buffer {
  return makePdf(
    [
      FRONT_PAGE,
      { runs: [{ x: 72, y: 100, size: 12, text: PAGE2_LINE }] },
      { rotate: 90, runs: [{ x: 72, y: 100, size: 12, text: SIDEWAYS_LINE }] },
    ],
    { title: '社区日报', creationDate: "D:20240501080000+08'00'" },
  );
}

export const TRADITIONAL_LINE = '體育新聞：本市籃球隊昨晚以三分之差險勝對手，球迷歡聲雷動。';

export function makeTraditionalEdition(): Buffer {
  return makePdf([{ runs: [{ x: 72, y: 100, size: 12, text: TRADITIONAL_LINE }] }], {
    title: '港島週報',
    creationDate: 'D:20240601000000Z',
  });
}
