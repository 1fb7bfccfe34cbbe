import type { FieldProblem } from '../errors.js';
import type { Message } from '../i18n.js';
import type { Role } from '../auth/principal.js';
import type { IsoDate } from '../dates.js';
import { msg } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const genders = ['male', 'female'] as const;
export const departureReasons = ['term_ended', 'resigned', 'removed', 'deceased', 'moved_away', 'other'] as const;
export const genderLabels: Record<(typeof genders)[number], string> = { male: '男', female: '女' };
export const departureReasonLabels: Record<(typeof departureReasons)[number], string> = {
  term_ended: '任期届满',
  resigned: '辞职',
  removed: '罢免',
  deceased: '去世',
  moved_away: '迁出本居住地区',
  other: '其他原因',
};

/** Register a committee, propose its size and add or edit its members. */
export const committeeSizeProposers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];
/** Record a committee's systems, working committees and social workers: the committee itself too. */
export const committeeEditors: readonly Role[] = ['city_admin', 'district_officer', 'street_officer', 'committee_member'];

export const committeePositions = ['chair', 'vice_chair', 'member'] as const;
export type CommitteePosition = (typeof committeePositions)[number];
export const committeePositionLabels: Record<CommitteePosition, string> = { chair: '主任', vice_chair: '副主任', member: '委员' };

/** 社区居民委员会一般由主任、副主任和委员共5至9人组成. */
export const committeeSize = { min: 5, max: 9 } as const;

/** The three written systems every committee must establish. */
export const committeeSystems = ['representatives_deliberation', 'committee_work', 'democratic_supervision'] as const;
export type CommitteeSystem = (typeof committeeSystems)[number];
export const committeeSystemLabels: Record<CommitteeSystem, string> = {
  representatives_deliberation: '社区居民代表议事制度',
  committee_work: '社区居民委员会工作制度',
  democratic_supervision: '社区居民委员会民主监督制度',
};

export const committeeFlags = ['incomplete', 'term_expired', 'missing_systems'] as const;
export type CommitteeFlag = (typeof committeeFlags)[number];
export const committeeFlagLabels: Record<CommitteeFlag, string> = {
  incomplete: '组成不完整',
  term_expired: '任期已届满',
  missing_systems: '制度未建全',
};

/** 社区党组织: the community's party organisation by its level (党委, 党总支, 党支部). */
export const partyOrganisationTypes = ['committee', 'general_branch', 'branch'] as const;
export type PartyOrganisationType = (typeof partyOrganisationTypes)[number];
export const partyOrganisationTypeLabels: Record<PartyOrganisationType, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
};

/**
 * Where 交叉任职 (the secretary also chairs the residents' committee) is read from: the committee's chair serving on
 * the day, matched by name, when the committee has one; the recorded flag only while it has none (before its first
 * certified election, or between a chair's departure and a by-election).
 */
export const concurrencyBases = ['chair_matched', 'recorded', 'unknown'] as const;
export type ConcurrencyBasis = (typeof concurrencyBases)[number];
export const concurrencyBasisLabels: Record<ConcurrencyBasis, string> = {
  chair_matched: '与居委会现任主任比对',
  recorded: '登记的兼任情况（居委会暂无主任）',
  unknown: '未知（居委会暂无主任，亦未登记）',
};

/** The Urban Residents' Committee Organisation Law's term; a province setting may change it. */
export const defaultTermYears = 5;

export type SeatPlan = Partial<Record<CommitteePosition, number>>;

export interface CompositionProblem {
  code: 'too_few_members' | 'too_many_members' | 'no_chair' | 'several_chairs';
  message: Message;
}

const count = (positions: readonly CommitteePosition[], p: CommitteePosition) => positions.filter((x) => x === p).length;

