import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import {
  committeeMembers, committees, committeeTerms, electionCandidates, electionCertifications, electionResults, electionRounds, elections,
} from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import { ensureCommittee, sealPersonal } from '../committees/service.js';
import { committeePositionLabels, committeePositions, compositionProblems, seatPlanProblems, termEndDate, type CommitteePosition, type SeatPlan } from '../committees/rules.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/enqueue.js';
import type { FieldCipher } from '../personal-data/envelope.js';
import { personalDataCipher, shownValue } from '../personal-data/service.js';
import { readProvinceSettings } from '../settings/service.js';
import { chainHash, GENESIS_HASH, verifyChain, type Canonical } from './chain.js';
import {
  agreedSizeProblem, candidateOutcomeLabels, electionModeLabels, electionOrganisers, furtherRoundCandidates, roundInvalidReasonLabels, sheetProblems, tallyRound,
  type ResultSheet, type RoundTally,
} from './rules.js';
import { electionSortKeys, type CreateElectionInput, type ElectionSummary, type ElectionView, type ListElectionsInput, type ResultInput, type VerificationView } from './schemas.js';
import { containsPattern, sortOf } from '../schemas.js';
import type { z } from '@hono/zod-openapi';
import type { candidateInput } from './schemas.js';
import { msg } from './messages.js';
import { labelOf } from '../i18n.js';
import { msg as communitiesMsg } from '../communities/messages.js';
import { common } from '../messages.js';

/** Elections are organised by the street (街道组织选举); districts and the city act over their units. */

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
type ElectionRow = typeof elections.$inferSelect;
type RoundRow = typeof electionRounds.$inferSelect;
type CandidateRow = typeof electionCandidates.$inferSelect;
type ResultRow = typeof electionResults.$inferSelect;
type CertificationRow = typeof electionCertifications.$inferSelect;
type CandidateInput = z.infer<typeof candidateInput>;

async function loadElection(tx: Tx, principal: CityPrincipal, id: string): Promise<ElectionRow> {
  const [row] = await tx.select().from(elections).where(eq(elections.id, id));
  if (!row || !unitCovers(principal.unit, row.communityCode)) throw notFound(msg.election_not_found({ id }));
  return row;
}

interface ElectionRecords {
  rounds: RoundRow[];
  candidates: CandidateRow[];
  results: ResultRow[];
  certifications: CertificationRow[];
}

async function loadRecords(tx: Tx, electionId: string): Promise<ElectionRecords> {
  return {
    rounds: await tx.select().from(electionRounds).where(eq(electionRounds.electionId, electionId)).orderBy(asc(electionRounds.roundNumber)),
    candidates: await tx.select().from(electionCandidates).where(eq(electionCandidates.electionId, electionId)).orderBy(asc(electionCandidates.position), asc(electionCandidates.createdAt), asc(electionCandidates.id)),
    results: await tx.select().from(electionResults).where(eq(electionResults.electionId, electionId)).orderBy(asc(electionResults.version)),
    certifications: await tx.select().from(electionCertifications).where(eq(electionCertifications.electionId, electionId)).orderBy(asc(electionCertifications.version)),
  };
}

const latestResult = (records: ElectionRecords, roundId: string) => records.results.filter((r) => r.roundId === roundId).at(-1) ?? null;
const seatRecord = (s: unknown) => s as Record<string, number>;

function tallyView(tally: RoundTally) {
  return {
    ...tally,
    invalidReasonLabel: tally.invalidReason ? roundInvalidReasonLabels[tally.invalidReason] : null,
    candidates: tally.candidates.map((c) => ({ ...c, outcomeLabel: candidateOutcomeLabels[c.outcome] })),
    unfilledSeats: seatRecord(tally.unfilledSeats),
    furtherRoundCandidates: Object.fromEntries(
      committeePositions.filter((p) => (tally.unfilledSeats[p] ?? 0) > 0).map((p) => [p, furtherRoundCandidates(tally, p)]),
    ),
  };
}

