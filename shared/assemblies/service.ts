import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import {
  assemblies, assemblyDecisions, assemblyEvaluations, assemblyMeetings, assemblyRepresentatives, assemblyWorkReports, committeeMembers, committees, committeeTerms, divisions,
} from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import { committeePositionLabels } from '../committees/rules.js';
import { committeeName } from '../communities/rules.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { inForce, unitNames } from '../hierarchy/service.js';
import { statedRule } from '../i18n.js';
import { newId } from '../ids.js';
import { common } from '../messages.js';
import { msg } from './messages.js';
import {
  assemblyEditors, assemblyKindLabels, constituencyKindLabels, evaluationRecorders, inForceOn, isAdopted, isQuorate, meetingKindLabels, ratingLabels,
  type AssemblyKind, type ConstituencyKind, type MeetingKind, type Rating,
} from './rules.js';
import type {
  AssemblyDetailView, AssemblySummaryView, DecisionView, EvaluationFiguresView, FigureRowView, MeetingDetailView, MeetingSummaryView, RepresentativeView, WorkReportView,
} from './schemas.js';

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type AssemblyRow = typeof assemblies.$inferSelect;
type MeetingRow = typeof assemblyMeetings.$inferSelect;

const today = (ctx: ServiceContext) => shanghaiDate(ctx.clock.now());

/** 沙面社区 → 沙面社区居民会议 / 沙面社区成员代表会议. */
export function assemblyName(communityName: string, kind: AssemblyKind): string {
  return committeeName(communityName).replace(/社区居民委员会$/, assemblyKindLabels[kind]);
}

async function loadAssembly(tx: Tx, principal: CityPrincipal, id: string): Promise<AssemblyRow> {
  const [row] = await tx.select().from(assemblies).where(eq(assemblies.id, id));
  if (!row || !unitCovers(principal.unit, row.communityCode)) throw notFound(msg.assembly_not_found({ id }));
  return row;
}

async function loadMeeting(tx: Tx, assembly: AssemblyRow, meetingId: string): Promise<MeetingRow> {
  const [row] = await tx.select().from(assemblyMeetings).where(and(eq(assemblyMeetings.id, meetingId), eq(assemblyMeetings.assemblyId, assembly.id)));
  if (!row) throw notFound(msg.assembly_meeting_not_found({ meetingId }));
  return row;
}

/** The representatives of a body in force on a day: the register's count, the denominator of quorum and consent. */
async function countInForce(tx: Tx, assemblyId: string, day: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assemblyRepresentatives)
    .where(and(eq(assemblyRepresentatives.assemblyId, assemblyId), sql`${assemblyRepresentatives.fromOn} <= ${day}`, sql`(${assemblyRepresentatives.endedOn} is null or ${assemblyRepresentatives.endedOn} > ${day})`));
  return row?.n ?? 0;
}

/**
 * The community's register of representatives as the denominator of a consent on a day: the count in force that day,
 * or null when the community keeps no register (no body recorded), in which case the caller falls back to a typed number.
 */
export async function registeredRepresentatives(tx: Tx, communityCode: string, day: string): Promise<number | null> {
  const [row] = await tx.select({ id: assemblies.id }).from(assemblies).where(eq(assemblies.communityCode, communityCode));
  return row ? countInForce(tx, row.id, day) : null;
}

function summaryView(row: AssemblyRow, communityName: string | undefined, representativesInForce: number): AssemblySummaryView {
  return {
    id: row.id,
    communityCode: row.communityCode,
    communityName: communityName ?? null,
    kind: row.kind,
    kindLabel: assemblyKindLabels[row.kind],
    name: assemblyName(communityName ?? row.communityCode, row.kind),
    representativesInForce,
  };
}

const meetingSummary = (m: MeetingRow, decisions: number): MeetingSummaryView => ({
  id: m.id,
  heldOn: m.heldOn,
  kind: m.kind,
  kindLabel: meetingKindLabels[m.kind],
  representativesInForce: m.representativesInForce,
  present: m.presentIds.length,
  quorate: m.quorate,
  decisions,
});

