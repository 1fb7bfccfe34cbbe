import { describe, expect, it } from 'vitest';
import { appliesToProblems, dutyInForce, fenOf, fundingProblems, yuanOf } from '../../shared/duties/rules.js';

describe('费随事转 rules', () => {
  it('reads yuan as integer fen by its digits and writes fen back with two decimals, without floating point', () => {
    expect([fenOf('12000'), fenOf('0.1'), fenOf('0.07'), fenOf('999999999999.99')]).toEqual([1_200_000n, 10n, 7n, 99_999_999_999_999n]);
    expect([yuanOf(1_200_000n), yuanOf(10n), yuanOf(7n), yuanOf(99_999_999_999_999n)]).toEqual(['12000.00', '0.10', '0.07', '999999999999.99']);
  });

  it('a duty with funds needs an amount above zero and the document; one without funds has neither', () => {
    expect(fundingProblems({ fundingBasis: 'per_community', fundsYuan: '0.00', fundingDocument: null }).map((p) => p.path)).toEqual(['body.fundsYuan', 'body.fundingDocument']);
    expect(fundingProblems({ fundingBasis: 'none', fundsYuan: '1', fundingDocument: '文号' }).map((p) => p.path)).toEqual(['body.fundsYuan', 'body.fundingDocument']);
    expect(fundingProblems({ fundingBasis: 'total', fundsYuan: '0.01', fundingDocument: '穗财〔2026〕1号' })).toEqual([]);
  });

  it('names each unit once and none inside another named one', () => {
    expect(appliesToProblems(['440103001', '440103002001', '440103001001', '440103002001']).map((p) => [p.path, p.message.code])).toEqual([
      ['body.appliesTo.2', 'duty_unit_within'],
      ['body.appliesTo.3', 'duty_unit_twice'],
    ]);
  });

  it('is on the register from its start day until the day it ends', () => {
    const duty = { startsOn: '2026-07-01', endedOn: '2026-12-31' };
    expect(['2026-06-30', '2026-07-01', '2026-12-30', '2026-12-31'].map((day) => dutyInForce(duty, day))).toEqual([false, true, true, false]);
  });
});
