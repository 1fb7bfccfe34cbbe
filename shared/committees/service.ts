import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { committeeMembers, committees, committeeSystemRecords, committeeTerms, divisions, socialWorkers, workingCommittees } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import { committeeName } from '../communities/rules.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { decodeCursor, encodeCursor, inForce } from '../hierarchy/service.js';
import { labelled, type Message } from '../i18n.js';
import { newId } from '../ids.js';
import type { FieldCipher } from '../personal-data/envelope.js';
import { parseIdNumber, parsePhone } from '../personal-data/identifiers.js';
import { authoriseReveal, personalDataCipher, shownValue } from '../personal-data/service.js';
import {
  committeeFlagLabels, committeePositionLabels, committeePositions, committeeStatus, committeeSystemLabels, committeeSystems,
  committeeEditors, committeeSize, committeeSizeProposers, compositionProblems, sizeProposalProblems, type CommitteePosition, type CommitteeSystem,
} from './rules.js';
import type {
  CommitteeDetailView, CommitteeMemberView, CommitteeSummaryView, ListCommitteesInput, VacanciesView,
} from './schemas.js';
import { msg } from './messages.js';
import { partyOrganisationOf } from './party.js';
import { msg as hierarchyMsg } from '../hierarchy/messages.js';
import { msg as communitiesMsg } from '../communities/messages.js';
import { common } from '../messages.js';
import { registeredRepresentatives } from '../assemblies/service.js';
import { msg as assembliesMsg } from '../assemblies/messages.js';

/** Who changes a committee's records: the street, district and city over their units, the committee over itself. */

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type CommitteeRow = typeof committees.$inferSelect;
type MemberRow = typeof committeeMembers.$inferSelect;

const today = (ctx: ServiceContext) => shanghaiDate(ctx.clock.now());

export async function loadCommittee(tx: Tx, principal: CityPrincipal, id: string): Promise<CommitteeRow> {
  const [row] = await tx.select().from(committees).where(eq(committees.id, id));
  if (!row || !unitCovers(principal.unit, row.communityCode)) throw notFound(msg.committee_not_found({ id }));
  return row;
}