async function detail(tx: Tx, ctx: ServiceContext, row: AssemblyRow): Promise<AssemblyDetailView> {
  const day = today(ctx);
  const names = await unitNames(tx, [row.communityCode]);
  const reps = await tx.select().from(assemblyRepresentatives).where(eq(assemblyRepresentatives.assemblyId, row.id)).orderBy(asc(assemblyRepresentatives.fromOn), asc(assemblyRepresentatives.name));
  const meetings = await tx.select().from(assemblyMeetings).where(eq(assemblyMeetings.assemblyId, row.id)).orderBy(desc(assemblyMeetings.heldOn), desc(assemblyMeetings.createdAt));
  const counts = rowsOf<{ meeting_id: string; n: number }>(await tx.execute(sql`select meeting_id, count(*)::int as n from assembly_decisions where assembly_id = ${row.id} group by 1`));
  const byMeeting = new Map(counts.map((c) => [c.meeting_id, c.n]));
  const [committee] = await tx.select({ id: committees.id }).from(committees).where(eq(committees.communityCode, row.communityCode));
  const representatives: RepresentativeView[] = reps.map((r) => ({
    id: r.id, name: r.name, constituencyKind: r.constituencyKind, constituencyKindLabel: constituencyKindLabels[r.constituencyKind], constituency: r.constituency,
    fromOn: r.fromOn, endedOn: r.endedOn, inForce: inForceOn(r, day),
  }));
  return {
    ...summaryView(row, names(row.communityCode, day), representatives.filter((r) => r.inForce).length),
    committeeId: committee?.id ?? null,
    representatives,
    meetings: meetings.map((m) => meetingSummary(m, byMeeting.get(m.id) ?? 0)),
  };
}

export async function listAssemblies({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<{ items: AssemblySummaryView[] }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? principal.unit;
  if (!unitCovers(principal.unit, scope) && !unitCovers(scope, principal.unit)) throw notFound(msg.assembly_unit_not_covered({ unit: scope }));
  const prefix = scope.length > principal.unit.length ? scope : principal.unit;
  const day = today(ctx);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx.select().from(assemblies).where(sql`${assemblies.communityCode} like ${`${prefix}%`}`).orderBy(asc(assemblies.communityCode)).limit(1000);
    const names = await unitNames(tx, rows.map((r) => r.communityCode));
    const counts = rowsOf<{ assembly_id: string; n: number }>(await tx.execute(sql`select assembly_id, count(*)::int as n from assembly_representatives
      where from_on <= ${day} and (ended_on is null or ended_on > ${day}) group by 1`));
    const byAssembly = new Map(counts.map((c) => [c.assembly_id, c.n]));
    return { items: rows.map((r) => summaryView(r, names(r.communityCode, day), byAssembly.get(r.id) ?? 0)) };
  });
}

export async function createAssembly({ ctx, input }: Call<{ communityCode: string; kind: AssemblyKind }>): Promise<AssemblyDetailView> {
  const principal = requireCity(ctx.principal, assemblyEditors);
  if (!unitCovers(principal.unit, input.communityCode)) throw notFound(msg.assembly_unit_not_covered({ unit: input.communityCode }));
  return withTenant(ctx.db, principal, async (tx) => {
    const [community] = await tx.select({ code: divisions.code }).from(divisions)
      .where(and(eq(divisions.code, input.communityCode), eq(divisions.level, 'village'), eq(divisions.kind, 'residents_committee'), inForce(today(ctx))));
    if (!community) {
      throw new AppError('validation_failed', msg.assembly_community_not_in_force({ code: input.communityCode }), { errors: [{ path: 'body.communityCode', message: msg.assembly_not_community() }] });
    }
    const now = ctx.clock.now();
    const [row] = await tx.insert(assemblies)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, communityCode: input.communityCode, kind: input.kind, createdAt: now, updatedAt: now })
      .onConflictDoNothing().returning();
    if (!row) {
      const [existing] = await tx.select({ id: assemblies.id }).from(assemblies).where(eq(assemblies.communityCode, input.communityCode));
      throw new AppError('conflict', msg.assembly_exists({ communityCode: input.communityCode, id: existing?.id ?? '' }));
    }
    await recordAudit(tx, ctx, { action: 'assembly.created', entity: 'assembly', entityId: row.id, detail: { communityCode: input.communityCode, kind: input.kind } });
    return detail(tx, ctx, row);
  });
}

