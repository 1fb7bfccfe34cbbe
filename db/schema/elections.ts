import { boolean, date, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { committeePositions, genders } from '../../shared/committees/rules.js';
import { electionModes } from '../../shared/elections/rules.js';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import type { SeatPlan } from '../../shared/committees/rules.js';
import type { CandidateVotes, RoundTally } from '../../shared/elections/rules.js';

export const elections = pgTable(
  'elections',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    communityCode: text('community_code').notNull(),
    electionDate: date('election_date', { mode: 'string' }).notNull(),
    mode: text('mode', { enum: electionModes }).notNull(),
    seats: jsonb('seats').$type<SeatPlan>().notNull(),
    registeredVoters: integer('registered_voters').notNull(),
    /** Why the seats differ from the committee's agreed size (e.g. a by-election fills vacancies only); null when they match. */
    seatsReason: text('seats_reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('elections_tenant_community').on(t.tenantId, t.communityCode, t.electionDate),
    tenantIsolation('elections'),
  ],
);

/** Round 1 fills the plan's seats; each further round (另行选举) the seats earlier rounds left. */
export const electionRounds = pgTable(
  'election_rounds',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    electionId: uuid('election_id').notNull(),
    roundNumber: smallint('round_number').notNull(),
    seats: jsonb('seats').$type<SeatPlan>().notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_rounds_tenant_election_round').on(t.tenantId, t.electionId, t.roundNumber),
    tenantIsolation('election_rounds'),
  ],
);

/** A candidate in one round; phone and ID number sealed, so a winner's can be carried into the committee. */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    electionId: uuid('election_id').notNull(),
    roundId: uuid('round_id').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: genders }).notNull(),
    birthYear: smallint('birth_year').notNull(),
    position: text('position', { enum: committeePositions }).notNull(),
    phoneSealed: text('phone_sealed'),
    idNumberSealed: text('id_number_sealed'),
    partyMember: boolean('party_member').notNull().default(false),
    keepsJob: boolean('keeps_job').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('election_candidates_tenant_round').on(t.tenantId, t.electionId, t.roundId),
    tenantIsolation('election_candidates'),
  ],
);

/**
 * The sheet of one round as counted in public: counts only, never who voted for whom. Every recording is a new
 * version and no row is ever changed; a trigger refuses UPDATE and DELETE (offboarding aside).
 */
export const electionResults = pgTable(
  'election_results',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    electionId: uuid('election_id').notNull(),
    roundId: uuid('round_id').notNull(),
    version: integer('version').notNull(),
    registeredVoters: integer('registered_voters').notNull(),
    ballotsIssued: integer('ballots_issued').notNull(),
    ballotsReturned: integer('ballots_returned').notNull(),
    validBallots: integer('valid_ballots').notNull(),
    invalidBallots: integer('invalid_ballots').notNull(),
    votes: jsonb('votes').$type<CandidateVotes[]>().notNull(),
    tally: jsonb('tally').$type<RoundTally>().notNull(),
    reason: text('reason'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_results_tenant_round_version').on(t.tenantId, t.roundId, t.version),
    index('election_results_tenant_election').on(t.tenantId, t.electionId),
    tenantIsolation('election_results'),
  ],
);

/**
 * A certification freezes an election's result versions under a hash chained to the tenant's previous certification.
 * A correction is a further certification of newer versions, with a reason. Rows are immutable in the database.
 */
export const electionCertifications = pgTable(
  'election_certifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    electionId: uuid('election_id').notNull(),
    /** Position in the tenant's chain, from 1. */
    seq: integer('seq').notNull(),
    /** 1 for the certification, 2 and on for corrections. */
    version: integer('version').notNull(),
    reason: text('reason'),
    resultIds: uuid('result_ids').array().notNull(),
    previousHash: text('previous_hash').notNull(),
    contentHash: text('content_hash').notNull(),
    termId: uuid('term_id'),
    certifiedBy: text('certified_by').notNull(),
    certifiedAt: timestamp('certified_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('election_certifications_tenant_seq').on(t.tenantId, t.seq),
    unique('election_certifications_tenant_election_version').on(t.tenantId, t.electionId, t.version),
    tenantIsolation('election_certifications'),
  ],
);
