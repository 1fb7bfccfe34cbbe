import { describe, expect, it } from 'vitest';
import { messageIn, registeredMessages, statedRule } from '../../shared/i18n.js';
import { reportingMessages } from '../../shared/reporting/messages.js';
import { trainingMessages } from '../../shared/training/messages.js';

/** The figure rules, period labels and notices: catalogues like every other (walked in messages.test.ts), read here in English too. */
const catalogues: [string, object][] = [['reporting', reportingMessages], ['training', trainingMessages]];

describe.each(catalogues)('the %s rules and notices', (_name, catalogue) => {
  it.each(Object.keys(catalogue).filter((code) => code.includes('.')))('%s reads in English without Chinese', (code) => {
    const texts = registeredMessages().get(code)!;
    expect(texts.zh, code).toMatch(/[\u4e00-\u9fff]/);
    expect(texts.en, code).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a message by a code chosen at run time', () => {
  it('fills every placeholder and leaves an unknown one visible', () => {
    expect(messageIn(trainingMessages, 'training.rule.members', { cutOff: '2027-06-30' }).text('zh')).toBe('截至2027-06-30在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）');
    expect(messageIn(trainingMessages, 'training.rule.members').text('en')).toContain('in office on {cutOff}');
    expect(() => messageIn(trainingMessages, 'training.no_such_code' as keyof typeof trainingMessages)).toThrow(/no message/);
  });

  it('states a rule with its code, parameters and both texts', () => {
    expect(statedRule(trainingMessages['training.rule.rate']({ cutOff: '2027-06-30' }))).toEqual({
      code: 'training.rule.rate',
      params: { cutOff: '2027-06-30' },
      zh: '按时轮训率 = 按期完成轮训人数 ÷ 应参加轮训人数 × 100%，统计截至2027-06-30（与培训页面“统计截至2027-06-30”的按期培训率一致）',
      en: 'On-time training rate = members trained on time ÷ members to train × 100, as of 2027-06-30 (the same figure as the training page’s on-time rate as of 2027-06-30)',
    });
  });
});
