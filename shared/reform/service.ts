import { defaultLanguage, labelOf } from '../i18n.js';
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { communityProfiles, divisions, provinceSettings } from '../../db/schema/index.js';
import {
  inspectionChecklists,
  inspectionSubmissions,
  reformDemonstrations,
  reformPilots,
  selfInspectionItems,
  selfInspections,
} from '../../db/schema/reform.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, requireProvince, roleLabel, unitCovers, type Principal } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { containsPattern, sortOf } from '../schemas.js';
import { newId } from '../ids.js';
import {
  checklistResultLabels,
  checkPilots,
  cityPilotDesignators,
  classifyPilot,
  defaultReformProgramme,
  demonstrationLabels,
  demonstrationRecorders,
  demonstrationUnitProblem,
  inspectionStatusLabels,
  phaseLabels,
  phaseOn,
  pilotDesignators,
  pilotKindLabels,
  pilotRuleLabels,
  pilotUnitReasonLabels,
  pilotUnitReasonMessages,
  programmeProblems,
  reformProgrammeEditors,
  reformProvinceReaders,
  selfInspectors,
  type MapUnit,
  type ReformProgramme,
} from './rules.js';
import type {
  DemonstrationInput,
  DemonstrationQuery,
  DemonstrationView,
  ItemResultInput,
  PilotCheckView,
  PilotInput,
  PilotView,
  ProgrammeInput,
  ProgrammeView,
  SelfInspectionView,
} from './schemas.js';
import { msg as hierarchyMsg } from '../hierarchy/messages.js';
import { msg } from './messages.js';

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
const PROGRAMME_KEY = 'reform_programme';

/** "My unit and below": the narrower of the caller's unit and the unit asked for; another branch is 404. */
export function scopeOf(principal: CityPrincipal, unit: string | undefined): string {
  const scope = unit ?? principal.unit;
  if (!unitCovers(principal.unit, scope) && !unitCovers(scope, principal.unit)) throw notFound(hierarchyMsg.division_not_found({ code: scope }));
  return scope.length > principal.unit.length ? scope : principal.unit;
}

export async function readProgramme(tx: Tx): Promise<ReformProgramme> {
  const [row] = await tx.select({ value: provinceSettings.value }).from(provinceSettings).where(eq(provinceSettings.key, PROGRAMME_KEY));
  return (row?.value as ReformProgramme | undefined) ?? defaultReformProgramme;
}

function programmeView(p: ReformProgramme, today: string): ProgrammeView {
  return {
    name: p.name,
    phases: p.phases.map((ph) => ({ ...ph, label: phaseLabels[ph.phase] })),
    today,
    currentPhase: phaseOn(p, today),
  };
}

/** The map in force today at county and township level (and the city row): what the pilot rules read. */
export async function mapToday(tx: Tx, today: string): Promise<MapUnit[]> {
  return tx
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, kind: divisions.kind, parentCode: divisions.parentCode })
    .from(divisions)
    .where(and(inArray(divisions.level, ['city', 'county', 'township']), inForce(today)));
}

async function unitToday(tx: Tx, code: string, today: string): Promise<MapUnit | undefined> {
  const [row] = await tx
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, kind: divisions.kind, parentCode: divisions.parentCode })
    .from(divisions)
    .where(and(eq(divisions.code, code), inForce(today)));
  return row;
}

export async function getProgramme({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<ProgrammeView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const unit = input.unit ? scopeOf(principal, input.unit) : undefined;
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const result = programmeView(await readProgramme(tx), today);
    if (!unit) return result;
    const division = await unitToday(tx, unit, today);
    if (!division) throw notFound(hierarchyMsg.division_not_found({ code: unit }));
    const map = await mapToday(tx, today);
    const byCode = new Map(map.map((u) => [u.code, u]));
    const covering = await tx.select({ unitCode: reformPilots.unitCode }).from(reformPilots).where(sql`${unit} like ${reformPilots.unitCode} || '%'`);
    const demos = await tx.select({ level: reformDemonstrations.level, designatedOn: reformDemonstrations.designatedOn }).from(reformDemonstrations).where(eq(reformDemonstrations.unitCode, unit)).orderBy(asc(reformDemonstrations.designatedOn));
    return {
      ...result,
      unit: {
        code: division.code,
        name: division.name,
        pilots: covering.map((p) => ({ unitCode: p.unitCode, unitName: byCode.get(p.unitCode)?.name ?? null, kind: classifyPilot(principal.tenant, byCode.get(p.unitCode), byCode).kind })),
        demonstrations: demos,
      },
    };
  });
}

