import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Tx } from '../../db/client.js';
import { divisions, memberUnits } from '../../db/schema/index.js';
import { facilities, serviceUnitCertifications, serviceUnits, timeBankEntries, volunteerBalances, volunteerOrganisations, volunteers } from '../../db/schema/services.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, roleLabel, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { divisionNames, inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { maskPhone, parsePhone } from '../personal-data/identifiers.js';
import { personalDataCipher } from '../personal-data/service.js';
import { scopeOf } from '../reform/service.js';
import {
  assetProblems,
  correctionProblem,
  facilityKindLabels,
  facilityProblems,
  hoursOf,
  ledgerKindLabels,
  ledgerTotals,
  registrationAuthority,
  registrationAuthorityLabels,
  serviceWriters,
  signedMinutes,
} from './rules.js';
import type {
  FacilityInput,
  FacilityPatch,
  FacilityQuery,
  FacilityView,
  LedgerEntryView,
  LedgerInput,
  LedgerView,
  OrganisationInput,
  OrganisationQuery,
  OrganisationView,
  ServiceUnitInput,
  ServiceUnitPatch,
  ServiceUnitQuery,
  ServiceUnitView,
  VolunteerInput,
  VolunteerQuery,
  VolunteerView,
} from './schemas.js';
import { msg } from './messages.js';
import { certificationState, currentCertifications } from './certifications.js';
import { msg as hierarchyMsg } from '../hierarchy/messages.js';
import { msg as communitiesMsg } from '../communities/messages.js';
import { common } from '../messages.js';
import { offsetOf, orderOf, searchOf } from '../lists.js';

type Page<T> = { items: T[]; total: number; page: number; size: number };

/** The division row naming a unit today (a unit that has ceased keeps its code and shows no name). */
/** The version of a unit in force on a day (today, by the injected clock): the name a view shows. */
const namingDivision = (code: AnyPgColumn, asOf: string) => and(eq(divisions.code, code), inForce(asOf));

async function divisionName(tx: Tx, code: string, asOf: string): Promise<string | null> {
  const [row] = await tx.select({ name: divisions.name }).from(divisions).where(and(eq(divisions.code, code), inForce(asOf)));
  return row?.name ?? null;
}


function requireWriter(role: string): void {
  if (!(serviceWriters as readonly string[]).includes(role)) throw new AppError('forbidden', msg.role_may_not_change_services({ role: roleLabel(role) }));
}

async function requireUnitOnMap(tx: Tx, code: string, today: string, field: string): Promise<void> {
  const [row] = await tx.select({ code: divisions.code }).from(divisions).where(and(eq(divisions.code, code), inForce(today)));
  if (!row) throw new AppError('validation_failed', msg.unit_not_on_map_today({ code }), { errors: [{ path: field, message: msg.unit_not_in_force_today({ code }) }] });
}

function ruleProblems(problems: FieldProblem[], rule: string): void {
  if (problems.length) throw new AppError('validation_failed', common.fields_invalid({ count: problems.length }), { rule, errors: problems });
}

type FacilityRow = typeof facilities.$inferSelect;
const facilityView = (f: FacilityRow, memberUnitName: string | null, unitName: string | null): FacilityView => ({
  id: f.id,
  unitCode: f.unitCode,
  unitName,
  kind: f.kind,
  kindLabel: facilityKindLabels[f.kind],
  name: f.name,
  areaM2: f.areaM2,
  address: f.address,
  openingHours: f.openingHours,
  contact: f.contact,
  openedBy: f.openedByMemberUnitId ? { memberUnitId: f.openedByMemberUnitId, name: memberUnitName ?? '' } : null,
  createdAt: f.createdAt.toISOString(),
  updatedAt: f.updatedAt.toISOString(),
});

