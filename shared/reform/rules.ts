import type { FieldProblem } from '../errors.js';
import type { Role } from '../auth/principal.js';
import type { DivisionKind, DivisionLevel } from '../hierarchy/rules.js';
import { msg } from './messages.js';
import { labelOf, labelled, type Message } from '../i18n.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const demonstrationLevels = ['district', 'street', 'committee'] as const;
export const checklistResults = ['met', 'partly_met', 'not_met', 'not_applicable'] as const;
export const inspectionStatuses = ['draft', 'submitted'] as const;
export const findingResults = ['passed', 'needs_improvement', 'failed'] as const;

/** Designate and withdraw reform pilots (a district: only its own streets, see `cityPilotDesignators`). */
export const pilotDesignators: readonly Role[] = ['city_admin', 'district_officer'];
/** Designate and withdraw the city's own pilots: every kind but a district's chosen streets (`district_street`). */
export const cityPilotDesignators: readonly Role[] = ['city_admin'];
/** Record demonstration (示范) designations. */
export const demonstrationRecorders: readonly Role[] = ['city_admin'];
/** Start self-inspections (自查), record their item results and submit them to the province. */
export const selfInspectors: readonly Role[] = ['city_admin', 'district_officer'];
/** Read the province's reform programme, checklists, submitted self-inspections and spot checks. */
export const reformProvinceReaders: readonly Role[] = ['province_admin', 'province_officer', 'auditor'];
/** Set the reform programme's phases. */
export const reformProgrammeEditors: readonly Role[] = ['province_admin'];
/** Publish the self-inspection checklist. */
export const checklistPublishers: readonly Role[] = ['province_admin'];
/** Draw spot checks (抽查) and record their findings. */
export const spotCheckers: readonly Role[] = ['province_admin', 'province_officer'];

export const reformPhases = ['pilot', 'rollout', 'inspection'] as const;
export type ReformPhase = (typeof reformPhases)[number];
export const phaseLabels: Record<ReformPhase, string> = { pilot: '试点阶段', rollout: '全面铺开阶段', inspection: '检查验收阶段' };

export interface PhaseDates {
  phase: ReformPhase;
  startsOn: string;
  endsOn: string;
}

export interface ReformProgramme {
  name: string;
  phases: PhaseDates[];
}

/** 试点至10月底; 全面铺开至明年6月底; 检查验收于(次年)10月. The province sets the real dates. */
export const defaultReformProgramme: ReformProgramme = {
  name: '城市基层管理体制改革',
  phases: [
    { phase: 'pilot', startsOn: '2026-06-01', endsOn: '2026-10-31' },
    { phase: 'rollout', startsOn: '2026-11-01', endsOn: '2027-06-30' },
    { phase: 'inspection', startsOn: '2027-10-01', endsOn: '2027-10-31' },
  ],
};

/** Every problem of a programme's dates: the three phases, each once, in order, none overlapping the next. */
export function programmeProblems(programme: ReformProgramme): FieldProblem[] {
  const problems: FieldProblem[] = [];
  reformPhases.forEach((phase, i) => {
    const p = programme.phases[i];
    if (!p || p.phase !== phase) {
      problems.push({ path: `body.phases.${i}.phase`, message: msg.phase_order({ number: i + 1, phase: labelOf(phaseLabels, phase) }) });
      return;
    }
    if (p.endsOn < p.startsOn) problems.push({ path: `body.phases.${i}.endsOn`, message: msg.phase_ends_before_start({ phase: labelOf(phaseLabels, phase) }) });
    const previous = programme.phases[i - 1];
    if (previous && p.startsOn <= previous.endsOn) {
      problems.push({ path: `body.phases.${i}.startsOn`, message: msg.phase_starts_after_previous({ phase: labelOf(phaseLabels, phase), previous: labelOf(phaseLabels, previous.phase), endsOn: previous.endsOn }) });
    }
  });
  if (programme.phases.length > reformPhases.length) problems.push({ path: 'body.phases', message: msg.programme_has_three_phases() });
  return problems;
}

export function phaseOn(programme: ReformProgramme, day: string): ReformPhase | null {
  return programme.phases.find((p) => p.startsOn <= day && day <= p.endsOn)?.phase ?? null;
}

