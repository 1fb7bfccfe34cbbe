import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { feedScopes, invitationReplies, memberUnitTypes, occurrenceStatuses, reminderStages, resolutionStatuses, seriesStatuses } from '../../shared/conferences/rules.js';
import type { MemberUnitView } from '../../shared/conferences/schemas.js';

/** 社区成员单位: agencies, organisations, military units and enterprises in a street's jurisdiction; the contact's phone is sealed. */
export const memberUnits = pgTable(
  'member_units',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    streetCode: text('street_code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: memberUnitTypes }).notNull(),
    contactPerson: text('contact_person'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    email: text('email'),
    sharedResources: jsonb('shared_resources').$type<MemberUnitView['sharedResources']>().notNull().default(sql`'[]'::jsonb`),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('member_units_tenant_id').on(t.tenantId, t.id),
    unique('member_units_tenant_street_name').on(t.tenantId, t.streetCode, t.name),
    tenantIsolation('member_units'),
  ],
);

/** 联席会议: a recurring joint conference convened by a street (or a district), its rule in RFC 5545 RRULE. */
export const conferenceSeries = pgTable(
  'conference_series',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    convenerUnit: text('convener_unit').notNull(),
    title: text('title').notNull(),
    rrule: text('rrule').notNull(),
    firstStartLocal: text('first_start_local').notNull(),
    timeZone: text('time_zone').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    venue: text('venue').notNull(),
    agenda: text('agenda').notNull().default(''),
    quorumPercent: integer('quorum_percent').notNull(),
    defaultInvitees: uuid('default_invitees').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: seriesStatuses }).notNull(),
    revision: integer('revision').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    materialisedRevision: integer('materialised_revision'),
    materialisedUntil: timestamp('materialised_until', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('conference_series_tenant_id').on(t.tenantId, t.id),
    index('conference_series_tenant_convener').on(t.tenantId, t.convenerUnit, t.status),
    index('conference_series_tenant_venue').on(t.tenantId, t.venue),
    tenantIsolation('conference_series'),
  ],
);

/** One meeting of a series; `originalStart` is its place in the rule (RECURRENCE-ID), `startsAt` where it is now. */
export const conferenceOccurrences = pgTable(
  'conference_occurrences',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    seriesId: uuid('series_id').notNull(),
    originalStart: timestamp('original_start', { withTimezone: true }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    venue: text('venue').notNull(),
    status: text('status', { enum: occurrenceStatuses }).notNull(),
    detached: boolean('detached').notNull().default(false),
    sequence: integer('sequence').notNull().default(0),
    changeReason: text('change_reason'),
    minutes: text('minutes'),
    carriedResolutions: uuid('carried_resolutions').array(),
    heldRecordedBy: text('held_recorded_by'),
    heldRecordedAt: timestamp('held_recorded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('conference_occurrences_tenant_id').on(t.tenantId, t.id),
    unique('conference_occurrences_tenant_series_original').on(t.tenantId, t.seriesId, t.originalStart),
    index('conference_occurrences_tenant_starts').on(t.tenantId, t.startsAt),
    index('conference_occurrences_tenant_venue_starts').on(t.tenantId, t.venue, t.startsAt),
    foreignKey({ name: 'conference_occurrences_series', columns: [t.tenantId, t.seriesId], foreignColumns: [conferenceSeries.tenantId, conferenceSeries.id] }),
    tenantIsolation('conference_occurrences'),
  ],
);

/** A member unit's invitation to one occurrence, its reply (accept, decline or delegate) and, after, its attendance. */
export const conferenceInvitations = pgTable(
  'conference_invitations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    occurrenceId: uuid('occurrence_id').notNull(),
    memberUnitId: uuid('member_unit_id').notNull(),
    reply: text('reply', { enum: invitationReplies }).notNull(),
    delegateName: text('delegate_name'),
    replyComment: text('reply_comment'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    attended: boolean('attended'),
    noticeSequence: integer('notice_sequence'),
    noticedAt: timestamp('noticed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('conference_invitations_tenant_id').on(t.tenantId, t.id),
    unique('conference_invitations_tenant_occurrence_unit').on(t.tenantId, t.occurrenceId, t.memberUnitId),
    index('conference_invitations_tenant_unit').on(t.tenantId, t.memberUnitId),
    foreignKey({ name: 'conference_invitations_occurrence', columns: [t.tenantId, t.occurrenceId], foreignColumns: [conferenceOccurrences.tenantId, conferenceOccurrences.id] }),
    foreignKey({ name: 'conference_invitations_member_unit', columns: [t.tenantId, t.memberUnitId], foreignColumns: [memberUnits.tenantId, memberUnits.id] }),
    tenantIsolation('conference_invitations'),
  ],
);

/** Private reply links: only the SHA-256 of each token is kept; every mail to an invitee carries a fresh one. */
export const conferenceReplyTokens = pgTable(
  'conference_reply_tokens',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    tokenHash: text('token_hash').notNull(),
    invitationId: uuid('invitation_id').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'conference_reply_tokens_pk', columns: [t.tenantId, t.tokenHash] }),
    index('conference_reply_tokens_tenant_invitation').on(t.tenantId, t.invitationId),
    foreignKey({ name: 'conference_reply_tokens_invitation', columns: [t.tenantId, t.invitationId], foreignColumns: [conferenceInvitations.tenantId, conferenceInvitations.id] }),
    tenantIsolation('conference_reply_tokens'),
  ],
);

/** 议定事项: decided at an occurrence, owned by a member unit or a division, followed up until closed. */
export const conferenceResolutions = pgTable(
  'conference_resolutions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    seriesId: uuid('series_id').notNull(),
    occurrenceId: uuid('occurrence_id').notNull(),
    title: text('title').notNull(),
    ownerMemberUnitId: uuid('owner_member_unit_id'),
    ownerUnit: text('owner_unit'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: resolutionStatuses }).notNull(),
    /** 公开: shown on the public pages of the convener's communities (居务公开). */
    public: boolean('public').notNull().default(false),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
    closingNote: text('closing_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('conference_resolutions_tenant_id').on(t.tenantId, t.id),
    index('conference_resolutions_tenant_series').on(t.tenantId, t.seriesId, t.status),
    index('conference_resolutions_tenant_due').on(t.tenantId, t.status, t.dueDate),
    check('conference_resolutions_one_owner', sql`(${t.ownerMemberUnitId} is null) <> (${t.ownerUnit} is null)`),
    foreignKey({ name: 'conference_resolutions_occurrence', columns: [t.tenantId, t.occurrenceId], foreignColumns: [conferenceOccurrences.tenantId, conferenceOccurrences.id] }),
    tenantIsolation('conference_resolutions'),
  ],
);

/** A reminder stage sent for an invitation or a resolution: the key makes each stage go out once. */
export const conferenceReminders = pgTable(
  'conference_reminders',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    subjectId: uuid('subject_id').notNull(),
    stage: text('stage', { enum: reminderStages }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'conference_reminders_pk', columns: [t.tenantId, t.subjectId, t.stage] }), tenantIsolation('conference_reminders')],
);

/** A calendar subscription: a read-only capability for one unit's or member unit's feed, kept as a hash, revocable. */
export const conferenceCalendarFeeds = pgTable(
  'conference_calendar_feeds',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope', { enum: feedScopes }).notNull(),
    subject: text('subject').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    unique('conference_calendar_feeds_tenant_token').on(t.tenantId, t.tokenHash),
    index('conference_calendar_feeds_tenant_subject').on(t.tenantId, t.scope, t.subject),
    tenantIsolation('conference_calendar_feeds'),
  ],
);