const positionRank = new Map(committeePositions.map((p, i) => [p, i]));
const byPosition = (rows: CandidateRow[]) => [...rows].sort((a, b) => positionRank.get(a.position)! - positionRank.get(b.position)! || a.name.localeCompare(b.name, 'zh'));

type SummaryRow = Pick<ElectionRow, 'id' | 'committeeId' | 'communityCode' | 'electionDate' | 'mode' | 'seats' | 'registeredVoters'>;

const summaryView = (election: SummaryRow, status: ElectionView['status'], communityName: string | null): ElectionSummary => ({
  id: election.id,
  committeeId: election.committeeId,
  communityCode: election.communityCode,
  communityName,
  electionDate: election.electionDate,
  mode: election.mode,
  modeLabel: electionModeLabels[election.mode],
  seats: seatRecord(election.seats),
  registeredVoters: election.registeredVoters,
  status,
});

function view(election: ElectionRow, records: ElectionRecords, cipher: FieldCipher | null, communityName: string | null): ElectionView {
  const certifiedIds = new Set(records.certifications.flatMap((c) => c.resultIds));
  const lastRound = records.rounds.at(-1);
  const lastResult = lastRound ? latestResult(records, lastRound.id) : null;
  const status: ElectionView['status'] = records.certifications.length ? 'certified'
    : !lastResult ? 'planned'
      : lastResult.tally.furtherRoundNeeded ? 'further_round_needed' : 'counted';
  return {
    ...summaryView(election, status, communityName),
    seatsReason: election.seatsReason,
    rounds: records.rounds.map((round) => {
      const result = latestResult(records, round.id);
      return {
        id: round.id,
        round: round.roundNumber,
        heldOn: round.heldOn,
        seats: seatRecord(round.seats),
        candidates: byPosition(records.candidates.filter((c) => c.roundId === round.id)).map((c) => ({
          id: c.id, name: c.name, gender: c.gender, birthYear: c.birthYear, position: c.position,
          phone: shownValue(cipher, 'phone', `election_candidates.phone:${c.id}`, c.phoneSealed, false),
          idNumber: shownValue(cipher, 'idNumber', `election_candidates.id_number:${c.id}`, c.idNumberSealed, false),
        })),
        result: result && {
          id: result.id,
          version: result.version,
          registeredVoters: result.registeredVoters,
          ballotsIssued: result.ballotsIssued,
          ballotsReturned: result.ballotsReturned,
          validBallots: result.validBallots,
          invalidBallots: result.invalidBallots,
          votes: result.votes,
          tally: tallyView(result.tally),
          reason: result.reason,
          recordedAt: result.recordedAt.toISOString(),
          certified: certifiedIds.has(result.id),
        },
      };
    }),
    certifications: records.certifications.map((c) => ({
      id: c.id, seq: c.seq, version: c.version, reason: c.reason, previousHash: c.previousHash, contentHash: c.contentHash, termId: c.termId, certifiedAt: c.certifiedAt.toISOString(),
    })),
  };
}

async function electionView(tx: Tx, ctx: ServiceContext, principal: CityPrincipal, election: ElectionRow): Promise<ElectionView> {
  const records = await loadRecords(tx, election.id);
  const sealed = records.candidates.some((c) => c.phoneSealed || c.idNumberSealed);
  const [named] = rowsOf<{ name: string }>(await tx.execute(sql`select name from divisions where code = ${election.communityCode} and valid_to is null`));
  return view(election, records, sealed ? await personalDataCipher(ctx, tx, principal.tenant, { create: false }) : null, named?.name ?? null);
}

