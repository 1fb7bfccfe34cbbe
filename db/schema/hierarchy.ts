import { foreignKey, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';

export const divisionLevels = ['city', 'county', 'township', 'village'] as const;
export const divisionKinds = [
  'district', 'county', 'county_city',
  'subdistrict', 'town', 'township',
  'residents_committee', 'villagers_committee',
  'other',
] as const;

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('divisions_tenant_code').on(t.tenantId, t.code),
    foreignKey({ name: 'divisions_parent', columns: [t.tenantId, t.parentCode], foreignColumns: [t.tenantId, t.code] }),
    index('divisions_tenant_parent').on(t.tenantId, t.parentCode, t.code),
    index('divisions_tenant_code_prefix').on(t.tenantId, t.code.op('text_pattern_ops')),
    tenantIsolation('divisions'),
  ],
);