export async function getAssembly({ ctx, input }: Call<{ id: string }>): Promise<AssemblyDetailView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => detail(tx, ctx, await loadAssembly(tx, principal, input.id)));
}

export async function addRepresentative({ ctx, input }: Call<{ id: string; name: string; constituencyKind: ConstituencyKind; constituency: string; fromOn: string }>): Promise<AssemblyDetailView> {
  const principal = requireCity(ctx.principal, assemblyEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    await tx.insert(assemblyRepresentatives).values({
      id, tenantId: principal.tenant, assemblyId: row.id, name: input.name, constituencyKind: input.constituencyKind, constituency: input.constituency, fromOn: input.fromOn, createdAt: now,
    });
    await recordAudit(tx, ctx, { action: 'assembly.representative_added', entity: 'assembly_representative', entityId: id, detail: { assemblyId: row.id, fromOn: input.fromOn } });
    return detail(tx, ctx, row);
  });
}

/** A representative's mandate ends (任期届满、辞去、迁出…): in force until the day before endedOn. */
export async function endRepresentative({ ctx, input }: Call<{ id: string; representativeId: string; endedOn: string }>): Promise<AssemblyDetailView> {
  const principal = requireCity(ctx.principal, assemblyEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const [rep] = await tx.select().from(assemblyRepresentatives).where(and(eq(assemblyRepresentatives.id, input.representativeId), eq(assemblyRepresentatives.assemblyId, row.id)));
    if (!rep) throw notFound(msg.assembly_representative_not_found({ representativeId: input.representativeId }));
    if (rep.endedOn !== null) throw new AppError('conflict', msg.assembly_representative_ended({ name: rep.name, endedOn: rep.endedOn }));
    const day = today(ctx);
    if (input.endedOn <= rep.fromOn) throw new AppError('validation_failed', msg.assembly_representative_end_invalid(), { errors: [{ path: 'body.endedOn', message: msg.assembly_end_before_start({ fromOn: rep.fromOn }) }] });
    if (input.endedOn > day) throw new AppError('validation_failed', msg.assembly_representative_end_invalid(), { errors: [{ path: 'body.endedOn', message: common.not_after_today({ day }) }] });
    await tx.update(assemblyRepresentatives).set({ endedOn: input.endedOn }).where(eq(assemblyRepresentatives.id, rep.id));
    await recordAudit(tx, ctx, { action: 'assembly.representative_ended', entity: 'assembly_representative', entityId: rep.id, detail: { assemblyId: row.id, endedOn: input.endedOn } });
    return detail(tx, ctx, row);
  });
}

/**
 * A meeting held: the representatives present, each in force on the day; quorate when more than half of the
 * representatives in force that day are present. A meeting without quorum is recorded as such and adopts nothing.
 */
export async function recordMeeting({ ctx, input }: Call<{ id: string; heldOn: string; kind: MeetingKind; present: string[] }>): Promise<MeetingDetailView> {
  const principal = requireCity(ctx.principal, assemblyEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const day = today(ctx);
    const problems: FieldProblem[] = [];
    if (input.heldOn > day) problems.push({ path: 'body.heldOn', message: msg.assembly_not_after_today({ day }) });
    const reps = await tx.select().from(assemblyRepresentatives).where(eq(assemblyRepresentatives.assemblyId, row.id));
    const byId = new Map(reps.map((r) => [r.id, r]));
    const inForceCount = reps.filter((r) => inForceOn(r, input.heldOn)).length;
    if (!problems.length && inForceCount === 0) problems.push({ path: 'body.heldOn', message: msg.assembly_no_representatives({ day: input.heldOn }) });
    const seen = new Set<string>();
    input.present.forEach((id, i) => {
      const rep = byId.get(id);
      if (seen.has(id)) problems.push({ path: `body.present.${i}`, message: msg.assembly_present_twice() });
      else if (!rep) problems.push({ path: `body.present.${i}`, message: msg.assembly_present_unknown({ id }) });
      else if (!inForceOn(rep, input.heldOn)) problems.push({ path: `body.present.${i}`, message: msg.assembly_present_not_in_force({ name: rep.name, day: input.heldOn }) });
      seen.add(id);
    });
    if (problems.length) throw new AppError('validation_failed', msg.assembly_meeting_invalid(), { errors: problems });
    const now = ctx.clock.now();
    const [meeting] = await tx.insert(assemblyMeetings).values({
      id: newId(now.getTime()), tenantId: principal.tenant, assemblyId: row.id, heldOn: input.heldOn, kind: input.kind, representativesInForce: inForceCount,
      presentIds: input.present, quorate: isQuorate(input.present.length, inForceCount), recordedBy: principal.subject, createdAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'assembly.meeting_recorded', entity: 'assembly_meeting', entityId: meeting!.id, detail: { assemblyId: row.id, heldOn: input.heldOn, present: input.present.length, inForce: inForceCount, quorate: meeting!.quorate } });
    return meetingDetail(tx, row, meeting!);
  });
}