/** The committee of a residents'-committee community in force today, made on first use. */
export async function ensureCommittee(tx: Tx, ctx: ServiceContext, code: string): Promise<{ row: CommitteeRow; created: boolean }> {
  const [existing] = await tx.select().from(committees).where(eq(committees.communityCode, code));
  if (existing) return { row: existing, created: false };
  const [community] = await tx
    .select({ name: divisions.name })
    .from(divisions)
    .where(and(eq(divisions.code, code), eq(divisions.level, 'village'), eq(divisions.kind, 'residents_committee'), inForce(today(ctx))));
  if (!community) {
    throw new AppError('validation_failed', msg.not_residents_committee_community({ code }), { errors: [{ path: 'communityCode', message: msg.not_residents_committee() }] });
  }
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(committees)
    .values({ id: newId(now.getTime()), tenantId: code.slice(0, 4), communityCode: code, name: committeeName(community.name), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) return { row: (await tx.select().from(committees).where(eq(committees.communityCode, code)))[0]!, created: false };
  await recordAudit(tx, ctx, { action: 'committee.created', entity: 'committee', entityId: row.id, detail: { communityCode: code } });
  return { row, created: true };
}

export function sealPersonal(cipher: FieldCipher, table: string, rowId: string, person: { phone?: string | null | undefined; idNumber?: string | null | undefined }) {
  const phone = person.phone ? parsePhone(person.phone) : null;
  const id = person.idNumber ? parseIdNumber(person.idNumber) : null;
  return {
    phoneSealed: phone?.ok ? cipher.seal(`${table}.phone:${rowId}`, phone.value) : null,
    idNumberSealed: id?.ok ? cipher.seal(`${table}.id_number:${rowId}`, id.value.value) : null,
  };
}

function memberView(m: MemberRow, cipher: FieldCipher | null, reveal: boolean): CommitteeMemberView {
  return {
    id: m.id,
    committeeId: m.committeeId,
    termId: m.termId,
    name: m.name,
    gender: m.gender,
    birthYear: m.birthYear,
    phone: shownValue(cipher, 'phone', `committee_members.phone:${m.id}`, m.phoneSealed, reveal),
    idNumber: shownValue(cipher, 'idNumber', `committee_members.id_number:${m.id}`, m.idNumberSealed, reveal),
    revealed: reveal,
    position: m.position,
    positionLabel: committeePositionLabels[m.position],
    partyMember: m.partyMember,
    keepsJob: m.keepsJob,
    allowanceYuanPerMonth: m.allowanceYuanPerMonth,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    departureReason: m.departureReason,
  };
}

const serving = (day: string) => sql`(${committeeMembers.leftOn} is null or ${committeeMembers.leftOn} > ${day})`;

interface SummaryRow {
  id: string;
  community_code: string;
  name: string;
  term_number: number | null;
  ends_on: string | null;
  serving: number;
  chairs: number;
  systems: number;
}

function summaryView(r: SummaryRow, day: string): CommitteeSummaryView {
  const positions: CommitteePosition[] = [...Array<CommitteePosition>(r.chairs).fill('chair'), ...Array<CommitteePosition>(Math.max(r.serving - r.chairs, 0)).fill('member')];
  const status = committeeStatus({ positions, termEndsOn: r.ends_on, systems: committeeSystems.slice(0, r.systems), today: day });
  return {
    id: r.id,
    communityCode: r.community_code,
    name: r.name,
    streetCode: r.community_code.slice(0, 9),
    termNumber: r.term_number,
    termEndsOn: r.ends_on,
    serving: r.serving,
    status,
    statusLabels: status.map((f) => committeeFlagLabels[f]),
  };
}

/** One row per committee with what its flags are computed from, so a list can filter by flag in the database. */
function summaries(day: string) {
  return sql`
    select c.id, c.community_code, c.name, t.term_number, to_char(t.ends_on, 'YYYY-MM-DD') as ends_on,
      (select count(*) from committee_members m where m.committee_id = c.id and m.term_id = c.current_term_id and (m.left_on is null or m.left_on > ${day}))::int as serving,
      (select count(*) from committee_members m where m.committee_id = c.id and m.term_id = c.current_term_id and (m.left_on is null or m.left_on > ${day}) and m.position = 'chair')::int as chairs,
      (select count(*) from committee_systems s where s.committee_id = c.id and s.adopted_on <= ${day})::int as systems
    from committees c left join committee_terms t on t.id = c.current_term_id`;
}

const flagCondition = (day: string) => ({
  incomplete: sql`(x.ends_on is null or x.serving < ${committeeSize.min} or x.serving > ${committeeSize.max} or x.chairs <> 1)`,
  term_expired: sql`(x.ends_on is not null and x.ends_on <= ${day})`,
  missing_systems: sql`(x.systems < ${committeeSystems.length})`,
});

export async function listCommittees({ ctx, input }: Call<ListCommitteesInput>): Promise<{ items: CommitteeSummaryView[]; nextCursor: string | null }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = input.parent ?? principal.unit;
  if (!unitCovers(principal.unit, scope) && !unitCovers(scope, principal.unit)) throw notFound(hierarchyMsg.division_not_found({ code: scope }));
  const prefix = scope.length > principal.unit.length ? scope : principal.unit;
  const after = input.cursor ? decodeCursor(input.cursor) : '';
  const day = today(ctx);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = rowsOf<SummaryRow>(
      await tx.execute(sql`select * from (${summaries(day)}) x
        where x.community_code like ${`${prefix}%`} and x.community_code > ${after}
        ${input.status ? sql`and ${flagCondition(day)[input.status]}` : sql``}
        order by x.community_code limit ${input.limit + 1}`),
    );
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => summaryView(r, day)), nextCursor: rows.length > input.limit && last ? encodeCursor(last.community_code) : null };
  });
}

/** A working committee is former from the day it is dissolved, a social worker from the day they leave: as members. */
const activeWorking = (day: string) => sql`(${workingCommittees.dissolvedOn} is null or ${workingCommittees.dissolvedOn} > ${day})`;
const engagedWorkers = (day: string) => sql`(${socialWorkers.leftOn} is null or ${socialWorkers.leftOn} > ${day})`;