export async function createFacility({ ctx, input }: Call<FacilityInput>): Promise<FacilityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
  requireWriter(principal.role);
  const values = {
    kind: input.kind,
    name: input.name,
    areaM2: input.areaM2 ?? null,
    address: input.address ?? null,
    openingHours: input.openingHours ?? null,
    contact: input.contact ?? null,
    openedByMemberUnitId: input.openedBy ?? null,
  };
  ruleProblems(facilityProblems(values), 'facility');
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await requireUnitOnMap(tx, input.unitCode, shanghaiDate(now), 'body.unitCode');
    const memberUnitName = values.openedByMemberUnitId ? await openingMemberUnitName(tx, input.unitCode, values.openedByMemberUnitId) : null;
    const [row] = await tx
      .insert(facilities)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, unitCode: input.unitCode, ...values, createdBy: principal.subject, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, ctx, { action: 'facility.created', entity: 'facility', entityId: row!.id, detail: { unitCode: input.unitCode, kind: input.kind } });
    return facilityView(row!, memberUnitName, await divisionName(tx, input.unitCode, shanghaiDate(ctx.clock.now())));
  });
}

async function memberUnitNameOf(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [unit] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, id));
  return unit?.name ?? null;
}

/**
 * The member unit a facility is opened by, checked as conference invitees are: an active member unit of the street the
 * facility lies in; another street's unit looks unknown.
 */
async function openingMemberUnitName(tx: Tx, facilityUnit: string, id: string): Promise<string> {
  const [unit] = await tx.select({ name: memberUnits.name, streetCode: memberUnits.streetCode, active: memberUnits.active }).from(memberUnits).where(eq(memberUnits.id, id));
  if (!unit || !unitCovers(unit.streetCode, facilityUnit)) {
    throw new AppError('validation_failed', msg.member_unit_unknown(), { errors: [{ path: 'body.openedBy', message: msg.member_unit_not_of_street({ id, facilityUnit }) }] });
  }
  if (!unit.active) throw new AppError('validation_failed', msg.member_unit_inactive(), { errors: [{ path: 'body.openedBy', message: msg.member_unit_inactive_id({ id }) }] });
  return unit.name;
}

async function loadFacility(tx: Tx, unit: string, id: string): Promise<FacilityRow> {
  const [row] = await tx.select().from(facilities).where(eq(facilities.id, id));
  if (!row || !unitCovers(unit, row.unitCode)) throw notFound(msg.facility_not_found({ id }));
  return row;
}

export async function getFacility({ ctx, input }: Call<{ id: string }>): Promise<FacilityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadFacility(tx, principal.unit, input.id);
    return facilityView(row, await memberUnitNameOf(tx, row.openedByMemberUnitId), await divisionName(tx, row.unitCode, shanghaiDate(ctx.clock.now())));
  });
}

export async function updateFacility({ ctx, input }: Call<{ id: string; patch: FacilityPatch }>): Promise<FacilityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await loadFacility(tx, principal.unit, input.id);
    requireWriter(principal.role);
    const p = input.patch;
    const next = {
      name: p.name ?? current.name,
      areaM2: p.areaM2 !== undefined ? p.areaM2 : current.areaM2,
      address: p.address !== undefined ? p.address : current.address,
      openingHours: p.openingHours !== undefined ? p.openingHours : current.openingHours,
      contact: p.contact !== undefined ? p.contact : current.contact,
      openedByMemberUnitId: p.openedBy !== undefined ? p.openedBy : current.openedByMemberUnitId,
    };
    ruleProblems(facilityProblems({ kind: current.kind, ...next }), 'facility');
    const memberUnitName = p.openedBy ? await openingMemberUnitName(tx, current.unitCode, p.openedBy) : await memberUnitNameOf(tx, next.openedByMemberUnitId);
    const [row] = await tx.update(facilities).set({ ...next, updatedAt: now }).where(eq(facilities.id, current.id)).returning();
    await recordAudit(tx, ctx, { action: 'facility.updated', entity: 'facility', entityId: current.id, detail: { fields: Object.keys(p) } });
    return facilityView(row!, memberUnitName, await divisionName(tx, current.unitCode, shanghaiDate(ctx.clock.now())));
  });
}

