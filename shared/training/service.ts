import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import {
  committeeMembers, divisions, trainingCompletions, trainingEnrolments, trainingMaterials, trainingObligations, trainingPlans, trainingProgrammes,
  trainingSessions, trainingSettings,
} from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { divisionNames, inForce } from '../hierarchy/service.js';
import { committeePositionLabels, type CommitteePosition } from '../committees/rules.js';
import { containsPattern, sortOf } from '../schemas.js';
import { newId } from '../ids.js';
import {
  defaultReminderStages, materialKindLabels, obligationStatusLabels, reminderStageProblems, trainingOrganisers, trainingProgrammeEditors, trainingSettingsEditors,
  type ObligationStatus,
} from './rules.js';
import type { ObligationsQuery, obligationSortKeys, TrainingSettings } from './schemas.js';
import type { z } from '@hono/zod-openapi';
import type {
  completionBody, completionView, materialInput, obligationView, planBody, planView, programmeBody, programmeView, sessionBody, sessionDetail,
  sessionView, trainingSettingsPatch,
} from './schemas.js';
import { msg as notificationsMsg } from '../notifications/messages.js';
import { msg } from './messages.js';
import { common } from '../messages.js';
import { msg as reportingMsg } from '../reporting/messages.js';

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type SessionRow = typeof trainingSessions.$inferSelect;
type ProgrammeView = z.infer<typeof programmeView>;
type SessionView = z.infer<typeof sessionView>;

export const today = (ctx: ServiceContext) => shanghaiDate(ctx.clock.now());

/** My unit, or a unit below it; anything else does not exist for the caller. */
export function scopeOf(principal: CityPrincipal, unit: string | undefined): string {
  if (unit && !unitCovers(principal.unit, unit)) throw notFound(notificationsMsg.unit_not_found({ unit }));
  return unit ?? principal.unit;
}

async function programmeViews(tx: Tx, ids: string[]): Promise<ProgrammeView[]> {
  if (!ids.length) return [];
  const programmes = await tx.select().from(trainingProgrammes).where(inArray(trainingProgrammes.id, ids)).orderBy(asc(trainingProgrammes.year), asc(trainingProgrammes.title));
  const materials = await tx.select().from(trainingMaterials).where(inArray(trainingMaterials.programmeId, ids)).orderBy(asc(trainingMaterials.createdAt), asc(trainingMaterials.id));
  return programmes.map((p) => ({
    id: p.id, year: p.year, title: p.title, summary: p.summary, createdAt: p.createdAt.toISOString(),
    materials: materials.filter((m) => m.programmeId === p.id).map((m) => ({ id: m.id, title: m.title, kind: m.kind, kindLabel: materialKindLabels[m.kind], ref: m.ref })),
  }));
}

export async function createProgramme({ ctx, input }: Call<z.infer<typeof programmeBody>>): Promise<ProgrammeView> {
  const principal = requireCity(ctx.principal, trainingProgrammeEditors);
  cityOf(principal, input.city);
  return withTenant(ctx.db, principal, async (tx) => {
    const now = ctx.clock.now();
    const [programme] = await tx.insert(trainingProgrammes)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, year: input.year, title: input.title, summary: input.summary ?? null, createdBy: principal.subject, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!programme) throw new AppError('conflict', msg.programme_title_taken({ year: input.year, title: input.title }));
    await insertMaterials(tx, ctx, principal, programme.id, input.materials);
    await recordAudit(tx, ctx, { action: 'training.programme_created', entity: 'training_programme', entityId: programme.id, detail: { year: input.year, materials: input.materials.length } });
    return (await programmeViews(tx, [programme.id]))[0]!;
  });
}