async function insertCandidates(tx: Tx, ctx: ServiceContext, tenant: string, electionId: string, roundId: string, people: CandidateInput[]): Promise<void> {
  if (!people.length) return;
  const cipher = (await personalDataCipher(ctx, tx, tenant, { create: true }))!;
  const now = ctx.clock.now();
  await tx.insert(electionCandidates).values(people.map((p) => {
    const id = newId(now.getTime());
    return {
      id, tenantId: tenant, electionId, roundId, name: p.name, gender: p.gender, birthYear: p.birthYear, position: p.position,
      ...sealPersonal(cipher, 'election_candidates', id, p), partyMember: p.partyMember, keepsJob: p.keepsJob, createdAt: now,
    };
  }));
}

function candidatesCoverSeats(seats: SeatPlan, positions: CommitteePosition[], path: string): void {
  const errors = committeePositions
    .filter((p) => (seats[p] ?? 0) > 0 && positions.filter((x) => x === p).length < (seats[p] ?? 0))
    .map((p) => ({ path, message: msg.candidates_fewer_than_seats({ position: labelOf(committeePositionLabels, p), seats: seats[p] }) }));
  const stray = positions.filter((p) => (seats[p] ?? 0) === 0);
  if (stray.length) errors.push({ path, message: msg.position_not_filled_this_round({ position: labelOf(committeePositionLabels, stray[0]!) }) });
  if (errors.length) throw new AppError('validation_failed', msg.candidates_do_not_fit_seats(), { errors });
}

export async function createElection({ ctx, input }: Call<CreateElectionInput>): Promise<ElectionView> {
  const principal = requireCity(ctx.principal, electionOrganisers);
  if (!unitCovers(principal.unit, input.communityCode)) throw notFound(communitiesMsg.community_not_found({ code: input.communityCode }));
  const seatProblems = seatPlanProblems(input.seats);
  if (seatProblems.length) throw new AppError('validation_failed', msg.seats_do_not_make_committee(), { errors: seatProblems });
  candidatesCoverSeats(input.seats, input.candidates.map((c) => c.position), 'candidates');
  return withTenant(ctx.db, principal, async (tx) => {
    const { row: committee } = await ensureCommittee(tx, ctx, input.communityCode);
    const agreed = committee.proposedSize !== null && committee.sizeAgreedOn !== null ? { size: committee.proposedSize, agreedOn: committee.sizeAgreedOn } : null;
    const { reason: seatsReason, problem } = agreedSizeProblem(input.seats, agreed, input.seatsReason);
    if (problem) throw new AppError('rule_violation', common.fields_invalid({ count: 1 }), { rule: 'agreed_committee_size', errors: [{ path: 'body.seats', message: problem }] });
    const now = ctx.clock.now();
    const [election] = await tx.insert(elections).values({
      id: newId(now.getTime()), tenantId: principal.tenant, committeeId: committee.id, communityCode: input.communityCode, electionDate: input.electionDate,
      mode: input.mode, seats: input.seats, seatsReason, registeredVoters: input.registeredVoters, createdBy: principal.subject, createdAt: now,
    }).returning();
    const roundId = newId(now.getTime());
    await tx.insert(electionRounds).values({ id: roundId, tenantId: principal.tenant, electionId: election!.id, roundNumber: 1, seats: input.seats, heldOn: input.electionDate, createdAt: now });
    await insertCandidates(tx, ctx, principal.tenant, election!.id, roundId, input.candidates);
    await recordAudit(tx, ctx, { action: 'election.planned', entity: 'election', entityId: election!.id, detail: { communityCode: input.communityCode, electionDate: input.electionDate, mode: input.mode, seats: input.seats, seatsReason, candidates: input.candidates.length } });
    return electionView(tx, ctx, principal, election!);
  });
}

/**
 * An election's status in SQL, for a row `e` of elections joined with `latestTallySql`: certified when a certification
 * exists, otherwise from the latest result sheet of the latest round (planned when none). The detail view derives the same.
 */
export const electionStatusSql = sql`case
            when exists (select 1 from election_certifications c where c.election_id = e.id) then 'certified'
            when latest.tally is null then 'planned'
            when (latest.tally ->> 'furtherRoundNeeded')::boolean then 'further_round_needed'
            else 'counted'
          end`;
