import { describe, expect, it } from 'vitest';
import { parsePortalPage } from './portal.js';
import { parseNewsReport } from './report.js';
import { parseSpeech } from './speech.js';
import { parseWikiPage } from './wiki.js';

describe('parseNewsReport', () => {
  it('removes segmentation spaces and takes the headline from the lead', () => {
    const [article] = parseNewsReport(
      [
        '东风台 消息 （ 晚间 新闻 ） ： 东风 街道 3 月 5 日 上午 举行 阅报栏 启用 仪式 。',
        '居民 代表 参加 了 仪式 。',
        '',
      ].join('\n'),
    );
    expect(article?.title).toBe('东风街道举行阅报栏启用仪式');
    expect(article?.paragraphs).toEqual([
      '东风台消息（晚间新闻）：东风街道3月5日上午举行阅报栏启用仪式。',
      '居民代表参加了仪式。',
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseNewsReport('\n\n')).toEqual([]);
  });
});

describe('parseSpeech', () => {
  it('takes the first line as title and gives each enumerated point its own paragraph', () => {
    const [article] = parseSpeech(
      ['在阅报栏工作会上的讲话', '', '同志们：', '第一，把内容做好', '内容是根本。一是每天更新。二是及时纠错。'].join(
        '\n',
      ),
    );
    expect(article?.title).toBe('在阅报栏工作会上的讲话');
    expect(article?.paragraphs).toEqual([
      '同志们：',
      '第一，把内容做好',
      '内容是根本。',
      '一是每天更新。',
      '二是及时纠错。',
    ]);
  });
});

describe('parseWikiPage', () => {
  const page = [
    '東門社區閱報欄檢視原始碼討論檢視歷史',
    '東門社區閱報欄3月1日,東門社區在入口處設置了電子閱報欄[1],供居民閱讀。',
    '設置過程',
    '居民在東門入口旁參觀新設置的電子閱報欄',
    '閱報欄由志工(兩位)每天檢查[2]。',
    '參考文獻',
    '- ↑ 東門社區通訊,2024-03-02',
  ].join('\n');

  it('strips the page tabs from the title, footnotes, the caption and the references', () => {
    const [article] = parseWikiPage(page);
    expect(article?.title).toBe('東門社區閱報欄');
    expect(article?.paragraphs).toEqual([
      '3月1日，東門社區在入口處設置了電子閱報欄，供居民閱讀。',
      '設置過程',
      '閱報欄由志工（兩位）每天檢查。',
    ]);
  });

  it('keeps a title that merely ends in a tab-like word', () => {
    expect(parseWikiPage('社區討論\n內容很多。')[0]?.title).toBe('社區討論');
  });
});

describe('parsePortalPage', () => {
  const page = [
    '首頁>新聞中心>社區動態(tài)',
    '',
    '東門社區閱報欄正式啟用(yòng)',
    '',
    '2024-03-01 08:30:00',
    '',
    '東門社區 供圖',
    '閱報欄啟用儀式',
    '  今天上午,東門社區的電子閱報欄正式啟用,居民可以在這里讀報?!皩W生證”也能借書。',
    '  閱報欄每天更新,新書到館?,F(xiàn)在可以借閱。 ',
    '',
    '來源:東門社區通訊',
    '',
    '編輯:社區辦公室',
    '',
    '版權說明',
    '【1】 凡本網注明來源的作品,版權均屬本網。',
    '  • logo.png',
    '    地址:東門路1號 電話:(000)0000000',
    '    東門社區網版權所有 ICP備00000000號',
  ].join('\n');
  const [article] = parsePortalPage(page);

  it('keeps the title, the parsed date-time and the source line', () => {
    expect(article?.title).toBe('東門社區閱報欄正式啟用');
    expect(article?.publishedAt).toBe('2024-03-01T08:30:00+08:00');
    expect(article?.source).toBe('東門社區通訊');
  });

  it('keeps only the indented body, repaired, without header, footer or image list', () => {
    expect(article?.paragraphs).toEqual([
      '今天上午，東門社區的電子閱報欄正式啟用，居民可以在這里讀報。“學生證”也能借書。',
      '閱報欄每天更新，新書到館。現在可以借閱。',
    ]);
  });

  it('accepts a page without a time of day', () => {
    expect(parsePortalPage('標題\n2024-03-01\n  正文。')[0]?.publishedAt).toBe('2024-03-01');
  });
});
