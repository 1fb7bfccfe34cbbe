import type { Role } from '../auth/principal.js';
import { labelled, type Message } from '../i18n.js';
import { msg } from './messages.js';

/** Edit a community's profile. */
export const communityProfileEditors: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];

/** Mark a community publishable (居务公开): the city decides what its public pages show. */
export const communityPublishers: readonly Role[] = ['city_admin'];

export const communityTypes = ['geographic', 'residential_complex', 'work_unit', 'mixed'] as const;
export type CommunityType = (typeof communityTypes)[number];
export const communityTypeLabels: Record<CommunityType, string> = {
  geographic: '地缘型',
  residential_complex: '单元型',
  work_unit: '单位型',
  mixed: '综合型',
};

/** The matters an urban-village conversion settles (the policy's list): the domain brief's six, then 计划生育, 公共设施覆盖 and 居委会选举. */
export const urbanVillageIssues = [
  'collective_assets', 'land', 'homesteads', 'housing_titles', 'social_security', 'schooling', 'family_planning', 'public_facilities', 'committee_election',
] as const;
export type UrbanVillageIssue = (typeof urbanVillageIssues)[number];
export const urbanVillageIssueLabels: Record<UrbanVillageIssue, string> = {
  collective_assets: '集体资产处置',
  land: '土地征用',
  homesteads: '宅基地',
  housing_titles: '私有房屋产权',
  social_security: '社会保障',
  schooling: '子女入学',
  family_planning: '计划生育',
  public_facilities: '公共设施覆盖',
  committee_election: '居委会选举',
};

export const sizeStatuses = ['below', 'within', 'above'] as const;
export type SizeStatus = (typeof sizeStatuses)[number];

export interface HouseholdBounds {
  min: number;
  max: number;
}

/** 一般管辖1000至3000户: the bounds are province settings. */
export const defaultHouseholdBounds: HouseholdBounds = { min: 1000, max: 3000 };

export function sizeStatus(households: number, bounds: HouseholdBounds): SizeStatus {
  if (households < bounds.min) return 'below';
  if (households > bounds.max) return 'above';
  return 'within';
}

/** Outside the usual range a community is allowed "according to actual conditions", so it needs a stated reason. */
export function sizeRuleProblem(households: number | null | undefined, reason: string | null | undefined, bounds: HouseholdBounds): Message | null {
  if (households === null || households === undefined) return null;
  if (sizeStatus(households, bounds) === 'within') return null;
  if (reason && reason.trim().length > 0) return null;
  return msg.size_needs_reason({ min: bounds.min, max: bounds.max, households });
}

export const sizeStatusLabels: Record<SizeStatus, string> = { below: '低于一般管辖户数', within: '在一般管辖户数范围内', above: '高于一般管辖户数' };
const sizeSide = (side: SizeStatus) => labelled(sizeStatusLabels[side], `${side} the usual range`);

/**
 * The reason a community's size carries after its households change. A reason explains one side of the range (the
 * side the community was on when it was given): while the households stay on that side it stands; when they cross
 * to the other side it no longer explains anything, so the change needs a new reason (the old text sent back
 * unchanged, as a form pre-filled with it does, is not a new one); when they return into the range (or become
 * unknown) there is nothing to explain and the reason is cleared. `given` is the reason sent with the change
 * (undefined: not sent). The side is judged against the bounds in force now.
 */
export function sizeReasonAfter(
  before: { households: number | null; reason: string | null },
  households: number | null,
  given: string | null | undefined,
  bounds: HouseholdBounds,
): { reason: string | null; problem: Message | null } {
  if (households === null || sizeStatus(households, bounds) === 'within') return { reason: null, problem: null };
  const side = sizeStatus(households, bounds);
  const was = before.households === null ? null : sizeStatus(before.households, bounds);
  const old = before.reason?.trim() || null;
  let reason = given !== undefined ? given?.trim() || null : old;
  const stale = was !== side && old !== null && reason === old;
  if (stale) reason = null;
  const problem = sizeRuleProblem(households, reason, bounds);
  if (problem && stale && was) {
    return { reason, problem: msg.size_reason_other_side({ reason: old, was: sizeSide(was), households, now: sizeSide(side) }) };
  }
  return { reason, problem };
}

const COMMITTEE_SUFFIX = '社区居民委员会';

/** A new committee is named "<name>社区居民委员会". */
export function committeeName(name: string): string {
  const base = name.trim().replace(/(社区居民委员会|社区居委会|居民委员会|居委会|社区)$/, '');
  return `${base}${COMMITTEE_SUFFIX}`;
}
