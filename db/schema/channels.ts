import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './notifications.js';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { deliveryChannels, deliveryStatuses, type ChannelPlan } from '../../shared/channels/rules.js';

/** A city's channel choice per notice kind and its quiet hours; whether credentials were written (never the credentials). */
export const channelSettings = pgTable(
  'channel_settings',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.code),
    plan: jsonb('plan').$type<ChannelPlan>().notNull(),
    quietHours: boolean('quiet_hours').notNull().default(true),
    wecomConfiguredAt: timestamp('wecom_configured_at', { withTimezone: true }),
    smsConfiguredAt: timestamp('sms_configured_at', { withTimezone: true }),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolation('channel_settings')],
);

/**
 * A person's addresses on the channels: their WeCom user id and mobile, sealed under the city's data key (context
 * `channel_contacts.<field>:<id>`); the person is their token subject, reached as themself or through their unit.
 */
export const channelContacts = pgTable(
  'channel_contacts',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    subject: text('subject').notNull(),
    unit: text('unit').notNull(),
    wecomUserSealed: text('wecom_user_sealed'),
    mobileSealed: text('mobile_sealed'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('channel_contacts_tenant_subject').on(t.tenantId, t.subject),
    index('channel_contacts_tenant_unit').on(t.tenantId, t.unit),
    check('channel_contacts_unit_in_tenant', sql`${t.unit} like ${t.tenantId} || '%'`),
    tenantIsolation('channel_contacts'),
  ],
);

/** One delivery of one notification on one channel: the idempotency key (notification, channel) is unique. */
export const channelDeliveries = pgTable(
  'channel_deliveries',
  {
    tenantId: text('tenant_id').notNull(),
    notificationId: uuid('notification_id').notNull(),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    recipients: integer('recipients').notNull().default(0),
    notBefore: timestamp('not_before', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deferredAt: timestamp('deferred_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'channel_deliveries_pk', columns: [t.tenantId, t.notificationId, t.channel] }),
    foreignKey({ name: 'channel_deliveries_notification', columns: [t.tenantId, t.notificationId], foreignColumns: [notifications.tenantId, notifications.id] }).onDelete('cascade'),
    index('channel_deliveries_tenant_status').on(t.tenantId, t.status, t.notBefore),
    index('channel_deliveries_tenant_created').on(t.tenantId, t.createdAt),
    tenantIsolation('channel_deliveries'),
  ],
);

/** A token bucket per city and provider, so a burst of notices stays inside the provider's quota. */
export const channelRateBuckets = pgTable(
  'channel_rate_buckets',
  {
    tenantId: text('tenant_id').notNull(),
    channel: text('channel', { enum: deliveryChannels }).notNull(),
    tokens: doublePrecision('tokens').notNull(),
    refilledAt: timestamp('refilled_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'channel_rate_buckets_pk', columns: [t.tenantId, t.channel] }), tenantIsolation('channel_rate_buckets')],
);
