import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { assemblyKinds, constituencyKinds, meetingKinds, ratings } from '../../shared/assemblies/rules.js';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';

/** 社区居民会议 / 社区成员代表会议: one per community, by its 12-digit division code. */
export const assemblies = pgTable(
  'assemblies',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    communityCode: text('community_code').notNull(),
    kind: text('kind', { enum: assemblyKinds }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('assemblies_tenant_community').on(t.tenantId, t.communityCode),
    index('assemblies_tenant_code_prefix').on(t.tenantId, t.communityCode.op('text_pattern_ops')),
    tenantIsolation('assemblies'),
  ],
);

/** 居民代表 (成员代表): in force from from_on until (not including) ended_on. */
export const assemblyRepresentatives = pgTable(
  'assembly_representatives',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    assemblyId: uuid('assembly_id').notNull(),
    name: text('name').notNull(),
    constituencyKind: text('constituency_kind', { enum: constituencyKinds }).notNull(),
    constituency: text('constituency').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assembly_representatives_tenant_assembly').on(t.tenantId, t.assemblyId, t.fromOn),
    check('assembly_representatives_dates', sql`ended_on is null or ended_on > from_on`),
    tenantIsolation('assembly_representatives'),
  ],
);

/** A meeting held: who was present (representatives' ids), and the count in force that day the quorum was judged by. */
export const assemblyMeetings = pgTable(
  'assembly_meetings',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    assemblyId: uuid('assembly_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: meetingKinds }).notNull(),
    representativesInForce: integer('representatives_in_force').notNull(),
    presentIds: uuid('present_ids').array().notNull(),
    quorate: boolean('quorate').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assembly_meetings_tenant_assembly').on(t.tenantId, t.assemblyId, t.heldOn),
    tenantIsolation('assembly_meetings'),
  ],
);

/** 民主决策: a matter put to a quorate meeting, its votes and whether it was adopted; public ones go on the community's page. */
export const assemblyDecisions = pgTable(
  'assembly_decisions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    assemblyId: uuid('assembly_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    matter: text('matter').notNull(),
    votesFor: integer('votes_for').notNull(),
    votesAgainst: integer('votes_against').notNull(),
    abstentions: integer('abstentions').notNull(),
    adopted: boolean('adopted').notNull(),
    public: boolean('public').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assembly_decisions_tenant_meeting').on(t.tenantId, t.meetingId),
    index('assembly_decisions_tenant_assembly').on(t.tenantId, t.assemblyId),
    check('assembly_decisions_votes', sql`votes_for >= 0 and votes_against >= 0 and abstentions >= 0`),
    tenantIsolation('assembly_decisions'),
  ],
);

/** 述职: the committee reports its year's work to a meeting of the body, during one of its terms. */
export const assemblyWorkReports = pgTable(
  'assembly_work_reports',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    assemblyId: uuid('assembly_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    committeeId: uuid('committee_id').notNull(),
    termId: uuid('term_id').notNull(),
    year: smallint('year').notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('assembly_work_reports_tenant_meeting_committee').on(t.tenantId, t.meetingId, t.committeeId),
    index('assembly_work_reports_tenant_committee').on(t.tenantId, t.committeeId, t.year),
    tenantIsolation('assembly_work_reports'),
  ],
);

/** 评议: the meeting's rating of one committee member after a 述职; one per member and report. */
export const assemblyEvaluations = pgTable(
  'assembly_evaluations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    reportId: uuid('report_id').notNull(),
    memberId: uuid('member_id').notNull(),
    rating: text('rating', { enum: ratings }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('assembly_evaluations_tenant_report_member').on(t.tenantId, t.reportId, t.memberId),
    tenantIsolation('assembly_evaluations'),
  ],
);