export const latestTallySql = sql`left join lateral (
          select r.tally from election_results r
          join election_rounds er on er.id = r.round_id
          where r.election_id = e.id
          order by er.round_number desc, r.version desc
          limit 1
        ) latest on true`;

/** The ORDER BY of each sort key of the elections list (whitelisted: never text from the query string). */
const electionOrder: Record<(typeof electionSortKeys)[number], string> = {
  electionDate: 'listed."electionDate"',
  community: 'listed."communityCode"', // by code: the division tree's order, street by street
  registeredVoters: 'listed."registeredVoters"',
  status: 'listed.status',
};

/**
 * Elections within the caller's unit, newest first by default, each with its community's name (joined from the
 * division list in force) and the status the detail view derives: certified when a certification exists, otherwise
 * from the latest result sheet of the latest round (planned when none). Paged, sorted and searched by name on the server.
 */
export async function listElections({ ctx, input }: Call<ListElectionsInput>): Promise<{ items: ElectionSummary[]; total: number; page: number; size: number }> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (input.community && !unitCovers(principal.unit, input.community)) throw notFound(communitiesMsg.community_not_found({ code: input.community }));
  const prefix = `${input.community ?? principal.unit}%`;
  const { key, descending } = sortOf(input.sort);
  const direction = descending ? 'desc' : 'asc';
  const order = sql.raw(`${electionOrder[key].split(', ').map((c) => `${c} ${direction}`).join(', ')}, listed."electionDate" desc, listed.id`);
  const pattern = input.q ? containsPattern(input.q) : null;
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = rowsOf<SummaryRow & { status: ElectionView['status']; communityName: string | null; total: number }>(
      await tx.execute(sql`
        select listed.*, count(*) over ()::int as total from (
        select e.id, e.community_code as "communityCode", e.committee_id as "committeeId", e.election_date::text as "electionDate", e.mode, e.seats,
          e.registered_voters as "registeredVoters", d.name as "communityName",
          ${electionStatusSql} as status
        from elections e
        left join divisions d on d.tenant_id = e.tenant_id and d.code = e.community_code and d.valid_to is null
        ${latestTallySql}
        where e.community_code like ${prefix}
        ) listed
        where (${input.status ?? null}::text is null or listed.status = ${input.status ?? null})
          and (${pattern}::text is null or listed."communityName" like ${pattern} or listed."communityCode" like ${pattern})
        order by ${order}
        limit ${input.size} offset ${(input.page - 1) * input.size}`),
    );
    const total = rows[0]?.total ?? (input.page > 1 ? await countElections(tx, prefix, input.status ?? null, pattern) : 0);
    return { items: rows.map((r) => summaryView(r, r.status, r.communityName)), total, page: input.page, size: input.size };
  });
}

