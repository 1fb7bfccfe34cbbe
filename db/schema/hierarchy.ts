import { sql } from 'drizzle-orm';
import { date, index, pgPolicy, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { isProvinceScope, tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { divisionLevels, divisionKinds } from '../../shared/hierarchy/rules.js';

export const divisions = pgTable(
  'divisions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: divisionLevels }).notNull(),
    kind: text('kind', { enum: divisionKinds }),
    parentCode: text('parent_code'),
    /** Effective dating: a version is in force from valid_from (null: since before records) until valid_to (null: open). */
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('divisions_tenant_code_version').on(t.tenantId, t.code, t.validFrom).nullsNotDistinct(),
    uniqueIndex('divisions_tenant_open_code').on(t.tenantId, t.code).where(sql`valid_to is null`),
    index('divisions_tenant_parent').on(t.tenantId, t.parentCode, t.code),
    index('divisions_tenant_code_prefix').on(t.tenantId, t.code.op('text_pattern_ops')),
    // with the province's read policy beside the tenant's, a city's query sees "tenant_id = … or scope = 'province'":
    // an OR no tenant-led index can serve, so a read by code, prefix or parent needs an index that does not lead with
    // the tenant (codes are national, so these are as selective); RLS still filters the rows they find
    index('divisions_code_prefix').on(t.code.op('text_pattern_ops')),
    index('divisions_parent').on(t.parentCode, t.code),
    tenantIsolation('divisions'),
    // The province reads its cities' division names and codes (public administrative names, not personal data) so its
    // pages name a district rather than code it; it writes none. The one cross-tenant read of a city table.
    pgPolicy('divisions_province_read', { as: 'permissive', for: 'select', to: 'public', using: isProvinceScope }),
  ],
);
