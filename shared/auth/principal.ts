import { z } from 'zod';
import { AppError } from '../errors.js';

export const provinceRoles = ['province_admin', 'province_officer', 'auditor'] as const;
export const cityRoles = ['city_admin', 'district_officer', 'street_officer', 'committee_member', 'auditor'] as const;
export const roles = ['province_admin', 'province_officer', 'city_admin', 'district_officer', 'street_officer', 'committee_member', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  province_admin: '省民政厅管理员',
  province_officer: '省民政厅工作人员',
  city_admin: '市民政局管理员',
  district_officer: '区(县)工作人员',
  street_officer: '街道(镇)工作人员',
  committee_member: '社区居委会成员',
  auditor: '审计人员',
};

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
      ctx.addIssue({ code: 'custom', path: ['tenant'], message: 'a token carries either tenant or scope "province", not both or neither' });
      return;
    }
    if (c.scope === 'province' && !(provinceRoles as readonly string[]).includes(c.role)) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: `role ${c.role} is not a province role` });
    }
    if (c.tenant && !(cityRoles as readonly string[]).includes(c.role)) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: `role ${c.role} is not a city role` });
    }
    if (!unitCodeByLevel[c.role].test(c.unit)) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `unit ${c.unit} is not a unit of the level role ${c.role} works at` });
    }
    if (c.tenant && !c.unit.startsWith(c.tenant)) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'unit lies outside the tenant' });
    }
  });
export type Claims = z.infer<typeof claimsSchema>;

export type Principal =
  | { kind: 'city'; subject: string; tenant: string; role: Role; unit: string }
  | { kind: 'province'; subject: string; role: Role; unit: string }
  | { kind: 'system'; subject: string; tenant?: string; role: 'system'; unit: string };

export function principalFromClaims(claims: Claims): Principal {
  return claims.tenant
    ? { kind: 'city', subject: claims.sub, tenant: claims.tenant, role: claims.role, unit: claims.unit }
    : { kind: 'province', subject: claims.sub, role: claims.role, unit: claims.unit };
}

export function requireCity(p: Principal, allowed: readonly Role[]): Extract<Principal, { kind: 'city' }> {
  if (p.kind !== 'city') throw new AppError('tenant_scope_required', 'this operation belongs to a city tenant');
  if (!allowed.includes(p.role)) throw new AppError('forbidden', `role ${p.role} may not do this`);
  return p;
}

export function requireProvince(p: Principal, allowed: readonly Role[]): Extract<Principal, { kind: 'province' }> {
  if (p.kind !== 'province') throw new AppError('province_scope_required', 'this operation belongs to the province');
  if (!allowed.includes(p.role)) throw new AppError('forbidden', `role ${p.role} may not do this`);
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