export async function getProvinceProgramme({ ctx }: Call<Record<string, never>>): Promise<ProgrammeView> {
  requireProvince(ctx.principal, reformProvinceReaders);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, ctx.principal, async (tx) => programmeView(await readProgramme(tx), today));
}

export async function setProgramme({ ctx, input }: Call<ProgrammeInput>): Promise<ProgrammeView> {
  const principal = requireProvince(ctx.principal, reformProgrammeEditors);
  const next: ReformProgramme = { name: input.name ?? defaultReformProgramme.name, phases: input.phases };
  const problems = programmeProblems(next);
  if (problems.length) throw new AppError('validation_failed', msg.phases_out_of_order(), { errors: problems });
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    await tx
      .insert(provinceSettings)
      .values({ key: PROGRAMME_KEY, value: next, updatedBy: principal.subject, updatedAt: now })
      .onConflictDoUpdate({ target: provinceSettings.key, set: { value: next, updatedBy: principal.subject, updatedAt: now } });
    await recordAudit(tx, ctx, { action: 'reform_programme.set', entity: 'province_settings', entityId: PROGRAMME_KEY, detail: { phases: next.phases } });
    return programmeView(next, shanghaiDate(now));
  });
}

export async function designatePilot({ ctx, input }: Call<PilotInput>): Promise<PilotView> {
  const principal = requireCity(ctx.principal, pilotDesignators);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const map = await mapToday(tx, today);
    const byCode = new Map(map.map((u) => [u.code, u]));
    const unit = byCode.get(input.unitCode);
    if (!unit) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
    const classified = classifyPilot(principal.tenant, unit, byCode);
    if (classified.kind === null) {
      const message = pilotUnitReasonMessages[classified.reason]();
      throw new AppError('rule_violation', msg.cannot_be_pilot({ unitCode: input.unitCode, reason: message }), { rule: 'pilot_unit', errors: [{ path: 'body.unitCode', message }] });
    }
    if (classified.kind !== 'district_street' && !hasRole(principal, cityPilotDesignators)) {
      throw new AppError('forbidden', msg.city_names_pilot_kind({ kind: labelOf(pilotKindLabels, classified.kind) }));
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(reformPilots)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, unitCode: input.unitCode, designatedOn: input.designatedOn ?? today, note: input.note ?? null, createdBy: principal.subject, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.already_a_pilot({ unitCode: input.unitCode }));
    await recordAudit(tx, ctx, { action: 'reform_pilot.designated', entity: 'reform_pilot', entityId: row.id, detail: { unitCode: input.unitCode, kind: classified.kind } });
    return pilotView(row, unit.name, classified.kind);
  });
}

function pilotView(row: typeof reformPilots.$inferSelect, unitName: string, kind: PilotView['kind']): PilotView {
  return {
    id: row.id,
    unitCode: row.unitCode,
    unitName,
    kind,
    kindLabel: kind ? pilotKindLabels[kind] : null,
    designatedOn: row.designatedOn,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listPilots({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<PilotView[]> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const map = await mapToday(tx, today);
    const byCode = new Map(map.map((u) => [u.code, u]));
    const rows = await tx.select().from(reformPilots).where(like(reformPilots.unitCode, `${scope}%`)).orderBy(asc(reformPilots.unitCode));
    return rows.map((r) => pilotView(r, byCode.get(r.unitCode)?.name ?? r.unitCode, classifyPilot(principal.tenant, byCode.get(r.unitCode), byCode).kind));
  });
}

export async function withdrawPilot({ ctx, input }: Call<{ id: string }>): Promise<void> {
  const principal = requireCity(ctx.principal, pilotDesignators);
  const today = shanghaiDate(ctx.clock.now());
  await withTenant(ctx.db, principal, async (tx) => {
    const [row] = await tx.select().from(reformPilots).where(eq(reformPilots.id, input.id));
    if (!row || !unitCovers(principal.unit, row.unitCode)) throw notFound(msg.pilot_designation_not_found({ id: input.id }));
    const map = await mapToday(tx, today);
    const byCode = new Map(map.map((u) => [u.code, u]));
    const kind = classifyPilot(principal.tenant, byCode.get(row.unitCode), byCode).kind;
    if (kind !== 'district_street' && !hasRole(principal, cityPilotDesignators)) throw new AppError('forbidden', msg.only_city_withdraws_pilot());
    await tx.delete(reformPilots).where(eq(reformPilots.id, input.id));
    await recordAudit(tx, ctx, { action: 'reform_pilot.withdrawn', entity: 'reform_pilot', entityId: row.id, detail: { unitCode: row.unitCode } });
  });
}

/** Every unmet pilot rule of the city, narrowed to the ones concerning the caller's (or the asked) unit and below. */
export async function checkPilotRules({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<PilotCheckView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const result = await pilotCheckOf(tx, principal.tenant, today);
    const within = (code: string) => code.startsWith(scope);
    const unmet = result.check.unmet.filter((u) => within(u.unit.code));
    return {
      city: result.city,
      scope,
      hasDistricts: result.check.hasDistricts,
      hasCounties: result.check.hasCounties,
      satisfied: unmet.length === 0,
      pilots: result.check.pilots.filter((p) => within(p.unitCode)).map((p) => ({ ...p, unitName: result.byCode.get(p.unitCode)?.name ?? p.unitCode })),
      urbanVillagePilots: result.urbanVillage.filter((u) => within(u.code)),
      unmet: unmet.map((u) => ({
        ...u,
        message: u.message.text(ctx.language ?? defaultLanguage),
        messageCode: u.message.code,
        ruleLabel: pilotRuleLabels[u.rule],
        ...(u.reason ? { reasonLabel: pilotUnitReasonLabels[u.reason] } : {}),
      })),
    };
  });
}

