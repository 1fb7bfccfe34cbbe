import { describe, expect, it } from 'vitest';
import { planEffect, type MapEntry, type PlanContext } from '../../shared/adjustments/rules.js';
import { committeeName, defaultHouseholdBounds, sizeRuleProblem, sizeStatus } from '../../shared/communities/rules.js';
import { isValidIsoDate, shanghaiDate } from '../../shared/dates.js';

describe('the size rule (一般管辖1000至3000户)', () => {
  it.each([
    [999, 'below'],
    [1000, 'within'],
    [3000, 'within'],
    [3001, 'above'],
  ] as const)('%i households is %s', (households, status) => {
    expect(sizeStatus(households, defaultHouseholdBounds)).toBe(status);
  });

  it('needs a reason outside the range and names the rule', () => {
    const problem = sizeRuleProblem(999, undefined, defaultHouseholdBounds);
    expect(problem?.code).toBe('size_needs_reason');
    expect(problem?.params).toEqual({ min: 1000, max: 3000, households: 999 });
    expect(problem?.text('zh')).toBe('社区一般管辖 1000 至 3000 户；999 户超出此范围，须说明理由');
    expect(problem?.text('en')).toMatch(/1000 to 3000 households.*sizeExceptionReason/);
    expect(sizeRuleProblem(3001, '  ', defaultHouseholdBounds)).not.toBeNull();
    expect(sizeRuleProblem(3001, '老城区历史街区，人口密集', defaultHouseholdBounds)).toBeNull();
    expect(sizeRuleProblem(1000, undefined, defaultHouseholdBounds)).toBeNull();
    expect(sizeRuleProblem(null, undefined, defaultHouseholdBounds)).toBeNull();
  });
});

describe('names and dates', () => {
  it('names a new committee "<name>社区居民委员会"', () => {
    expect(committeeName('东湖')).toBe('东湖社区居民委员会');
    expect(committeeName('东湖社区')).toBe('东湖社区居民委员会');
    expect(committeeName('东湖社区居委会')).toBe('东湖社区居民委员会');
  });

  it('takes the calendar day in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(isValidIsoDate('2027-02-29')).toBe(false);
    expect(isValidIsoDate('2028-02-29')).toBe(true);
  });
});

describe('an adjustment plan', () => {
  const entries: MapEntry[] = [
    { code: '440103', name: '荔湾区', level: 'county', kind: 'district', parentCode: '4401' },
    { code: '440103001', name: '沙面街道', level: 'township', kind: 'subdistrict', parentCode: '440103' },
    { code: '440103002', name: '岭南街道', level: 'township', kind: 'subdistrict', parentCode: '440103' },
    { code: '440104001', name: '洪桥街道', level: 'township', kind: 'subdistrict', parentCode: '440104' },
    { code: '440103001001', name: '沙面社区居民委员会', level: 'village', kind: 'residents_committee', parentCode: '440103001' },
    { code: '440103001002', name: '东桥社区居民委员会', level: 'village', kind: 'residents_committee', parentCode: '440103001' },
    { code: '440103001003', name: '西桥社区居民委员会', level: 'village', kind: 'residents_committee', parentCode: '440103001' },
    { code: '440103001201', name: '沙基村委会', level: 'village', kind: 'villagers_committee', parentCode: '440103001' },
    { code: '440103002001', name: '和平社区居民委员会', level: 'village', kind: 'residents_committee', parentCode: '440103002' },
  ];
  const ctx: PlanContext = {
    street: '440103001',
    map: new Map(entries.map((e) => [e.code, e])),
    everUsed: new Set([...entries.map((e) => e.code), '440103001009']),
    households: new Map([['440103001001', 4200], ['440103001002', 1200], ['440103001003', 900]]),
    bounds: { min: 1000, max: 3000 },
  };

  it('creates, splits, merges, renames, re-parents and dissolves', () => {
    const effect = planEffect(ctx, [
      { kind: 'split', code: '440103001001', into: [{ code: '440103001011', name: '沙面北', households: 2100 }, { code: '440103001012', name: '沙面南', households: 2100 }] },
      { kind: 'merge', codes: ['440103001002', '440103001003'], into: { code: '440103001013', name: '东西桥' } },
      { kind: 'create', code: '440103001014', name: '白鹅潭', households: 1500 },
    ]);
    expect(effect.problems).toEqual([]);
    expect(effect.close).toEqual(['440103001001', '440103001002', '440103001003']);
    expect(effect.open).toEqual([
      { code: '440103001011', name: '沙面北社区居民委员会', parentCode: '440103001', households: 2100, sizeExceptionReason: null },
      { code: '440103001012', name: '沙面南社区居民委员会', parentCode: '440103001', households: 2100, sizeExceptionReason: null },
      { code: '440103001013', name: '东西桥社区居民委员会', parentCode: '440103001', households: 2100, sizeExceptionReason: null },
      { code: '440103001014', name: '白鹅潭社区居民委员会', parentCode: '440103001', households: 1500, sizeExceptionReason: null },
    ]);
    const other = planEffect(ctx, [
      { kind: 'rename', code: '440103001002', name: '新东桥' },
      { kind: 'reparent', code: '440103001003', toStreet: '440103002' },
      { kind: 'dissolve', code: '440103001001' },
    ]);
    expect(other.problems).toEqual([]);
    expect(other.open).toEqual([
      { code: '440103001002', name: '新东桥社区居民委员会', parentCode: '440103001', households: 1200 },
      { code: '440103001003', name: '西桥社区居民委员会', parentCode: '440103002', households: 900 },
    ]);
    expect(other.touched).toEqual(['440103001002', '440103001003', '440103001001']);
  });

  it('reports every problem of a plan at once, each with its change', () => {
    const effect = planEffect(ctx, [
      { kind: 'create', code: '440103001009', name: '旧码' },
      { kind: 'create', code: '440103002099', name: '别街' },
      { kind: 'rename', code: '440103002001', name: '和平新' },
      { kind: 'dissolve', code: '440103001201' },
      { kind: 'split', code: '440103001001', into: [{ code: '440103001021', name: 'a', households: 2000 }, { code: '440103001022', name: 'b', households: 2000 }] },
      { kind: 'reparent', code: '440103001002', toStreet: '440104001' },
      { kind: 'merge', codes: ['440103001003', '440103001003'], into: { code: '440103001023', name: '' } },
      { kind: 'dissolve', code: '440103001099' },
    ]);
    expect(effect.problems.map((p) => [p.change, p.field])).toEqual([
      [0, 'changes.0.code'],
      [1, 'changes.1.code'],
      [2, 'changes.2.code'],
      [3, 'changes.3.code'],
      [4, 'changes.4.into'],
      [5, 'changes.5.toStreet'],
      [6, 'changes.6.codes'],
      [6, 'changes.6.into.name'],
      [7, 'changes.7.code'],
    ]);
    expect(effect.problems[4]!.reason.code).toBe('households_do_not_add_up');
    expect(effect.problems[4]!.reason.params).toMatchObject({ before: 4200 });
    expect(effect.problems[4]!.reason.text('zh')).toContain('的 4200 户');
    expect(effect.problems[4]!.reason.text('en')).toContain('must add up to the 4200 households');
    expect(effect.close).toEqual([]);
    expect(effect.open).toEqual([]);
  });
});
