import { and, asc, eq, gt, like, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { communityProfiles, divisions } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, roleLabel, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { decodeCursor, encodeCursor, inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { containsPattern } from '../schemas.js';
import { readProvinceSettings } from '../settings/service.js';
import { communityProfileEditors, communityPublishers, sizeReasonAfter, sizeStatus, type HouseholdBounds } from './rules.js';
import type { CommunityPatch, CommunityView, ListCommunitiesInput } from './schemas.js';
import { msg } from './messages.js';
import { msg as hierarchyMsg } from '../hierarchy/messages.js';
import { common } from '../messages.js';

const isCommunity = and(eq(divisions.level, 'village'), eq(divisions.kind, 'residents_committee'));

type Joined = { d: typeof divisions.$inferSelect; p: typeof communityProfiles.$inferSelect | null; streetName: string | null };

/** The street's name in force, selected beside each community (a correlated lookup on the tenant's divisions). */
const streetName = sql<string | null>`(select s.name from divisions s where s.tenant_id = ${divisions.tenantId} and s.code = ${divisions.parentCode} and s.valid_to is null limit 1)`;

function view({ d, p, streetName }: Joined, bounds: HouseholdBounds): CommunityView {
  const households = p?.households ?? null;
  return {
    code: d.code,
    name: d.name,
    streetCode: d.parentCode ?? '',
    streetName,
    validFrom: d.validFrom,
    validTo: d.validTo,
    type: p?.type ?? null,
    households,
    population: p?.population ?? null,
    areaKm2: p?.areaKm2 ?? null,
    officeAddress: p?.officeAddress ?? null,
    serviceHotline: p?.serviceHotline ?? null,
    publishable: p?.publishable ?? false,
    hasServiceCentre: p?.hasServiceCentre ?? false,
    urbanVillagePilot: p?.urbanVillagePilot ?? false,
    urbanVillageOpenIssues: (p?.urbanVillageOpenIssues ?? []) as CommunityView['urbanVillageOpenIssues'],
    sizeStatus: households === null ? null : sizeStatus(households, bounds),
    sizeExceptionReason: p?.sizeExceptionReason ?? null,
    updatedAt: p?.updatedAt.toISOString() ?? null,
  };
}

async function findCommunity(tx: Tx, code: string, asOf: string): Promise<Joined | undefined> {
  const [row] = await tx
    .select({ d: divisions, p: communityProfiles, streetName })
    .from(divisions)
    .leftJoin(communityProfiles, eq(communityProfiles.code, divisions.code))
    .where(and(eq(divisions.code, code), isCommunity, inForce(asOf)));
  return row;
}

export async function getCommunity({ ctx, input }: Call<{ code: string; asOf?: string | undefined }>): Promise<CommunityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.code)) throw notFound(msg.community_not_found({ code: input.code }));
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await findCommunity(tx, input.code, input.asOf ?? shanghaiDate(ctx.clock.now()));
    if (!row) throw notFound(msg.community_not_found({ code: input.code }));
    return view(row, (await readProvinceSettings(tx)).communityHouseholds);
  });
}

export async function listCommunities({ ctx, input }: Call<ListCommunitiesInput>): Promise<{ items: CommunityView[]; nextCursor: string | null }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = input.parent ?? principal.unit;
  if (!unitCovers(principal.unit, scope) && !unitCovers(scope, principal.unit)) throw notFound(hierarchyMsg.division_not_found({ code: scope }));
  const prefix = scope.length > principal.unit.length ? scope : principal.unit;
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  return withTenant(ctx.db, principal, async (tx) => {
    const bounds = (await readProvinceSettings(tx)).communityHouseholds;
    const bySize: Record<string, SQL> = {
      below: sql`${communityProfiles.households} < ${bounds.min}`,
      within: sql`${communityProfiles.households} between ${bounds.min} and ${bounds.max}`,
      above: sql`${communityProfiles.households} > ${bounds.max}`,
    };
    const rows = await tx
      .select({ d: divisions, p: communityProfiles, streetName })
      .from(divisions)
      .leftJoin(communityProfiles, eq(communityProfiles.code, divisions.code))
      .where(
        and(
          isCommunity,
          inForce(input.asOf ?? shanghaiDate(ctx.clock.now())),
          prefix === principal.tenant ? undefined : like(divisions.code, `${prefix}%`),
          input.type ? eq(communityProfiles.type, input.type) : undefined,
          input.sizeStatus ? bySize[input.sizeStatus] : undefined,
          input.urbanVillagePilot !== undefined ? sql`coalesce(${communityProfiles.urbanVillagePilot}, false) = ${input.urbanVillagePilot}` : undefined,
          input.q ? like(divisions.name, containsPattern(input.q)) : undefined,
          after ? gt(divisions.code, after) : undefined,
        ),
      )
      .orderBy(asc(divisions.code))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => view(r, bounds)), nextCursor: rows.length > input.limit && last ? encodeCursor(last.d.code) : null };
  });
}