/** How many elections match when the page asked for lies past the last one. */
async function countElections(tx: Tx, prefix: string, status: string | null, pattern: string | null): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select count(*)::int as n from (
        select ${electionStatusSql} as status, d.name, e.community_code
        from elections e
        left join divisions d on d.tenant_id = e.tenant_id and d.code = e.community_code and d.valid_to is null
        ${latestTallySql}
        where e.community_code like ${prefix}
      ) listed
      where (${status}::text is null or listed.status = ${status}) and (${pattern}::text is null or listed.name like ${pattern} or listed.community_code like ${pattern})`),
  );
  return row?.n ?? 0;
}

export async function getElection({ ctx, input }: Call<{ id: string }>): Promise<ElectionView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => electionView(tx, ctx, principal, await loadElection(tx, principal, input.id)));
}

export async function addFurtherRound({ ctx, input }: Call<{ id: string; heldOn: string; carryOver: string[]; candidates: CandidateInput[] }>): Promise<ElectionView> {
  const principal = requireCity(ctx.principal, electionOrganisers);
  return withTenant(ctx.db, principal, async (tx) => {
    const election = await loadElection(tx, principal, input.id);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`election:${election.id}`}))`);
    const records = await loadRecords(tx, election.id);
    if (records.certifications.length) throw new AppError('election_certified', msg.election_certified_plan_new());
    const last = records.rounds.at(-1)!;
    const result = latestResult(records, last.id);
    const tally = result?.tally;
    if (!tally?.furtherRoundNeeded) throw new AppError('rule_violation', msg.nothing_for_further_round({ roundNumber: last.roundNumber, state: result ? msg.round_filled_every_seat() : msg.round_not_counted_yet() }));
    if (last.heldOn > input.heldOn) throw new AppError('validation_failed', msg.further_round_after_previous(), { errors: [{ path: 'heldOn', message: common.on_or_after({ day: last.heldOn }) }] });
    const electedIds = new Set(records.results.flatMap((r) => r.tally.elected.map((e) => e.candidateId)));
    const byId = new Map(records.candidates.map((c) => [c.id, c]));
    const carried = input.carryOver.map((id, i) => {
      const c = byId.get(id);
      if (!c) throw new AppError('validation_failed', msg.not_a_candidate(), { errors: [{ path: `carryOver.${i}`, message: msg.unknown_candidate() }] });
      if (electedIds.has(id)) throw new AppError('validation_failed', msg.already_elected(), { errors: [{ path: `carryOver.${i}`, message: msg.elected_in_earlier_round() }] });
      return c;
    });
    const seats = tally.unfilledSeats;
    candidatesCoverSeats(seats, [...carried.map((c) => c.position), ...input.candidates.map((c) => c.position)], 'candidates');
    const now = ctx.clock.now();
    const roundId = newId(now.getTime());
    await tx.insert(electionRounds).values({ id: roundId, tenantId: principal.tenant, electionId: election.id, roundNumber: last.roundNumber + 1, seats, heldOn: input.heldOn, createdAt: now });
    if (carried.length) {
      const cipher = (await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!;
      await tx.insert(electionCandidates).values(carried.map((c) => {
        const id = newId(now.getTime());
        const phone = c.phoneSealed ? cipher.open(`election_candidates.phone:${c.id}`, c.phoneSealed) : null;
        const idNumber = c.idNumberSealed ? cipher.open(`election_candidates.id_number:${c.id}`, c.idNumberSealed) : null;
        return {
          id, tenantId: principal.tenant, electionId: election.id, roundId, name: c.name, gender: c.gender, birthYear: c.birthYear, position: c.position,
          ...sealPersonal(cipher, 'election_candidates', id, { phone, idNumber }), partyMember: c.partyMember, keepsJob: c.keepsJob, createdAt: now,
        };
      }));
    }
    await insertCandidates(tx, ctx, principal.tenant, election.id, roundId, input.candidates);
    await recordAudit(tx, ctx, { action: 'election.further_round', entity: 'election', entityId: election.id, detail: { round: last.roundNumber + 1, seats, carried: input.carryOver.length, added: input.candidates.length } });
    return electionView(tx, ctx, principal, election);
  });
}