export async function pilotCheckOf(tx: Tx, tenant: string, today: string) {
  const map = await mapToday(tx, today);
  const byCode = new Map(map.map((u) => [u.code, u]));
  const designations = await tx.select({ id: reformPilots.id, unitCode: reformPilots.unitCode }).from(reformPilots).orderBy(asc(reformPilots.unitCode));
  const urbanVillage = await tx
    .select({ code: divisions.code, name: divisions.name })
    .from(communityProfiles)
    .innerJoin(divisions, and(eq(divisions.code, communityProfiles.code), inForce(today)))
    .where(eq(communityProfiles.urbanVillagePilot, true))
    .orderBy(asc(divisions.code));
  const city = { code: tenant, name: byCode.get(tenant)?.name ?? tenant };
  return { city, byCode, urbanVillage, check: checkPilots(city, map.filter((u) => u.level !== 'city'), designations) };
}

const demonstrationView = (r: typeof reformDemonstrations.$inferSelect, unitName: string): DemonstrationView => ({
  id: r.id,
  level: r.level,
  levelLabel: demonstrationLabels[r.level],
  unitCode: r.unitCode,
  unitName,
  designatedOn: r.designatedOn,
  designatedBy: r.designatedBy,
  documentNumber: r.documentNumber,
  createdAt: r.createdAt.toISOString(),
});

export async function recordDemonstration({ ctx, input }: Call<DemonstrationInput>): Promise<DemonstrationView> {
  const principal = requireCity(ctx.principal, demonstrationRecorders);
  const today = shanghaiDate(ctx.clock.now());
  if (input.designatedOn > today) {
    throw new AppError('validation_failed', msg.designation_recorded_once_made(), { errors: [{ path: 'body.designatedOn', message: msg.date_on_or_before({ today }) }] });
  }
  return withTenant(ctx.db, principal, async (tx) => {
    const unit = await unitToday(tx, input.unitCode, today);
    const problem = demonstrationUnitProblem(input.level, unit);
    if (problem) {
      if (!unit) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
      throw new AppError('rule_violation', msg.unit_problem({ unitCode: input.unitCode, problem }), { rule: 'demonstration_unit', errors: [{ path: 'body.unitCode', message: problem }] });
    }
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(reformDemonstrations)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, level: input.level, unitCode: input.unitCode, designatedOn: input.designatedOn, designatedBy: input.designatedBy, documentNumber: input.documentNumber ?? null, createdBy: principal.subject, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.already_designated({ unitCode: input.unitCode, level: labelOf(demonstrationLabels, input.level), designatedOn: input.designatedOn }));
    await recordAudit(tx, ctx, { action: 'demonstration.recorded', entity: 'reform_demonstration', entityId: row.id, detail: { level: input.level, unitCode: input.unitCode } });
    return demonstrationView(row, unit!.name);
  });
}