async function detail(tx: Tx, ctx: ServiceContext, principal: CityPrincipal, row: CommitteeRow, options: { includeFormer?: boolean | undefined } = {}): Promise<CommitteeDetailView> {
  const day = today(ctx);
  const [summary] = rowsOf<SummaryRow>(await tx.execute(sql`select * from (${summaries(day)}) x where x.id = ${row.id}`));
  const [term] = row.currentTermId ? await tx.select().from(committeeTerms).where(eq(committeeTerms.id, row.currentTermId)) : [];
  const systems = await tx.select().from(committeeSystemRecords).where(eq(committeeSystemRecords.committeeId, row.id));
  const working = await tx.select().from(workingCommittees)
    .where(options.includeFormer ? eq(workingCommittees.committeeId, row.id) : and(eq(workingCommittees.committeeId, row.id), activeWorking(day)))
    .orderBy(asc(workingCommittees.establishedOn), asc(workingCommittees.name));
  const workers = await tx.select().from(socialWorkers)
    .where(options.includeFormer ? eq(socialWorkers.committeeId, row.id) : and(eq(socialWorkers.committeeId, row.id), engagedWorkers(day)))
    .orderBy(asc(socialWorkers.hiredOn), asc(socialWorkers.name));
  const members = term
    ? await tx.select().from(committeeMembers).where(and(eq(committeeMembers.committeeId, row.id), eq(committeeMembers.termId, term.id), serving(day))).orderBy(asc(committeeMembers.position), asc(committeeMembers.name))
    : [];
  const cipher = members.length || workers.length ? await personalDataCipher(ctx, tx, principal.tenant, { create: false }) : null;
  const bySystem = new Map(systems.map((s) => [s.system, s]));
  return {
    ...summaryView(summary!, day),
    proposedSize: row.proposedSize !== null && row.sizeAgreedOn !== null
      ? { size: row.proposedSize, representatives: row.sizeRepresentatives ?? 0, consenting: row.sizeConsenting ?? 0, agreedOn: row.sizeAgreedOn }
      : null,
    currentTerm: term ? { id: term.id, termNumber: term.termNumber, startsOn: term.startsOn, endsOn: term.endsOn, seats: term.seats as Record<string, number>, electionId: term.electionId } : null,
    systems: committeeSystems.map((s) => ({ system: s, label: committeeSystemLabels[s], adoptedOn: bySystem.get(s)?.adoptedOn ?? null, documentRef: bySystem.get(s)?.documentRef ?? null })),
    workingCommittees: working.map((w) => ({ id: w.id, name: w.name, establishedOn: w.establishedOn, dissolvedOn: w.dissolvedOn })),
    socialWorkers: workers.map((w) => ({ id: w.id, name: w.name, phone: shownValue(cipher, 'phone', `social_workers.phone:${w.id}`, w.phoneSealed, false), role: w.role, hiredOn: w.hiredOn, leftOn: w.leftOn })),
    members: sortMembers(members).map((m) => memberView(m, cipher, false)),
    partyOrganisation: await partyOrganisationOf(tx, ctx, row.communityCode),
  };
}

const positionOrder = new Map(committeePositions.map((p, i) => [p, i]));
const sortMembers = (rows: MemberRow[]) => [...rows].sort((a, b) => positionOrder.get(a.position)! - positionOrder.get(b.position)! || a.name.localeCompare(b.name, 'zh'));

export async function createCommittee({ ctx, input }: Call<{ communityCode: string }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeSizeProposers);
  if (!unitCovers(principal.unit, input.communityCode)) throw notFound(communitiesMsg.community_not_found({ code: input.communityCode }));
  return withTenant(ctx.db, principal, async (tx) => {
    const { row, created } = await ensureCommittee(tx, ctx, input.communityCode);
    if (!created) throw new AppError('conflict', msg.committee_exists({ communityCode: input.communityCode, id: row.id }));
    return detail(tx, ctx, principal, row);
  });
}

export async function getCommittee({ ctx, input }: Call<{ id: string; includeFormer?: boolean | undefined }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => detail(tx, ctx, principal, await loadCommittee(tx, principal, input.id), { includeFormer: input.includeFormer }));
}

/**
 * The size the street proposes and the representatives' consent. The denominator is the community's register of
 * representatives in force on the day of consent when it keeps one (a typed number that differs is refused, so the
 * record cannot disagree with the register); a typed number is accepted only where no register is kept yet.
 */
