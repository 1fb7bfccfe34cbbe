import { and, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { divisions } from '../../db/schema/hierarchy.js';
import { duties, unregisteredDemands } from '../../db/schema/duties.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, roleLabel, unitCovers } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { divisionNames, inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { offsetOf, orderOf, searchOf } from '../lists.js';
import { common } from '../messages.js';
import { scopeOf } from '../reform/service.js';
import { msg } from './messages.js';
import { appliesToProblems, demandRecorders, dutyInForce, dutyRegistrars, dutyStatusLabels, fenOf, fundingBasisLabels, fundingProblems, yuanOf, type DutyFunding } from './rules.js';
import type { DemandInput, DemandQuery, DemandView, DepartmentSummaryView, DutyEndInput, DutyInput, DutyPatch, DutyQuery, DutyView } from './schemas.js';

type Page<T> = { items: T[]; total: number; page: number; size: number };
type DutyRow = typeof duties.$inferSelect;

function refuseProblems(problems: FieldProblem[], rule: string): void {
  if (problems.length) throw new AppError('validation_failed', common.fields_invalid({ count: problems.length }), { rule, errors: problems });
}

/** A duty concerns a unit when it applies to the unit, to a unit within it, or to a unit it lies within. */
const concerns = (scope: string): SQL => sql`exists (select 1 from unnest(${duties.appliesTo}) as u(code) where u.code like ${`${scope}%`} or ${scope} like u.code || '%')`;
const concernsUnit = (row: DutyRow, unit: string) => row.appliesTo.some((code) => unitCovers(unit, code) || unitCovers(code, unit));

function dutyView(d: DutyRow, names: Map<string, string>, today: string): DutyView {
  const status = dutyInForce(d, today) || d.startsOn > today ? 'active' : 'ended';
  return {
    id: d.id,
    department: d.department,
    title: d.title,
    basis: d.basis,
    appliesTo: d.appliesTo.map((code) => ({ code, name: names.get(code) ?? null })),
    startsOn: d.startsOn,
    endedOn: d.endedOn,
    endReason: d.endReason,
    status,
    statusLabel: dutyStatusLabels[status],
    fundingBasis: d.fundingBasis,
    fundingBasisLabel: fundingBasisLabels[d.fundingBasis],
    fundsYuan: d.fundsFen === null ? null : yuanOf(d.fundsFen),
    fundingDocument: d.fundingDocument,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

function requireRegistrar(role: string): void {
  if (!hasRole({ role }, dutyRegistrars)) throw new AppError('forbidden', msg.duty_role_may_not_register({ role: roleLabel(role) }));
}

/** Every unit a duty applies to is a street or community of this city in force today (the tenant's map: another city's codes are not on it). */
async function requireUnitsInForce(tx: Tx, units: readonly string[], today: string): Promise<void> {
  const found = await tx.select({ code: divisions.code }).from(divisions).where(and(inArray(divisions.code, [...units]), inForce(today), inArray(divisions.level, ['township', 'village'])));
  const known = new Set(found.map((r) => r.code));
  const problems = units.flatMap((code, n) => (known.has(code) ? [] : [{ path: `body.appliesTo.${n}`, message: msg.duty_unit_not_in_force({ code }) }]));
  if (problems.length) throw new AppError('validation_failed', msg.duty_units_invalid({ count: problems.length }), { rule: 'duty_applies_to', errors: problems });
}

function fundingOf(f: DutyFunding): { fundingBasis: DutyRow['fundingBasis']; fundsFen: bigint | null; fundingDocument: string | null } {
  refuseProblems(fundingProblems(f), 'duty_funding');
  return { fundingBasis: f.fundingBasis, fundsFen: f.fundsYuan === null ? null : fenOf(f.fundsYuan), fundingDocument: f.fundingDocument };
}

async function viewOf(tx: Tx, row: DutyRow, today: string): Promise<DutyView> {
  return dutyView(row, await divisionNames(tx, row.appliesTo), today);
}

/** 社区工作事项准入清单: the city registers a duty transferred to communities, with its funds or as one without (无经费). */
export async function createDuty({ ctx, input }: Call<DutyInput>): Promise<DutyView> {
  const principal = requireCity(ctx.principal, cityRoles);
  requireRegistrar(principal.role);
  refuseProblems(appliesToProblems(input.appliesTo), 'duty_applies_to');
  const funding = fundingOf({ fundingBasis: input.fundingBasis, fundsYuan: input.fundsYuan ?? null, fundingDocument: input.fundingDocument ?? null });
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  return withTenant(ctx.db, principal, async (tx) => {
    await requireUnitsInForce(tx, input.appliesTo, today);
    const [row] = await tx
      .insert(duties)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, department: input.department, title: input.title, basis: input.basis, appliesTo: input.appliesTo, startsOn: input.startsOn, ...funding, createdBy: principal.subject, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, ctx, { action: 'duty.registered', entity: 'duty', entityId: row!.id, detail: { department: input.department, fundingBasis: input.fundingBasis, units: input.appliesTo.length } });
    return viewOf(tx, row!, today);
  });
}

async function loadDuty(tx: Tx, unit: string, id: string): Promise<DutyRow> {
  const [row] = await tx.select().from(duties).where(eq(duties.id, id));
  if (!row || !concernsUnit(row, unit)) throw notFound(msg.duty_not_found({ id }));
  return row;
}

/** A duty, for the city and for the streets and communities it concerns. */
export async function getDuty({ ctx, input }: Call<{ id: string }>): Promise<DutyView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => viewOf(tx, await loadDuty(tx, principal.unit, input.id), shanghaiDate(ctx.clock.now())));
}