/** One page of the demonstration units of my unit (or a unit below it), searched by the unit's name, sorted on the server. */
export async function listDemonstrations({ ctx, input }: Call<DemonstrationQuery>): Promise<{ items: DemonstrationView[]; total: number; page: number; size: number }> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const name = sql<string | null>`(select d.name from divisions d where d.code = ${reformDemonstrations.unitCode} order by d.valid_from desc nulls last limit 1)`;
  const where = and(like(reformDemonstrations.unitCode, `${scope}%`), input.q ? sql`${name} ilike ${containsPattern(input.q)}` : undefined);
  const { key, descending } = sortOf(input.sort);
  const column = { level: reformDemonstrations.level, unit: reformDemonstrations.unitCode, designatedOn: reformDemonstrations.designatedOn }[key];
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(reformDemonstrations).where(where);
    const rows = await tx
      .select({ r: reformDemonstrations, name })
      .from(reformDemonstrations)
      .where(where)
      .orderBy(descending ? desc(column) : asc(column), asc(reformDemonstrations.level), asc(reformDemonstrations.unitCode), asc(reformDemonstrations.designatedOn), asc(reformDemonstrations.id))
      .limit(input.size)
      .offset((input.page - 1) * input.size);
    return { items: rows.map(({ r, name: n }) => demonstrationView(r, n ?? r.unitCode)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

export async function latestChecklist(tx: Tx) {
  const [row] = await tx.select().from(inspectionChecklists).orderBy(desc(inspectionChecklists.version)).limit(1);
  return row;
}

type InspectionRow = typeof selfInspections.$inferSelect;

async function inspectionView(tx: Tx, row: InspectionRow, today: string): Promise<SelfInspectionView> {
  const items = await tx.select().from(selfInspectionItems).where(eq(selfInspectionItems.inspectionId, row.id)).orderBy(asc(selfInspectionItems.position));
  const [checklistRow] = await tx.select({ version: inspectionChecklists.version }).from(inspectionChecklists).where(eq(inspectionChecklists.id, row.checklistId));
  const unit = await unitToday(tx, row.unitCode, today);
  return {
    id: row.id,
    unitCode: row.unitCode,
    unitName: unit?.name ?? row.unitCode,
    checklistId: row.checklistId,
    checklistVersion: checklistRow?.version ?? 0,
    status: row.status,
    statusLabel: inspectionStatusLabels[row.status],
    items: items.map((i) => ({
      code: i.itemCode, title: i.title, result: i.result, resultLabel: i.result ? checklistResultLabels[i.result] : null, note: i.note, evidence: i.evidence,
    })),
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
  };
}

/** 自查: a district (county) or the city starts its self-inspection on the province's latest checklist. */
export async function startSelfInspection({ ctx, input }: Call<{ unitCode: string }>): Promise<SelfInspectionView> {
  const principal = requireCity(ctx.principal, selfInspectors);
  if (!unitCovers(principal.unit, input.unitCode)) throw notFound(hierarchyMsg.division_not_found({ code: input.unitCode }));
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const unit = await unitToday(tx, input.unitCode, today);
    if (!unit || (unit.level !== 'city' && unit.level !== 'county')) throw notFound(msg.city_or_district_not_found({ unitCode: input.unitCode }));
    const checklistRow = await latestChecklist(tx);
    if (!checklistRow) throw new AppError('conflict', msg.checklist_not_published());
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(selfInspections)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, unitCode: input.unitCode, checklistId: checklistRow.id, status: 'draft', createdBy: principal.subject, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', msg.self_inspection_exists({ name: unit.name, version: checklistRow.version }));
    const items = checklistRow.items;
    await tx.insert(selfInspectionItems).values(items.map((item, position) => ({ tenantId: principal.tenant, inspectionId: row.id, itemCode: item.code, position, title: item.title })));
    await recordAudit(tx, ctx, { action: 'self_inspection.started', entity: 'self_inspection', entityId: row.id, detail: { unitCode: input.unitCode, checklistVersion: checklistRow.version } });
    return inspectionView(tx, row, today);
  });
}

async function loadInspection(tx: Tx, principal: CityPrincipal, id: string, lock = false): Promise<InspectionRow> {
  const query = tx.select().from(selfInspections).where(eq(selfInspections.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !unitCovers(principal.unit, row.unitCode)) throw notFound(msg.self_inspection_not_found({ id }));
  return row;
}

export async function getSelfInspection({ ctx, input }: Call<{ id: string }>): Promise<SelfInspectionView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => inspectionView(tx, await loadInspection(tx, principal, input.id), shanghaiDate(ctx.clock.now())));
}

