import { describe, expect, it } from 'vitest';
import { periodChoices, periodLabel } from '../../shared/reporting/rules.js';

describe('report periods by label', () => {
  it('names every kind of period as a person reads it', () => {
    expect(periodLabel('once')).toBe('一次性报告');
    expect(periodLabel('2026')).toBe('2026年度');
    expect(periodLabel('2026-H1')).toBe('2026年上半年');
    expect(periodLabel('2026-H2')).toBe('2026年下半年');
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('2026-Q9')).toBe('2026-Q9');
  });

  it('offers the periods of a type around a year, each labelled, values the API accepts', () => {
    expect(periodChoices('once', 2026)).toEqual([{ value: 'once', label: '一次性报告' }]);
    expect(periodChoices('semiannual', 2026).map((c) => c.label)).toEqual(['2025年上半年', '2025年下半年', '2026年上半年', '2026年下半年', '2027年上半年', '2027年下半年']);
    expect(periodChoices('quarterly', 2026)).toHaveLength(12);
    expect(periodChoices('annual', 2026).map((c) => c.value)).toEqual(['2025', '2026', '2027']);
  });
});
