import { cityScopedSystem } from '../auth/principal.js';
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  committeeMembers, committees, committeeSystemRecords, communityProfiles, conferenceOccurrences, conferenceResolutions, conferenceSeries, divisions,
  electionCandidates, electionCertifications, electionResults, electionRounds, elections, facilities, memberUnits, tenants,
} from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../auth/principal.js';
import { committeePositionLabels, committeePositions, committeeSystemLabels, committeeSystems } from '../committees/rules.js';
import { communityTypeLabels } from '../communities/rules.js';
import { resolutionView, unitNames } from '../conferences/agenda.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { electionModeLabels } from '../elections/rules.js';
import { notFound } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { facilityKindLabels, facilityKinds } from '../services/rules.js';
import { shanghaiTime } from '../time.js';
import { msg } from './messages.js';
import type { PublicCommunityPage, PublicPageInput } from './schemas.js';
import { publicDecisions } from '../assemblies/service.js';

/** Anyone reading a public page: no login, scoped to the one city of the path so its tenant's row-level security applies. */
const publicPrincipal = (tenant: string): Principal => cityScopedSystem('public-page', tenant);

const positionRank = new Map(committeePositions.map((p, i) => [p, i]));
const byPosition = <T extends { position: (typeof committeePositions)[number]; name: string }>(rows: T[]) =>
  [...rows].sort((a, b) => positionRank.get(a.position)! - positionRank.get(b.position)! || a.name.localeCompare(b.name, 'zh'));

/** Upcoming meetings shown, and public resolutions: a page, not an archive. */
const UPCOMING = 6;
const RESOLUTIONS = 50;

/**
 * 居务公开: one community's public page. A community the city has not marked publishable, a code of another city, a
 * community no longer in force and any community of a city that is not active all answer the same 404.
 */
export async function readPublicCommunity({ ctx, input }: Call<PublicPageInput>): Promise<PublicCommunityPage> {
  const { cityCode, communityCode } = input;
  const missing = () => notFound(msg.public_page_not_found({ cityCode, communityCode }));
  if (!communityCode.startsWith(cityCode)) throw missing();
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  return withTenant(ctx.db, publicPrincipal(cityCode), async (tx) => {
    const [city] = await tx.select({ name: tenants.name, status: tenants.status }).from(tenants).where(eq(tenants.code, cityCode));
    if (city?.status !== 'active') throw missing();
    const [found] = await tx
      .select({ name: divisions.name, streetCode: divisions.parentCode, p: communityProfiles })
      .from(divisions)
      .innerJoin(communityProfiles, eq(communityProfiles.code, divisions.code))
      .where(and(eq(divisions.code, communityCode), eq(divisions.level, 'village'), eq(divisions.kind, 'residents_committee'), inForce(today), eq(communityProfiles.publishable, true)));
    if (!found) throw missing();
    const streetCode = found.streetCode ?? communityCode.slice(0, 9);
    const conveners = [streetCode, communityCode.slice(0, 6)];
    const names = await unitNames(tx, conveners, now);
    const [committee] = await tx.select().from(committees).where(eq(committees.communityCode, communityCode));
    return {
      city: { code: cityCode, name: city.name },
      community: { code: communityCode, name: found.name, streetName: names.get(streetCode) ?? null, type: found.p.type, typeLabel: found.p.type ? communityTypeLabels[found.p.type] : null },
      committee: { name: committee?.name ?? null, officeAddress: found.p.officeAddress, serviceHotline: found.p.serviceHotline },
      ...(await committeeFacts(tx, committee, today)),
      election: await announcement(tx, communityCode),
      conferences: await conferenceFacts(tx, conveners, names, now),
      facilities: (await tx.select().from(facilities).where(eq(facilities.unitCode, communityCode)).orderBy(asc(facilities.name)))
        .sort((a, b) => facilityKinds.indexOf(a.kind) - facilityKinds.indexOf(b.kind))
        .map((f) => ({
        name: f.name, kind: f.kind, kindLabel: facilityKindLabels[f.kind], address: f.address, openingHours: f.openingHours,
      })),
      decisions: (await publicDecisions(tx, communityCode)).map(({ heldOn, matter, votesFor, votesAgainst, abstentions }) => ({ heldOn, matter, votesFor, votesAgainst, abstentions })),
    };
  });
}

async function committeeFacts(tx: Tx, committee: typeof committees.$inferSelect | undefined, today: string): Promise<Pick<PublicCommunityPage, 'members' | 'systems'>> {
  if (!committee) return { members: [], systems: committeeSystems.map((system) => ({ system, label: committeeSystemLabels[system], adopted: false, adoptedOn: null })) };
  const members = committee.currentTermId
    ? await tx
      .select({ name: committeeMembers.name, position: committeeMembers.position })
      .from(committeeMembers)
      .where(and(eq(committeeMembers.committeeId, committee.id), eq(committeeMembers.termId, committee.currentTermId), sql`(${committeeMembers.leftOn} is null or ${committeeMembers.leftOn} > ${today})`))
    : [];
  const adopted = await tx
    .select({ system: committeeSystemRecords.system, adoptedOn: committeeSystemRecords.adoptedOn })
    .from(committeeSystemRecords)
    .where(and(eq(committeeSystemRecords.committeeId, committee.id), lte(committeeSystemRecords.adoptedOn, today)));
  return {
    members: byPosition(members).map((m) => ({ name: m.name, position: m.position, positionLabel: committeePositionLabels[m.position] })),
    systems: committeeSystems.map((system) => {
      const on = adopted.find((a) => a.system === system)?.adoptedOn ?? null;
      return { system, label: committeeSystemLabels[system], adopted: on !== null, adoptedOn: on };
    }),
  };
}