async function insertMaterials(tx: Tx, ctx: ServiceContext, principal: CityPrincipal, programmeId: string, materials: z.infer<typeof materialInput>[]): Promise<void> {
  if (!materials.length) return;
  const titles = materials.map((m) => m.title);
  const repeated = titles.findIndex((t, i) => titles.indexOf(t) !== i);
  if (repeated >= 0) throw new AppError('validation_failed', msg.material_title_twice(), { errors: [{ path: `body.materials.${repeated}.title`, message: msg.material_title_used() }] });
  const now = ctx.clock.now();
  const inserted = await tx.insert(trainingMaterials)
    .values(materials.map((m) => ({ id: newId(now.getTime()), tenantId: principal.tenant, programmeId, title: m.title, kind: m.kind, ref: m.ref, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: trainingMaterials.id });
  if (inserted.length !== materials.length) throw new AppError('conflict', msg.material_title_exists());
}

export async function addMaterial({ ctx, input }: Call<z.infer<typeof materialInput> & { id: string }>): Promise<ProgrammeView> {
  const principal = requireCity(ctx.principal, trainingProgrammeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const [programme] = await tx.select({ id: trainingProgrammes.id }).from(trainingProgrammes).where(eq(trainingProgrammes.id, input.id));
    if (!programme) throw notFound(msg.programme_not_found({ id: input.id }));
    await insertMaterials(tx, ctx, principal, programme.id, [{ title: input.title, kind: input.kind, ref: input.ref }]);
    await recordAudit(tx, ctx, { action: 'training.material_added', entity: 'training_programme', entityId: programme.id, detail: { title: input.title, kind: input.kind } });
    return (await programmeViews(tx, [programme.id]))[0]!;
  });
}

export async function listProgrammes({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<{ items: ProgrammeView[] }> {
  const principal = requireCity(ctx.principal, cityRoles);
  scopeOf(principal, input.unit);
  return withTenant(ctx.db, principal, async (tx) => {
    const ids = (await tx.select({ id: trainingProgrammes.id }).from(trainingProgrammes)).map((r) => r.id);
    return { items: await programmeViews(tx, ids) };
  });
}

/** One programme of the city: every city user reads them all, as in the list. */
export async function getProgramme({ ctx, input }: Call<{ id: string }>): Promise<ProgrammeView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const [programme] = await programmeViews(tx, [input.id]);
    if (!programme) throw notFound(msg.programme_not_found({ id: input.id }));
    return programme;
  });
}

const sessionViewOf = (s: SessionRow): SessionView => ({
  id: s.id, planId: s.planId, unitCode: s.unitCode, sessionDate: s.sessionDate, startTime: s.startTime, place: s.place,
  capacity: s.capacity, enrolled: s.enrolled, seatsLeft: s.capacity - s.enrolled, trainer: s.trainer, audience: s.audience,
});

/** Plans and sessions of my unit and below, and of the units above mine (a district's session is open to its streets). */
const relatedTo = (column: typeof trainingPlans.unitCode | typeof trainingSessions.unitCode, scope: string) =>
  sql`(${column} like ${`${scope}%`} or ${scope} like ${column} || '%')`;

export async function createPlan({ ctx, input }: Call<z.infer<typeof planBody>>): Promise<z.infer<typeof planView>> {
  const principal = requireCity(ctx.principal, trainingOrganisers);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(notificationsMsg.unit_not_found({ unit: input.unitCode }));
  return withTenant(ctx.db, principal, async (tx) => {
    if (input.unitCode !== principal.tenant) {
      const [unit] = await tx.select({ level: divisions.level }).from(divisions).where(and(eq(divisions.code, input.unitCode), inForce(today(ctx))));
      if (!unit || (unit.level !== 'county' && unit.level !== 'township')) {
        throw new AppError('validation_failed', msg.not_district_or_street({ unitCode: input.unitCode }), { errors: [{ path: 'body.unitCode', message: msg.district_or_street_in_force() }] });
      }
    }
    const [programme] = await tx.select({ id: trainingProgrammes.id }).from(trainingProgrammes).where(eq(trainingProgrammes.id, input.programmeId));
    if (!programme) throw new AppError('validation_failed', msg.no_such_programme(), { errors: [{ path: 'body.programmeId', message: msg.not_programme_of_city() }] });
    const now = ctx.clock.now();
    const [plan] = await tx.insert(trainingPlans)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, programmeId: programme.id, unitCode: input.unitCode, title: input.title, createdBy: principal.subject, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!plan) throw new AppError('conflict', msg.plan_title_taken({ unitCode: input.unitCode, title: input.title }));
    await recordAudit(tx, ctx, { action: 'training.plan_created', entity: 'training_plan', entityId: plan.id, detail: { unitCode: input.unitCode, programmeId: programme.id } });
    const names = await divisionNames(tx, [plan.unitCode]);
    return { id: plan.id, programmeId: plan.programmeId, unitCode: plan.unitCode, unitName: names.get(plan.unitCode) ?? null, title: plan.title, sessions: [], createdAt: plan.createdAt.toISOString() };
  });
}

