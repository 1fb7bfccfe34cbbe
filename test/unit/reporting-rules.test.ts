import { describe, expect, it } from 'vitest';
import { reformCompletionTemplate } from '../../shared/reporting/default-template.js';
import type { MetricResult } from '../../shared/reporting/metrics.js';
import { reportingMessages } from '../../shared/reporting/messages.js';
import { statedRule } from '../../shared/i18n.js';
import { buildFigures, contentHash, periodLabel, periodMatches, periodRange, reminderStage, submissionProblems, templateProblems } from '../../shared/reporting/rules.js';

describe('periods', () => {
  it.each([
    ['2026', '2026年度', '2026'], ['2026-H1', '2026年上半年', 'first half of 2026'], ['2026-H2', '2026年下半年', 'second half of 2026'],
    ['2026-Q4', '2026年第四季度', 'Q4 2026'], ['once', '一次性报告', 'one-off report'], ['2026-H3', '2026-H3', '2026-H3'],
  ])('labels %s as %s', (period, zh, en) => {
    expect(periodLabel(period)).toBe(zh);
    expect(periodLabel(period, 'en')).toBe(en);
  });

  it.each([
    ['annual', '2026', true], ['annual', '2026-H1', false], ['semiannual', '2026-H2', true], ['quarterly', '2026-Q4', true], ['quarterly', '2026-Q5', false], ['once', 'once', true],
  ] as const)('%s %s matches: %s', (type, period, expected) => {
    expect(periodMatches(type, period)).toBe(expected);
  });

  it('covers the days of the period, and everything up to the day for a one-off report', () => {
    expect(periodRange('quarterly', '2026-Q1', '2026-05-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodRange('semiannual', '2024-H1', '2024-08-01')).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(periodRange('once', 'once', '2026-11-25')).toEqual({ from: '0001-01-01', to: '2026-11-25' });
  });
});

describe('reminder stages', () => {
  it.each([
    ['2026-11-30', null], ['2026-12-01', 'due_in_14_days'], ['2026-12-11', 'due_in_14_days'], ['2026-12-12', 'due_in_3_days'],
    ['2026-12-15', 'due_in_3_days'], ['2026-12-16', 'late'],
  ] as const)('on %s: %s', (day, stage) => {
    expect(reminderStage(day, '2026-12-15', 0)).toBe(stage);
  });

  it('counts the on-time days before calling a city late', () => {
    expect(reminderStage('2026-12-17', '2026-12-15', 3)).toBeNull();
    expect(reminderStage('2026-12-19', '2026-12-15', 3)).toBe('late');
  });
});

describe('figures', () => {
  const { indicators, rules } = reformCompletionTemplate;

  it('ships a template without problems', () => {
    expect(templateProblems(indicators, rules)).toEqual([]);
  });

  it('derives ratios, marks missing data unavailable, and never invents a number', () => {
    const basis = statedRule(reportingMessages['report.basis.register']({ asOf: '2026-12-07' }));
    const metrics = new Map<string, MetricResult>([
      ['committees_complete', { available: true as const, figure: { city: 3, byDistrict: { '440103': 3 } }, queriedAt: 't', basis }],
      ['residents_committees', { available: true as const, figure: { city: 4, byDistrict: { '440103': 4 } }, queriedAt: 't', basis }],
      ['members_due_training', { available: false as const, reason: 'no data' }],
    ]);
    const { figures, districtFigures } = buildFigures(indicators, metrics, { funding_10k_yuan: 12 });
    expect(figures.committees_complete_rate).toMatchObject({ value: 75, source: 'derived', status: 'ok', basis: { code: 'report.basis.ratio', zh: '比率 = 班子健全的居委会(5至9人且有主任) ÷ 社区居民委员会 × 100%' } });
    expect(figures.committees_complete?.basis).toEqual(basis);
    expect(figures.members_due_training).toMatchObject({ value: null, status: 'unavailable', reason: 'no data' });
    expect(figures.members_trained_on_time_rate).toMatchObject({ value: null, status: 'unavailable' });
    expect(figures.funding_10k_yuan).toMatchObject({ value: 12, source: 'manual', status: 'ok', basis: { code: 'report.basis.manual' } });
    expect(districtFigures.committees_complete).toEqual({ '440103': 3 });
  });

  it('lists every problem at once and skips rules whose figures are unavailable', () => {
    const { figures } = buildFigures(indicators, new Map<string, MetricResult>([['residents_committees', { available: true as const, figure: { city: 2, byDistrict: {} }, queriedAt: 't', basis: statedRule(reportingMessages['report.basis.communities']({ asOf: '2026-12-07' })) }]]), { demonstration_committees: 3 });
    expect(submissionProblems(indicators, rules, figures, '').map((p) => p.path)).toEqual(['manual.funding_10k_yuan', 'narrative', 'figures.demonstration_committees']);
  });

  it('hashes content regardless of key order', async () => {
    expect(await contentHash({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(await contentHash({ b: [{ y: 2, x: 1 }], a: 1 }));
    expect(await contentHash({ a: 1 })).not.toBe(await contentHash({ a: 2 }));
  });
});
