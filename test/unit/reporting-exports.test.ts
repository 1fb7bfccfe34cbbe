import { describe, expect, it } from 'vitest';
import { aggregateTable, completenessTable, toCsv } from '../../shared/reporting/exports.js';
import type { AggregatesView, CompletenessView } from '../../shared/reporting/schemas.js';

const csvText = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');

const completeness = (cities: CompletenessView['cities']): CompletenessView => ({
  templateId: '00000000-0000-4000-8000-000000000000', period: 'once', dueOn: '2026-12-15', onTimeUntil: '2026-12-15',
  expected: cities.length, submitted: 1, onTime: 1, late: 0, missing: 0, accepted: 0, returned: 0, reportingRate: 100, onTimeRate: 100, cities,
});

describe('CSV exports neutralise cells a spreadsheet would run as formulas (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点此")', `"'=HYPERLINK(""http://evil.example"",""点此"")"`],
    ['+1+cmd|/C calc', `"'+1+cmd|/C calc"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('text %j is written as %s', (cell, written) => {
    expect(csvText(toCsv([[cell]]))).toBe(`${written}\r\n`);
  });

  it('keeps numbers, negative ones included, as numbers, and ordinary text as it is', () => {
    expect(csvText(toCsv([[-12.5, 0, 3, '广州市', 'a,b', null]]))).toBe('-12.5,0,3,广州市,"a,b",\r\n');
  });

  it('neutralises a city name and an indicator label in the aggregate table', () => {
    const view: AggregatesView = {
      templateId: '00000000-0000-4000-8000-000000000000', period: 'once', basis: 'accepted',
      items: [{ indicator: 'balance', label: '=1+2', unit: '元', aggregation: 'sum', value: -40, contributingCities: 1, perCity: { '4401': -40 }, computedAt: null }],
    };
    const lines = csvText(toCsv(aggregateTable(view, new Map([['4401', '=HYPERLINK("x")']])))).split('\r\n');
    expect(lines[0]).toBe(`指标代码,指标名称,单位,汇总方式,全省汇总值,报送城市数,"'=HYPERLINK(""x"")(4401)"`);
    expect(lines[1]).toBe(`balance,"'=1+2",元,求和,-40,1,-40`);
  });
});

describe('export timestamps', () => {
  it('are Asia/Shanghai wall time with the +08:00 offset, as the console shows them', () => {
    const table = completenessTable(completeness([
      { code: '4401', name: '广州市', status: 'submitted', version: 2, firstSubmittedAt: '2026-12-07T02:00:00.000Z', lastSubmittedAt: '2026-12-07T16:30:00.000Z', onTime: true },
      { code: '4453', name: '云浮市', status: 'missing', version: null, firstSubmittedAt: null, lastSubmittedAt: null, onTime: null },
    ]));
    expect(csvText(toCsv(table)).split('\r\n').slice(1, 3)).toEqual([
      '4401,广州市,已报送待审核,2,2026-12-07T10:00:00+08:00,2026-12-08T00:30:00+08:00,按时',
      '4453,云浮市,未报送,,,,',
    ]);
  });
});