export async function listPlans({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<{ items: z.infer<typeof planView>[] }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  return withTenant(ctx.db, principal, async (tx) => {
    const plans = await tx.select().from(trainingPlans).where(relatedTo(trainingPlans.unitCode, scope)).orderBy(asc(trainingPlans.unitCode), asc(trainingPlans.title));
    const sessions = plans.length
      ? await tx.select().from(trainingSessions).where(inArray(trainingSessions.planId, plans.map((p) => p.id))).orderBy(asc(trainingSessions.sessionDate), asc(trainingSessions.id))
      : [];
    const names = await divisionNames(tx, plans.map((p) => p.unitCode));
    return {
      items: plans.map((p) => ({
        id: p.id, programmeId: p.programmeId, unitCode: p.unitCode, unitName: names.get(p.unitCode) ?? null, title: p.title, createdAt: p.createdAt.toISOString(),
        sessions: sessions.filter((s) => s.planId === p.id).map(sessionViewOf),
      })),
    };
  });
}

/** One plan with its sessions, when the list would show it: a plan of my unit, below it or above it. */
export async function getPlan({ ctx, input }: Call<{ id: string }>): Promise<z.infer<typeof planView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const [plan] = await tx.select().from(trainingPlans).where(and(eq(trainingPlans.id, input.id), relatedTo(trainingPlans.unitCode, principal.unit)));
    if (!plan) throw notFound(msg.training_plan_not_found({ id: input.id }));
    const sessions = await tx.select().from(trainingSessions).where(eq(trainingSessions.planId, plan.id)).orderBy(asc(trainingSessions.sessionDate), asc(trainingSessions.id));
    const names = await divisionNames(tx, [plan.unitCode]);
    return { id: plan.id, programmeId: plan.programmeId, unitCode: plan.unitCode, unitName: names.get(plan.unitCode) ?? null, title: plan.title, createdAt: plan.createdAt.toISOString(), sessions: sessions.map(sessionViewOf) };
  });
}

export async function addSession({ ctx, input }: Call<z.infer<typeof sessionBody> & { id: string }>): Promise<SessionView> {
  const principal = requireCity(ctx.principal, trainingOrganisers);
  return withTenant(ctx.db, principal, async (tx) => {
    const [plan] = await tx.select().from(trainingPlans).where(eq(trainingPlans.id, input.id));
    if (!plan || !unitCovers(principal.unit, plan.unitCode)) throw notFound(msg.training_plan_not_found({ id: input.id }));
    const now = ctx.clock.now();
    const [session] = await tx.insert(trainingSessions).values({
      id: newId(now.getTime()), tenantId: principal.tenant, planId: plan.id, unitCode: plan.unitCode, sessionDate: input.sessionDate, startTime: input.startTime ?? null,
      place: input.place, capacity: input.capacity, trainer: input.trainer, audience: input.audience, createdBy: principal.subject, createdAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'training.session_scheduled', entity: 'training_session', entityId: session!.id, detail: { planId: plan.id, sessionDate: input.sessionDate, capacity: input.capacity } });
    return sessionViewOf(session!);
  });
}