/** One page of the facilities of my unit (or a unit below it), by kind, searched by name, sorted on the server. */
export async function listFacilities({ ctx, input }: Call<FacilityQuery>): Promise<Page<FacilityView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const where = and(like(facilities.unitCode, `${scope}%`), input.kind ? eq(facilities.kind, input.kind) : undefined, searchOf(input.q, facilities.name));
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(facilities).where(where);
    const rows = await tx
      .select({ f: facilities, memberUnitName: memberUnits.name, unitName: divisions.name })
      .from(facilities)
      .leftJoin(memberUnits, and(eq(memberUnits.tenantId, facilities.tenantId), eq(memberUnits.id, facilities.openedByMemberUnitId)))
      .leftJoin(divisions, namingDivision(facilities.unitCode, shanghaiDate(ctx.clock.now())))
      .where(where)
      .orderBy(...orderOf(input, { name: facilities.name, unit: facilities.unitCode, kind: facilities.kind }, facilities.unitCode, facilities.name, facilities.id))
      .limit(input.size)
      .offset(offsetOf(input));
    return { items: rows.map(({ f, memberUnitName, unitName }) => facilityView(f, memberUnitName, unitName)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

type ServiceUnitRow = typeof serviceUnits.$inferSelect;
function serviceUnitView(u: ServiceUnitRow, unitName: string | null, certified: Map<string, typeof serviceUnitCertifications.$inferSelect>, today: string): ServiceUnitView {
  const decided = registrationAuthority(u);
  return {
    id: u.id,
    unitCode: u.unitCode,
    unitName,
    name: u.name,
    services: u.services,
    targets: u.targets as ServiceUnitView['targets'],
    funding: u.funding,
    profitStatus: u.profitStatus,
    nonStateAssetsYuan: Number(u.nonStateAssetsYuan),
    totalAssetsYuan: Number(u.totalAssetsYuan),
    registrationAuthority: u.registrationAuthority,
    registrationAuthorityLabel: registrationAuthorityLabels[u.registrationAuthority],
    registrationReason: decided.reason,
    certification: certificationState(certified.get(u.id), today),
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

function standingOf(s: { funding: ServiceUnitRow['funding']; profitStatus: ServiceUnitRow['profitStatus']; nonStateAssetsYuan: bigint; totalAssetsYuan: bigint }) {
  ruleProblems(assetProblems(s.nonStateAssetsYuan, s.totalAssetsYuan), 'service_unit_assets');
  return registrationAuthority(s).authority;
}

export async function createServiceUnit({ ctx, input }: Call<ServiceUnitInput>): Promise<ServiceUnitView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
  requireWriter(principal.role);
  const standing = { funding: input.funding, profitStatus: input.profitStatus, nonStateAssetsYuan: BigInt(input.nonStateAssetsYuan), totalAssetsYuan: BigInt(input.totalAssetsYuan) };
  const authority = standingOf(standing);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await requireUnitOnMap(tx, input.unitCode, shanghaiDate(now), 'body.unitCode');
    const [row] = await tx
      .insert(serviceUnits)
      .values({
        id: newId(now.getTime()),
        tenantId: principal.tenant,
        unitCode: input.unitCode,
        name: input.name,
        services: input.services,
        targets: [...new Set(input.targets)],
        ...standing,
        registrationAuthority: authority,
        createdBy: principal.subject,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.already_registered_at({ name: input.name, unitCode: input.unitCode }));
    await recordAudit(tx, ctx, { action: 'service_unit.created', entity: 'service_unit', entityId: row.id, detail: { unitCode: input.unitCode, registrationAuthority: authority } });
    const today = shanghaiDate(ctx.clock.now());
    return serviceUnitView(row, await divisionName(tx, row.unitCode, today), new Map(), today);
  });
}

async function loadServiceUnit(tx: Tx, unit: string, id: string): Promise<ServiceUnitRow> {
  const [row] = await tx.select().from(serviceUnits).where(eq(serviceUnits.id, id));
  if (!row || !unitCovers(unit, row.unitCode)) throw notFound(msg.service_unit_not_found({ id }));
  return row;
}

export async function getServiceUnit({ ctx, input }: Call<{ id: string }>): Promise<ServiceUnitView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadServiceUnit(tx, principal.unit, input.id);
    const today = shanghaiDate(ctx.clock.now());
    return serviceUnitView(row, await divisionName(tx, row.unitCode, today), await currentCertifications(tx, [row.id]), today);
  });
}

