import { sql } from 'drizzle-orm';
import { index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTenant, isProvinceScope } from './policy.js';

const ownRows = sql`coalesce(tenant_id = ${currentTenant}, false) or (tenant_id is null and ${isProvinceScope})`;

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id'),
    actor: text('actor').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_log_tenant_at').on(t.tenantId, t.at),
    pgPolicy('audit_log_tenant_isolation', { as: 'permissive', for: 'all', to: 'public', using: ownRows, withCheck: ownRows }),
  ],
);
