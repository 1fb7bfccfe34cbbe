import type { Message } from '../i18n.js';
import type { Role } from '../auth/principal.js';
import { committeeName, sizeRuleProblem, type HouseholdBounds } from '../communities/rules.js';
import { msg } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const planStatuses = ['draft', 'submitted', 'approved', 'rejected'] as const;

/** Draft an adjustment plan and submit it (the street's own plans only). */
export const adjustmentPlanDrafters: readonly Role[] = ['street_officer'];

/** The role that decides a plan: the city when the approver is the city (4 digits), else the district. */
export function planApproverRole(approverUnit: string): Role {
  return approverUnit.length === 4 ? 'city_admin' : 'district_officer';
}

export const changeKinds = ['create', 'split', 'merge', 'rename', 'reparent', 'dissolve'] as const;
export type ChangeKind = (typeof changeKinds)[number];
export const changeKindLabels: Record<ChangeKind, string> = {
  create: '设立', split: '拆分', merge: '合并', rename: '更名', reparent: '调整隶属', dissolve: '撤销',
};

export type PlanChange =
  | { kind: 'create'; code: string; name: string; households?: number | undefined; sizeExceptionReason?: string | undefined }
  | { kind: 'split'; code: string; into: { code: string; name: string; households: number; sizeExceptionReason?: string | undefined }[] }
  | { kind: 'merge'; codes: string[]; into: { code: string; name: string; sizeExceptionReason?: string | undefined } }
  | { kind: 'rename'; code: string; name: string }
  | { kind: 'reparent'; code: string; toStreet: string }
  | { kind: 'dissolve'; code: string };

export interface MapEntry {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parentCode: string | null;
}

export interface PlanContext {
  /** The street (township) proposing the plan. */
  street: string;
  /** Divisions in force on the effective date, at least the street's district (or city) and everything below it. */
  map: ReadonlyMap<string, MapEntry>;
  /** Every code the city has ever used; a new community needs a code never used before. */
  everUsed: ReadonlySet<string>;
  /** Households on record per community, where known. */
  households: ReadonlyMap<string, number | null>;
  /** The province's usual community size: a new community outside it needs a stated reason, as PATCH /v1/communities does. */
  bounds: HouseholdBounds;
}

export interface PlanProblem {
  change: number;
  field: string;
  reason: Message;
}

export interface OpenVersion {
  code: string;
  name: string;
  parentCode: string;
  households: number | null;
  /** Set on the communities a plan creates (create, split, merge); the others keep their profile as it is. */
  sizeExceptionReason?: string | null;
}

export interface PlanEffect {
  problems: PlanProblem[];
  /** Codes whose version in force ends on the effective date. */
  close: string[];
  /** Versions that start on the effective date. */
  open: OpenVersion[];
  /** Every existing community the plan changes: what conflicts between plans are judged on. */
  touched: string[];
}

/** A reason is kept only where it explains something: a new community within the range carries none. */
function sizedReason(households: number | null, reason: string | undefined, bounds: HouseholdBounds): string | null {
  if (households === null || sizeRuleProblem(households, null, bounds) === null) return null;
  return reason?.trim() || null;
}

/**
 * Checks a plan's changes in order against the map on its effective date and works out the versions it closes and
 * opens. Every problem is reported, each with the index of its change; a plan with problems changes nothing.
 */
