import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { APP_ROLE, tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';

// The relay reads and marks rows of every tenant only through SECURITY DEFINER functions that declare the relay scope; the runtime role can never match.
const relayOnly = sql`current_user <> ${sql.raw(`'${APP_ROLE}'`)} and (select current_setting('app.scope', true)) = 'relay'`;

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    queue: text('queue').notNull(),
    messageType: text('message_type').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sqsMessageId: text('sqs_message_id'),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_tenant_created').on(t.tenantId, t.createdAt),
    index('outbox_tenant_unsent').on(t.tenantId, t.createdAt).where(sql`sent_at is null`),
    tenantIsolation('outbox'),
    pgPolicy('outbox_relay_read', { as: 'permissive', for: 'select', to: 'public', using: relayOnly }),
    pgPolicy('outbox_relay_mark', { as: 'permissive', for: 'update', to: 'public', using: relayOnly, withCheck: relayOnly }),
  ],
);

/** A consumed message's key, committed in the same transaction as its effect, so a redelivery finds it and does nothing. */
export const processedMessages = pgTable(
  'processed_messages',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    queue: text('queue').notNull(),
    messageKey: text('message_key').notNull(),
    messageType: text('message_type').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'processed_messages_pk', columns: [t.tenantId, t.queue, t.messageKey] }),
    index('processed_messages_tenant_at').on(t.tenantId, t.processedAt),
    tenantIsolation('processed_messages'),
  ],
);

/**
 * A message that reached a worker while its city was deactivated: kept here instead of being done or dropped, and put
 * back into the outbox, in order, when the city is activated again.
 */
export const parkedMessages = pgTable(
  'parked_messages',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    queue: text('queue').notNull(),
    messageKey: text('message_key').notNull(),
    messageType: text('message_type').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    parkedAt: timestamp('parked_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'parked_messages_pk', columns: [t.tenantId, t.queue, t.messageKey] }),
    index('parked_messages_tenant_at').on(t.tenantId, t.parkedAt),
    tenantIsolation('parked_messages'),
  ],
);
