import type { FieldProblem } from '../errors.js';
import type { Role } from '../auth/principal.js';
import { msg } from './messages.js';
import { labelOf, labelled, type Message } from '../i18n.js';
import { isoDaysBetween } from '../dates.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const facilityKinds = ['committee_office', 'service_centre', 'small_square', 'playground', 'green_space', 'hotline', 'online_platform'] as const;
export const serviceTargets = ['elderly', 'disabled', 'youth', 'women', 'vulnerable'] as const;
export const fundingSources = ['government', 'non_state'] as const;
export const profitStatuses = ['non_profit', 'for_profit'] as const;
export const registrationAuthorities = ['social_welfare', 'civil_affairs', 'industry_commerce', 'undetermined'] as const;
export const ledgerKinds = ['deposit', 'draw', 'correction'] as const;

/**
 * 行业管理和认证制度: a service unit's certification as of a day. A certificate is valid through its expiry day; it is
 * expiring once that day is within 60 days, expired from the day after. A unit without a certificate has none.
 */
export const certificationStatuses = ['valid', 'expiring', 'expired', 'none'] as const;
export type CertificationStatus = (typeof certificationStatuses)[number];
export const certificationStatusLabels: Record<CertificationStatus, string> = {
  valid: '认证有效',
  expiring: '认证即将到期（60日内）',
  expired: '认证已过期',
  none: '未认证',
};
export const certificationExpiringDays = 60;
/** The reminder goes to the unit's community and street this many days before the expiry day, and once more when it has lapsed. */
export const certificationReminderDays = 30;
export const certificationReminderStages = ['due_30d', 'expired'] as const;
export type CertificationReminderStage = (typeof certificationReminderStages)[number];

export function certificationStatus(expiresOn: string | null, today: string): CertificationStatus {
  if (expiresOn === null) return 'none';
  if (today > expiresOn) return 'expired';
  return isoDaysBetween(today, expiresOn) <= certificationExpiringDays ? 'expiring' : 'valid';
}

/** The reminder stage a certificate has reached on a day (the latest only), or null before the first. */
export function certificationStage(expiresOn: string, today: string): CertificationReminderStage | null {
  if (today > expiresOn) return 'expired';
  return isoDaysBetween(today, expiresOn) <= certificationReminderDays ? 'due_30d' : null;
}

/** Change community services: facilities, service units, volunteers and their hours (an auditor only reads). */
export const serviceWriters: readonly Role[] = ['city_admin', 'district_officer', 'street_officer', 'committee_member'];

export type FacilityKind = 'committee_office' | 'service_centre' | 'small_square' | 'playground' | 'green_space' | 'hotline' | 'online_platform';
export const facilityKindLabels: Record<FacilityKind, string> = {
  committee_office: '社区居委会办公场所',
  service_centre: '社区服务中心',
  small_square: '小广场',
  playground: '小乐园',
  green_space: '小绿地',
  hotline: '社区服务热线电话',
  online_platform: '电脑网络服务咨询平台',
};

const remoteKinds: readonly FacilityKind[] = ['hotline', 'online_platform'];

export interface FacilityFields {
  kind: FacilityKind;
  areaM2: number | null;
  address: string | null;
  contact: string | null;
}

/** A place has an address (and may have an area); a hotline or online platform has a number or address to reach it and no area. */
export function facilityProblems(f: FacilityFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (remoteKinds.includes(f.kind)) {
    if (!f.contact) problems.push({ path: 'body.contact', message: msg.facility_needs_contact({ kind: labelOf(facilityKindLabels, f.kind) }) });
    if (f.areaM2 !== null) problems.push({ path: 'body.areaM2', message: msg.facility_has_no_area({ kind: labelOf(facilityKindLabels, f.kind) }) });
  } else if (!f.address) {
    problems.push({ path: 'body.address', message: msg.facility_needs_address({ kind: labelOf(facilityKindLabels, f.kind) }) });
  }
  return problems;
}

export type ServiceTarget = 'elderly' | 'disabled' | 'youth' | 'women' | 'vulnerable';
export const serviceTargetLabels: Record<ServiceTarget, string> = { elderly: '老年人', disabled: '残疾人', youth: '青少年', women: '妇女', vulnerable: '社会弱势群体' };

export type RegistrationAuthority = 'social_welfare' | 'civil_affairs' | 'industry_commerce' | 'undetermined';
export const registrationAuthorityLabels: Record<RegistrationAuthority, string> = {
  social_welfare: '参照社会福利事业单位管理',
  civil_affairs: '民政部门登记(民办非企业单位)',
  industry_commerce: '工商部门登记',
  undetermined: '政策未规定登记机关',
};