async function meetingDetail(tx: Tx, assembly: AssemblyRow, m: MeetingRow): Promise<MeetingDetailView> {
  const decisions = await tx.select().from(assemblyDecisions).where(eq(assemblyDecisions.meetingId, m.id)).orderBy(asc(assemblyDecisions.createdAt));
  const attendees = m.presentIds.length
    ? await tx.select({ id: assemblyRepresentatives.id, name: assemblyRepresentatives.name, constituency: assemblyRepresentatives.constituency }).from(assemblyRepresentatives)
      .where(and(eq(assemblyRepresentatives.assemblyId, assembly.id), inArray(assemblyRepresentatives.id, m.presentIds))).orderBy(asc(assemblyRepresentatives.name))
    : [];
  const reports = await tx.select().from(assemblyWorkReports).where(eq(assemblyWorkReports.meetingId, m.id)).orderBy(asc(assemblyWorkReports.createdAt));
  return {
    ...meetingSummary(m, decisions.length),
    assemblyId: assembly.id,
    attendees,
    decisionList: decisions.map((d) => decisionView(d, m.heldOn)),
    workReports: await Promise.all(reports.map((r) => workReportView(tx, r, m.heldOn))),
  };
}

const decisionView = (d: typeof assemblyDecisions.$inferSelect, heldOn: string): DecisionView => ({
  id: d.id, meetingId: d.meetingId, heldOn, matter: d.matter, votesFor: d.votesFor, votesAgainst: d.votesAgainst, abstentions: d.abstentions, adopted: d.adopted, public: d.public,
});

/** The committee's members in office on a day (those of the term the report names). */
const membersOn = (tx: Tx, committeeId: string, termId: string, day: string) =>
  tx.select().from(committeeMembers).where(and(
    eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.termId, termId), sql`${committeeMembers.joinedOn} <= ${day}`,
    sql`(${committeeMembers.leftOn} is null or ${committeeMembers.leftOn} > ${day})`,
  ));

async function workReportView(tx: Tx, r: typeof assemblyWorkReports.$inferSelect, heldOn: string): Promise<WorkReportView> {
  const [committee] = await tx.select({ name: committees.name }).from(committees).where(eq(committees.id, r.committeeId));
  const [term] = await tx.select({ termNumber: committeeTerms.termNumber }).from(committeeTerms).where(eq(committeeTerms.id, r.termId));
  const members = await membersOn(tx, r.committeeId, r.termId, heldOn);
  const ratingsOf = new Map((await tx.select().from(assemblyEvaluations).where(eq(assemblyEvaluations.reportId, r.id))).map((e) => [e.memberId, e.rating]));
  const order = { chair: 0, vice_chair: 1, member: 2 } as const;
  return {
    id: r.id, meetingId: r.meetingId, committeeId: r.committeeId, committeeName: committee?.name ?? '', termId: r.termId, termNumber: term?.termNumber ?? 0, year: r.year,
    evaluations: members
      .sort((a, b) => order[a.position] - order[b.position] || a.name.localeCompare(b.name, 'zh'))
      .map((m) => {
        const rating = ratingsOf.get(m.id) ?? null;
        return { memberId: m.id, name: m.name, position: m.position, positionLabel: committeePositionLabels[m.position], rating, ratingLabel: rating ? ratingLabels[rating] : null };
      }),
  };
}

