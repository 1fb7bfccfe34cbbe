import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { isProvinceScope, tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { recipientKinds } from '../../shared/notifications/rules.js';

/** The in-app inbox: addressed to one user (their token subject) or to a unit (a division code) and everyone working there. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    recipientKind: text('recipient_kind', { enum: recipientKinds }).notNull(),
    recipient: text('recipient').notNull(),
    reasonCode: text('reason_code').notNull(),
    reason: text('reason').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    emailTo: text('email_to'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    dedupKey: text('dedup_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('notifications_tenant_dedup').on(t.tenantId, t.dedupKey),
    unique('notifications_tenant_id').on(t.tenantId, t.id),
    index('notifications_tenant_recipient').on(t.tenantId, t.recipientKind, t.recipient, t.createdAt),
    check('notifications_unit_in_tenant', sql`${t.recipientKind} <> 'unit' or ${t.recipient} like ${t.tenantId} || '%'`),
    tenantIsolation('notifications'),
    // the province's inbox: rows addressed to it, whichever city wrote them; nothing else of a city's
    pgPolicy('notifications_province_inbox_read', { as: 'permissive', for: 'select', to: 'public', using: sql`${isProvinceScope} and recipient_kind = 'province'` }),
  ],
);

const provinceNotification = sql`exists (select 1 from notifications n where n.tenant_id = notification_reads.tenant_id and n.id = notification_reads.notification_id and n.recipient_kind = 'province')`;

/** Read state per reader, so a unit notification read by one officer stays unread for the others. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    tenantId: text('tenant_id').notNull(),
    notificationId: uuid('notification_id').notNull(),
    reader: text('reader').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'notification_reads_pk', columns: [t.tenantId, t.notificationId, t.reader] }),
    foreignKey({ name: 'notification_reads_notification', columns: [t.tenantId, t.notificationId], foreignColumns: [notifications.tenantId, notifications.id] }).onDelete('cascade'),
    tenantIsolation('notification_reads'),
    // province readers mark the province's notifications read, and read their own marks
    pgPolicy('notification_reads_province_read', { as: 'permissive', for: 'select', to: 'public', using: sql`${isProvinceScope} and ${provinceNotification}` }),
    pgPolicy('notification_reads_province_insert', { as: 'permissive', for: 'insert', to: 'public', withCheck: sql`${isProvinceScope} and ${provinceNotification}` }),
  ],
);