export async function recordResult({ ctx, input }: Call<ResultInput & { id: string }>): Promise<ElectionView> {
  const principal = requireCity(ctx.principal, electionOrganisers);
  return withTenant(ctx.db, principal, async (tx) => {
    const election = await loadElection(tx, principal, input.id);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`election:${election.id}`}))`);
    const records = await loadRecords(tx, election.id);
    const certified = records.certifications.length > 0;
    if (certified && !input.reason) throw new AppError('election_certified', msg.certified_correction_new_version(), { errors: [{ path: 'reason', message: common.required_for_correction() }] });
    const last = records.rounds.at(-1)!;
    const round = input.round === undefined ? last : records.rounds.find((r) => r.roundNumber === input.round);
    if (!round) throw new AppError('validation_failed', msg.election_round_count({ length: records.rounds.length }), { errors: [{ path: 'round', message: msg.no_such_round() }] });
    if (!certified && round.id !== last.id) throw new AppError('conflict', msg.round_superseded({ roundNumber: round.roundNumber }));
    const setup = { seats: round.seats, candidates: records.candidates.filter((c) => c.roundId === round.id).map((c) => ({ id: c.id, position: c.position })) };
    const sheet: ResultSheet = { registeredVoters: election.registeredVoters, ...input };
    const problems = sheetProblems(setup, sheet);
    if (problems.length) throw new AppError('validation_failed', msg.ballots_do_not_add_up(), { errors: problems });
    const tally = tallyRound(setup, sheet);
    const now = ctx.clock.now();
    const version = (records.results.filter((r) => r.roundId === round.id).at(-1)?.version ?? 0) + 1;
    await tx.insert(electionResults).values({
      id: newId(now.getTime()), tenantId: principal.tenant, electionId: election.id, roundId: round.id, version,
      registeredVoters: election.registeredVoters, ballotsIssued: input.ballotsIssued, ballotsReturned: input.ballotsReturned,
      validBallots: input.validBallots, invalidBallots: input.invalidBallots, votes: input.votes.map((v) => ({ candidateId: v.candidateId, votes: v.votes })),
      tally, reason: input.reason ?? null, recordedBy: principal.subject, recordedAt: now,
    });
    await recordAudit(tx, ctx, { action: certified ? 'election.result_corrected' : 'election.result_recorded', entity: 'election', entityId: election.id, detail: { round: round.roundNumber, version, valid: tally.valid, elected: tally.elected.length, reason: input.reason ?? null } });
    return electionView(tx, ctx, principal, election);
  });
}

/** What a certification's hash covers, rebuilt from the stored rows each time, so a changed row changes the hash. */
function certificationContent(cert: Omit<CertificationRow, 'previousHash' | 'contentHash'>, election: ElectionRow, rounds: RoundRow[], candidates: CandidateRow[], results: ResultRow[]): Canonical {
  const names = new Map(candidates.map((c) => [c.id, { name: c.name, position: c.position }]));
  const roundOf = new Map(rounds.map((r) => [r.id, r]));
  return {
    tenant: cert.tenantId,
    seq: cert.seq,
    version: cert.version,
    reason: cert.reason,
    termId: cert.termId,
    certifiedBy: cert.certifiedBy,
    certifiedAt: cert.certifiedAt.toISOString(),
    election: { id: election.id, communityCode: election.communityCode, electionDate: election.electionDate, mode: election.mode, seats: election.seats, registeredVoters: election.registeredVoters },
    rounds: cert.resultIds.map((id) => {
      const r = results.find((x) => x.id === id);
      if (!r) return { resultId: id, missing: true };
      const round = roundOf.get(r.roundId);
      return {
        round: round?.roundNumber ?? null,
        seats: round?.seats ?? null,
        resultId: r.id,
        resultVersion: r.version,
        registeredVoters: r.registeredVoters,
        ballotsIssued: r.ballotsIssued,
        ballotsReturned: r.ballotsReturned,
        validBallots: r.validBallots,
        invalidBallots: r.invalidBallots,
        votes: r.votes
          .map((v) => ({ candidateId: v.candidateId, name: names.get(v.candidateId)?.name ?? null, position: names.get(v.candidateId)?.position ?? null, votes: v.votes }))
          .sort((a, b) => (a.candidateId < b.candidateId ? -1 : 1)),
        elected: r.tally.elected.map((e) => e.candidateId).sort(),
      };
    }),
  };
}

export async function certifyElection({ ctx, input }: Call<{ id: string; reason?: string | undefined; closeWithUnfilledSeats: boolean }>): Promise<ElectionView> {
  const principal = requireCity(ctx.principal, electionOrganisers);
  return withTenant(ctx.db, principal, async (tx) => {
    const election = await loadElection(tx, principal, input.id);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`certifications:${principal.tenant}`}))`);
    const records = await loadRecords(tx, election.id);
    const results = records.rounds.map((r) => latestResult(records, r.id));
    const missing = records.rounds.find((_r, i) => !results[i]);
    if (missing) throw new AppError('rule_violation', msg.round_not_counted({ roundNumber: missing.roundNumber }));
    const counted = results as ResultRow[];
    const tallies = counted.map((r) => r.tally);
    if (tallies.at(-1)!.furtherRoundNeeded && !input.closeWithUnfilledSeats) {
      throw new AppError('rule_violation', msg.seats_unfilled());
    }
    const winners = tallies.flatMap((t) => t.elected);
    const composition = compositionProblems(winners.map((w) => w.position));
    if (composition.length) throw new AppError('rule_violation', msg.elected_not_a_committee({ problems: composition.map((p) => p.message).join('; ') }));
    const previous = records.certifications.at(-1);
    if (previous) {
      if (!input.reason) throw new AppError('election_certified', msg.certified_correction_needs_reason(), { errors: [{ path: 'reason', message: common.required_for_correction() }] });
      if (counted.every((r) => previous.resultIds.includes(r.id))) throw new AppError('conflict', msg.nothing_to_correct());
      const before = new Set(records.results.filter((r) => previous.resultIds.includes(r.id)).flatMap((r) => r.tally.elected.map((e) => e.candidateId)));
      const after = new Set(winners.map((w) => w.candidateId));
      if (before.size !== after.size || [...after].some((id) => !before.has(id))) {
        throw new AppError('rule_violation', msg.correction_cannot_change_elected());
      }
    }
    const now = ctx.clock.now();
    const termId = previous ? previous.termId : await startTerm(tx, ctx, principal, election, records, winners);
    const [last] = await tx.select({ seq: electionCertifications.seq, hash: electionCertifications.contentHash }).from(electionCertifications).orderBy(desc(electionCertifications.seq)).limit(1);
    const cert = {
      id: newId(now.getTime()), tenantId: principal.tenant, electionId: election.id, seq: (last?.seq ?? 0) + 1, version: (previous?.version ?? 0) + 1,
      reason: input.reason ?? null, resultIds: counted.map((r) => r.id), termId, certifiedBy: principal.subject, certifiedAt: now,
    };
    const previousHash = last?.hash ?? GENESIS_HASH;
    const contentHash = chainHash(previousHash, certificationContent(cert, election, records.rounds, records.candidates, records.results));
    await tx.insert(electionCertifications).values({ ...cert, previousHash, contentHash });
    await recordAudit(tx, ctx, { action: previous ? 'election.correction_certified' : 'election.certified', entity: 'election', entityId: election.id, detail: { seq: cert.seq, version: cert.version, contentHash, termId, reason: cert.reason } });
    return electionView(tx, ctx, principal, election);
  });
}

