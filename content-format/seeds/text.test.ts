import { describe, expect, it } from 'vitest';
import {
  cleanText,
  displayWidth,
  endsSentence,
  keepDatelineGap,
  removeCjkSpaces,
  removeFootnoteMarkers,
  removePinyinAnnotations,
  removeUndecodable,
  resolveStrayQuestionMarks,
  toFullWidthPunctuation,
} from './text.js';

describe('removeCjkSpaces', () => {
  it('removes word-segmentation spaces around Chinese words, digits and punctuation', () => {
    expect(removeCjkSpaces('今天 是 3 月 5 日 ， 社区 “ 读书节 ” 开幕 。')).toBe('今天是3月5日，社区“读书节”开幕。');
  });

  it('keeps spaces between Latin words and numbers', () => {
    expect(removeCjkSpaces('阅报栏 上 的 Top 10 排行')).toBe('阅报栏上的Top 10排行');
    expect(removeCjkSpaces('The board is on')).toBe('The board is on');
  });

  it('keeps an ideographic space, which is typesetting', () => {
    expect(removeCjkSpaces('标题\u3000副题')).toBe('标题\u3000副题');
  });
});

describe('removeFootnoteMarkers', () => {
  it('drops numbered and annotated footnote references', () => {
    expect(removeFootnoteMarkers('社區圖書館[1]於今年開放[23]，共三層[註 2]。')).toBe('社區圖書館於今年開放，共三層。');
  });

  it('keeps brackets that are not footnotes', () => {
    expect(removeFootnoteMarkers('方案[A]')).toBe('方案[A]');
  });
});

describe('removePinyinAnnotations', () => {
  it('drops parenthesised toned syllables glued to characters', () => {
    expect(removePinyinAnnotations('閱報欄(lán)的資(zī)訊與發(fā)布')).toBe('閱報欄的資訊與發布');
  });

  it('keeps parentheses holding content', () => {
    expect(removePinyinAnnotations('志愿者(左一)使用App(new)')).toBe('志愿者(左一)使用App(new)');
  });
});

describe('removeUndecodable', () => {
  it('drops private-use characters and replacement characters', () => {
    expect(removeUndecodable('通知\uE001內容\uF8FF已\uFFFD更新')).toBe('通知內容已更新');
  });
});

describe('toFullWidthPunctuation', () => {
  it('converts half-width punctuation inside Chinese text', () => {
    expect(toFullWidthPunctuation('今天開館,歡迎光臨:請排隊;謝謝!')).toBe('今天開館，歡迎光臨：請排隊；謝謝！');
    expect(toFullWidthPunctuation('共3.5萬人,比去年多')).toBe('共3.5萬人，比去年多');
    expect(toFullWidthPunctuation('地點(一樓大廳)')).toBe('地點（一樓大廳）');
  });

  it('leaves times, numbers and English alone', () => {
    expect(toFullWidthPunctuation('09:10:00')).toBe('09:10:00');
    expect(toFullWidthPunctuation('1,000')).toBe('1,000');
    expect(toFullWidthPunctuation('Hello, world: fine!')).toBe('Hello, world: fine!');
    expect(toFullWidthPunctuation('電話(010)')).toBe('電話(010)');
  });
});

describe('resolveStrayQuestionMarks', () => {
  it('keeps a question mark that ends a question', () => {
    expect(resolveStrayQuestionMarks('你今天去圖書館嗎?')).toBe('你今天去圖書館嗎？');
  });

  it('drops a question mark that stands for an undecodable byte', () => {
    expect(resolveStrayQuestionMarks('活動已經結束?下次再來')).toBe('活動已經結束下次再來');
  });

  it('leaves English question marks alone', () => {
    expect(resolveStrayQuestionMarks('What? Yes.')).toBe('What? Yes.');
  });
});

describe('keepDatelineGap', () => {
  it('turns the gap after a dateline into an ideographic space', () => {
    expect(keepDatelineGap('本报讯 东风街道启用阅报栏')).toBe('本报讯\u3000东风街道启用阅报栏');
    expect(keepDatelineGap('新华社北京3月5日电 东风街道')).toBe('新华社北京3月5日电\u3000东风街道');
  });

  it('does not touch ordinary text', () => {
    expect(keepDatelineGap('今天 下雨')).toBe('今天 下雨');
  });
});

describe('cleanText', () => {
  it('applies every repair in a working order', () => {
    expect(cleanText('  本报讯 东风 街道 [1] 今天 启用 阅报栏 。 ')).toBe('本报讯\u3000东风街道今天启用阅报栏。');
    expect(cleanText('新書到館?,F(xiàn)在可以借閱,歡迎(yíng)光臨')).toBe('新書到館。現在可以借閱，歡迎光臨');
  });

  it('collapses runs of spaces in English', () => {
    expect(cleanText('Open  from   nine')).toBe('Open from nine');
  });
});

describe('displayWidth', () => {
  it('counts ideographs as two cells, ASCII and compressed CJK punctuation as one', () => {
    expect(displayWidth('阅报栏')).toBe(6);
    expect(displayWidth('A1')).toBe(2);
    expect(displayWidth('好，')).toBe(3);
  });
});

describe('endsSentence', () => {
  it('recognises sentence ends, also inside closing quotes', () => {
    expect(endsSentence('好。')).toBe(true);
    expect(endsSentence('他说：“好。”')).toBe(true);
    expect(endsSentence('真的吗？')).toBe(true);
    expect(endsSentence('标题一行')).toBe(false);
    expect(endsSentence('还没说完，')).toBe(false);
  });
});