export async function listSessions({ ctx, input }: Call<{ unit?: string | undefined; from?: string | undefined; withSeats?: boolean | undefined }>): Promise<{ items: SessionView[] }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const from = input.from ?? today(ctx);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx.select().from(trainingSessions)
      .where(and(relatedTo(trainingSessions.unitCode, scope), sql`${trainingSessions.sessionDate} >= ${from}`, input.withSeats ? sql`${trainingSessions.enrolled} < ${trainingSessions.capacity}` : undefined))
      .orderBy(asc(trainingSessions.sessionDate), asc(trainingSessions.id))
      .limit(500);
    return { items: rows.map(sessionViewOf) };
  });
}

async function loadSession(tx: Tx, principal: CityPrincipal, id: string): Promise<SessionRow> {
  const [row] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  if (!row || !(unitCovers(principal.unit, row.unitCode) || unitCovers(row.unitCode, principal.unit))) throw notFound(msg.session_not_found({ id }));
  return row;
}

export async function getSession({ ctx, input }: Call<{ id: string }>): Promise<z.infer<typeof sessionDetail>> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const session = await loadSession(tx, principal, input.id);
    const enrolled = await tx
      .select({ e: trainingEnrolments, name: committeeMembers.name, communityCode: sql<string>`c.community_code` })
      .from(trainingEnrolments)
      .innerJoin(committeeMembers, eq(committeeMembers.id, trainingEnrolments.memberId))
      .innerJoin(sql`committees c`, sql`c.id = ${committeeMembers.committeeId}`)
      .where(and(eq(trainingEnrolments.sessionId, session.id), sql`c.community_code like ${`${principal.unit}%`}`))
      .orderBy(sql`c.community_code`, asc(committeeMembers.name));
    const names = await divisionNames(tx, enrolled.map((r) => r.communityCode));
    return {
      ...sessionViewOf(session),
      enrolments: enrolled.map((r) => ({ memberId: r.e.memberId, name: r.name, communityCode: r.communityCode, communityName: names.get(r.communityCode) ?? null, attended: r.e.attended, enrolledAt: r.e.enrolledAt.toISOString() })),
    };
  });
}

interface MemberScope {
  id: string;
  name: string;
  communityCode: string;
  leftOn: string | null;
}

/** A committee member the caller acts for: their community lies within the caller's unit. */
async function loadMember(tx: Tx, principal: CityPrincipal, memberId: string): Promise<MemberScope> {
  const [row] = rowsOf<{ id: string; name: string; community_code: string; left_on: string | null }>(
    await tx.execute(sql`select m.id, m.name, c.community_code, to_char(m.left_on, 'YYYY-MM-DD') as left_on
      from committee_members m join committees c on c.id = m.committee_id where m.id = ${memberId}`),
  );
  if (!row || !unitCovers(principal.unit, row.community_code)) {
    throw new AppError('not_found', msg.committee_member_not_found({ memberId }), { errors: [{ path: 'body.memberId', message: msg.not_member_in_your_unit() }] });
  }
  return { id: row.id, name: row.name, communityCode: row.community_code, leftOn: row.left_on };
}

