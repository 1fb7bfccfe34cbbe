import type { Role } from '../auth/principal.js';
import type { Message } from '../i18n.js';
import { msg } from './messages.js';

/** Edit a community's profile. */
export const communityProfileEditors: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];

export const communityTypes = ['geographic', 'residential_complex', 'work_unit', 'mixed'] as const;
export type CommunityType = (typeof communityTypes)[number];
export const communityTypeLabels: Record<CommunityType, string> = {
  geographic: '地缘型',
  residential_complex: '单元型',
  work_unit: '单位型',
  mixed: '综合型',
};

export const urbanVillageIssues = ['collective_assets', 'land', 'homesteads', 'housing_titles', 'social_security', 'schooling'] as const;
export type UrbanVillageIssue = (typeof urbanVillageIssues)[number];
export const urbanVillageIssueLabels: Record<UrbanVillageIssue, string> = {
  collective_assets: '集体资产处置',
  land: '土地征用',
  homesteads: '宅基地',
  housing_titles: '私有房屋产权',
  social_security: '社会保障',
  schooling: '子女入学',
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

const COMMITTEE_SUFFIX = '社区居民委员会';

/** A new committee is named "<name>社区居民委员会". */
export function committeeName(name: string): string {
  const base = name.trim().replace(/(社区居民委员会|社区居委会|居民委员会|居委会|社区)$/, '');
  return `${base}${COMMITTEE_SUFFIX}`;
}