export async function updateDuty({ ctx, input }: Call<{ id: string; patch: DutyPatch }>): Promise<DutyView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await loadDuty(tx, principal.unit, input.id);
    requireRegistrar(principal.role);
    if (current.endedOn !== null) throw new AppError('conflict', msg.duty_already_ended({ endedOn: current.endedOn }));
    const p = input.patch;
    const appliesTo = p.appliesTo ?? current.appliesTo;
    refuseProblems(appliesToProblems(appliesTo), 'duty_applies_to');
    const fundingBasis = p.fundingBasis ?? current.fundingBasis;
    const funding = fundingOf({
      fundingBasis,
      fundsYuan: p.fundsYuan !== undefined ? p.fundsYuan : fundingBasis === 'none' || current.fundsFen === null ? null : yuanOf(current.fundsFen),
      fundingDocument: p.fundingDocument !== undefined ? p.fundingDocument : fundingBasis === 'none' ? null : current.fundingDocument,
    });
    if (p.appliesTo) await requireUnitsInForce(tx, appliesTo, today);
    const next = { department: p.department ?? current.department, title: p.title ?? current.title, basis: p.basis ?? current.basis, appliesTo, startsOn: p.startsOn ?? current.startsOn, ...funding };
    const [row] = await tx.update(duties).set({ ...next, updatedAt: now }).where(eq(duties.id, current.id)).returning();
    await recordAudit(tx, ctx, { action: 'duty.updated', entity: 'duty', entityId: current.id, detail: { fields: Object.keys(p) } });
    return viewOf(tx, row!, today);
  });
}

/** Takes a duty off the register from a day (its funds stop counting from that day); once. */
export async function endDuty({ ctx, input }: Call<{ id: string; end: DutyEndInput }>): Promise<DutyView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, principal, async (tx) => {
    const current = await loadDuty(tx, principal.unit, input.id);
    requireRegistrar(principal.role);
    if (current.endedOn !== null) throw new AppError('conflict', msg.duty_already_ended({ endedOn: current.endedOn }));
    refuseProblems(input.end.endedOn < current.startsOn ? [{ path: 'body.endedOn', message: msg.duty_ends_after_start({ startsOn: current.startsOn }) }] : [], 'duty_end');
    const [row] = await tx.update(duties).set({ endedOn: input.end.endedOn, endReason: input.end.reason ?? null, updatedAt: now }).where(eq(duties.id, current.id)).returning();
    await recordAudit(tx, ctx, { action: 'duty.ended', entity: 'duty', entityId: current.id, detail: { endedOn: input.end.endedOn } });
    return viewOf(tx, row!, shanghaiDate(now));
  });
}