export interface MapUnit {
  code: string;
  name: string;
  level: DivisionLevel;
  kind: DivisionKind | null;
  parentCode: string | null;
}

export const pilotKinds = ['district', 'seat_town', 'seat_streets', 'county_town', 'district_street'] as const;
export type PilotKind = (typeof pilotKinds)[number];
export const pilotKindLabels: Record<PilotKind, string> = {
  district: '试点区',
  seat_town: '市政府所在地试点镇',
  seat_streets: '市政府所在地试点街道',
  county_town: '县(市)城镇试点',
  district_street: '未列入试点的区选择的试点街道',
};

export const pilotRuleCodes = ['one_district', 'seat_pilot', 'county_town', 'district_streets', 'street_in_pilot_district', 'invalid_designation'] as const;
export type PilotRuleCode = (typeof pilotRuleCodes)[number];

/** Each pilot rule in the policy's words (四、(1)). */
export const pilotRuleLabels: Record<PilotRuleCode, string> = {
  one_district: '地级以上市选择1个区作为改革试点',
  seat_pilot: '不设区的市选择市政府所在地的1个镇或2—3个街道作为试点',
  county_town: '选择1个县(市)城镇作为改革试点',
  district_streets: '没列入试点的区选择2—3个街道作为试点',
  street_in_pilot_district: '试点区整体试点，其街道不单独列为试点',
  invalid_designation: '试点单位须为区、街道或镇',
};

/** Why a unit cannot be a pilot: a code, its English message (as the API has always said it) and its Chinese label. */
export const pilotUnitReasons = ['not_on_map', 'county_not_pilot', 'not_district_street_or_town', 'not_street_or_town', 'parent_not_district_or_county'] as const;
export type PilotUnitReason = (typeof pilotUnitReasons)[number];
/** Why a unit cannot be a pilot, as a message of the reform catalogue. */
export const pilotUnitReasonMessages: Record<PilotUnitReason, () => Message> = {
  not_on_map: msg.pilot_not_on_map,
  county_not_pilot: msg.pilot_county_not_pilot,
  not_district_street_or_town: msg.pilot_not_district_street_or_town,
  not_street_or_town: msg.pilot_not_street_or_town,
  parent_not_district_or_county: msg.pilot_parent_not_district_or_county,
};
/** The Chinese label of each reason (the catalogue's zh text). */
export const pilotUnitReasonLabels = Object.fromEntries(
  Object.entries(pilotUnitReasonMessages).map(([reason, message]) => [reason, message().text('zh')]),
) as Record<PilotUnitReason, string>;

export interface UnmetPilotRule {
  rule: PilotRuleCode;
  unit: { code: string; name: string };
  /** the rule and what falls short, rendered in the caller's language where the API answers */
  message: Message;
  /** the designated units' codes; for invalid_designation, the designation's id */
  designations?: string[];
  /** the designated units the rule concerns, with their names */
  named: { code: string; name: string }[];
  /** seat_pilot: how many towns and streets of the seat are named */
  counts?: { towns: number; streets: number };
  /** invalid_designation: why the unit cannot be a pilot */
  reason?: PilotUnitReason;
}

export interface ClassifiedPilot {
  unitCode: string;
  kind: PilotKind | null;
}

export interface PilotCheck {
  hasDistricts: boolean;
  hasCounties: boolean;
  pilots: ClassifiedPilot[];
  unmet: UnmetPilotRule[];
}

const isStreetOrTown = (u: MapUnit) => u.level === 'township' && (u.kind === 'subdistrict' || u.kind === 'town');

/** What a designated unit is a pilot of, from its place on the map; null with a reason when it cannot be one. */
export function classifyPilot(cityCode: string, unit: MapUnit | undefined, byCode: Map<string, MapUnit>): { kind: PilotKind } | { kind: null; reason: PilotUnitReason } {
  if (!unit) return { kind: null, reason: 'not_on_map' };
  if (unit.level === 'county') return unit.kind === 'district' ? { kind: 'district' } : { kind: null, reason: 'county_not_pilot' };
  if (unit.level !== 'township') return { kind: null, reason: 'not_district_street_or_town' };
  if (!isStreetOrTown(unit)) return { kind: null, reason: 'not_street_or_town' };
  if (unit.parentCode === cityCode) return { kind: unit.kind === 'town' ? 'seat_town' : 'seat_streets' };
  const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
  if (parent?.kind === 'district') return { kind: 'district_street' };
  if (parent?.kind === 'county' || parent?.kind === 'county_city') return { kind: 'county_town' };
  return { kind: null, reason: 'parent_not_district_or_county' };
}

