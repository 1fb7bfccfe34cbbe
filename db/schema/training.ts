import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { materialKinds, completionKinds, obligationStates } from '../../shared/training/rules.js';
import type { TrainingSettings } from '../../shared/training/schemas.js';

/** 培训方案: drafted by the city for a year. */
export const trainingProgrammes = pgTable(
  'training_programmes',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    year: smallint('year').notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('training_programmes_tenant_year_title').on(t.tenantId, t.year, t.title), tenantIsolation('training_programmes')],
);

/** 培训教材 compiled by the city: a file or link reference, never the file itself. */
export const trainingMaterials = pgTable(
  'training_materials',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    programmeId: uuid('programme_id').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: materialKinds }).notNull(),
    ref: text('ref').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('training_materials_tenant_programme_title').on(t.tenantId, t.programmeId, t.title), tenantIsolation('training_materials')],
);

/** 培训计划 of a district or street (or the city itself) under the city's programme. */
export const trainingPlans = pgTable(
  'training_plans',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    programmeId: uuid('programme_id').notNull(),
    unitCode: text('unit_code').notNull(),
    title: text('title').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('training_plans_tenant_unit_title').on(t.tenantId, t.unitCode, t.title),
    index('training_plans_tenant_unit').on(t.tenantId, t.unitCode.op('text_pattern_ops')),
    tenantIsolation('training_plans'),
  ],
);

/** A session of a plan; `enrolled` moves only by a conditional update, so it never passes capacity under concurrency. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    planId: uuid('plan_id').notNull(),
    unitCode: text('unit_code').notNull(),
    sessionDate: date('session_date', { mode: 'string' }).notNull(),
    startTime: text('start_time'),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    enrolled: integer('enrolled').notNull().default(0),
    trainer: text('trainer').notNull(),
    audience: text('audience').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('training_sessions_tenant_date').on(t.tenantId, t.sessionDate),
    index('training_sessions_tenant_unit').on(t.tenantId, t.unitCode.op('text_pattern_ops'), t.sessionDate),
    check('training_sessions_capacity', sql`${t.capacity} > 0 and ${t.enrolled} >= 0 and ${t.enrolled} <= ${t.capacity}`),
    tenantIsolation('training_sessions'),
  ],
);

export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    sessionId: uuid('session_id').notNull(),
    memberId: uuid('member_id').notNull(),
    enrolledBy: text('enrolled_by').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    /** null until attendance is taken. */
    attended: boolean('attended'),
    attendanceRecordedAt: timestamp('attendance_recorded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'training_enrolments_pk', columns: [t.tenantId, t.sessionId, t.memberId] }),
    index('training_enrolments_tenant_member').on(t.tenantId, t.memberId),
    tenantIsolation('training_enrolments'),
  ],
);

/** Training a member completed: a session they attended, or training taken elsewhere with its evidence. */
export const trainingCompletions = pgTable(
  'training_completions',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    memberId: uuid('member_id').notNull(),
    kind: text('kind', { enum: completionKinds }).notNull(),
    sessionId: uuid('session_id'),
    completedOn: date('completed_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    provider: text('provider'),
    evidenceRef: text('evidence_ref'),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('training_completions_tenant_member_session').on(t.tenantId, t.memberId, t.sessionId),
    index('training_completions_tenant_member').on(t.tenantId, t.memberId, t.completedOn),
    check('training_completions_kind', sql`(${t.kind} = 'session') = (${t.sessionId} is not null) and (${t.kind} = 'session' or ${t.evidenceRef} is not null)`),
    tenantIsolation('training_completions'),
  ],
);

/** 一年内轮训一遍: one per member of a newly started term, due one year after the election date. */
export const trainingObligations = pgTable(
  'training_obligations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    memberId: uuid('member_id').notNull(),
    committeeId: uuid('committee_id').notNull(),
    communityCode: text('community_code').notNull(),
    termId: uuid('term_id').notNull(),
    electionId: uuid('election_id').notNull(),
    electionDate: date('election_date', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    state: text('state', { enum: obligationStates }).notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    completionId: uuid('completion_id'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('training_obligations_tenant_member_term').on(t.tenantId, t.memberId, t.termId),
    index('training_obligations_tenant_open_due').on(t.tenantId, t.dueOn).where(sql`state = 'open'`),
    index('training_obligations_tenant_community').on(t.tenantId, t.communityCode.op('text_pattern_ops')),
    tenantIsolation('training_obligations'),
  ],
);

/** Each (obligation, stage) once: the natural key that makes repeated sweeps and redeliveries send nothing twice. */
export const trainingReminders = pgTable(
  'training_reminders',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    obligationId: uuid('obligation_id').notNull(),
    stage: text('stage').notNull(),
    asOfDay: date('as_of_day', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'training_reminders_pk', columns: [t.tenantId, t.obligationId, t.stage] }), tenantIsolation('training_reminders')],
);

/** The city's reminder stages and the mailboxes of its units; absent → the defaults. */
export const trainingSettings = pgTable(
  'training_settings',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.code),
    value: jsonb('value').$type<Partial<TrainingSettings>>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolation('training_settings')],
);
