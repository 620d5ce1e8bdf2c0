import { describe, expect, it } from 'vitest';
import { parseNewspaperPage } from './newspaper.js';

// A made-up page laid out like extracted newspaper text: a teaser for page 5, a story whose
// headline comes after its body and continues on page 5, a story with a two-line headline and a
// byline, a headless story with a subheading whose headline follows its byline, a promo box, a
// photo caption and a column label.
const page = [
  ' 社区读书节下周开幕',
  'P05',
  '',
  '本报讯 东风街道第一批电子阅报栏上周在',
  '六个小区投入使用，居民在家门口就能读',
  '到当天的报纸。街道工作人员介绍，阅报',
  '栏每天清晨自动更新，停电恢复以后也会',
  '',
  '自己重新启动，不需要专人值守。',
  '',
  '不少居民已经养成了饭后到阅报栏前看',
  '看新闻的习惯。一位退休教师说，字可以',
  '放大，看起来一点也不费劲。 （下转05版）',
  '',
  '阅报栏走进东风街道六个小区',
  '',
  '图书角周末',
  '延长开放',
  '',
  '从本周起，街道图书角周六和周日的开放',
  '时间延长到晚上八点，方便上班族借还图',
  '书。图书角还新添了两百多册少儿读物。',
  '',
  '本报记者 王小明',
  '',
  '清晨六点半，志愿者老李已经在阅报栏前',
  '擦拭屏幕。他说，每天第一个读报的人看',
  '到干干净净的屏幕，心情也会变得很好。',
  '',
  '小事也要做好',
  '“让邻居读得舒心”',
  '',
  '老李每周值守三次，还耐心地教老人使用',
  '放大和朗读功能。',
  '',
  '本报记者 陈晓红',
  '',
  '志愿者老李的早晨',
  '',
  '参与',
  ' 读书节报名',
  '开始啦',
  '想报名的居民请',
  '扫码填写信息，名',
  '额有限。',
  ' 老李在擦拭屏幕(左一)。',
  ' ⊙身边故事',
].join('\n');

describe('parseNewspaperPage', () => {
  const articles = parseNewspaperPage(page);

  it('splits the page into its stories and drops the teaser, promo box, caption and label', () => {
    expect(articles.map((a) => a.title)).toEqual([
      '阅报栏走进东风街道六个小区',
      '图书角周末\u3000延长开放',
      '志愿者老李的早晨',
    ]);
    const all = articles.flatMap((a) => [a.title, ...a.paragraphs]).join('');
    for (const noise of ['P05', '读书节', '扫码', '左一', '⊙', '王小明', '陈晓红']) expect(all).not.toContain(noise);
  });

  it('rejoins hard-wrapped lines, also across a mid-sentence column break, and keeps the jump note', () => {
    expect(articles[0]?.paragraphs).toEqual([
      '本报讯\u3000东风街道第一批电子阅报栏上周在六个小区投入使用，居民在家门口就能读到当天的报纸。街道工作人员介绍，阅报栏每天清晨自动更新，停电恢复以后也会自己重新启动，不需要专人值守。',
      '不少居民已经养成了饭后到阅报栏前看看新闻的习惯。一位退休教师说，字可以放大，看起来一点也不费劲。',
      '（下转05版）',
    ]);
  });

  it('keeps subheadings inside the story, their tiers on one line', () => {
    expect(articles[2]?.paragraphs).toEqual([
      '清晨六点半，志愿者老李已经在阅报栏前擦拭屏幕。他说，每天第一个读报的人看到干干净净的屏幕，心情也会变得很好。',
      '小事也要做好\u3000“让邻居读得舒心”',
      '老李每周值守三次，还耐心地教老人使用放大和朗读功能。',
    ]);
  });

  it('derives a headline from the lead when the page gives none', () => {
    const [article] = parseNewspaperPage(
      ['今天上午，街道为阅报栏换上了新屏幕。', '', '居民都说看得更清楚了。'].join('\n'),
    );
    expect(article?.title).toBe('今天上午，街道为阅报栏换上了新屏幕');
    expect(article?.paragraphs).toHaveLength(2);
  });
});
