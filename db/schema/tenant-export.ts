import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';

/** The age X25519 recipient a city registered: its data leaves the platform only encrypted to this key. */
export const tenantExportRecipients = pgTable(
  'tenant_export_recipients',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.code),
    recipient: text('recipient').notNull(),
    registeredBy: text('registered_by').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolation('tenant_export_recipients')],
);
