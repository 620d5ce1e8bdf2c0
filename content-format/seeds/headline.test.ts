import { describe, expect, it } from 'vitest';
import { joinTiers, titleFromLead } from './headline.js';

describe('titleFromLead', () => {
  it('drops the dateline and the time phrase from the first sentence', () => {
    expect(titleFromLead('新华社北京3月5日电\u3000东风街道3月5日上午举行阅报栏启用仪式。居民代表参加了仪式。')).toBe(
      '东风街道举行阅报栏启用仪式',
    );
    expect(titleFromLead('东风台消息（晚间新闻）：街道图书角今天起延长开放时间。')).toBe(
      '街道图书角今天起延长开放时间',
    );
  });

  it('shortens a long first sentence to its first clause, or cuts it', () => {
    const long =
      '东风街道在六个小区同时启用电子阅报栏，居民可以在家门口读报、答题、借阅电子图书和查看社区通知，还能扫码在手机上继续阅读。';
    expect(titleFromLead(long)).toBe('东风街道在六个小区同时启用电子阅报栏');
    const unbroken = '东'.repeat(50);
    expect(titleFromLead(unbroken)).toBe(`${'东'.repeat(40)}…`);
  });
});

describe('joinTiers', () => {
  it('separates headline tiers with an ideographic space unless a tier ends in punctuation', () => {
    expect(joinTiers(['图书角周末', '延长开放'])).toBe('图书角周末\u3000延长开放');
    expect(joinTiers(['真没想到！', '“阅报栏”成了热门打卡点'])).toBe('真没想到！“阅报栏”成了热门打卡点');
    expect(joinTiers(['单行标题'])).toBe('单行标题');
  });
});