/** What is wrong with a committee made of these serving members: 5 to 9 people, exactly one chair. */
export function compositionProblems(positions: readonly CommitteePosition[]): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  if (positions.length < committeeSize.min) {
    problems.push({ code: 'too_few_members', message: msg.committee_size_has({ min: committeeSize.min, max: committeeSize.max, count: positions.length }) });
  }
  if (positions.length > committeeSize.max) {
    problems.push({ code: 'too_many_members', message: msg.committee_size_has({ min: committeeSize.min, max: committeeSize.max, count: positions.length }) });
  }
  const chairs = count(positions, 'chair');
  if (chairs === 0) problems.push({ code: 'no_chair', message: msg.committee_no_chair() });
  if (chairs > 1) problems.push({ code: 'several_chairs', message: msg.committee_several_chairs({ chairs }) });
  return problems;
}

/** The seats a full election fills: exactly one chair and 5 to 9 seats in all, as the committee it produces must have. */
export function seatPlanProblems(seats: SeatPlan): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const p of committeePositions) {
    const n = seats[p] ?? 0;
    if (!Number.isInteger(n) || n < 0) problems.push({ path: `seats.${p}`, message: msg.seats_whole_number() });
  }
  if (problems.length) return problems;
  if ((seats.chair ?? 0) !== 1) problems.push({ path: 'seats.chair', message: msg.exactly_one_chair() });
  const total = seatTotal(seats);
  if (total < committeeSize.min || total > committeeSize.max) {
    problems.push({ path: 'seats', message: msg.committee_size_plan({ min: committeeSize.min, max: committeeSize.max, total }) });
  }
  return problems;
}

export const seatTotal = (seats: SeatPlan) => committeePositions.reduce((sum, p) => sum + (seats[p] ?? 0), 0);

/**
 * The street proposes the size; it stands once most resident representatives agree (征得大多数社区居民代表同意):
 * strictly more than half of them.
 */
export function sizeProposalProblems(input: { size: number; representatives: number; consenting: number }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.size) || input.size < committeeSize.min || input.size > committeeSize.max) {
    problems.push({ path: 'size', message: msg.committee_size({ min: committeeSize.min, max: committeeSize.max }) });
  }
  if (!Number.isInteger(input.representatives) || input.representatives < 1) {
    problems.push({ path: 'representatives', message: msg.representatives_at_least_one() });
  } else if (!Number.isInteger(input.consenting) || input.consenting < 0 || input.consenting > input.representatives) {
    problems.push({ path: 'consenting', message: msg.between_zero_and_representatives({ representatives: input.representatives }) });
  } else if (input.consenting * 2 <= input.representatives) {
    problems.push({ path: 'consenting', message: msg.majority_of_representatives({ representatives: input.representatives, value: Math.floor(input.representatives / 2) + 1 }) });
  }
  return problems;
}

/**
 * The day a term ends (exclusive): the same calendar day `years` later. A term begun on 29 February ends on
 * 1 March of a common year, so it still lasts the full number of years.
 */
export function termEndDate(start: IsoDate, years: number): IsoDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  return end.toISOString().slice(0, 10);
}

export const isTermExpired = (termEndsOn: IsoDate, today: IsoDate) => today >= termEndsOn;

export interface CommitteeState {
  /** Positions of the members serving today. */
  positions: readonly CommitteePosition[];
  /** The current term's end (exclusive); null when no term has started yet. */
  termEndsOn: IsoDate | null;
  /** Systems adopted on or before today. */
  systems: ReadonlySet<CommitteeSystem> | readonly CommitteeSystem[];
  today: IsoDate;
}

/** The flags a list shows beside a committee; empty when it is complete, in term and has its three systems. */
export function committeeStatus(state: CommitteeState): CommitteeFlag[] {
  const flags: CommitteeFlag[] = [];
  if (state.termEndsOn === null || compositionProblems(state.positions).length > 0) flags.push('incomplete');
  if (state.termEndsOn !== null && isTermExpired(state.termEndsOn, state.today)) flags.push('term_expired');
  if (missingSystems(state.systems).length > 0) flags.push('missing_systems');
  return flags;
}

export function missingSystems(adopted: ReadonlySet<CommitteeSystem> | readonly CommitteeSystem[]): CommitteeSystem[] {
  const have = new Set(adopted);
  return committeeSystems.filter((s) => !have.has(s));
}