export async function updateServiceUnit({ ctx, input }: Call<{ id: string; patch: ServiceUnitPatch }>): Promise<ServiceUnitView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await loadServiceUnit(tx, principal.unit, input.id);
    requireWriter(principal.role);
    const p = input.patch;
    const standing = {
      funding: p.funding ?? current.funding,
      profitStatus: p.profitStatus ?? current.profitStatus,
      nonStateAssetsYuan: p.nonStateAssetsYuan !== undefined ? BigInt(p.nonStateAssetsYuan) : current.nonStateAssetsYuan,
      totalAssetsYuan: p.totalAssetsYuan !== undefined ? BigInt(p.totalAssetsYuan) : current.totalAssetsYuan,
    };
    const authority = standingOf(standing);
    const [row] = await tx
      .update(serviceUnits)
      .set({
        name: p.name ?? current.name,
        services: p.services ?? current.services,
        targets: p.targets ? [...new Set(p.targets)] : current.targets,
        ...standing,
        registrationAuthority: authority,
        updatedAt: now,
      })
      .where(eq(serviceUnits.id, current.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'service_unit.updated', entity: 'service_unit', entityId: current.id, detail: { fields: Object.keys(p), registrationAuthority: authority } });
    const today = shanghaiDate(ctx.clock.now());
    return serviceUnitView(row!, await divisionName(tx, current.unitCode, today), await currentCertifications(tx, [current.id]), today);
  });
}

/** One page of the service units of my unit (or a unit below it), searched by name, sorted on the server. */
export async function listServiceUnits({ ctx, input }: Call<ServiceUnitQuery>): Promise<Page<ServiceUnitView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const where = and(like(serviceUnits.unitCode, `${scope}%`), searchOf(input.q, serviceUnits.name));
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(serviceUnits).where(where);
    const rows = await tx
      .select({ u: serviceUnits, unitName: divisions.name })
      .from(serviceUnits)
      .leftJoin(divisions, namingDivision(serviceUnits.unitCode, shanghaiDate(ctx.clock.now())))
      .where(where)
      .orderBy(...orderOf(input, { name: serviceUnits.name, unit: serviceUnits.unitCode, authority: serviceUnits.registrationAuthority }, serviceUnits.unitCode, serviceUnits.name, serviceUnits.id))
      .limit(input.size)
      .offset(offsetOf(input));
    const today = shanghaiDate(ctx.clock.now());
    const certified = await currentCertifications(tx, rows.map(({ u }) => u.id));
    return { items: rows.map(({ u, unitName }) => serviceUnitView(u, unitName, certified, today)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

export async function createOrganisation({ ctx, input }: Call<OrganisationInput>): Promise<OrganisationView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
  requireWriter(principal.role);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await requireUnitOnMap(tx, input.unitCode, shanghaiDate(now), 'body.unitCode');
    const [row] = await tx
      .insert(volunteerOrganisations)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, unitCode: input.unitCode, name: input.name, foundedOn: input.foundedOn ?? null, createdBy: principal.subject, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.already_registered_at({ name: input.name, unitCode: input.unitCode }));
    await recordAudit(tx, ctx, { action: 'volunteer_organisation.created', entity: 'volunteer_organisation', entityId: row.id, detail: { unitCode: input.unitCode } });
    return { id: row.id, unitCode: row.unitCode, unitName: await divisionName(tx, row.unitCode, shanghaiDate(ctx.clock.now())), name: row.name, foundedOn: row.foundedOn, volunteers: 0, createdAt: row.createdAt.toISOString() };
  });
}

/** One page of the volunteer organisations of my unit (or a unit below it), searched by name, sorted on the server. */
export async function listOrganisations({ ctx, input }: Call<OrganisationQuery>): Promise<Page<OrganisationView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const where = and(like(volunteerOrganisations.unitCode, `${scope}%`), searchOf(input.q, volunteerOrganisations.name));
  // the table named in full: Drizzle writes the column bare ("id"), which inside the subquery would be the volunteer's
  const members = sql<number>`(select count(*)::int from volunteers v where v.organisation_id = "volunteer_organisations"."id")`;
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(volunteerOrganisations).where(where);
    const rows = await tx
      .select({ o: volunteerOrganisations, volunteers: members, unitName: divisions.name })
      .from(volunteerOrganisations)
      .leftJoin(divisions, namingDivision(volunteerOrganisations.unitCode, shanghaiDate(ctx.clock.now())))
      .where(where)
      .orderBy(
        ...orderOf(input, { name: volunteerOrganisations.name, unit: volunteerOrganisations.unitCode, foundedOn: volunteerOrganisations.foundedOn, volunteers: members }, volunteerOrganisations.unitCode, volunteerOrganisations.name, volunteerOrganisations.id),
      )
      .limit(input.size)
      .offset(offsetOf(input));
    return {
      items: rows.map(({ o, volunteers: n, unitName }) => ({ id: o.id, unitCode: o.unitCode, unitName, name: o.name, foundedOn: o.foundedOn, volunteers: n, createdAt: o.createdAt.toISOString() })),
      total: count?.n ?? 0,
      page: input.page,
      size: input.size,
    };
  });
}