export async function getMeeting({ ctx, input }: Call<{ id: string; meetingId: string }>): Promise<MeetingDetailView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    return meetingDetail(tx, row, await loadMeeting(tx, row, input.meetingId));
  });
}

/**
 * 民主决策: a matter voted at a quorate meeting; adopted when more than half of the representatives present vote for it.
 * A meeting without quorum adopts no decision, so none is recorded on it (422 naming the meeting's attendance).
 */
export async function recordDecision({ ctx, input }: Call<{ id: string; meetingId: string; matter: string; votesFor: number; votesAgainst: number; abstentions: number; public: boolean }>): Promise<DecisionView> {
  const principal = requireCity(ctx.principal, assemblyEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const meeting = await loadMeeting(tx, row, input.meetingId);
    const present = meeting.presentIds.length;
    if (!meeting.quorate) {
      throw new AppError('rule_violation', msg.assembly_no_quorum({ present, inForce: meeting.representativesInForce }), { errors: [{ path: 'meetingId', message: msg.assembly_no_quorum({ present, inForce: meeting.representativesInForce }) }] });
    }
    const total = input.votesFor + input.votesAgainst + input.abstentions;
    if (total > present) throw new AppError('rule_violation', msg.assembly_votes_invalid(), { errors: [{ path: 'body.votesFor', message: msg.assembly_votes_exceed_present({ total, present }) }] });
    const now = ctx.clock.now();
    const [d] = await tx.insert(assemblyDecisions).values({
      id: newId(now.getTime()), tenantId: principal.tenant, assemblyId: row.id, meetingId: meeting.id, matter: input.matter, votesFor: input.votesFor, votesAgainst: input.votesAgainst,
      abstentions: input.abstentions, adopted: isAdopted({ quorate: meeting.quorate, present }, input.votesFor), public: input.public, recordedBy: principal.subject, createdAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'assembly.decision_recorded', entity: 'assembly_decision', entityId: d!.id, detail: { assemblyId: row.id, meetingId: meeting.id, adopted: d!.adopted, public: d!.public } });
    return decisionView(d!, meeting.heldOn);
  });
}

/**
 * 述职: the community's committee reports its work to a quorate meeting (the meeting evaluates it); the term is the
 * one in office on the meeting day. The year is the meeting's or the one before (a report early in January).
 */
export async function recordWorkReport({ ctx, input }: Call<{ id: string; meetingId: string; year: number }>): Promise<WorkReportView> {
  const principal = requireCity(ctx.principal, evaluationRecorders);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const meeting = await loadMeeting(tx, row, input.meetingId);
    if (!meeting.quorate) {
      throw new AppError('rule_violation', msg.assembly_no_quorum({ present: meeting.presentIds.length, inForce: meeting.representativesInForce }), {
        errors: [{ path: 'meetingId', message: msg.assembly_no_quorum({ present: meeting.presentIds.length, inForce: meeting.representativesInForce }) }],
      });
    }
    const meetingYear = Number(meeting.heldOn.slice(0, 4));
    if (input.year !== meetingYear && input.year !== meetingYear - 1) {
      throw new AppError('validation_failed', msg.assembly_report_year({ year: meetingYear }), { errors: [{ path: 'body.year', message: msg.assembly_report_year({ year: meetingYear }) }] });
    }
    const [committee] = await tx.select().from(committees).where(eq(committees.communityCode, row.communityCode));
    if (!committee) throw new AppError('rule_violation', msg.assembly_no_committee({ communityCode: row.communityCode }), { errors: [{ path: 'meetingId', message: msg.assembly_no_committee({ communityCode: row.communityCode }) }] });
    const [term] = await tx.select().from(committeeTerms)
      .where(and(eq(committeeTerms.committeeId, committee.id), sql`${committeeTerms.startsOn} <= ${meeting.heldOn}`, sql`${committeeTerms.endsOn} > ${meeting.heldOn}`))
      .orderBy(desc(committeeTerms.termNumber)).limit(1);
    if (!term) throw new AppError('rule_violation', msg.assembly_committee_no_term({ day: meeting.heldOn }), { errors: [{ path: 'meetingId', message: msg.assembly_committee_no_term({ day: meeting.heldOn }) }] });
    const now = ctx.clock.now();
    const [report] = await tx.insert(assemblyWorkReports).values({
      id: newId(now.getTime()), tenantId: principal.tenant, assemblyId: row.id, meetingId: meeting.id, committeeId: committee.id, termId: term.id, year: input.year, recordedBy: principal.subject, createdAt: now,
    }).onConflictDoNothing().returning();
    if (!report) throw new AppError('conflict', msg.assembly_report_exists());
    await recordAudit(tx, ctx, { action: 'assembly.work_reported', entity: 'assembly_work_report', entityId: report.id, detail: { assemblyId: row.id, meetingId: meeting.id, committeeId: committee.id, year: input.year } });
    return workReportView(tx, report, meeting.heldOn);
  });
}