/** 选举结果公告: the certified sheets of the latest certified election (its latest certification), as announced. */
async function announcement(tx: Tx, communityCode: string): Promise<PublicCommunityPage['election']> {
  const [latest] = await tx
    .select({ e: elections, c: electionCertifications })
    .from(electionCertifications)
    .innerJoin(elections, eq(elections.id, electionCertifications.electionId))
    .where(eq(elections.communityCode, communityCode))
    .orderBy(desc(elections.electionDate), desc(elections.createdAt), desc(electionCertifications.version))
    .limit(1);
  if (!latest) return null;
  const { e, c } = latest;
  const rounds = await tx.select().from(electionRounds).where(eq(electionRounds.electionId, e.id)).orderBy(asc(electionRounds.roundNumber));
  const results = c.resultIds.length ? await tx.select().from(electionResults).where(inArray(electionResults.id, c.resultIds)) : [];
  const candidates = await tx.select({ id: electionCandidates.id, name: electionCandidates.name }).from(electionCandidates).where(eq(electionCandidates.electionId, e.id));
  const nameOf = new Map(candidates.map((x) => [x.id, x.name]));
  return {
    electionDate: e.electionDate,
    mode: e.mode,
    modeLabel: electionModeLabels[e.mode],
    certifiedOn: shanghaiDate(c.certifiedAt),
    rounds: rounds.flatMap((round) => {
      const result = results.find((r) => r.roundId === round.id);
      if (!result) return [];
      const votes = new Map(result.votes.map((v) => [v.candidateId, v.votes]));
      const elected = result.tally.elected.map((w) => ({ name: nameOf.get(w.candidateId) ?? '', position: w.position, positionLabel: committeePositionLabels[w.position], votes: votes.get(w.candidateId) ?? 0 }));
      return [{
        round: round.roundNumber,
        heldOn: round.heldOn,
        registeredVoters: result.registeredVoters,
        ballotsIssued: result.ballotsIssued,
        ballotsReturned: result.ballotsReturned,
        validBallots: result.validBallots,
        invalidBallots: result.invalidBallots,
        elected: byPosition(elected),
      }];
    }),
  };
}

/** The joint conferences its street (or district) convenes: the next meetings, and the resolutions marked public. */
async function conferenceFacts(tx: Tx, conveners: string[], names: Map<string, string>, now: Date): Promise<PublicCommunityPage['conferences']> {
  const upcoming = await tx
    .select({ title: conferenceSeries.title, convenerUnit: conferenceSeries.convenerUnit, startsAt: conferenceOccurrences.startsAt, endsAt: conferenceOccurrences.endsAt, venue: conferenceOccurrences.venue })
    .from(conferenceOccurrences)
    .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
    .where(and(inArray(conferenceSeries.convenerUnit, conveners), eq(conferenceOccurrences.status, 'scheduled'), gte(conferenceOccurrences.startsAt, now)))
    .orderBy(asc(conferenceOccurrences.startsAt))
    .limit(UPCOMING);
  const resolutions = await tx
    .select({ r: conferenceResolutions, memberUnitName: memberUnits.name })
    .from(conferenceResolutions)
    .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceResolutions.seriesId))
    .leftJoin(memberUnits, eq(memberUnits.id, conferenceResolutions.ownerMemberUnitId))
    .where(and(inArray(conferenceSeries.convenerUnit, conveners), eq(conferenceResolutions.public, true)))
    .orderBy(desc(conferenceResolutions.dueDate), asc(conferenceResolutions.title))
    .limit(RESOLUTIONS);
  const owners = await unitNames(tx, resolutions.flatMap(({ r }) => (r.ownerUnit ? [r.ownerUnit] : [])), now);
  const today = shanghaiDate(now);
  return {
    upcoming: upcoming.map((o) => ({ title: o.title, convenerName: names.get(o.convenerUnit) ?? null, startsAtLocal: shanghaiTime(o.startsAt), endsAtLocal: shanghaiTime(o.endsAt), venue: o.venue })),
    resolutions: resolutions.map(({ r, memberUnitName }) => {
      const { title, ownerName, dueDate, status, overdue, statusLabel } = resolutionView(r, memberUnitName ?? (r.ownerUnit ? (owners.get(r.ownerUnit) ?? null) : null), today);
      return { title, ownerName, dueDate, status, overdue, statusLabel };
    }),
  };
}