/** The new term: the previous one's members step down on its first day, the winners join, and training is told. */
async function startTerm(tx: Tx, ctx: ServiceContext, principal: CityPrincipal, election: ElectionRow, records: ElectionRecords, winners: RoundTally['elected']): Promise<string> {
  const now = ctx.clock.now();
  const startsOn = records.rounds.at(-1)!.heldOn;
  const [committee] = await tx.select().from(committees).where(eq(committees.id, election.committeeId));
  const [lastTerm] = await tx.select({ n: committeeTerms.termNumber, startsOn: committeeTerms.startsOn }).from(committeeTerms).where(eq(committeeTerms.committeeId, committee!.id)).orderBy(desc(committeeTerms.termNumber)).limit(1);
  if (lastTerm && lastTerm.startsOn >= startsOn) throw new AppError('rule_violation', msg.term_would_start_earlier({ startsOn: lastTerm.startsOn }));
  const termYears = (await readProvinceSettings(tx)).committeeTermYears;
  const termId = newId(now.getTime());
  await tx.insert(committeeTerms).values({
    id: termId, tenantId: principal.tenant, committeeId: committee!.id, termNumber: (lastTerm?.n ?? 0) + 1, startsOn, endsOn: termEndDate(startsOn, termYears),
    seats: election.seats, electionId: election.id, createdAt: now,
  });
  if (committee!.currentTermId) {
    await tx.update(committeeMembers)
      .set({ leftOn: startsOn, departureReason: 'term_ended', updatedAt: now })
      .where(and(eq(committeeMembers.termId, committee!.currentTermId), sql`(${committeeMembers.leftOn} is null or ${committeeMembers.leftOn} > ${startsOn})`));
  }
  const byId = new Map(records.candidates.map((c) => [c.id, c]));
  const cipher = (await personalDataCipher(ctx, tx, principal.tenant, { create: true }))!;
  const members = winners.map((w) => {
    const c = byId.get(w.candidateId)!;
    const id = newId(now.getTime());
    const phone = c.phoneSealed ? cipher.open(`election_candidates.phone:${c.id}`, c.phoneSealed) : null;
    const idNumber = c.idNumberSealed ? cipher.open(`election_candidates.id_number:${c.id}`, c.idNumberSealed) : null;
    return {
      id, tenantId: principal.tenant, committeeId: committee!.id, termId, name: c.name, gender: c.gender, birthYear: c.birthYear,
      ...sealPersonal(cipher, 'committee_members', id, { phone, idNumber }), position: w.position, partyMember: c.partyMember, keepsJob: c.keepsJob,
      candidateId: c.id, joinedOn: startsOn, createdAt: now, updatedAt: now,
    };
  });
  await tx.insert(committeeMembers).values(members);
  await tx.update(committees).set({ currentTermId: termId, updatedAt: now }).where(eq(committees.id, committee!.id));
  await enqueue(tx, ctx, 'trainingReminders', {
    version: 1, type: 'committee.term_started', tenant: principal.tenant, committeeId: committee!.id, communityCode: committee!.communityCode,
    termId, electionId: election.id, termStartsOn: startsOn, memberIds: members.map((m) => m.id),
  });
  return termId;
}

