import { describe, expect, it } from 'vitest';
import { coded } from '../support/messages.js';
import { divisionRowsFromCsv, kindFromName, normaliseDivisionCode, parentFromPrefix, parseCsv, planDivisionImport, type ExistingDivision } from '../../shared/hierarchy/rules.js';

describe('division codes', () => {
  it.each([
    ['440100000000', '4401'],
    ['440103000000', '440103'],
    ['440103001000', '440103001'],
    ['440103001001', '440103001001'],
    ['441900003000', '441900003'],
    ['441900000000', '4419'],
    ['440103', '440103'],
    ['4401', '4401'],
  ])('%s normalises to %s', (raw, expected) => {
    expect(normaliseDivisionCode(raw)).toBe(expected);
  });

  it.each(['44010', '4401030010', 'abc', '', '44 01'])('%s is not a division code', (raw) => {
    expect(normaliseDivisionCode(raw)).toBeNull();
  });

  it('takes the parent from the prefix, and the city for a township of a city without districts', () => {
    expect(parentFromPrefix('440103')).toBe('4401');
    expect(parentFromPrefix('440103001')).toBe('440103');
    expect(parentFromPrefix('440103001001')).toBe('440103001');
    expect(parentFromPrefix('441900003')).toBe('4419');
    expect(parentFromPrefix('442000101')).toBe('4420');
  });
});

describe('kinds from names', () => {
  it.each([
    ['village', '沙面社区居委会', 'residents_committee'],
    ['village', '松园社区', 'residents_committee'],
    ['village', '新村社区居民委员会', 'residents_committee'],
    ['village', '三江村委会', 'villagers_committee'],
    ['village', '麻车村民委员会', 'villagers_committee'],
    ['village', '石滩虚拟社区', 'other'],
    ['village', '华南植物园', 'other'],
    ['township', '沙面街道', 'subdistrict'],
    ['township', '石滩镇', 'town'],
    ['township', '瑶族乡', 'township'],
    ['township', '松山湖管委会', 'other'],
    ['county', '荔湾区', 'district'],
    ['county', '连山壮族瑶族自治县', 'county'],
    ['county', '英德市', 'county_city'],
  ] as const)('%s %s → %s', (level, name, kind) => {
    expect(kindFromName(level, name)).toBe(kind);
  });
});

describe('CSV', () => {
  it('reads quotes, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n')).toEqual({ records: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x, y', 'say "hi"'] }] });
  });

  it('finds columns by the published Chinese headers', () => {
    const { rows, problems } = divisionRowsFromCsv('统计用区划代码,名称,城乡分类代码\n440103000000,荔湾区,\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ row: 2, code: '440103000000', name: '荔湾区', parentCode: undefined, kind: undefined }]);
  });

  it('names a header without a code column', () => {
    expect(divisionRowsFromCsv('id,name\n1,x').problems).toEqual([{ row: 1, field: 'code', reason: coded('header_no_code_column') }]);
  });
});

describe('planning an import', () => {
  const empty = new Map<string, ExistingDivision>();

  it('sorts rows into create / update / unchanged against the current map', () => {
    const existing = new Map<string, ExistingDivision>([
      ['440103', { code: '440103', name: '荔湾区', level: 'county', kind: 'district', parentCode: '4401' }],
      ['440104', { code: '440104', name: '越秀', level: 'county', kind: 'district', parentCode: '4401' }],
    ]);
    const plan = planDivisionImport('4401', [
      { row: 2, code: '440103', name: '荔湾区' },
      { row: 3, code: '440104', name: '越秀区' },
      { row: 4, code: '440103001', name: '沙面街道' },
    ], existing);
    expect(plan.problems).toEqual([]);
    expect(plan.unchanged.map((d) => d.code)).toEqual(['440103']);
    expect(plan.update.map((d) => d.code)).toEqual(['440104']);
    expect(plan.create).toEqual([{ code: '440103001', name: '沙面街道', level: 'township', kind: 'subdistrict', parentCode: '440103' }]);
  });

  it('reports every problem with its row, not just the first', () => {
    const plan = planDivisionImport('4401', [
      { row: 2, code: '440303', name: '罗湖区' },
      { row: 3, code: '44010', name: '残缺' },
      { row: 4, code: '440103', name: '' },
      { row: 5, code: '440104', name: '越秀区' },
      { row: 6, code: '440104', name: '越秀区' },
      { row: 7, code: '440199001', name: '无上级街道' },
      { row: 8, code: '440104', name: 'x', kind: 'town' },
    ], empty);
    expect(plan.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'code'], [3, 'code'], [4, 'name'], [6, 'code'], [7, 'parentCode'], [8, 'code'],
    ]);
    expect(plan.problems[0]!.reason).toEqual(coded('outside_city', { cityCode: '4401' }));
    expect(plan.problems[0]!.reason.text('zh')).toBe('不在 4401 市范围内');
  });

  it('refuses a kind that does not belong to the level', () => {
    const plan = planDivisionImport('4401', [{ row: 2, code: '440103', name: '荔湾区', kind: 'town' }], empty);
    expect(plan.problems).toEqual([{ row: 2, code: '440103', field: 'kind', reason: coded('kind_not_of_level') }]);
    expect(plan.problems[0]!.reason.text('en')).toContain('district');
  });

  it('hangs the streets of a city without districts on the city and skips the placeholder county', () => {
    const plan = planDivisionImport('4419', [
      { row: 2, code: '441900000000', name: '东莞市' },
      { row: 3, code: '441900003000', name: '东城街道' },
      { row: 4, code: '441900003001', name: '东泰社区居委会' },
    ], empty);
    expect(plan.problems).toEqual([]);
    expect(plan.cityRows).toBe(1);
    expect(plan.create.map((d) => [d.code, d.parentCode, d.level])).toEqual([
      ['441900003', '4419', 'township'],
      ['441900003001', '441900003', 'village'],
    ]);
  });

  it('accepts an explicit parent one level up and refuses one at the wrong level', () => {
    const rows = [
      { row: 2, code: '440103', name: '荔湾区' },
      { row: 3, code: '440103001', name: '沙面街道' },
      { row: 4, code: '440103002', name: '岭南街道' },
      { row: 5, code: '440103001009', name: '新社区', parentCode: '440103002' },
      { row: 6, code: '440103001010', name: '错社区', parentCode: '440103' },
    ];
    const plan = planDivisionImport('4401', rows, empty);
    expect(plan.create.find((d) => d.code === '440103001009')?.parentCode).toBe('440103002');
    expect(plan.problems).toEqual([{ row: 6, code: '440103001010', field: 'parentCode', reason: coded('cannot_sit_under') }]);
    expect(plan.problems[0]!.reason.text('en')).toContain('cannot sit under a county');
  });
});