/** One page of the register as my unit sees it (the duties that concern it), by department, funded or not, searched, sorted on the server. */
export async function listDuties({ ctx, input }: Call<DutyQuery>): Promise<Page<DutyView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  const ended = sql`(${duties.endedOn} is not null and ${duties.endedOn} <= ${today})`;
  const where = and(
    concerns(scope),
    input.department ? eq(duties.department, input.department) : undefined,
    input.funded === 'no' ? eq(duties.fundingBasis, 'none') : input.funded === 'yes' ? sql`${duties.fundingBasis} <> 'none'` : undefined,
    input.status === 'ended' ? ended : input.status === 'active' ? sql`not ${ended}` : undefined,
    searchOf(input.q, duties.title, duties.department, duties.basis),
  );
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(duties).where(where);
    const rows = await tx
      .select()
      .from(duties)
      .where(where)
      .orderBy(...orderOf(input, { department: duties.department, title: duties.title, startsOn: duties.startsOn }, duties.department, duties.title, duties.id))
      .limit(input.size)
      .offset(offsetOf(input));
    const names = await divisionNames(tx, rows.flatMap((r) => r.appliesTo));
    return { items: rows.map((r) => dutyView(r, names, today)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

/** 未经准入的工作事项: a street or community officer logs a department's demand made of one of their own units. */
export async function logDemand({ ctx, input }: Call<DemandInput>): Promise<DemandView> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (!hasRole(principal, demandRecorders)) throw new AppError('forbidden', msg.duty_role_may_not_log_demand({ role: roleLabel(principal.role) }));
  if (!unitCovers(principal.unit, input.unitCode)) {
    const problem = msg.demand_unit_out_of_scope({ code: input.unitCode, unit: principal.unit });
    throw new AppError('forbidden', problem, { errors: [{ path: 'body.unitCode', message: problem }] });
  }
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  refuseProblems(input.demandedOn > today ? [{ path: 'body.demandedOn', message: msg.demand_date_in_future({ today }) }] : [], 'demand_date');
  return withTenant(ctx.db, principal, async (tx) => {
    const [unit] = await tx.select({ code: divisions.code }).from(divisions).where(and(eq(divisions.code, input.unitCode), inForce(today)));
    if (!unit) refuseProblems([{ path: 'body.unitCode', message: msg.duty_unit_not_in_force({ code: input.unitCode }) }], 'demand_unit');
    const [row] = await tx
      .insert(unregisteredDemands)
      .values({ id: newId(now.getTime()), tenantId: principal.tenant, department: input.department, request: input.request, demandedOn: input.demandedOn, unitCode: input.unitCode, recordedBy: principal.subject, recordedAt: now })
      .returning();
    await recordAudit(tx, ctx, { action: 'duty.unregistered_demand_logged', entity: 'unregistered_demand', entityId: row!.id, detail: { department: input.department, unitCode: input.unitCode } });
    return demandView(row!, await divisionNames(tx, [row!.unitCode]));
  });
}

type DemandRow = typeof unregisteredDemands.$inferSelect;
const demandView = (d: DemandRow, names: Map<string, string>): DemandView => ({
  id: d.id,
  department: d.department,
  request: d.request,
  demandedOn: d.demandedOn,
  unitCode: d.unitCode,
  unitName: names.get(d.unitCode) ?? null,
  recordedAt: d.recordedAt.toISOString(),
});

/** One page of the unregistered demands made of my unit and below, by department, searched, sorted on the server. */
export async function listDemands({ ctx, input }: Call<DemandQuery>): Promise<Page<DemandView>> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const where = and(like(unregisteredDemands.unitCode, `${scope}%`), input.department ? eq(unregisteredDemands.department, input.department) : undefined, searchOf(input.q, unregisteredDemands.department, unregisteredDemands.request));
  return withTenant(ctx.db, principal, async (tx) => {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(unregisteredDemands).where(where);
    const rows = await tx
      .select()
      .from(unregisteredDemands)
      .where(where)
      .orderBy(...orderOf(input, { department: unregisteredDemands.department, demandedOn: unregisteredDemands.demandedOn, unit: unregisteredDemands.unitCode }, unregisteredDemands.department, unregisteredDemands.demandedOn, unregisteredDemands.id))
      .limit(input.size)
      .offset(offsetOf(input));
    const names = await divisionNames(tx, rows.map((r) => r.unitCode));
    return { items: rows.map((r) => demandView(r, names)), total: count?.n ?? 0, page: input.page, size: input.size };
  });
}

/** By department, for my unit and below: duties on the register today, those without funds, and unregistered demands. */
export async function listDutyDepartments({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<DepartmentSummaryView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = rowsOf<{ department: string; duties: number; unfunded: number; demands: number }>(
      await tx.execute(sql`
        with d as (
          select department, count(*)::int as duties, count(*) filter (where funding_basis = 'none')::int as unfunded
          from duties where ${concerns(scope)} and starts_on <= ${today} and (ended_on is null or ended_on > ${today}) group by department
        ), u as (
          select department, count(*)::int as demands from unregistered_demands where unit_code like ${`${scope}%`} group by department
        )
        select coalesce(d.department, u.department) as department, coalesce(d.duties, 0) as duties, coalesce(d.unfunded, 0) as unfunded, coalesce(u.demands, 0) as demands
        from d full join u on u.department = d.department
        order by 1`),
    );
    return { items: rows.map((r) => ({ department: r.department, duties: r.duties, dutiesWithoutFunds: r.unfunded, unregisteredDemands: r.demands })) };
  });
}