type VolunteerRow = typeof volunteers.$inferSelect;
type Named = { communityName: string | null; organisationName: string | null };
const volunteerView = (v: VolunteerRow, balance: number, names: Named): VolunteerView => ({
  id: v.id,
  cardNumber: v.cardNumber,
  name: v.name,
  phone: v.phoneMasked,
  communityCode: v.communityCode,
  communityName: names.communityName,
  organisationId: v.organisationId,
  organisationName: names.organisationName,
  registeredOn: v.registeredOn,
  balanceMinutes: balance,
  balanceHours: hoursOf(balance),
});

const balanceOf = sql<number>`coalesce(${volunteerBalances.balanceMinutes}, 0)`;
const volunteerColumns = { v: volunteers, balance: balanceOf, communityName: divisions.name, organisationName: volunteerOrganisations.name };
const withBalance = (tx: Tx, asOf: string) =>
  tx
    .select(volunteerColumns)
    .from(volunteers)
    .leftJoin(volunteerBalances, eq(volunteerBalances.volunteerId, volunteers.id))
    .leftJoin(divisions, namingDivision(volunteers.communityCode, asOf))
    .leftJoin(volunteerOrganisations, eq(volunteerOrganisations.id, volunteers.organisationId));

/** Registers a volunteer with a 社区服务登记卡 in a community; the phone is sealed with the city's data key and only ever shown masked. */
export async function registerVolunteer({ ctx, input }: Call<VolunteerInput>): Promise<VolunteerView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.communityCode)) throw notFound(communitiesMsg.community_not_found({ code: input.communityCode }));
  requireWriter(principal.role);
  let phone: string | null = null;
  if (input.phone) {
    const parsed = parsePhone(input.phone);
    if (!parsed.ok) throw new AppError('validation_failed', msg.phone_invalid(), { errors: [{ path: 'body.phone', message: parsed.reason }] });
    phone = parsed.value;
  }
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await requireUnitOnMap(tx, input.communityCode, shanghaiDate(now), 'body.communityCode');
    if (input.organisationId) {
      const [org] = await tx.select({ id: volunteerOrganisations.id }).from(volunteerOrganisations).where(eq(volunteerOrganisations.id, input.organisationId));
      if (!org) throw new AppError('validation_failed', msg.volunteer_organisation_unknown(), { errors: [{ path: 'body.organisationId', message: msg.volunteer_organisation_not_found({ organisationId: input.organisationId }) }] });
    }
    const id = newId(now.getTime());
    const cipher = phone ? await personalDataCipher(ctx, tx, principal.tenant, { create: true }) : null;
    const [row] = await tx
      .insert(volunteers)
      .values({
        id,
        tenantId: principal.tenant,
        cardNumber: input.cardNumber,
        name: input.name,
        phoneSealed: phone && cipher ? cipher.seal(`volunteers.phone:${id}`, phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        communityCode: input.communityCode,
        organisationId: input.organisationId ?? null,
        registeredOn: input.registeredOn ?? shanghaiDate(now),
        createdBy: principal.subject,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.card_already_issued({ cardNumber: input.cardNumber }), { errors: [{ path: 'body.cardNumber', message: msg.card_issued_in_city() }] });
    await recordAudit(tx, ctx, { action: 'volunteer.registered', entity: 'volunteer', entityId: row.id, detail: { communityCode: input.communityCode } });
    const { v, balance, ...names } = await loadVolunteer(tx, row.id, shanghaiDate(ctx.clock.now()));
    return volunteerView(v, balance, names);
  });
}

/** Balances follow the volunteer across the city, so any community of the city can find one by id or card number. */
async function loadVolunteer(tx: Tx, id: string, asOf: string): Promise<{ v: VolunteerRow; balance: number } & Named> {
  const [row] = await withBalance(tx, asOf).where(eq(volunteers.id, id));
  if (!row) throw notFound(msg.volunteer_not_found({ id }));
  return row;
}