export async function enrolMember({ ctx, input }: Call<{ id: string; memberId: string }>): Promise<z.infer<typeof sessionDetail>> {
  const principal = requireCity(ctx.principal, trainingOrganisers);
  await withTenant(ctx.db, principal, async (tx) => {
    const session = await loadSession(tx, principal, input.id);
    const member = await loadMember(tx, principal, input.memberId);
    const day = today(ctx);
    if (!unitCovers(session.unitCode, member.communityCode)) {
      throw new AppError('rule_violation', msg.session_for_units_within({ unitCode: session.unitCode, communityCode: member.communityCode }), { errors: [{ path: 'body.memberId', message: msg.outside_session_unit() }] });
    }
    if (member.leftOn !== null && member.leftOn <= day) throw new AppError('rule_violation', msg.member_left_on({ leftOn: member.leftOn }), { errors: [{ path: 'body.memberId', message: msg.no_longer_serving() }] });
    if (session.sessionDate < day) throw new AppError('rule_violation', msg.enrolment_closed({ sessionDate: session.sessionDate }));
    const seat = await tx.update(trainingSessions)
      .set({ enrolled: sql`${trainingSessions.enrolled} + 1` })
      .where(and(eq(trainingSessions.id, session.id), sql`${trainingSessions.enrolled} < ${trainingSessions.capacity}`))
      .returning({ enrolled: trainingSessions.enrolled });
    if (!seat.length) throw new AppError('training_session_full', msg.session_full({ capacity: session.capacity, sessionDate: session.sessionDate }), { errors: [{ path: 'path.id', message: msg.no_seats_left() }] });
    const inserted = await tx.insert(trainingEnrolments)
      .values({ tenantId: principal.tenant, sessionId: session.id, memberId: member.id, enrolledBy: principal.subject, enrolledAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ memberId: trainingEnrolments.memberId });
    if (!inserted.length) throw new AppError('conflict', msg.already_enrolled({ name: member.name }));
    await recordAudit(tx, ctx, { action: 'training.enrolled', entity: 'training_session', entityId: session.id, detail: { memberId: member.id } });
  });
  return getSession({ ctx, input: { id: input.id } });
}

/** Closes the member's open obligations of elections on or before the day: the training counts for terms it falls in. */
export async function meetObligations(tx: Tx, ctx: ServiceContext, memberId: string, completionId: string, completedOn: string): Promise<number> {
  const met = await tx.update(trainingObligations)
    .set({ state: 'completed', completedOn, completionId, updatedAt: ctx.clock.now() })
    .where(and(eq(trainingObligations.memberId, memberId), eq(trainingObligations.state, 'open'), sql`${trainingObligations.electionDate} <= ${completedOn}`))
    .returning({ id: trainingObligations.id });
  return met.length;
}

export async function recordAttendance({ ctx, input }: Call<{ id: string; memberId: string; attended: boolean }>): Promise<z.infer<typeof sessionDetail>> {
  const principal = requireCity(ctx.principal, trainingOrganisers);
  await withTenant(ctx.db, principal, async (tx) => {
    const session = await loadSession(tx, principal, input.id);
    const member = await loadMember(tx, principal, input.memberId);
    const [enrolment] = await tx.select().from(trainingEnrolments).where(and(eq(trainingEnrolments.sessionId, session.id), eq(trainingEnrolments.memberId, member.id))).for('update');
    if (!enrolment) throw new AppError('training_not_enrolled', msg.not_enrolled_named({ name: member.name }), { errors: [{ path: 'body.memberId', message: msg.not_enrolled() }] });
    if (session.sessionDate > today(ctx)) {
      throw new AppError('rule_violation', msg.attendance_not_yet({ sessionDate: session.sessionDate }), { errors: [{ path: 'path.id', message: msg.not_held_yet() }] });
    }
    if (enrolment.attended === true && !input.attended) throw new AppError('conflict', msg.attendance_cannot_withdraw({ name: member.name }));
    const now = ctx.clock.now();
    await tx.update(trainingEnrolments).set({ attended: input.attended, attendanceRecordedAt: now })
      .where(and(eq(trainingEnrolments.sessionId, session.id), eq(trainingEnrolments.memberId, member.id)));
    let met = 0;
    if (input.attended && enrolment.attended !== true) {
      const [plan] = await tx.select({ title: trainingPlans.title }).from(trainingPlans).where(eq(trainingPlans.id, session.planId));
      const id = newId(now.getTime());
      await tx.insert(trainingCompletions).values({
        id, tenantId: principal.tenant, memberId: member.id, kind: 'session', sessionId: session.id, completedOn: session.sessionDate,
        title: plan?.title ?? session.audience, provider: session.trainer, evidenceRef: null, recordedBy: principal.subject, createdAt: now,
      });
      met = await meetObligations(tx, ctx, member.id, id, session.sessionDate);
    }
    await recordAudit(tx, ctx, { action: 'training.attendance_recorded', entity: 'training_session', entityId: session.id, detail: { memberId: member.id, attended: input.attended, obligationsMet: met } });
  });
  return getSession({ ctx, input: { id: input.id } });
}

