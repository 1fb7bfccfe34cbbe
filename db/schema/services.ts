import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { memberUnits } from './conferences.js';
import { tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { facilityKinds, fundingSources, profitStatuses, registrationAuthorities, ledgerKinds } from '../../shared/services/rules.js';

/** 社区服务设施: offices, service centres, 小广场/小乐园/小绿地, hotlines, online platforms; a member unit's facility opened to residents links to it. */
export const facilities = pgTable(
  'facilities',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    unitCode: text('unit_code').notNull(),
    kind: text('kind', { enum: facilityKinds }).notNull(),
    name: text('name').notNull(),
    areaM2: numeric('area_m2', { precision: 12, scale: 2, mode: 'number' }),
    address: text('address'),
    openingHours: text('opening_hours'),
    contact: text('contact'),
    openedByMemberUnitId: uuid('opened_by_member_unit_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('facilities_tenant_unit').on(t.tenantId, t.unitCode.op('text_pattern_ops'), t.kind),
    index('facilities_tenant_member_unit').on(t.tenantId, t.openedByMemberUnitId),
    foreignKey({ name: 'facilities_member_unit_fk', columns: [t.tenantId, t.openedByMemberUnitId], foreignColumns: [memberUnits.tenantId, memberUnits.id] }),
    check('facilities_area_positive', sql`area_m2 is null or area_m2 > 0`),
    tenantIsolation('facilities'),
  ],
);

/** 社区服务单位, with the registration authority the policy assigns (computed by shared/services/rules.ts). */
export const serviceUnits = pgTable(
  'service_units',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    unitCode: text('unit_code').notNull(),
    name: text('name').notNull(),
    services: text('services').array().notNull(),
    targets: text('targets').array().notNull(),
    funding: text('funding', { enum: fundingSources }).notNull(),
    profitStatus: text('profit_status', { enum: profitStatuses }).notNull(),
    nonStateAssetsYuan: bigint('non_state_assets_yuan', { mode: 'bigint' }).notNull(),
    totalAssetsYuan: bigint('total_assets_yuan', { mode: 'bigint' }).notNull(),
    registrationAuthority: text('registration_authority', { enum: registrationAuthorities }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('service_units_tenant_unit_name').on(t.tenantId, t.unitCode, t.name),
    check('service_units_assets', sql`non_state_assets_yuan >= 0 and non_state_assets_yuan <= total_assets_yuan`),
    tenantIsolation('service_units'),
  ],
);

/** 行业管理和认证制度: a certificate a service unit holds; a renewal is a further row, the latest certified is current. */
export const serviceUnitCertifications = pgTable(
  'service_unit_certifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    serviceUnitId: uuid('service_unit_id').notNull(),
    certifyingBody: text('certifying_body').notNull(),
    certificateNumber: text('certificate_number').notNull(),
    certifiedOn: date('certified_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('service_unit_certifications_tenant_unit').on(t.tenantId, t.serviceUnitId, t.certifiedOn),
    index('service_unit_certifications_tenant_expires').on(t.tenantId, t.expiresOn),
    check('service_unit_certifications_dates', sql`expires_on > certified_on`),
    tenantIsolation('service_unit_certifications'),
  ],
);

export const volunteerOrganisations = pgTable(
  'volunteer_organisations',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    unitCode: text('unit_code').notNull(),
    name: text('name').notNull(),
    foundedOn: date('founded_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('volunteer_organisations_tenant_id').on(t.tenantId, t.id),
    unique('volunteer_organisations_tenant_unit_name').on(t.tenantId, t.unitCode, t.name),
    tenantIsolation('volunteer_organisations'),
  ],
);

/** A volunteer with a 社区服务登记卡; name and phone are personal data, never shown unmasked and never sent upward. */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    cardNumber: text('card_number').notNull(),
    name: text('name').notNull(),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    communityCode: text('community_code').notNull(),
    organisationId: uuid('organisation_id'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('volunteers_tenant_id').on(t.tenantId, t.id),
    unique('volunteers_tenant_card').on(t.tenantId, t.cardNumber),
    index('volunteers_tenant_community').on(t.tenantId, t.communityCode.op('text_pattern_ops')),
    foreignKey({ name: 'volunteers_organisation_fk', columns: [t.tenantId, t.organisationId], foreignColumns: [volunteerOrganisations.tenantId, volunteerOrganisations.id] }),
    tenantIsolation('volunteers'),
  ],
);

/**
 * 劳动储蓄: an append-only ledger of minutes (deposits confirmed by a community, draws, corrections as new entries).
 * A trigger adds every entry to the volunteer's balance row in the same transaction; its CHECK keeps it at or above zero.
 */
export const timeBankEntries = pgTable(
  'time_bank_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    volunteerId: uuid('volunteer_id').notNull(),
    kind: text('kind', { enum: ledgerKinds }).notNull(),
    minutes: integer('minutes').notNull(),
    communityCode: text('community_code').notNull(),
    service: text('service').notNull(),
    serviceDate: date('service_date', { mode: 'string' }).notNull(),
    correctsEntryId: uuid('corrects_entry_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('time_bank_entries_tenant_id').on(t.tenantId, t.id),
    index('time_bank_entries_tenant_volunteer').on(t.tenantId, t.volunteerId, t.recordedAt),
    index('time_bank_entries_tenant_community').on(t.tenantId, t.communityCode.op('text_pattern_ops')),
    foreignKey({ name: 'time_bank_entries_volunteer_fk', columns: [t.tenantId, t.volunteerId], foreignColumns: [volunteers.tenantId, volunteers.id] }),
    foreignKey({ name: 'time_bank_entries_corrects_fk', columns: [t.tenantId, t.correctsEntryId], foreignColumns: [t.tenantId, t.id] }),
    uniqueIndex('time_bank_entries_corrected_once').on(t.tenantId, t.correctsEntryId).where(sql`corrects_entry_id is not null`),
    check(
      'time_bank_entries_sign',
      sql`(kind = 'deposit' and minutes > 0 and corrects_entry_id is null) or (kind = 'draw' and minutes < 0 and corrects_entry_id is null) or (kind = 'correction' and minutes <> 0 and corrects_entry_id is not null)`,
    ),
    tenantIsolation('time_bank_entries'),
  ],
);

export const volunteerBalances = pgTable(
  'volunteer_balances',
  {
    tenantId: text('tenant_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    balanceMinutes: integer('balance_minutes').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_balances_pk', columns: [t.tenantId, t.volunteerId] }),
    foreignKey({ name: 'volunteer_balances_volunteer_fk', columns: [t.tenantId, t.volunteerId], foreignColumns: [volunteers.tenantId, volunteers.id] }),
    check('volunteer_balances_non_negative', sql`balance_minutes >= 0`),
    tenantIsolation('volunteer_balances'),
  ],
);
