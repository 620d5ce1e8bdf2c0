import { describe, expect, it } from 'vitest';
import { repairGbkMisalignment } from './mojibake.js';

// The damaged strings below were made from our own sentences by replaying the fault: GBK bytes,
// the first byte of "。" lost, the rest decoded one byte late, full-width forms half-widthed.
describe('repairGbkMisalignment', () => {
  it('restores a full stop and opening quote swallowed by a shifted decode', () => {
    expect(repairGbkMisalignment('今天閉館?!皩W生證”可以借書')).toBe('今天閉館。“學生證”可以借書');
  });

  it('restores a full stop and the character after it', () => {
    expect(repairGbkMisalignment('新書到館?,F在可以借閱')).toBe('新書到館。現在可以借閱');
  });

  it('repairs every occurrence', () => {
    expect(repairGbkMisalignment('閉館?!皩W生證”借書?,F在')).toBe('閉館。“學生證”借書。現在');
  });

  it('leaves real question and exclamation marks alone', () => {
    expect(repairGbkMisalignment('Really?! Yes')).toBe('Really?! Yes');
    expect(repairGbkMisalignment('真的嗎?!')).toBe('真的嗎?!');
    expect(repairGbkMisalignment('沒有問號的句子。')).toBe('沒有問號的句子。');
  });
});