/** 评议: the meeting's rating of each member in office on the report's day; a later entry for a member replaces the earlier. */
export async function recordEvaluations({ ctx, input }: Call<{ id: string; reportId: string; items: { memberId: string; rating: Rating }[] }>): Promise<WorkReportView> {
  const principal = requireCity(ctx.principal, evaluationRecorders);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadAssembly(tx, principal, input.id);
    const [report] = await tx.select().from(assemblyWorkReports).where(and(eq(assemblyWorkReports.id, input.reportId), eq(assemblyWorkReports.assemblyId, row.id)));
    if (!report) throw notFound(msg.assembly_report_not_found({ reportId: input.reportId }));
    const meeting = await loadMeeting(tx, row, report.meetingId);
    const members = new Set((await membersOn(tx, report.committeeId, report.termId, meeting.heldOn)).map((m) => m.id));
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    input.items.forEach((item, i) => {
      if (!members.has(item.memberId) || seen.has(item.memberId)) problems.push({ path: `body.items.${i}.memberId`, message: msg.assembly_evaluation_not_member({ memberId: item.memberId }) });
      seen.add(item.memberId);
    });
    if (problems.length) throw new AppError('validation_failed', msg.assembly_evaluation_invalid(), { errors: problems });
    const now = ctx.clock.now();
    for (const item of input.items) {
      await tx.insert(assemblyEvaluations)
        .values({ id: newId(now.getTime()), tenantId: principal.tenant, reportId: report.id, memberId: item.memberId, rating: item.rating, recordedBy: principal.subject, updatedAt: now })
        .onConflictDoUpdate({ target: [assemblyEvaluations.tenantId, assemblyEvaluations.reportId, assemblyEvaluations.memberId], set: { rating: item.rating, recordedBy: principal.subject, updatedAt: now } });
    }
    await recordAudit(tx, ctx, { action: 'assembly.members_evaluated', entity: 'assembly_work_report', entityId: report.id, detail: { assemblyId: row.id, members: input.items.length } });
    return workReportView(tx, report, meeting.heldOn);
  });
}

/**
 * The committees that reported (述职) at a meeting held between two days: one row per committee with its community
 * code. The one rule the city report's figure and the figures page count by.
 */
export const reportedCommitteesSql = (from: string, to: string) => sql`
  select distinct w.committee_id, c.community_code
  from assembly_work_reports w
  join assembly_meetings m on m.tenant_id = w.tenant_id and m.id = w.meeting_id
  join committees c on c.tenant_id = w.tenant_id and c.id = w.committee_id
  where w.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and m.held_on between ${from}::date and ${to}::date`;

interface FigureSqlRow {
  code: string;
  committees: number;
  reported: number;
  members: number;
  satisfied: number;
  basically: number;
  dissatisfied: number;
}

/**
 * 述职评议 figures of a year for a unit and each unit directly below it, and the committees without a 述职 that year.
 * Each member counts once, by the rating at the latest report of the year. Runs in the caller's tenant transaction.
 */
