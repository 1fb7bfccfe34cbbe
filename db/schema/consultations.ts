import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { calendarDayKinds, consultationRatings, consultationStatuses, reminderStages } from '../../shared/consultations/rules.js';
import type { ConsultationSettings } from '../../shared/consultations/schemas.js';

/**
 * 电脑网络服务咨询平台: a resident's question or request to their community. Name and phone are personal data (the
 * phone sealed with the city's data key, shown masked); the private link's token is stored only as its hash.
 */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    communityCode: text('community_code').notNull(),
    trackingCode: text('tracking_code').notNull(),
    tokenHash: text('token_hash').notNull(),
    category: text('category').notNull(),
    text: text('text').notNull(),
    residentName: text('resident_name'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    status: text('status', { enum: consultationStatuses }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    assignee: text('assignee'),
    assignedBy: text('assigned_by'),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredOn: date('answered_on', { mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    rating: text('rating', { enum: consultationRatings }),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('consultations_tenant_tracking').on(t.tenantId, t.trackingCode),
    unique('consultations_tenant_token').on(t.tenantId, t.tokenHash),
    index('consultations_tenant_community').on(t.tenantId, t.communityCode.op('text_pattern_ops'), t.receivedOn),
    index('consultations_tenant_open_due').on(t.tenantId, t.dueOn).where(sql`status in ('new', 'assigned')`),
    check('consultations_answered', sql`status <> 'answered' or answered_at is not null`),
    check('consultations_rated', sql`rating is null or answered_at is not null`),
    tenantIsolation('consultations'),
  ],
);

/** Each (consultation, stage) once: the natural key that makes repeated sweeps and redeliveries send nothing twice. */
export const consultationReminders = pgTable(
  'consultation_reminders',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    consultationId: uuid('consultation_id').notNull(),
    stage: text('stage', { enum: reminderStages }).notNull(),
    asOfDay: date('as_of_day', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'consultation_reminders_pk', columns: [t.tenantId, t.consultationId, t.stage] }), tenantIsolation('consultation_reminders')],
);

/** The city's edits to the official holiday calendar: a day made a holiday, a working day (调休), or regular again. */
export const consultationCalendarDays = pgTable(
  'consultation_calendar_days',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: calendarDayKinds }).notNull(),
    name: text('name').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'consultation_calendar_days_pk', columns: [t.tenantId, t.day] }), tenantIsolation('consultation_calendar_days')],
);

/** The city's categories and answer deadline; absent → the defaults. */
export const consultationSettings = pgTable(
  'consultation_settings',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.code),
    value: jsonb('value').$type<Partial<ConsultationSettings>>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolation('consultation_settings')],
);

/** Token buckets of public submissions, per hashed client address and per community (never the address itself). */
export const consultationRateBuckets = pgTable(
  'consultation_rate_buckets',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    bucket: text('bucket').notNull(),
    tokens: doublePrecision('tokens').notNull(),
    refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'consultation_rate_buckets_pk', columns: [t.tenantId, t.bucket] }), tenantIsolation('consultation_rate_buckets')],
);
