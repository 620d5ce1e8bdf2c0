import { describe, expect, it } from 'vitest';
import { unwrapLines } from './linewrap.js';

const column = [
  '街道今天启用了新的电子阅报栏，居民可',
  '以在这里读报、答题和查看社区通知。',
  '',
  '阅报栏放在小区东门入口的右手边，很醒目。',
  '居民进出小区时都会从它前面经过。',
  '',
  '阅报栏每天早上六点自动更新内容，停电',
  '恢复以后会自己重新启动，也会自动校准',
  '',
  '时间，不需要专人值守。',
  '',
  '标题一行',
  '工作人员说：“有问题请找物业。” （下转02版）',
].join('\n');

describe('unwrapLines', () => {
  const paragraphs = unwrapLines(column);
  const texts = paragraphs.map((p) => p.text);

  it('joins a line that fills its column with the next one', () => {
    expect(texts[0]).toBe('街道今天启用了新的电子阅报栏，居民可以在这里读报、答题和查看社区通知。');
  });

  it('continues a full line even when it happens to end a sentence', () => {
    expect(texts[1]).toBe('阅报栏放在小区东门入口的右手边，很醒目。居民进出小区时都会从它前面经过。');
  });

  it('joins across a blank line that falls mid-sentence (a column break)', () => {
    expect(texts[2]).toBe(
      '阅报栏每天早上六点自动更新内容，停电恢复以后会自己重新启动，也会自动校准时间，不需要专人值守。',
    );
  });

  it('ends a paragraph at a short line and splits boxes at an in-line gap', () => {
    expect(texts.slice(3)).toEqual(['标题一行', '工作人员说：“有问题请找物业。”', '（下转02版）']);
    expect(paragraphs.map((p) => p.afterGap)).toEqual([false, false, false, false, false, true]);
    expect(paragraphs.map((p) => p.afterBlank)).toEqual([true, true, true, true, false, false]);
  });

  it('keeps standalone lines apart and puts a space between wrapped English words', () => {
    expect(unwrapLines('Reading boards are\nuseful').map((p) => p.text)).toEqual(['Reading boards are useful']);
    const marked = unwrapLines('街道今天启用了新的电子阅报栏\nP02', (line) => line === 'P02');
    expect(marked.map((p) => p.text)).toEqual(['街道今天启用了新的电子阅报栏', 'P02']);
  });
});
