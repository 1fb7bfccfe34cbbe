import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgPolicy, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { isProvinceScope, tenantIsolation } from './policy.js';
import { planStatuses } from '../../shared/adjustments/rules.js';
import { communityTypes } from '../../shared/communities/rules.js';
import type { PlanChange } from '../../shared/adjustments/rules.js';
import type { ReformProgramme } from '../../shared/reform/rules.js';
import type { ProvinceSettings } from '../../shared/settings/service.js';

/** The profile of a residents'-committee community; the division row holds its code, name and place on the map. */
export const communityProfiles = pgTable(
  'community_profiles',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    code: text('code').notNull(),
    type: text('type', { enum: communityTypes }),
    households: integer('households'),
    population: integer('population'),
    areaKm2: numeric('area_km2', { precision: 10, scale: 3, mode: 'number' }),
    officeAddress: text('office_address'),
    /** 社区服务热线: the committee's public service number (an office line, not a person's). */
    serviceHotline: text('service_hotline'),
    /** 居务公开: the city admin lets the public page /p/{city}/{community} show this community. */
    publishable: boolean('publishable').notNull().default(false),
    hasServiceCentre: boolean('has_service_centre').notNull().default(false),
    urbanVillagePilot: boolean('urban_village_pilot').notNull().default(false),
    urbanVillageOpenIssues: text('urban_village_open_issues').array().notNull().default(sql`'{}'::text[]`),
    sizeExceptionReason: text('size_exception_reason'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('community_profiles_tenant_code').on(t.tenantId, t.code),
    tenantIsolation('community_profiles'),
  ],
);

/** 社区居委会的调整、划分和设立方案: proposed by a street office, approved by its district (or a city without districts). */
export const adjustmentPlans = pgTable(
  'adjustment_plans',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    streetCode: text('street_code').notNull(),
    approverUnit: text('approver_unit').notNull(),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: planStatuses }).notNull(),
    changes: jsonb('changes').$type<PlanChange[]>().notNull(),
    touched: text('touched').array().notNull().default(sql`'{}'::text[]`),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('adjustment_plans_tenant_street').on(t.tenantId, t.streetCode, t.createdAt),
    index('adjustment_plans_tenant_approver').on(t.tenantId, t.approverUnit, t.status),
    index('adjustment_plans_tenant_status').on(t.tenantId, t.status, t.effectiveDate),
    tenantIsolation('adjustment_plans'),
  ],
);

/** Province settings every city reads (e.g. the household bounds of a community); only the province writes them. The key says which value it holds. */
export const provinceSettings = pgTable(
  'province_settings',
  {
    key: text('key').primaryKey(),
    value: jsonb('value').$type<ProvinceSettings | ReformProgramme>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [
    pgPolicy('province_settings_read', { as: 'permissive', for: 'select', to: 'public', using: sql`true` }),
    pgPolicy('province_settings_province_write', { as: 'permissive', for: 'all', to: 'public', using: isProvinceScope, withCheck: isProvinceScope }),
  ],
);