/**
 * The pilot rules (四、(1)): a city names one district (a city without districts: one town or 2–3 streets directly
 * under it, its seat) and one town of a county or county-level city, when it has any; every district not named picks
 * 2–3 streets. Every unmet rule comes back with the unit it concerns.
 */
export function checkPilots(city: { code: string; name: string }, map: MapUnit[], designations: { id: string; unitCode: string }[]): PilotCheck {
  const byCode = new Map(map.map((u) => [u.code, u]));
  const districts = map.filter((u) => u.level === 'county' && u.kind === 'district').sort((a, b) => (a.code < b.code ? -1 : 1));
  const hasDistricts = districts.length > 0;
  const hasCounties = map.some((u) => u.level === 'county' && (u.kind === 'county' || u.kind === 'county_city'));
  const unmet: UnmetPilotRule[] = [];
  const pilots: ClassifiedPilot[] = [];
  const cityUnit = { code: city.code, name: city.name };
  const unitOf = (code: string) => ({ code, name: byCode.get(code)?.name ?? code });
  const namedOf = (codes: string[]) => codes.map(unitOf);

  for (const d of designations) {
    const classified = classifyPilot(city.code, byCode.get(d.unitCode), byCode);
    pilots.push({ unitCode: d.unitCode, kind: classified.kind });
    if (classified.kind === null) {
      unmet.push({
        rule: 'invalid_designation',
        unit: unitOf(d.unitCode),
        message: msg.cannot_be_pilot({ unitCode: d.unitCode, reason: pilotUnitReasonMessages[classified.reason]() }),
        designations: [d.id],
        named: [unitOf(d.unitCode)],
        reason: classified.reason,
      });
    }
  }
  const of = (kind: PilotKind) => pilots.filter((p) => p.kind === kind).map((p) => p.unitCode).sort();

  const namedDistricts = of('district');
  if (hasDistricts && namedDistricts.length !== 1) {
    unmet.push({
      rule: 'one_district',
      unit: cityUnit,
      message: namedDistricts.length === 0
        ? msg.pilot_rule_one_district_none()
        : msg.pilot_rule_one_district_many({ count: namedDistricts.length, codes: namedDistricts.join(', ') }),
      designations: namedDistricts,
      named: namedOf(namedDistricts),
    });
  }
  if (!hasDistricts) {
    const towns = of('seat_town');
    const streets = of('seat_streets');
    const ok = (towns.length === 1 && streets.length === 0) || (towns.length === 0 && streets.length >= 2 && streets.length <= 3);
    if (!ok) {
      unmet.push({
        rule: 'seat_pilot',
        unit: cityUnit,
        message: msg.pilot_rule_seat({ towns: towns.length, streets: streets.length }),
        designations: [...towns, ...streets],
        named: namedOf([...towns, ...streets]),
        counts: { towns: towns.length, streets: streets.length },
      });
    }
  }
  if (hasCounties) {
    const countyTowns = of('county_town');
    if (countyTowns.length !== 1) {
      unmet.push({
        rule: 'county_town',
        unit: cityUnit,
        message: msg.pilot_rule_county_town({ count: countyTowns.length }),
        designations: countyTowns,
        named: namedOf(countyTowns),
      });
    }
  }
  const streetPilots = of('district_street');
  for (const district of districts) {
    const inDistrict = streetPilots.filter((code) => byCode.get(code)?.parentCode === district.code);
    if (namedDistricts.includes(district.code)) {
      if (inDistrict.length > 0) {
        unmet.push({
          rule: 'street_in_pilot_district',
          unit: { code: district.code, name: district.name },
          message: msg.pilot_rule_street_in_pilot_district({ district: district.name, codes: inDistrict.join(', ') }),
          designations: inDistrict,
          named: namedOf(inDistrict),
        });
      }
    } else if (inDistrict.length < 2 || inDistrict.length > 3) {
      unmet.push({
        rule: 'district_streets',
        unit: { code: district.code, name: district.name },
        message: msg.pilot_rule_district_streets({ district: district.name, count: inDistrict.length }),
        designations: inDistrict,
        named: namedOf(inDistrict),
      });
    }
  }
  return { hasDistricts, hasCounties, pilots, unmet };
}