export async function setCommitteeSize({ ctx, input }: Call<{ id: string; size: number; representatives?: number | undefined; consenting: number; agreedOn: string }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeSizeProposers);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const registered = await registeredRepresentatives(tx, row.communityCode, input.agreedOn);
    if (registered !== null && input.representatives !== undefined && input.representatives !== registered) {
      throw new AppError('rule_violation', common.fields_invalid({ count: 1 }), {
        errors: [{ path: 'representatives', message: assembliesMsg.assembly_register_count_differs({ day: input.agreedOn, count: registered }) }],
      });
    }
    if (registered === null && input.representatives === undefined) {
      throw new AppError('rule_violation', common.fields_invalid({ count: 1 }), { errors: [{ path: 'representatives', message: assembliesMsg.assembly_register_needed() }] });
    }
    const representatives = registered ?? input.representatives!;
    const problems = sizeProposalProblems({ ...input, representatives });
    if (problems.length) throw new AppError('rule_violation', common.fields_invalid({ count: problems.length }), { errors: problems });
    const [updated] = await tx
      .update(committees)
      .set({ proposedSize: input.size, sizeRepresentatives: representatives, sizeConsenting: input.consenting, sizeAgreedOn: input.agreedOn, updatedAt: ctx.clock.now() })
      .where(eq(committees.id, row.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'committee.size_set', entity: 'committee', entityId: row.id, detail: { size: input.size, representatives, fromRegister: registered !== null, consenting: input.consenting, agreedOn: input.agreedOn } });
    return detail(tx, ctx, principal, updated!);
  });
}

export async function listMembers({ ctx, input }: Call<{ id: string; reveal?: boolean | undefined; includeFormer?: boolean | undefined }>): Promise<{ items: CommitteeMemberView[] }> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const filter = input.includeFormer || !row.currentTermId
      ? eq(committeeMembers.committeeId, row.id)
      : and(eq(committeeMembers.committeeId, row.id), eq(committeeMembers.termId, row.currentTermId), serving(today(ctx)));
    const members = input.includeFormer || row.currentTermId ? sortMembers(await tx.select().from(committeeMembers).where(filter)) : [];
    const reveal = await authoriseReveal(tx, ctx, { reveal: input.reveal ?? false, entity: 'committee', entityId: row.id, rows: members.map((m) => m.id) });
    const cipher = members.length ? await personalDataCipher(ctx, tx, principal.tenant, { create: false }) : null;
    return { items: members.map((m) => memberView(m, cipher, reveal)) };
  });
}

export async function getMember({ ctx, input }: Call<{ id: string; memberId: string; reveal?: boolean | undefined }>): Promise<CommitteeMemberView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const [member] = await tx.select().from(committeeMembers).where(and(eq(committeeMembers.id, input.memberId), eq(committeeMembers.committeeId, row.id)));
    if (!member) throw notFound(msg.member_not_found({ memberId: input.memberId }));
    const reveal = await authoriseReveal(tx, ctx, { reveal: input.reveal ?? false, entity: 'committee_member', entityId: member.id, rows: [member.id] });
    return memberView(member, await personalDataCipher(ctx, tx, principal.tenant, { create: false }), reveal);
  });
}

async function servingPositions(tx: Tx, committeeId: string, termId: string, day: string, except?: string): Promise<CommitteePosition[]> {
  const rows = await tx.select({ id: committeeMembers.id, position: committeeMembers.position }).from(committeeMembers)
    .where(and(eq(committeeMembers.committeeId, committeeId), eq(committeeMembers.termId, termId), serving(day)));
  return rows.filter((r) => r.id !== except).map((r) => r.position);
}

function refuseOverfull(positions: CommitteePosition[]): void {
  const problems = compositionProblems(positions).filter((p) => p.code === 'too_many_members' || p.code === 'several_chairs');
  if (problems.length) throw new AppError('rule_violation', problems[0]!.message, { errors: problems.map((p) => ({ path: 'position', message: p.message })) });
}

type AddMemberInput = {
  id: string; name: string; gender: 'male' | 'female'; birthYear: number; phone?: string | null | undefined; idNumber?: string | null | undefined;
  partyMember: boolean; keepsJob: boolean; position: CommitteePosition; allowanceYuanPerMonth?: number | null | undefined; joinedOn: string;
};