export async function recordCompletion({ ctx, input }: Call<z.infer<typeof completionBody>>): Promise<z.infer<typeof completionView>> {
  const principal = requireCity(ctx.principal, trainingOrganisers);
  const day = today(ctx);
  if (input.completedOn > day) throw new AppError('validation_failed', msg.completion_in_future(), { errors: [{ path: 'body.completedOn', message: common.date_in_future({ day }) }] });
  return withTenant(ctx.db, principal, async (tx) => {
    const member = await loadMember(tx, principal, input.memberId);
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    await tx.insert(trainingCompletions).values({
      id, tenantId: principal.tenant, memberId: member.id, kind: 'external', sessionId: null, completedOn: input.completedOn,
      title: input.title, provider: input.provider, evidenceRef: input.evidenceRef, recordedBy: principal.subject, createdAt: now,
    });
    const met = await meetObligations(tx, ctx, member.id, id, input.completedOn);
    await recordAudit(tx, ctx, { action: 'training.completion_recorded', entity: 'committee_member', entityId: member.id, detail: { completionId: id, completedOn: input.completedOn, evidenceRef: input.evidenceRef, obligationsMet: met } });
    return { id, memberId: member.id, kind: 'external' as const, sessionId: null, completedOn: input.completedOn, title: input.title, provider: input.provider, evidenceRef: input.evidenceRef, obligationsMet: met };
  });
}

/** The status an obligation has on a day, derived in SQL so lists and figures filter and count in the database. */
/**
 * An obligation's status as it stood on a day (`o` the obligation, `m` the member): a completion counts from its date,
 * a departure from the day the member left; before either it was pending, or overdue from its due date.
 */
export const obligationStatusSql = (day: string) => sql`case
  when o.state = 'completed' and o.completed_on <= ${day}::date then case when o.completed_on < o.due_on then 'met' else 'late' end
  when (o.state = 'not_applicable' and coalesce(o.closed_on, ${day}::date) <= ${day}::date) or (m.left_on is not null and m.left_on <= ${day}::date) then 'not_applicable'
  when o.due_on <= ${day}::date then 'overdue'
  else 'pending' end`;

interface ObligationRow {
  id: string;
  member_id: string;
  member_name: string;
  position: CommitteePosition;
  committee_id: string;
  committee_name: string;
  community_code: string;
  election_date: string;
  due_on: string;
  status: ObligationStatus;
  completed_on: string | null;
  closed_on: string | null;
}

/** Sorts of the obligations list: SQL over the listed row `x`, ties broken by community and id. */
const obligationOrder: Record<(typeof obligationSortKeys)[number], string> = {
  member: 'x.member_name',
  community: 'x.community_code',
  electionDate: 'x.election_date',
  dueOn: 'x.due_on',
  status: 'x.status',
};