export async function workReportFigures(tx: Tx, input: { unit: string; year: number }): Promise<Omit<EvaluationFiguresView, 'rule'>> {
  const from = `${input.year}-01-01`;
  const to = `${input.year}-12-31`;
  const childLength = input.unit.length === 4 ? 6 : input.unit.length === 6 ? 9 : 12;
  const rows = rowsOf<FigureSqlRow & { committee_id: string; community_code: string; name: string; reported_flag: boolean }>(await tx.execute(sql`
    with r as (${reportedCommitteesSql(from, to)}),
    e as (
      select distinct on (ev.member_id) w.committee_id, ev.rating
      from assembly_evaluations ev
      join assembly_work_reports w on w.tenant_id = ev.tenant_id and w.id = ev.report_id
      join assembly_meetings m on m.tenant_id = w.tenant_id and m.id = w.meeting_id
      where m.held_on between ${from}::date and ${to}::date
      order by ev.member_id, m.held_on desc, w.created_at desc
    )
    select c.id as committee_id, c.community_code, c.name, exists (select 1 from r where r.committee_id = c.id) as reported_flag,
      (select count(*) from e where e.committee_id = c.id)::int as members,
      (select count(*) from e where e.committee_id = c.id and e.rating = 'satisfied')::int as satisfied,
      (select count(*) from e where e.committee_id = c.id and e.rating = 'basically_satisfied')::int as basically,
      (select count(*) from e where e.committee_id = c.id and e.rating = 'dissatisfied')::int as dissatisfied
    from committees c where c.community_code like ${`${input.unit}%`}
    order by c.community_code`));
  const names = await unitNames(tx, [input.unit, ...rows.map((r) => r.community_code.slice(0, childLength))]);
  const nameAt = (code: string) => names(code, to) ?? null;
  const empty = (code: string): FigureRowView => ({ code, name: nameAt(code), committees: 0, reported: 0, membersEvaluated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 });
  const unit = empty(input.unit);
  const children = new Map<string, FigureRowView>();
  for (const r of rows) {
    const childCode = r.community_code.slice(0, childLength);
    const child = children.get(childCode) ?? empty(childCode);
    children.set(childCode, child);
    for (const f of input.unit.length === 12 ? [unit] : [unit, child]) {
      f.committees += 1;
      f.reported += r.reported_flag ? 1 : 0;
      f.membersEvaluated += r.members;
      f.satisfied += r.satisfied;
      f.basicallySatisfied += r.basically;
      f.dissatisfied += r.dissatisfied;
    }
  }
  return {
    year: input.year,
    unit,
    children: input.unit.length === 12 ? [] : [...children.values()],
    notReported: rows.filter((r) => !r.reported_flag).map((r) => ({ committeeId: r.committee_id, communityCode: r.community_code, name: r.name })),
  };
}

export async function getEvaluationFigures({ ctx, input }: Call<{ unit?: string | undefined; year: number }>): Promise<EvaluationFiguresView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const unit = input.unit ?? principal.unit;
  if (!unitCovers(principal.unit, unit)) throw notFound(msg.assembly_unit_not_covered({ unit }));
  return withTenant(ctx.db, principal, async (tx) => ({
    ...(await workReportFigures(tx, { unit, year: input.year })),
    rule: statedRule(msg['assembly.rule.figures']({ year: input.year })),
  }));
}

/**
 * The community's decisions that may be published (居务公开): adopted at a quorate meeting and marked public, latest
 * first, with the meeting's day, the matter and the votes. Runs in the caller's tenant transaction (the public page's).
 */
export async function publicDecisions(tx: Tx, communityCode: string): Promise<DecisionView[]> {
  const rows = await tx
    .select({ d: assemblyDecisions, heldOn: assemblyMeetings.heldOn })
    .from(assemblyDecisions)
    .innerJoin(assemblyMeetings, and(eq(assemblyMeetings.tenantId, assemblyDecisions.tenantId), eq(assemblyMeetings.id, assemblyDecisions.meetingId)))
    .innerJoin(assemblies, and(eq(assemblies.tenantId, assemblyDecisions.tenantId), eq(assemblies.id, assemblyDecisions.assemblyId)))
    .where(and(eq(assemblies.communityCode, communityCode), eq(assemblyDecisions.public, true), eq(assemblyDecisions.adopted, true)))
    .orderBy(desc(assemblyMeetings.heldOn), desc(assemblyDecisions.createdAt));
  return rows.map((r) => decisionView(r.d, r.heldOn));
}