export async function getVolunteer({ ctx, input }: Call<{ id: string }>): Promise<VolunteerView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const { v, balance, ...names } = await loadVolunteer(tx, input.id, shanghaiDate(ctx.clock.now()));
    return volunteerView(v, balance, names);
  });
}

/** One page of the volunteers of my unit (or one card city-wide), searched by name or card number, sorted on the server. */
export async function listVolunteers({ ctx, input }: Call<VolunteerQuery>): Promise<Page<VolunteerView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const where = and(input.card ? eq(volunteers.cardNumber, input.card) : like(volunteers.communityCode, `${scope}%`), searchOf(input.q, volunteers.name, volunteers.cardNumber));
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(volunteers).where(where);
    const rows = await withBalance(tx, shanghaiDate(ctx.clock.now()))
      .where(where)
      .orderBy(
        ...orderOf(input, { name: volunteers.name, card: volunteers.cardNumber, community: volunteers.communityCode, balance: balanceOf, registeredOn: volunteers.registeredOn }, volunteers.communityCode, volunteers.cardNumber, volunteers.id),
      )
      .limit(input.size)
      .offset(offsetOf(input));
    return { items: rows.map(({ v, balance, ...names }) => volunteerView(v, balance, names)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

type EntryRow = typeof timeBankEntries.$inferSelect;
const entryView = (e: EntryRow, names: Map<string, string>): LedgerEntryView => ({
  id: e.id,
  kind: e.kind,
  kindLabel: ledgerKindLabels[e.kind],
  minutes: e.minutes,
  communityCode: e.communityCode,
  communityName: names.get(e.communityCode) ?? null,
  service: e.service,
  serviceDate: e.serviceDate,
  correctsEntryId: e.correctsEntryId,
  recordedAt: e.recordedAt.toISOString(),
});

export async function getLedger({ ctx, input }: Call<{ id: string }>): Promise<LedgerView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const { v, balance } = await loadVolunteer(tx, input.id, shanghaiDate(ctx.clock.now()));
    const entries = await tx.select().from(timeBankEntries).where(eq(timeBankEntries.volunteerId, v.id)).orderBy(asc(timeBankEntries.recordedAt), asc(timeBankEntries.id));
    const names = await divisionNames(tx, entries.map((e) => e.communityCode));
    return { volunteerId: v.id, balanceMinutes: balance, balanceHours: hoursOf(balance), ...ledgerTotals(entries), entries: entries.map((e) => entryView(e, names)) };
  });
}

const violates = (error: unknown, constraint: string): boolean => {
  const e = error as { code?: string; constraint?: string; message?: string; cause?: { code?: string; constraint?: string; message?: string } };
  return [e, e.cause].some((x) => x && (x.constraint === constraint || (x.message ?? '').includes(constraint)));
};
const overdrawn = (error: unknown): boolean => violates(error, 'volunteer_balances_non_negative');

/**
 * 劳动储蓄: appends one entry. A deposit is recorded by the community the service was done in (its confirmation),
 * a draw by the community where the volunteer draws services, either only by a unit the volunteer's community lies
 * within; a correction by the unit that recorded the entry it corrects (requireCorrectable). The database
 * adds the entry to the balance in the same transaction and refuses any entry that would take it below zero, so two
 * draws at once cannot overdraw.
 */