/** 居务公开: the city admin lets the community's public page be shown, or takes it down. */
export async function setCommunityPublication({ ctx, input }: Call<{ code: string; publishable: boolean }>): Promise<CommunityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.code)) throw notFound(msg.community_not_found({ code: input.code }));
  if (!hasRole(principal, communityPublishers)) throw new AppError('forbidden', msg.role_may_not_publish());
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    if (!(await findCommunity(tx, input.code, today))) throw notFound(msg.community_not_found({ code: input.code }));
    const now = ctx.clock.now();
    const values = { publishable: input.publishable, updatedBy: principal.subject, updatedAt: now };
    await tx
      .insert(communityProfiles)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, code: input.code, ...values })
      .onConflictDoUpdate({ target: [communityProfiles.tenantId, communityProfiles.code], set: values });
    await recordAudit(tx, ctx, { action: input.publishable ? 'community.published' : 'community.unpublished', entity: 'community', entityId: input.code, detail: {} });
    return view((await findCommunity(tx, input.code, today))!, (await readProvinceSettings(tx)).communityHouseholds);
  });
}

/** Edits a community's profile. The size rule and the pilot rule are checked on the profile as it would be after the edit. */
export async function updateCommunity({ ctx, input }: Call<{ code: string; patch: CommunityPatch }>): Promise<CommunityView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!unitCovers(principal.unit, input.code)) throw notFound(msg.community_not_found({ code: input.code }));
  if (!hasRole(principal, communityProfileEditors)) throw new AppError('forbidden', msg.role_may_not_edit_community({ role: roleLabel(principal.role) }));
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await findCommunity(tx, input.code, today);
    if (!current) {
      const [past] = await tx.select({ validTo: divisions.validTo }).from(divisions).where(and(eq(divisions.code, input.code), isCommunity)).orderBy(sql`${divisions.validTo} desc nulls first`).limit(1);
      if (past?.validTo) throw new AppError('rule_violation', msg.community_dissolved({ code: input.code, validTo: past.validTo }), { rule: 'community_dissolved' });
      throw notFound(msg.community_not_found({ code: input.code }));
    }
    const bounds = (await readProvinceSettings(tx)).communityHouseholds;
    const p = current.p;
    const next = {
      type: input.patch.type !== undefined ? input.patch.type : (p?.type ?? null),
      households: input.patch.households !== undefined ? input.patch.households : (p?.households ?? null),
      population: input.patch.population !== undefined ? input.patch.population : (p?.population ?? null),
      areaKm2: input.patch.areaKm2 !== undefined ? input.patch.areaKm2 : (p?.areaKm2 ?? null),
      officeAddress: input.patch.officeAddress !== undefined ? input.patch.officeAddress : (p?.officeAddress ?? null),
      serviceHotline: input.patch.serviceHotline !== undefined ? input.patch.serviceHotline : (p?.serviceHotline ?? null),
      hasServiceCentre: input.patch.hasServiceCentre ?? p?.hasServiceCentre ?? false,
      urbanVillagePilot: input.patch.urbanVillagePilot ?? p?.urbanVillagePilot ?? false,
      urbanVillageOpenIssues: input.patch.urbanVillageOpenIssues ? [...new Set(input.patch.urbanVillageOpenIssues)] : (p?.urbanVillageOpenIssues ?? []),
    };
    const { reason, problem: size } = sizeReasonAfter(
      { households: p?.households ?? null, reason: p?.sizeExceptionReason ?? null },
      next.households,
      input.patch.sizeExceptionReason,
      bounds,
    );
    const problems: FieldProblem[] = [];
    if (size) problems.push({ path: 'body.sizeExceptionReason', message: size });
    if (!next.urbanVillagePilot && next.urbanVillageOpenIssues.length > 0) {
      problems.push({ path: 'body.urbanVillageOpenIssues', message: msg.urban_village_issues_need_pilot() });
    }
    if (problems.length) {
      throw new AppError('rule_violation', common.fields_invalid({ count: problems.length }), { rule: size ? 'community_size' : 'urban_village_pilot', errors: problems });
    }
    const now = ctx.clock.now();
    const values = { ...next, sizeExceptionReason: reason, updatedBy: principal.subject, updatedAt: now };
    await tx
      .insert(communityProfiles)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, code: input.code, ...values })
      .onConflictDoUpdate({ target: [communityProfiles.tenantId, communityProfiles.code], set: values });
    await recordAudit(tx, ctx, { action: 'community.updated', entity: 'community', entityId: input.code, detail: { fields: Object.keys(input.patch) } });
    const updated = await findCommunity(tx, input.code, today);
    return view(updated!, bounds);
  });
}
