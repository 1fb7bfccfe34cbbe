import { boolean, date, index, integer, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { committeePositions, committeeSystems, partyOrganisationTypes } from '../../shared/committees/rules.js';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { genders, departureReasons } from '../../shared/committees/rules.js';
import type { SeatPlan } from '../../shared/committees/rules.js';

/** 社区居民委员会: one per community, by its 12-digit division code. */
export const committees = pgTable(
  'committees',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    communityCode: text('community_code').notNull(),
    name: text('name').notNull(),
    /** The size the street proposed, agreed by most resident representatives. */
    proposedSize: smallint('proposed_size'),
    sizeRepresentatives: integer('size_representatives'),
    sizeConsenting: integer('size_consenting'),
    sizeAgreedOn: date('size_agreed_on', { mode: 'string' }),
    currentTermId: uuid('current_term_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('committees_tenant_community').on(t.tenantId, t.communityCode),
    index('committees_tenant_code_prefix').on(t.tenantId, t.communityCode.op('text_pattern_ops')),
    tenantIsolation('committees'),
  ],
);

/** 届: a term, started by a certified election; it ends (exclusive) after the province's term length. */
export const committeeTerms = pgTable(
  'committee_terms',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    termNumber: integer('term_number').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    seats: jsonb('seats').$type<SeatPlan>().notNull(),
    electionId: uuid('election_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('committee_terms_tenant_committee_number').on(t.tenantId, t.committeeId, t.termNumber),
    index('committee_terms_tenant_ends').on(t.tenantId, t.endsOn),
    tenantIsolation('committee_terms'),
  ],
);

/** A member of one term. Phone and ID number are sealed (AES-256-GCM under the tenant's data key), never plaintext. */
export const committeeMembers = pgTable(
  'committee_members',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    termId: uuid('term_id').notNull(),
    name: text('name').notNull(),
    gender: text('gender', { enum: genders }).notNull(),
    birthYear: smallint('birth_year').notNull(),
    phoneSealed: text('phone_sealed'),
    idNumberSealed: text('id_number_sealed'),
    position: text('position', { enum: committeePositions }).notNull(),
    partyMember: boolean('party_member').notNull().default(false),
    /** 不脱离生产: keeps their job while serving. */
    keepsJob: boolean('keeps_job').notNull().default(true),
    /** 任期职务补贴, yuan per month. */
    allowanceYuanPerMonth: integer('allowance_yuan_per_month'),
    candidateId: uuid('candidate_id'),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    departureReason: text('departure_reason', { enum: departureReasons }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('committee_members_tenant_committee').on(t.tenantId, t.committeeId, t.termId),
    tenantIsolation('committee_members'),
  ],
);

/** The three written systems, each with the day it was adopted and where the document is. */
export const committeeSystemRecords = pgTable(
  'committee_systems',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    system: text('system', { enum: committeeSystems }).notNull(),
    adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
    documentRef: text('document_ref').notNull(),
    recordedBy: text('recorded_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('committee_systems_tenant_committee_system').on(t.tenantId, t.committeeId, t.system),
    tenantIsolation('committee_systems'),
  ],
);

/** 专门工作委员会 (e.g. 人民调解、治安保卫、公共卫生). */
export const workingCommittees = pgTable(
  'working_committees',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    name: text('name').notNull(),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('working_committees_tenant_committee_name').on(t.tenantId, t.committeeId, t.name),
    tenantIsolation('working_committees'),
  ],
);

/** 社会工作者 hired by the committee; their phone is sealed like a member's. */
export const socialWorkers = pgTable(
  'social_workers',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    committeeId: uuid('committee_id').notNull(),
    name: text('name').notNull(),
    phoneSealed: text('phone_sealed'),
    role: text('role').notNull(),
    hiredOn: date('hired_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('social_workers_tenant_committee').on(t.tenantId, t.committeeId),
    tenantIsolation('social_workers'),
  ],
);

/**
 * 社区党组织: the community's party organisation (one per community), with its secretary. Whether the secretary also
 * chairs the residents' committee (交叉任职) is read from the committee's serving chair; the recorded flag stands only
 * while the committee has no chair.
 */
export const communityPartyOrganisations = pgTable(
  'community_party_organisations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    communityCode: text('community_code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: partyOrganisationTypes }).notNull(),
    secretaryName: text('secretary_name').notNull(),
    secretaryChairsRecorded: boolean('secretary_chairs_recorded'),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('community_party_organisations_tenant_community').on(t.tenantId, t.communityCode),
    tenantIsolation('community_party_organisations'),
  ],
);

/** A tenant's personal-data key, only ever wrapped by the master key; offboarding deletes it with the tenant's rows. */
export const tenantDataKeys = pgTable(
  'tenant_data_keys',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.code),
    keyId: text('key_id').notNull(),
    wrappedKey: text('wrapped_key').notNull(),
    masterKeyId: text('master_key_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  () => [tenantIsolation('tenant_data_keys')],
);