export async function recordLedgerEntry({ ctx, input }: Call<{ id: string; entry: LedgerInput }>): Promise<{ entry: LedgerEntryView; balanceMinutes: number; balanceHours: number }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const e = input.entry;
  if (!unitCovers(principal.unit, e.communityCode)) throw notFound(communitiesMsg.community_not_found({ code: e.communityCode }));
  requireWriter(principal.role);
  if (e.kind !== 'correction' && e.correctsEntryId) {
    throw new AppError('validation_failed', msg.only_correction_refers(), { errors: [{ path: 'body.correctsEntryId', message: msg.only_for_correction() }] });
  }
  if (e.kind === 'correction' && !e.correctsEntryId) {
    throw new AppError('validation_failed', msg.correction_names_entry(), { errors: [{ path: 'body.correctsEntryId', message: common.required_for_correction() }] });
  }
  if (e.kind !== 'correction' && e.minutes < 0) {
    throw new AppError('validation_failed', msg.minutes_positive(), { errors: [{ path: 'body.minutes', message: msg.minutes_positive_kind_signs() }] });
  }
  const now = ctx.clock.now();
  const minutes = signedMinutes(e.kind, e.minutes);
  try {
    return await withTenant(ctx.db, principal, async (tx) => {
      const { v, balance } = await loadVolunteer(tx, input.id, shanghaiDate(ctx.clock.now()));
      if (e.correctsEntryId) await requireCorrectable(tx, principal.unit, v.id, e.correctsEntryId, e);
      else if (!unitCovers(principal.unit, v.communityCode)) throw notFound(msg.volunteer_not_found({ id: v.id }));
      await requireUnitOnMap(tx, e.communityCode, shanghaiDate(now), 'body.communityCode');
      if (balance + minutes < 0) throw insufficient(balance, minutes);
      const [row] = await tx
        .insert(timeBankEntries)
        .values({ id: newId(now.getTime()), tenantId: principal.tenant, volunteerId: v.id, kind: e.kind, minutes, communityCode: e.communityCode, service: e.service, serviceDate: e.serviceDate, correctsEntryId: e.correctsEntryId ?? null, recordedBy: principal.subject, recordedAt: now })
        .returning();
      const [after] = await tx.select({ balance: volunteerBalances.balanceMinutes }).from(volunteerBalances).where(eq(volunteerBalances.volunteerId, v.id));
      await recordAudit(tx, ctx, { action: `time_bank.${e.kind}`, entity: 'volunteer', entityId: v.id, detail: { entryId: row!.id, minutes, communityCode: e.communityCode } });
      return { entry: entryView(row!, await divisionNames(tx, [row!.communityCode])), balanceMinutes: after!.balance, balanceHours: hoursOf(after!.balance) };
    });
  } catch (error) {
    if (overdrawn(error)) throw insufficient(null, minutes);
    if (violates(error, 'time_bank_entries_corrected_once')) throw alreadyCorrected(e.correctsEntryId!);
    throw error;
  }
}

/**
 * A correction is made by the unit that recorded the entry or one above it, in the entry's own community, at most once
 * per entry, and within the bounds of the entry (correctionProblem). The unique index on the corrected entry settles
 * two corrections at once.
 */
async function requireCorrectable(tx: Tx, unit: string, volunteerId: string, id: string, e: LedgerInput): Promise<void> {
  const [corrected] = await tx.select().from(timeBankEntries).where(eq(timeBankEntries.id, id));
  if (!corrected || corrected.volunteerId !== volunteerId) {
    throw new AppError('validation_failed', msg.corrected_entry_not_in_ledger(), { errors: [{ path: 'body.correctsEntryId', message: msg.entry_not_in_volunteer_ledger({ id, volunteerId }) }] });
  }
  if (!unitCovers(unit, corrected.communityCode)) throw new AppError('forbidden', msg.correction_by_recording_unit({ id, communityCode: corrected.communityCode }));
  if (e.communityCode !== corrected.communityCode) {
    throw new AppError('validation_failed', msg.correction_same_community(), { errors: [{ path: 'body.communityCode', message: msg.must_be_community({ communityCode: corrected.communityCode }) }] });
  }
  const problem = correctionProblem(corrected, e.minutes);
  if (problem) throw new AppError('ledger_correction_out_of_bounds', problem, { errors: [{ path: corrected.kind === 'correction' ? 'body.correctsEntryId' : 'body.minutes', message: problem }] });
  const [earlier] = await tx.select({ id: timeBankEntries.id }).from(timeBankEntries).where(eq(timeBankEntries.correctsEntryId, id));
  if (earlier) throw alreadyCorrected(id, earlier.id);
}

function alreadyCorrected(id: string, by?: string): AppError {
  return new AppError('ledger_entry_already_corrected', by ? msg.entry_corrected_by({ id, by }) : msg.entry_already_corrected({ id }), { errors: [{ path: 'body.correctsEntryId', message: msg.corrected_at_most_once() }] });
}

function insufficient(balance: number | null, minutes: number): AppError {
  return new AppError('insufficient_balance', balance === null
    ? msg.balance_would_go_negative({ minutes })
    : msg.balance_too_low({ balance, minutes }), { errors: [{ path: 'body.minutes', message: msg.exceeds_balance() }] });
}