/** A member joining the current term outside a full election (补选); the committee stays within 9 and one chair. */
export async function addMember({ ctx, input }: Call<AddMemberInput>): Promise<CommitteeMemberView> {
  const principal = requireCity(ctx.principal, committeeSizeProposers);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    if (!row.currentTermId) throw new AppError('rule_violation', msg.committee_has_no_term(), { errors: [{ path: 'id', message: msg.no_current_term() }] });
    refuseOverfull([...(await servingPositions(tx, row.id, row.currentTermId, input.joinedOn)), input.position]);
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    const cipher = (await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!;
    const [member] = await tx.insert(committeeMembers).values({
      id, tenantId: principal.tenant, committeeId: row.id, termId: row.currentTermId, name: input.name, gender: input.gender, birthYear: input.birthYear,
      ...sealPersonal(cipher, 'committee_members', id, input), position: input.position, partyMember: input.partyMember, keepsJob: input.keepsJob,
      allowanceYuanPerMonth: input.allowanceYuanPerMonth ?? null, joinedOn: input.joinedOn, createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, ctx, { action: 'committee.member_added', entity: 'committee_member', entityId: id, detail: { committeeId: row.id, position: input.position } });
    return memberView(member!, cipher, false);
  });
}

type UpdateMemberInput = {
  id: string; memberId: string; phone?: string | null | undefined; idNumber?: string | null | undefined; position?: CommitteePosition | undefined;
  partyMember?: boolean | undefined; keepsJob?: boolean | undefined; allowanceYuanPerMonth?: number | null | undefined;
  leftOn?: string | undefined; departureReason?: MemberRow['departureReason'] | undefined;
};

export async function updateMember({ ctx, input }: Call<UpdateMemberInput>): Promise<CommitteeMemberView> {
  const principal = requireCity(ctx.principal, committeeSizeProposers);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const [member] = await tx.select().from(committeeMembers).where(and(eq(committeeMembers.id, input.memberId), eq(committeeMembers.committeeId, row.id)));
    if (!member) throw notFound(msg.member_not_found({ memberId: input.memberId }));
    if (member.leftOn !== null) throw new AppError('conflict', msg.member_already_left({ id: member.id, leftOn: member.leftOn }));
    if (input.position && input.position !== member.position) {
      refuseOverfull([...(await servingPositions(tx, row.id, member.termId, today(ctx), member.id)), input.position]);
    }
    if (input.leftOn !== undefined && input.leftOn < member.joinedOn) {
      throw new AppError('validation_failed', msg.leave_before_join(), { errors: [{ path: 'leftOn', message: common.on_or_after({ day: member.joinedOn }) }] });
    }
    const cipher = (await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!;
    const sealed = sealPersonal(cipher, 'committee_members', member.id, input);
    const [updated] = await tx.update(committeeMembers).set({
      ...(input.phone !== undefined ? { phoneSealed: sealed.phoneSealed } : {}),
      ...(input.idNumber !== undefined ? { idNumberSealed: sealed.idNumberSealed } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.partyMember !== undefined ? { partyMember: input.partyMember } : {}),
      ...(input.keepsJob !== undefined ? { keepsJob: input.keepsJob } : {}),
      ...(input.allowanceYuanPerMonth !== undefined ? { allowanceYuanPerMonth: input.allowanceYuanPerMonth } : {}),
      ...(input.leftOn !== undefined ? { leftOn: input.leftOn, departureReason: input.departureReason ?? 'other' } : {}),
      updatedAt: ctx.clock.now(),
    }).where(eq(committeeMembers.id, member.id)).returning();
    const changed = Object.keys(input).filter((k) => k !== 'id' && k !== 'memberId');
    await recordAudit(tx, ctx, { action: input.leftOn ? 'committee.member_left' : 'committee.member_updated', entity: 'committee_member', entityId: member.id, detail: { committeeId: row.id, fields: changed } });
    return memberView(updated!, cipher, false);
  });
}

