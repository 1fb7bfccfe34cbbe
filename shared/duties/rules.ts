import type { Role } from '../auth/principal.js';
import type { FieldProblem } from '../errors.js';
import { labelOf } from '../i18n.js';
import { msg } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const fundingBases = ['none', 'per_community', 'total'] as const;
export type FundingBasis = (typeof fundingBases)[number];

/** 费随事转: no funds came with the duty, so much per community it applies to each year, or so much in all each year. */
export const fundingBasisLabels: Record<FundingBasis, string> = { none: '无经费', per_community: '每个社区每年', total: '合计每年' };

export const dutyStatuses = ['active', 'ended'] as const;
export type DutyStatus = (typeof dutyStatuses)[number];
export const dutyStatusLabels: Record<DutyStatus, string> = { active: '执行中', ended: '已终止' };

/** Keep the city's register of duties transferred to communities (社区工作事项准入清单). */
export const dutyRegistrars: readonly Role[] = ['city_admin'];
/** Log a department's demand that is not on the register, for a unit of their own (未经准入的工作事项). */
export const demandRecorders: readonly Role[] = ['city_admin', 'district_officer', 'street_officer', 'committee_member'];

/** A yuan amount as typed (12000 or 12000.5 or 12000.50), to integer fen by its digits: no floating point anywhere. */
export function fenOf(yuan: string): bigint {
  const [whole, fraction = ''] = yuan.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** Integer fen as yuan with two decimals (1234567 → 12345.67). */
export function yuanOf(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export interface DutyFunding {
  fundingBasis: FundingBasis;
  fundsYuan: string | null;
  fundingDocument: string | null;
}

/** A duty with funds names the amount and the document that grants them; a duty without funds has neither. */
export function fundingProblems(f: DutyFunding): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const basis = labelOf(fundingBasisLabels, f.fundingBasis);
  if (f.fundingBasis === 'none') {
    if (f.fundsYuan !== null) problems.push({ path: 'body.fundsYuan', message: msg.duty_no_funds_no_amount() });
    if (f.fundingDocument !== null) problems.push({ path: 'body.fundingDocument', message: msg.duty_no_funds_no_document() });
    return problems;
  }
  if (f.fundsYuan === null || fenOf(f.fundsYuan) <= 0n) problems.push({ path: 'body.fundsYuan', message: msg.duty_funds_required({ basis }) });
  if (f.fundingDocument === null) problems.push({ path: 'body.fundingDocument', message: msg.duty_document_required({ basis }) });
  return problems;
}

/** The units a duty applies to: each once, and none inside another one also named (a street covers its communities). */
export function appliesToProblems(units: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  units.forEach((code, n) => {
    if (units.indexOf(code) !== n) problems.push({ path: `body.appliesTo.${n}`, message: msg.duty_unit_twice({ code }) });
    else {
      const covering = units.find((other) => other !== code && code.startsWith(other));
      if (covering) problems.push({ path: `body.appliesTo.${n}`, message: msg.duty_unit_within({ code, covering }) });
    }
  });
  return problems;
}

/** A duty is on the register on a day from its start until the day it ends (the end day is no longer in force). */
export const dutyInForce = (d: { startsOn: string; endedOn: string | null }, day: string) => d.startsOn <= day && (d.endedOn === null || d.endedOn > day);