export async function verifyElection({ ctx, input }: Call<{ id: string }>): Promise<VerificationView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const election = await loadElection(tx, principal, input.id);
    const chain = await tx.select().from(electionCertifications).orderBy(asc(electionCertifications.seq));
    const electionIds = [...new Set(chain.map((c) => c.electionId))];
    const [allElections, rounds, candidates, results] = electionIds.length
      ? await Promise.all([
        tx.select().from(elections).where(inArray(elections.id, electionIds)),
        tx.select().from(electionRounds).where(inArray(electionRounds.electionId, electionIds)),
        tx.select().from(electionCandidates).where(inArray(electionCandidates.electionId, electionIds)),
        tx.select().from(electionResults).where(inArray(electionResults.electionId, electionIds)),
      ])
      : [[], [], [], []];
    const byElection = new Map(allElections.map((e) => [e.id, e]));
    const links = chain.map((c) => {
      const e = byElection.get(c.electionId);
      const content: Canonical = e
        ? certificationContent(c, e, rounds.filter((r) => r.electionId === e.id), candidates.filter((x) => x.electionId === e.id), results.filter((r) => r.electionId === e.id))
        : { missingElection: c.electionId };
      return { id: c.id, previousHash: c.previousHash, hash: c.contentHash, content };
    });
    const breaks = verifyChain(links);
    const seqOf = new Map(chain.map((c) => [c.id, c.seq]));
    return {
      electionId: election.id,
      intact: breaks.length === 0,
      chainLength: chain.length,
      certifications: chain.filter((c) => c.electionId === election.id).map((c) => {
        const recomputed = chainHash(c.previousHash, links.find((l) => l.id === c.id)!.content);
        return { seq: c.seq, version: c.version, contentHash: c.contentHash, recomputedHash: recomputed, matches: recomputed === c.contentHash };
      }),
      breaks: breaks.map((b) => ({ seq: seqOf.get(b.id)!, problem: b.problem })),
    };
  });
}
