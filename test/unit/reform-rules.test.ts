import { describe, expect, it } from 'vitest';
import { checkPilots, drawSample, mulberry32, programmeProblems, sortFrame, type FrameUnit, type MapUnit } from '../../shared/reform/rules.js';

const county = (code: string, name: string, kind: MapUnit['kind']): MapUnit => ({ code, name, level: 'county', kind, parentCode: code.slice(0, 4) });
const township = (code: string, name: string, kind: MapUnit['kind'], parentCode = code.slice(0, 6)): MapUnit => ({ code, name, level: 'township', kind, parentCode });

/** A city with three districts and a county-level city (like 广州 with 从化 before it became a district). */
const withDistricts: MapUnit[] = [
  county('440103', '荔湾区', 'district'),
  township('440103001', '沙面街道', 'subdistrict'),
  township('440103002', '岭南街道', 'subdistrict'),
  county('440104', '越秀区', 'district'),
  township('440104001', '洪桥街道', 'subdistrict'),
  township('440104002', '北京街道', 'subdistrict'),
  township('440104003', '人民街道', 'subdistrict'),
  township('440104004', '东山街道', 'subdistrict'),
  county('440105', '海珠区', 'district'),
  township('440105001', '赤岗街道', 'subdistrict'),
  township('440105002', '新港街道', 'subdistrict'),
  county('440184', '从化市', 'county_city'),
  township('440184100', '温泉镇', 'town'),
  township('440184101', '良口镇', 'town'),
];
const city = { code: '4401', name: '广州市' };
const designate = (...codes: string[]) => codes.map((unitCode, i) => ({ id: `d${i}`, unitCode }));
const rules = (check: ReturnType<typeof checkPilots>) => check.unmet.map((u) => `${u.rule}@${u.unit.code}`);

describe('pilot rules, a city with districts', () => {
  it('is satisfied by one district, one county town and 2–3 streets in every other district', () => {
    const check = checkPilots(city, withDistricts, designate('440103', '440184100', '440104001', '440104002', '440105001', '440105002'));
    expect(check).toMatchObject({ hasDistricts: true, hasCounties: true });
    expect(check.unmet).toEqual([]);
  });

  it('lists every unmet rule with the unit it concerns when nothing is named', () => {
    expect(rules(checkPilots(city, withDistricts, []))).toEqual([
      'one_district@4401', 'county_town@4401', 'district_streets@440103', 'district_streets@440104', 'district_streets@440105',
    ]);
  });

  it('refuses two pilot districts, four streets in one district, a single street in another and a second county town', () => {
    const check = checkPilots(city, withDistricts, designate('440103', '440105', '440104001', '440104002', '440104003', '440104004', '440184100', '440184101'));
    expect(rules(check)).toEqual(['one_district@4401', 'county_town@4401', 'district_streets@440104']);
    expect(check.unmet[0]!.designations).toEqual(['440103', '440105']);
    expect(check.unmet[2]!.message.code).toBe('pilot_rule_district_streets');
    expect(check.unmet[2]!.message.text('zh')).toContain('现有 4 个');
    expect(check.unmet[2]!.message.text('en')).toContain('has 4');
    expect(rules(checkPilots(city, withDistricts, designate('440103', '440184100', '440104001', '440105001', '440105002')))).toEqual(['district_streets@440104']);
  });

  it('flags designations that cannot be pilots, and streets named inside the pilot district', () => {
    const check = checkPilots(city, withDistricts, designate('440103', '440103001', '440184', '440199001', '440184100', '440104001', '440104002', '440105001', '440105002'));
    expect(rules(check)).toEqual(['invalid_designation@440184', 'invalid_designation@440199001', 'street_in_pilot_district@440103']);
    expect(check.unmet[0]!.message.code).toBe('cannot_be_pilot');
    expect(check.unmet[0]!.message.text('zh')).toBe('440184 不能作为试点：县或县级市本身不作为试点，请选择它的1个城镇（1个县(市)城镇）');
    expect(check.unmet[0]!.message.text('en')).toBe('440184 cannot be a pilot: a county or county-level city is not itself a pilot; name one of its towns');
    expect(check.pilots.find((p) => p.unitCode === '440199001')!.kind).toBeNull();
  });
});