export interface ServiceUnitStanding {
  funding: 'government' | 'non_state';
  profitStatus: 'non_profit' | 'for_profit';
  nonStateAssetsYuan: bigint;
  totalAssetsYuan: bigint;
}

/** non-state / total ≥ 2/3, by cross-multiplication in integers: no floating point at the boundary. */
export function nonStateShareAtLeastTwoThirds(nonState: bigint, total: bigint): boolean {
  return total > 0n && 3n * nonState >= 2n * total;
}

/**
 * 三、社区服务社会化: a unit funded mainly by government is managed like a social-welfare unit; a for-profit unit
 * registers with industry and commerce; a non-profit unit with non-state assets of at least two-thirds of its total
 * registers with civil affairs as 民办非企业单位. Any other unit falls outside what the policy assigns.
 */
export function registrationAuthority(u: ServiceUnitStanding): { authority: RegistrationAuthority; reason: string } {
  if (u.funding === 'government') return { authority: 'social_welfare', reason: '以政府投入为主渠道的社区服务单位，参照社会福利事业单位进行管理' };
  if (u.profitStatus === 'for_profit') return { authority: 'industry_commerce', reason: '属营利性的社区服务单位由工商部门进行登记管理' };
  if (nonStateShareAtLeastTwoThirds(u.nonStateAssetsYuan, u.totalAssetsYuan)) {
    return { authority: 'civil_affairs', reason: '非营利性且非国有资产份额不低于总财产三分之二，由民政部门进行民办非企业单位登记管理' };
  }
  return { authority: 'undetermined', reason: '非营利性但非国有资产份额低于总财产三分之二，不属民办非企业单位登记范围' };
}

export function assetProblems(nonState: bigint, total: bigint): FieldProblem[] {
  if (total <= 0n) return [{ path: 'body.totalAssetsYuan', message: msg.total_assets_positive() }];
  if (nonState > total) return [{ path: 'body.nonStateAssetsYuan', message: msg.non_state_assets_exceed_total() }];
  return [];
}

export type LedgerKind = 'deposit' | 'draw' | 'correction';
export const ledgerKindLabels: Record<LedgerKind, string> = { deposit: '存入', draw: '支取', correction: '更正' };

/** Deposits add, draws take away; a correction carries its own sign and points at the entry it corrects. */
export function signedMinutes(kind: LedgerKind, minutes: number): number {
  if (kind === 'deposit') return Math.abs(minutes);
  if (kind === 'draw') return -Math.abs(minutes);
  return minutes;
}

/**
 * A correction reverses or reduces the entry it corrects and never mints time: the entry and its correction together
 * lie between zero and the entry (a deposit of 60 takes -1…-60; a draw of -60 takes +1…+60). A correction is not itself
 * corrected: each deposit or draw has at most one correction, so every figure traces back to one entry.
 */
export function correctionProblem(corrected: { kind: LedgerKind; minutes: number }, minutes: number): Message | undefined {
  if (corrected.kind === 'correction') return msg.correction_is_final();
  const within = corrected.minutes > 0 ? minutes < 0 && minutes >= -corrected.minutes : minutes > 0 && minutes <= -corrected.minutes;
  if (!within) return msg.correction_bounds({ kind: labelled(ledgerKindLabels[corrected.kind], corrected.kind), minutes: Math.abs(corrected.minutes), from: corrected.minutes > 0 ? -corrected.minutes : 1, to: corrected.minutes > 0 ? -1 : -corrected.minutes });
  return undefined;
}

export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Minutes banked and drawn in one ledger, a correction counted with the entry it corrects: the rule the city's figures
 * apply in SQL (metrics.ts), for one volunteer's entries.
 */
export function ledgerTotals(entries: readonly { id: string; kind: LedgerKind; minutes: number; correctsEntryId: string | null }[]): { bankedMinutes: number; drawnMinutes: number } {
  const kindOf = new Map(entries.map((e) => [e.id, e.kind]));
  let banked = 0;
  let drawn = 0;
  for (const e of entries) {
    const kind = e.kind === 'correction' ? kindOf.get(e.correctsEntryId ?? '') : e.kind;
    if (kind === 'deposit') banked += e.minutes;
    else if (kind === 'draw') drawn -= e.minutes;
  }
  return { bankedMinutes: banked, drawnMinutes: drawn };
}