export async function getVacancies({ ctx, input }: Call<{ id: string }>): Promise<VacanciesView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const day = today(ctx);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    if (!row.currentTermId) return { committeeId: row.id, termId: null, seats: {}, serving: {}, open: [], departures: [] };
    const [term] = await tx.select().from(committeeTerms).where(eq(committeeTerms.id, row.currentTermId));
    const members = await tx.select().from(committeeMembers).where(and(eq(committeeMembers.committeeId, row.id), eq(committeeMembers.termId, row.currentTermId)));
    const seats = term!.seats;
    const servingNow: Record<string, number> = {};
    for (const m of members) if (m.leftOn === null || m.leftOn > day) servingNow[m.position] = (servingNow[m.position] ?? 0) + 1;
    return {
      committeeId: row.id,
      termId: row.currentTermId,
      seats: seats as Record<string, number>,
      serving: servingNow,
      open: committeePositions
        .map((p) => ({ position: p, positionLabel: committeePositionLabels[p], count: Math.max((seats[p] ?? 0) - (servingNow[p] ?? 0), 0) }))
        .filter((o) => o.count > 0),
      departures: members
        .filter((m): m is MemberRow & { leftOn: string; departureReason: NonNullable<MemberRow['departureReason']> } => m.leftOn !== null && m.leftOn <= day && m.departureReason !== null)
        .map((m) => ({ memberId: m.id, name: m.name, position: m.position, leftOn: m.leftOn, departureReason: m.departureReason })),
    };
  });
}

export async function adoptSystem({ ctx, input }: Call<{ id: string; system: CommitteeSystem; adoptedOn: string; documentRef: string }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const now = ctx.clock.now();
    await tx.insert(committeeSystemRecords)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, committeeId: row.id, system: input.system, adoptedOn: input.adoptedOn, documentRef: input.documentRef, recordedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({
        target: [committeeSystemRecords.tenantId, committeeSystemRecords.committeeId, committeeSystemRecords.system],
        set: { adoptedOn: input.adoptedOn, documentRef: input.documentRef, recordedBy: principal.subject, updatedAt: now },
      });
    await recordAudit(tx, ctx, { action: 'committee.system_adopted', entity: 'committee', entityId: row.id, detail: { system: input.system, adoptedOn: input.adoptedOn, documentRef: input.documentRef } });
    return detail(tx, ctx, principal, row);
  });
}

export async function addWorkingCommittee({ ctx, input }: Call<{ id: string; name: string; establishedOn: string }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const now = ctx.clock.now();
    const inserted = await tx.insert(workingCommittees)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, committeeId: row.id, name: input.name, establishedOn: input.establishedOn, createdAt: now })
      .onConflictDoNothing().returning({ id: workingCommittees.id });
    if (!inserted.length) throw new AppError('conflict', msg.working_committee_name_taken({ name: input.name }));
    await recordAudit(tx, ctx, { action: 'committee.working_committee_added', entity: 'committee', entityId: row.id, detail: { name: input.name } });
    return detail(tx, ctx, principal, row);
  });
}

export async function addSocialWorker({ ctx, input }: Call<{ id: string; name: string; phone?: string | null | undefined; role: string; hiredOn: string }>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    const cipher = (await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!;
    await tx.insert(socialWorkers).values({
      id, tenantId: principal.tenant, committeeId: row.id, name: input.name, phoneSealed: sealPersonal(cipher, 'social_workers', id, input).phoneSealed,
      role: input.role, hiredOn: input.hiredOn, createdAt: now,
    });
    await recordAudit(tx, ctx, { action: 'committee.social_worker_hired', entity: 'social_worker', entityId: id, detail: { committeeId: row.id } });
    return detail(tx, ctx, principal, row);
  });
}

/** A date of an ending (dissolution, departure): not before the start, not after today as the service's clock says. */
function endingProblems(field: string, value: string | undefined, start: string, startName: Message, day: string): FieldProblem[] {
  if (value === undefined) return [];
  if (value < start) return [{ path: `body.${field}`, message: msg.on_or_after_named({ startName, start }) }];
  if (value > day) return [{ path: `body.${field}`, message: common.not_after_today({ day }) }];
  return [];
}

type WorkingCommitteeUpdate = { id: string; workingCommitteeId: string; name?: string | undefined; establishedOn?: string | undefined; dissolvedOn?: string | undefined };