/** One page of the training obligations within my unit (or one below it), by status, searched by the member's name, sorted on the server. */
export async function listObligations({ ctx, input }: Call<ObligationsQuery>): Promise<{ items: z.infer<typeof obligationView>[]; total: number; page: number; size: number }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.parent);
  const day = today(ctx);
  const { key, descending } = sortOf(input.sort);
  const order = sql.raw(`${obligationOrder[key]} ${descending ? 'desc' : 'asc'}, x.community_code, x.id`);
  const pattern = input.q ? containsPattern(input.q) : null;
  return withTenant(ctx.db, principal, async (tx) => {
    const listed = sql`select * from (
        select o.id, o.member_id, m.name as member_name, m.position, o.committee_id, c.name as committee_name, o.community_code,
          to_char(o.election_date, 'YYYY-MM-DD') as election_date, to_char(o.due_on, 'YYYY-MM-DD') as due_on, ${obligationStatusSql(day)} as status,
          to_char(o.completed_on, 'YYYY-MM-DD') as completed_on,
          to_char(coalesce(o.closed_on, case when o.state = 'open' and m.left_on <= ${day}::date then m.left_on end), 'YYYY-MM-DD') as closed_on
        from training_obligations o
        join committee_members m on m.id = o.member_id
        join committees c on c.id = o.committee_id
        where o.community_code like ${`${scope}%`}) x
      where (${input.status ?? null}::text is null or x.status = ${input.status ?? null})
        and (${pattern}::text is null or x.member_name ilike ${pattern})`;
    const [count] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from (${listed}) counted`));
    const rows = rowsOf<ObligationRow>(await tx.execute(sql`${listed} order by ${order} limit ${input.size} offset ${(input.page - 1) * input.size}`));
    return {
      items: rows.map((r) => ({
        id: r.id, memberId: r.member_id, memberName: r.member_name, position: r.position, positionLabel: committeePositionLabels[r.position], committeeId: r.committee_id,
        committeeName: r.committee_name, communityCode: r.community_code, electionDate: r.election_date, dueOn: r.due_on, status: r.status, statusLabel: obligationStatusLabels[r.status],
        completedOn: r.completed_on, closedOn: r.closed_on,
      })),
      total: count?.n ?? 0,
      page: input.page,
      size: input.size,
    };
  });
}

export async function readTrainingSettings(tx: Tx, tenant: string): Promise<TrainingSettings> {
  const [row] = await tx.select({ value: trainingSettings.value }).from(trainingSettings).where(eq(trainingSettings.tenantId, tenant));
  const stored = row?.value ?? {};
  return { reminders: stored.reminders ?? defaultReminderStages, unitEmails: stored.unitEmails ?? {} };
}

function cityOf(principal: CityPrincipal, city: string): void {
  if (city !== principal.tenant) throw notFound(reportingMsg.city_not_found({ city }));
}

export async function getTrainingSettings({ ctx, input }: Call<{ city: string }>): Promise<TrainingSettings> {
  const principal = requireCity(ctx.principal, cityRoles);
  cityOf(principal, input.city);
  return withTenant(ctx.db, principal, (tx) => readTrainingSettings(tx, principal.tenant));
}

export async function updateTrainingSettings({ ctx, input }: Call<z.infer<typeof trainingSettingsPatch> & { city: string }>): Promise<TrainingSettings> {
  const principal = requireCity(ctx.principal, trainingSettingsEditors);
  cityOf(principal, input.city);
  const { city: _city, ...patch } = input;
  const problems = [
    ...(patch.reminders ? reminderStageProblems(patch.reminders) : []),
    ...Object.keys(patch.unitEmails ?? {}).filter((u) => !u.startsWith(principal.tenant)).map((u) => ({ path: `body.unitEmails.${u}`, message: msg.not_unit_of_city({ tenant: principal.tenant }) })),
  ];
  if (problems.length) throw new AppError('validation_failed', msg.training_settings_invalid(), { errors: problems });
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await readTrainingSettings(tx, principal.tenant);
    const unitEmails = { ...current.unitEmails };
    for (const [unit, email] of Object.entries(patch.unitEmails ?? {})) {
      if (email === null) delete unitEmails[unit];
      else unitEmails[unit] = email;
    }
    const next: TrainingSettings = {
      reminders: patch.reminders ? { ...patch.reminders, beforeDueDays: [...patch.reminders.beforeDueDays].sort((a, b) => b - a) } : current.reminders,
      unitEmails,
    };
    const now = ctx.clock.now();
    await tx.insert(trainingSettings).values({ tenantId: principal.tenant, value: next, updatedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({ target: trainingSettings.tenantId, set: { value: next, updatedBy: principal.subject, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'training.settings_updated', entity: 'training_settings', entityId: principal.tenant, detail: { reminders: patch.reminders ?? null, unitEmails: Object.keys(patch.unitEmails ?? {}) } });
    return next;
  });
}
