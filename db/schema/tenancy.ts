import { sql } from 'drizzle-orm';
import { check, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { currentTenant, isProvinceScope } from './policy.js';
import { tenantStatuses } from '../../shared/tenancy/rules.js';

export const tenants = pgTable(
  'tenants',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    status: text('status', { enum: tenantStatuses }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('tenants_code_is_city', sql`${t.code} ~ '^[1-9][0-9]{3}$'`),
    pgPolicy('tenants_province_manage', { as: 'permissive', for: 'all', to: 'public', using: isProvinceScope, withCheck: isProvinceScope }),
    pgPolicy('tenants_own_row_read', { as: 'permissive', for: 'select', to: 'public', using: sql`code = ${currentTenant}` }),
  ],
);