/** Rename or re-date a working committee, or dissolve it (撤销); a dissolved one stays on record and is not changed again. */
export async function updateWorkingCommittee({ ctx, input }: Call<WorkingCommitteeUpdate>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const [wc] = await tx.select().from(workingCommittees).where(and(eq(workingCommittees.id, input.workingCommitteeId), eq(workingCommittees.committeeId, row.id)));
    if (!wc) throw notFound(msg.working_committee_not_found({ workingCommitteeId: input.workingCommitteeId }));
    if (wc.dissolvedOn !== null) throw new AppError('conflict', msg.working_committee_dissolved({ id: wc.id, dissolvedOn: wc.dissolvedOn }));
    const problems = endingProblems('dissolvedOn', input.dissolvedOn, input.establishedOn ?? wc.establishedOn, labelled('设立日期', 'establishedOn'), today(ctx));
    if (problems.length) throw new AppError('validation_failed', msg.working_committee_dissolve_date(), { errors: problems });
    if (input.name !== undefined && input.name !== wc.name) {
      const [same] = await tx.select({ id: workingCommittees.id }).from(workingCommittees).where(and(eq(workingCommittees.committeeId, row.id), eq(workingCommittees.name, input.name)));
      if (same) throw new AppError('conflict', msg.working_committee_name_taken({ name: input.name }), { errors: [{ path: 'body.name', message: msg.working_committee_name_used() }] });
    }
    await tx.update(workingCommittees).set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.establishedOn !== undefined ? { establishedOn: input.establishedOn } : {}),
      ...(input.dissolvedOn !== undefined ? { dissolvedOn: input.dissolvedOn } : {}),
    }).where(eq(workingCommittees.id, wc.id));
    const fields = (['name', 'establishedOn', 'dissolvedOn'] as const).filter((k) => input[k] !== undefined);
    await recordAudit(tx, ctx, {
      action: input.dissolvedOn !== undefined ? 'committee.working_committee_dissolved' : 'committee.working_committee_updated',
      entity: 'working_committee', entityId: wc.id, detail: { committeeId: row.id, fields, ...(input.dissolvedOn !== undefined ? { dissolvedOn: input.dissolvedOn } : {}) },
    });
    return detail(tx, ctx, principal, row, { includeFormer: true });
  });
}

type SocialWorkerUpdate = {
  id: string; socialWorkerId: string; name?: string | undefined; phone?: string | null | undefined; role?: string | undefined; hiredOn?: string | undefined; leftOn?: string | undefined;
};

/** Correct a social worker's details, or end the engagement (解聘/离任); the phone is sealed as on hiring. */
export async function updateSocialWorker({ ctx, input }: Call<SocialWorkerUpdate>): Promise<CommitteeDetailView> {
  const principal = requireCity(ctx.principal, committeeEditors);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadCommittee(tx, principal, input.id);
    const [worker] = await tx.select().from(socialWorkers).where(and(eq(socialWorkers.id, input.socialWorkerId), eq(socialWorkers.committeeId, row.id)));
    if (!worker) throw notFound(msg.social_worker_not_found({ socialWorkerId: input.socialWorkerId }));
    if (worker.leftOn !== null) throw new AppError('conflict', msg.social_worker_already_left({ id: worker.id, leftOn: worker.leftOn }));
    const problems = endingProblems('leftOn', input.leftOn, input.hiredOn ?? worker.hiredOn, labelled('入职日期', 'hiredOn'), today(ctx));
    if (problems.length) throw new AppError('validation_failed', msg.social_worker_leave_date(), { errors: problems });
    const phoneSealed = input.phone !== undefined
      ? sealPersonal((await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!, 'social_workers', worker.id, input).phoneSealed
      : undefined;
    await tx.update(socialWorkers).set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(phoneSealed !== undefined ? { phoneSealed } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.hiredOn !== undefined ? { hiredOn: input.hiredOn } : {}),
      ...(input.leftOn !== undefined ? { leftOn: input.leftOn } : {}),
    }).where(eq(socialWorkers.id, worker.id));
    const fields = (['name', 'phone', 'role', 'hiredOn', 'leftOn'] as const).filter((k) => input[k] !== undefined);
    await recordAudit(tx, ctx, {
      action: input.leftOn !== undefined ? 'committee.social_worker_left' : 'committee.social_worker_updated',
      entity: 'social_worker', entityId: worker.id, detail: { committeeId: row.id, fields, ...(input.leftOn !== undefined ? { leftOn: input.leftOn } : {}) },
    });
    return detail(tx, ctx, principal, row, { includeFormer: true });
  });
}
