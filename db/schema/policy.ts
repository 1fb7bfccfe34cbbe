import { sql } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';

export const APP_ROLE = 'shequ_app';

export const currentTenant = sql`(select nullif(current_setting('app.tenant_id', true), ''))`;
export const isProvinceScope = sql`(select current_setting('app.scope', true)) = 'province'`;

// Policies apply to every role (the table owner included, as RLS is forced); only a superuser bypasses them.
export function tenantIsolation(table: string) {
  const sameTenant = sql`tenant_id = ${currentTenant}`;
  return pgPolicy(`${table}_tenant_isolation`, { as: 'permissive', for: 'all', to: 'public', using: sameTenant, withCheck: sameTenant });
}
