import { describe, expect, it } from 'vitest';
import { messageText, statedRule, type Catalogue } from '../../shared/message-text.js';
import { reportingMessages } from '../../shared/reporting/messages.js';
import { trainingMessages } from '../../shared/training/messages.js';

const catalogues: [string, Catalogue][] = [['reporting', reportingMessages], ['training', trainingMessages]];
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
/** Texts whose languages name a thing differently: indicator labels are Chinese, so the English names their codes; 第四季度 against Q4. */
const languageSpecific = new Set(['report.basis.ratio', 'report.period.quarter']);

describe.each(catalogues)('the %s catalogue', (_name, catalogue) => {
  it.each(Object.keys(catalogue))('%s reads in Chinese and English with the same parameters', (code) => {
    const { zh, en } = catalogue[code]!;
    expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
    expect(en.trim().length, code).toBeGreaterThan(0);
    expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
    if (!languageSpecific.has(code)) expect(placeholders(en), code).toEqual(placeholders(zh));
  });
});

describe('messageText', () => {
  it('fills every placeholder and leaves an unknown one visible', () => {
    expect(messageText(trainingMessages, 'training.rule.members', { cutOff: '2027-06-30' }, 'zh')).toBe('截至2027-06-30在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）');
    expect(messageText(trainingMessages, 'training.rule.members', {}, 'en')).toContain('in office on {cutOff}');
    expect(() => messageText(trainingMessages, 'training.no_such_code', {}, 'zh')).toThrow(/no message/);
  });

  it('states a rule with its code, parameters and both texts', () => {
    expect(statedRule(trainingMessages, 'training.rule.rate', { cutOff: '2027-06-30' })).toEqual({
      code: 'training.rule.rate',
      params: { cutOff: '2027-06-30' },
      zh: '按时轮训率 = 按期完成轮训人数 ÷ 应参加轮训人数 × 100%，统计截至2027-06-30（与培训页面“统计截至2027-06-30”的按期培训率一致）',
      en: 'On-time training rate = members trained on time ÷ members to train × 100, as of 2027-06-30 (the same figure as the training page’s on-time rate as of 2027-06-30)',
    });
  });
});