describe('pilot rules, a city without districts (东莞-like)', () => {
  const dongguan: MapUnit[] = [
    township('441900003', '东城街道', 'subdistrict', '4419'),
    township('441900004', '南城街道', 'subdistrict', '4419'),
    township('441900005', '万江街道', 'subdistrict', '4419'),
    township('441900006', '莞城街道', 'subdistrict', '4419'),
    township('441900101', '石碣镇', 'town', '4419'),
    township('441900102', '石龙镇', 'town', '4419'),
  ];
  const dg = { code: '4419', name: '东莞市' };

  it.each([
    [['441900101'], []],
    [['441900003', '441900004'], []],
    [['441900003', '441900004', '441900005'], []],
    [[], ['seat_pilot@4419']],
    [['441900003'], ['seat_pilot@4419']],
    [['441900003', '441900004', '441900005', '441900006'], ['seat_pilot@4419']],
    [['441900101', '441900102'], ['seat_pilot@4419']],
    [['441900101', '441900003', '441900004'], ['seat_pilot@4419']],
  ])('%j → %j', (codes, expected) => {
    const check = checkPilots(dg, dongguan, designate(...codes));
    expect(check).toMatchObject({ hasDistricts: false, hasCounties: false });
    expect(rules(check)).toEqual(expected);
  });

  it('asks for no district and no county town', () => {
    expect(checkPilots(dg, dongguan, designate('441900101')).unmet.some((u) => u.rule === 'one_district' || u.rule === 'county_town')).toBe(false);
  });
});

describe('the programme', () => {
  it('needs three phases in order', () => {
    expect(programmeProblems({ name: 'x', phases: [
      { phase: 'pilot', startsOn: '2026-06-01', endsOn: '2026-10-31' },
      { phase: 'rollout', startsOn: '2026-10-31', endsOn: '2027-06-30' },
      { phase: 'inspection', startsOn: '2027-10-31', endsOn: '2027-10-01' },
    ] }).map((p) => p.path)).toEqual(['body.phases.1.startsOn', 'body.phases.2.endsOn']);
  });
});

describe('the spot-check sample', () => {
  const frame: FrameUnit[] = [];
  for (const tenant of ['4401', '4404', '4419']) {
    for (let d = 1; d <= 4; d++) {
      frame.push({ tenant, level: 'county', code: `${tenant}0${d}`, name: `区${d}` });
      for (let s = 1; s <= 5; s++) {
        frame.push({ tenant, level: 'township', code: `${tenant}0${d}00${s}`, name: `街道${s}` });
        for (let c = 1; c <= 6; c++) frame.push({ tenant, level: 'village', code: `${tenant}0${d}00${s}00${c}`, name: `社区${c}` });
      }
    }
  }
  const sizes = { county: 3, township: 5, village: 10 };
  const codes = (units: FrameUnit[]) => units.map((u) => u.code);

  it('mulberry32 is the published generator', () => {
    const random = mulberry32(42);
    expect([random(), random(), random()].map((x) => Math.floor(x * 2 ** 32))).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('same seed, same sample, whatever order the frame comes in', () => {
    const a = drawSample(frame, 20271001, sizes);
    const b = drawSample([...frame].reverse(), 20271001, sizes);
    expect(codes(a)).toEqual(codes(b));
    expect(a.filter((u) => u.level === 'county')).toHaveLength(3);
    expect(a.filter((u) => u.level === 'township')).toHaveLength(5);
    expect(a.filter((u) => u.level === 'village')).toHaveLength(10);
    expect(new Set(codes(a)).size).toBe(18);
  });

  it('a different seed draws a different sample', () => {
    expect(codes(drawSample(frame, 1, sizes))).not.toEqual(codes(drawSample(frame, 2, sizes)));
  });

  it('takes a whole stratum when it is smaller than asked, and sorts by code-unit order', () => {
    expect(drawSample(frame, 5, { county: 100, township: 0, village: 0 })).toHaveLength(12);
    expect(sortFrame([{ tenant: '4401', level: 'village', code: '440103001001', name: 'b' }, { tenant: '4401', level: 'county', code: '440199', name: 'a' }]).map((u) => u.level)).toEqual(['county', 'village']);
  });
});