export type ChecklistResult = (typeof checklistResults)[number];
/** 自查结果 of a checklist item. */
export const checklistResultLabels: Record<ChecklistResult, string> = { met: '达标', partly_met: '基本达标', not_met: '未达标', not_applicable: '不适用' };
export type FindingResult = (typeof findingResults)[number];
/** 抽查结论 of a sampled unit. */
export const findingLabels: Record<FindingResult, string> = { passed: '验收合格', needs_improvement: '限期整改', failed: '验收不合格' };
export type InspectionStatus = (typeof inspectionStatuses)[number];
/** Where a self-inspection stands. */
export const inspectionStatusLabels: Record<InspectionStatus, string> = { draft: '自查中（未报送）', submitted: '已报送省民政厅' };

export type DemonstrationLevel = 'district' | 'street' | 'committee';
export const demonstrationLabels: Record<DemonstrationLevel, string> = { district: '示范区', street: '示范街道（镇）', committee: '示范居委会' };

/** A 示范区 is a county-level unit, a 示范街道(镇) a street or town, a 示范居委会 a residents' committee. */
export function demonstrationUnitProblem(level: DemonstrationLevel, unit: MapUnit | undefined): Message | null {
  if (!unit) return msg.demonstration_not_on_map();
  if (level === 'district' && unit.level !== 'county') return msg.demonstration_district_kind({ label: labelled(demonstrationLabels.district, 'demonstration district') });
  if (level === 'street' && !isStreetOrTown(unit)) return msg.demonstration_street_kind({ label: labelled(demonstrationLabels.street, 'demonstration street') });
  if (level === 'committee' && !(unit.level === 'village' && unit.kind === 'residents_committee')) return msg.demonstration_committee_kind({ label: labelled(demonstrationLabels.committee, 'demonstration committee') });
  return null;
}

export const samplingAlgorithm = 'mulberry32/partial-fisher-yates/v1';
export const frameLevels = ['county', 'township', 'village'] as const;
export type FrameLevel = (typeof frameLevels)[number];

export interface FrameUnit {
  tenant: string;
  level: FrameLevel;
  code: string;
  name: string;
}

export type SampleSizes = Record<FrameLevel, number>;

/** mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded PRNG, identical in every JavaScript engine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const byCodeUnits = (a: FrameUnit, b: FrameUnit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** The frame in its one canonical order: by level (county, township, village), then by code in code-unit order. */
export function sortFrame(frame: FrameUnit[]): FrameUnit[] {
  return [...frame].sort((a, b) => frameLevels.indexOf(a.level) - frameLevels.indexOf(b.level) || byCodeUnits(a, b));
}

/**
 * Draws the sample from a frame and a seed: one mulberry32 stream; for each level in turn (county, township, village),
 * a partial Fisher–Yates shuffle of that level's units in canonical order picks min(size, units) of them.
 */
export function drawSample(frame: FrameUnit[], seed: number, sizes: SampleSizes): FrameUnit[] {
  const random = mulberry32(seed);
  const sorted = sortFrame(frame);
  const sample: FrameUnit[] = [];
  for (const level of frameLevels) {
    const pool = sorted.filter((u) => u.level === level);
    const take = Math.min(sizes[level], pool.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      sample.push(pool[i]!);
    }
  }
  return sample;
}

export interface ChecklistItem {
  code: string;
  title: string;
}

export function checklistProblems(items: ChecklistItem[]): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.code)) problems.push({ path: `body.items.${i}.code`, message: msg.item_code_twice({ code: item.code }) });
    seen.add(item.code);
  });
  return problems;
}
