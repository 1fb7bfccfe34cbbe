import { z } from 'zod';
import { AppError } from '../errors.js';
import { msg } from './messages.js';
import { zodIssue } from '../zod-messages.js';
import { labelOf, type Message } from '../i18n.js';

export const provinceRoles = ['province_admin', 'province_officer', 'auditor'] as const;
export const cityRoles = ['city_admin', 'district_officer', 'street_officer', 'committee_member', 'auditor'] as const;
export const roles = ['province_admin', 'province_officer', 'city_admin', 'district_officer', 'street_officer', 'committee_member', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  province_admin: '省民政厅管理员',
  province_officer: '省民政厅工作人员',
  city_admin: '市民政局管理员',
  district_officer: '区（县）工作人员',
  street_officer: '街道（镇）工作人员',
  committee_member: '社区居委会成员',
  auditor: '审计人员',
};

/** A role as a message parameter: its label in Chinese (市民政局管理员), the value in English. */
export const roleLabel = (role: string): Message => labelOf(roleLabels, role as Role);

const unitCodeByLevel: Record<Role, RegExp> = {
  province_admin: /^\d{2}$/,
  province_officer: /^\d{2}$/,
  auditor: /^\d{2}$|^\d{4}$/,
  city_admin: /^\d{4}$/,
  district_officer: /^\d{6}$/,
  street_officer: /^\d{9}$/,
  committee_member: /^\d{12}$/,
};

export const claimsSchema = z
  .object({
    sub: z.string().min(1),
    tenant: z.string().regex(/^[1-9]\d{3}$/).optional(),
    scope: z.literal('province').optional(),
    role: z.enum(roles),
    unit: z.string().regex(/^\d{2,12}$/),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.tenant) === Boolean(c.scope)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.token_tenant_or_province(), ['tenant']) });
      return;
    }
    if (c.scope === 'province' && !(provinceRoles as readonly string[]).includes(c.role)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.role_not_province({ role: roleLabel(c.role) }), ['role']) });
    }
    if (c.tenant && !(cityRoles as readonly string[]).includes(c.role)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.role_not_city({ role: roleLabel(c.role) }), ['role']) });
    }
    if (!unitCodeByLevel[c.role].test(c.unit)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.unit_not_at_role_level({ unit: c.unit, role: roleLabel(c.role) }), ['unit']) });
    }
    if (c.tenant && !c.unit.startsWith(c.tenant)) {
      ctx.addIssue({ code: 'custom', ...zodIssue(msg.unit_outside_tenant(), ['unit']) });
    }
  });
export type Claims = z.infer<typeof claimsSchema>;

export type Principal =
  | { kind: 'city'; subject: string; tenant: string; role: Role; unit: string }
  | { kind: 'province'; subject: string; role: Role; unit: string }
  | { kind: 'system'; subject: string; tenant?: string; role: 'system'; unit: string };

/**
 * The system acting inside one city's tenant (a queue worker, a capability link, a resident's public request): its
 * row-level security applies as to the city, and `subject` says in the audit who it was.
 */
export const cityScopedSystem = (subject: string, tenant: string): Principal => ({ kind: 'system', subject, tenant, role: 'system', unit: tenant });

export function principalFromClaims(claims: Claims): Principal {
  return claims.tenant
    ? { kind: 'city', subject: claims.sub, tenant: claims.tenant, role: claims.role, unit: claims.unit }
    : { kind: 'province', subject: claims.sub, role: claims.role, unit: claims.unit };
}

export function requireCity(p: Principal, allowed: readonly Role[]): Extract<Principal, { kind: 'city' }> {
  if (p.kind !== 'city') throw new AppError('tenant_scope_required', msg.city_scope_only());
  if (!allowed.includes(p.role)) throw new AppError('forbidden', msg.role_may_not({ role: roleLabel(p.role) }));
  return p;
}

export function requireProvince(p: Principal, allowed: readonly Role[]): Extract<Principal, { kind: 'province' }> {
  if (p.kind !== 'province') throw new AppError('province_scope_required', msg.province_scope_only());
  if (!allowed.includes(p.role)) throw new AppError('forbidden', msg.role_may_not({ role: roleLabel(p.role) }));
  return p;
}

/** Whether the principal's role is one of `allowed` (a module's role list); for pages that show only the forms the API accepts. */
export function hasRole(p: { role: string }, allowed: readonly Role[]): boolean {
  return (allowed as readonly string[]).includes(p.role);
}

/** "My unit and below": division codes nest by prefix (city 4, county 6, township 9, village 12 digits). */
export function unitCovers(unit: string, code: string): boolean {
  return code.startsWith(unit);
}