export async function listSelfInspections({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<SelfInspectionView[]> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx.select().from(selfInspections).where(like(selfInspections.unitCode, `${scope}%`)).orderBy(asc(selfInspections.unitCode), desc(selfInspections.createdAt));
    const views: SelfInspectionView[] = [];
    for (const row of rows) views.push(await inspectionView(tx, row, today));
    return views;
  });
}

export async function recordItemResult({ ctx, input }: Call<{ id: string; itemCode: string; result: ItemResultInput }>): Promise<SelfInspectionView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadInspection(tx, principal, input.id, true);
    if (!hasRole(principal, selfInspectors)) throw new AppError('forbidden', msg.role_may_not_record_inspection({ role: roleLabel(principal.role) }));
    if (row.status !== 'draft') throw new AppError('inspection_submitted', msg.inspection_already_submitted_no_change());
    const updated = await tx
      .update(selfInspectionItems)
      .set({ result: input.result.result, note: input.result.note ?? null, evidence: input.result.evidence ?? [], updatedBy: principal.subject, updatedAt: now })
      .where(and(eq(selfInspectionItems.inspectionId, row.id), eq(selfInspectionItems.itemCode, input.itemCode)))
      .returning({ code: selfInspectionItems.itemCode });
    if (updated.length === 0) throw notFound(msg.checklist_item_not_found({ itemCode: input.itemCode }));
    await tx.update(selfInspections).set({ updatedAt: now }).where(eq(selfInspections.id, row.id));
    await recordAudit(tx, ctx, { action: 'self_inspection.item_recorded', entity: 'self_inspection', entityId: row.id, detail: { item: input.itemCode, result: input.result.result } });
    return inspectionView(tx, { ...row, updatedAt: now }, shanghaiDate(now));
  });
}

/**
 * Submits a complete self-inspection: the province's copy holds unit names and codes and the item results (with the
 * number of pieces of evidence), and the districts, streets and communities the unit covers today; nothing else.
 */
export async function submitSelfInspection({ ctx, input }: Call<{ id: string }>): Promise<SelfInspectionView> {
  const principal = requireCity(ctx.principal, selfInspectors);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  return withTenant(ctx.db, principal, async (tx) => {
    const row = await loadInspection(tx, principal, input.id, true);
    if (row.status !== 'draft') throw new AppError('inspection_submitted', msg.inspection_already_submitted());
    const items = await tx.select().from(selfInspectionItems).where(eq(selfInspectionItems.inspectionId, row.id)).orderBy(asc(selfInspectionItems.position));
    const open = items.filter((i) => i.result === null);
    if (open.length) {
      throw new AppError('rule_violation', msg.checklist_items_without_result({ length: open.length }), { rule: 'self_inspection_complete', errors: open.map((i) => ({ path: `items.${i.itemCode}.result`, message: msg.no_result_recorded() })) });
    }
    const unit = await unitToday(tx, row.unitCode, today);
    const submissionId = newId(now.getTime());
    await tx.insert(inspectionSubmissions).values({
      id: submissionId,
      tenantId: principal.tenant,
      inspectionId: row.id,
      checklistId: row.checklistId,
      unitCode: row.unitCode,
      unitName: unit?.name ?? row.unitCode,
      unitLevel: unit?.level ?? (row.unitCode.length === 4 ? 'city' : 'county'),
      results: items.map((i) => ({ code: i.itemCode, title: i.title, result: i.result!, evidenceCount: i.evidence.length })),
      submittedAt: now,
    });
    await tx.execute(sql`
      insert into inspection_submission_units (tenant_id, submission_id, code, name, level, kind)
      select divisions.tenant_id, ${submissionId}, divisions.code, divisions.name, divisions.level, divisions.kind from divisions
      where divisions.code like ${`${row.unitCode}%`} and ${inForce(today)}
        and (divisions.level in ('county', 'township') or (divisions.level = 'village' and divisions.kind = 'residents_committee'))`);
    const [submitted] = await tx.update(selfInspections).set({ status: 'submitted', submittedBy: principal.subject, submittedAt: now, updatedAt: now }).where(eq(selfInspections.id, row.id)).returning();
    await recordAudit(tx, ctx, { action: 'self_inspection.submitted', entity: 'self_inspection', entityId: row.id, detail: { submissionId, unitCode: row.unitCode } });
    return inspectionView(tx, submitted!, today);
  });
}