export function planEffect(ctx: PlanContext, changes: readonly PlanChange[]): PlanEffect {
  const problems: PlanProblem[] = [];
  const close: string[] = [];
  const open: OpenVersion[] = [];
  const touched = new Set<string>();
  const claimed = new Set<string>();
  const streetEntry = ctx.map.get(ctx.street);
  const streetParent = streetEntry?.parentCode ?? null;

  changes.forEach((change, i) => {
    const at = (field: string, reason: Message) => problems.push({ change: i, field: `changes.${i}.${field}`, reason });
    const existing = (field: string, code: string): MapEntry | null => {
      const entry = ctx.map.get(code);
      if (!entry || entry.level !== 'village') {
        at(field, msg.not_community_on_effective_date({ code }));
        return null;
      }
      if (entry.kind !== 'residents_committee') {
        at(field, msg.change_not_residents_committee({ code, name: entry.name }));
        return null;
      }
      if (entry.parentCode !== ctx.street) {
        at(field, msg.not_in_street({ code, name: entry.name, street: ctx.street }));
        return null;
      }
      if (touched.has(code)) {
        at(field, msg.changed_by_earlier_change({ code }));
        return null;
      }
      return entry;
    };
    const fresh = (field: string, code: string): boolean => {
      if (!/^\d{12}$/.test(code) || !code.startsWith(ctx.street)) {
        at(field, msg.new_code_format({ street: ctx.street }));
        return false;
      }
      if (ctx.everUsed.has(code) || claimed.has(code)) {
        at(field, msg.code_already_used({ code }));
        return false;
      }
      claimed.add(code);
      return true;
    };
    const named = (field: string, name: string): boolean => {
      const n = name.trim();
      if (!n || n.length > 40) {
        at(field, msg.name_1_to_40());
        return false;
      }
      return true;
    };
    /** The size rule of a community the plan makes: out of range needs a reason, given beside its households. */
    const sized = (field: string, households: number | null, reason: string | undefined): boolean => {
      const problem = sizeRuleProblem(households, reason, ctx.bounds);
      if (problem) at(field, problem);
      return problem === null;
    };
    const claim = (entry: MapEntry) => {
      touched.add(entry.code);
      close.push(entry.code);
    };

    switch (change.kind) {
      case 'create': {
        const ok = [fresh('code', change.code), named('name', change.name), sized('sizeExceptionReason', change.households ?? null, change.sizeExceptionReason)].every(Boolean);
        if (ok) open.push({ code: change.code, name: committeeName(change.name), parentCode: ctx.street, households: change.households ?? null, sizeExceptionReason: sizedReason(change.households ?? null, change.sizeExceptionReason, ctx.bounds) });
        break;
      }
      case 'split': {
        const from = existing('code', change.code);
        if (change.into.length < 2) at('into', msg.split_needs_two_parts());
        const parts = change.into.map((part, p) => [fresh(`into.${p}.code`, part.code), named(`into.${p}.name`, part.name)].every(Boolean));
        if (!from) break;
        const before = ctx.households.get(from.code);
        const after = change.into.reduce((sum, part) => sum + part.households, 0);
        if (before !== null && before !== undefined && after !== before) {
          at('into', msg.households_do_not_add_up({ after, before, name: from.name }));
          break;
        }
        const sizes = change.into.map((part, p) => sized(`into.${p}.sizeExceptionReason`, part.households, part.sizeExceptionReason));
        if (parts.every(Boolean) && sizes.every(Boolean) && change.into.length >= 2) {
          claim(from);
          for (const part of change.into) {
            open.push({ code: part.code, name: committeeName(part.name), parentCode: ctx.street, households: part.households, sizeExceptionReason: sizedReason(part.households, part.sizeExceptionReason, ctx.bounds) });
          }
        }
        break;
      }
      case 'merge': {
        if (new Set(change.codes).size < 2) at('codes', msg.merge_needs_two());
        const sources = change.codes.map((code, c) => existing(`codes.${c}`, code));
        const ok = [fresh('into.code', change.into.code), named('into.name', change.into.name)].every(Boolean);
        if (ok && sources.every((s): s is MapEntry => s !== null) && new Set(change.codes).size >= 2) {
          const known = sources.map((s) => ctx.households.get(s.code));
          const households = known.every((h): h is number => typeof h === 'number') ? known.reduce((a, b) => a + b, 0) : null;
          if (!sized('into.sizeExceptionReason', households, change.into.sizeExceptionReason)) break;
          sources.forEach(claim);
          open.push({ code: change.into.code, name: committeeName(change.into.name), parentCode: ctx.street, households, sizeExceptionReason: sizedReason(households, change.into.sizeExceptionReason, ctx.bounds) });
        }
        break;
      }
      case 'rename': {
        const entry = existing('code', change.code);
        if (named('name', change.name) && entry) {
          const name = committeeName(change.name);
          if (name === entry.name) {
            at('name', msg.already_named({ code: entry.code, name }));
            break;
          }
          claim(entry);
          open.push({ code: entry.code, name, parentCode: ctx.street, households: ctx.households.get(entry.code) ?? null });
        }
        break;
      }
      case 'reparent': {
        const entry = existing('code', change.code);
        const target = ctx.map.get(change.toStreet);
        if (!target || target.level !== 'township') {
          at('toStreet', msg.not_street_on_effective_date({ toStreet: change.toStreet }));
          break;
        }
        if (change.toStreet === ctx.street) {
          at('toStreet', msg.already_in_this_street());
          break;
        }
        if (target.parentCode !== streetParent) {
          at('toStreet', msg.not_same_district({ toStreet: change.toStreet, name: target.name, street: ctx.street }));
          break;
        }
        if (entry) {
          claim(entry);
          open.push({ code: entry.code, name: entry.name, parentCode: change.toStreet, households: ctx.households.get(entry.code) ?? null });
        }
        break;
      }
      case 'dissolve': {
        const entry = existing('code', change.code);
        if (entry) claim(entry);
        break;
      }
    }
  });
  return { problems, close, open, touched: [...touched] };
}
