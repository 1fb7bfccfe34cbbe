import { and, desc, eq, gte, inArray, like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { adjustmentPlans, communityProfiles, divisions } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, roleLabel, unitCovers, type Principal } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { inForce, unitNames, type NameOn } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { adjustmentPlanDrafters, planApproverRole, planEffect, type PlanChange, type PlanEffect } from './rules.js';
import type { CreatePlanInput, PlanView } from './schemas.js';
import { msg, planStatusLabels } from './messages.js';
import { labelOf } from '../i18n.js';
import { readProvinceSettings } from '../settings/service.js';

type PlanRow = typeof adjustmentPlans.$inferSelect;
type CityPrincipal = Extract<Principal, { kind: 'city' }>;

/** The codes a plan names: its street, its approver, the communities it changes and the streets it moves them to. */
function codesOf(p: PlanRow): string[] {
  const codes = [p.streetCode, p.approverUnit];
  for (const c of p.changes) {
    if ('code' in c) codes.push(c.code);
    if (c.kind === 'merge') codes.push(...c.codes);
    if (c.kind === 'reparent') codes.push(c.toStreet);
  }
  return codes;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Plans as the API shows them, with the names of the units they mention as they stood the day before each takes effect. */
async function views(tx: Tx, rows: PlanRow[]): Promise<PlanView[]> {
  const nameOn = await unitNames(tx, rows.flatMap(codesOf));
  return rows.map((p) => view(p, nameOn));
}

const view = (p: PlanRow, nameOn: NameOn): PlanView => ({
  id: p.id,
  streetCode: p.streetCode,
  approverUnit: p.approverUnit,
  title: p.title,
  reason: p.reason,
  effectiveDate: p.effectiveDate,
  status: p.status,
  changes: p.changes,
  touched: p.touched,
  names: Object.fromEntries(codesOf(p).flatMap((code) => {
    const name = nameOn(code, dayBefore(p.effectiveDate));
    return name ? [[code, name]] : [];
  })),
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  submittedAt: p.submittedAt?.toISOString() ?? null,
  decidedBy: p.decidedBy,
  decidedAt: p.decidedAt?.toISOString() ?? null,
  decisionComment: p.decisionComment,
});

/** Works out a plan's effect on the map as it stands on its effective date; every problem at once, or none. */
async function effectOf(tx: Tx, street: string, approverUnit: string, effectiveDate: string, changes: PlanChange[]): Promise<PlanEffect> {
  const map = await tx
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, kind: divisions.kind, parentCode: divisions.parentCode })
    .from(divisions)
    .where(and(like(divisions.code, `${approverUnit}%`), inForce(effectiveDate)));
  const used = await tx.selectDistinct({ code: divisions.code }).from(divisions).where(like(divisions.code, `${street}%`));
  const households = await tx
    .select({ code: communityProfiles.code, households: communityProfiles.households })
    .from(communityProfiles)
    .where(like(communityProfiles.code, `${street}%`));
  return planEffect(
    {
      street,
      map: new Map(map.map((d) => [d.code, d])),
      everUsed: new Set(used.map((u) => u.code)),
      households: new Map(households.map((h) => [h.code, h.households])),
      bounds: (await readProvinceSettings(tx)).communityHouseholds,
    },
    changes,
  );
}

function refuseProblems(effect: PlanEffect): void {
  if (effect.problems.length) {
    throw new AppError('rule_violation', msg.plan_has_problems({ length: effect.problems.length }), {
      rule: 'adjustment_plan',
      errors: effect.problems.map((p) => ({ path: `body.${p.field}`, message: p.reason })),
    });
  }
}

export async function createPlan({ ctx, input }: Call<CreatePlanInput>): Promise<PlanView> {
  const principal = requireCity(ctx.principal, adjustmentPlanDrafters);
  const today = shanghaiDate(ctx.clock.now());
  if (input.effectiveDate < today) {
    throw new AppError('validation_failed', msg.effective_date_passed(), { errors: [{ path: 'body.effectiveDate', message: msg.date_on_or_after_today({ today }) }] });
  }
  return withTenant(ctx.db, principal, async (tx) => {
    const [street] = await tx
      .select({ parentCode: divisions.parentCode })
      .from(divisions)
      .where(and(eq(divisions.code, principal.unit), eq(divisions.level, 'township'), inForce(today)));
    if (!street?.parentCode) throw notFound(msg.street_not_found({ unit: principal.unit }));
    const effect = await effectOf(tx, principal.unit, street.parentCode, input.effectiveDate, input.changes);
    refuseProblems(effect);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(adjustmentPlans)
      .values({
        id: newId(now.getTime()),
        tenantId: principal.tenant,
        streetCode: principal.unit,
        approverUnit: street.parentCode,
        title: input.title,
        reason: input.reason,
        effectiveDate: input.effectiveDate,
        status: 'draft',
        changes: input.changes,
        touched: effect.touched,
        createdBy: principal.subject,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'adjustment_plan.created', entity: 'adjustment_plan', entityId: row!.id, detail: { street: principal.unit, changes: input.changes.length } });
    return (await views(tx, [row!]))[0]!;
  });
}

const readable = (p: CityPrincipal, plan: PlanRow) => unitCovers(p.unit, plan.streetCode) || unitCovers(p.unit, plan.approverUnit);

async function loadPlan(tx: Tx, principal: CityPrincipal, id: string, lock = false): Promise<PlanRow> {
  const query = tx.select().from(adjustmentPlans).where(eq(adjustmentPlans.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !readable(principal, row)) throw notFound(msg.adjustment_plan_not_found({ id }));
  return row;
}

export async function getPlan({ ctx, input }: Call<{ id: string }>): Promise<PlanView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => (await views(tx, [await loadPlan(tx, principal, input.id)]))[0]!);
}

export async function listPlans({ ctx, input }: Call<{ status?: PlanRow['status'] | undefined; street?: string | undefined }>): Promise<PlanView[]> {
  const principal = requireCity(ctx.principal, cityRoles);
  if (input.street && !unitCovers(principal.unit, input.street)) throw notFound(msg.street_not_found({ unit: input.street }));
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx
      .select()
      .from(adjustmentPlans)
      .where(
        and(
          principal.unit === principal.tenant ? undefined : like(adjustmentPlans.streetCode, `${principal.unit}%`),
          input.street ? eq(adjustmentPlans.streetCode, input.street) : undefined,
          input.status ? eq(adjustmentPlans.status, input.status) : undefined,
        ),
      )
      .orderBy(desc(adjustmentPlans.createdAt))
      .limit(500);
    return views(tx, rows);
  });
}

export async function submitPlan({ ctx, input }: Call<{ id: string }>): Promise<PlanView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const plan = await loadPlan(tx, principal, input.id, true);
    if (!hasRole(principal, adjustmentPlanDrafters) || principal.unit !== plan.streetCode) {
      throw new AppError('forbidden', msg.only_proposing_street_submits());
    }
    if (plan.status !== 'draft') throw new AppError('conflict', msg.plan_not_draft({ status: labelOf(planStatusLabels, plan.status) }));
    refuseProblems(await effectOf(tx, plan.streetCode, plan.approverUnit, plan.effectiveDate, plan.changes));
    const now = ctx.clock.now();
    const [row] = await tx.update(adjustmentPlans).set({ status: 'submitted', submittedAt: now, updatedAt: now }).where(eq(adjustmentPlans.id, plan.id)).returning();
    await recordAudit(tx, ctx, { action: 'adjustment_plan.submitted', entity: 'adjustment_plan', entityId: plan.id });
    return (await views(tx, [row!]))[0]!;
  });
}

/** The district officer of the plan's district approves; in a city without districts, the city admin. */
function requireApprover(principal: CityPrincipal, plan: PlanRow): void {
  const approverRole = planApproverRole(plan.approverUnit);
  if (principal.role !== approverRole || principal.unit !== plan.approverUnit) {
    throw new AppError('forbidden', msg.only_approver_decides({ approverRole: roleLabel(approverRole), approverUnit: plan.approverUnit }));
  }
}

async function decidable(tx: Tx, principal: CityPrincipal, id: string): Promise<PlanRow> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`adjustment-decisions:${principal.tenant}`}))`);
  const plan = await loadPlan(tx, principal, id, true);
  requireApprover(principal, plan);
  if (plan.status !== 'submitted') throw new AppError('conflict', msg.plan_not_submitted({ status: labelOf(planStatusLabels, plan.status) }));
  return plan;
}

/**
 * Approving writes the plan into the map's history: the versions it ends close on the effective date and the new
 * ones open on it, so the map before that day reads as it was. Decisions in a city are serialised, so two
 * overlapping plans cannot both pass the conflict check.
 */
export async function approvePlan({ ctx, input }: Call<{ id: string; comment?: string | undefined }>): Promise<PlanView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const plan = await decidable(tx, principal, input.id);
    if (plan.effectiveDate < today) {
      throw new AppError('rule_violation', msg.plan_effective_date_passed({ effectiveDate: plan.effectiveDate }), { rule: 'effective_date_passed' });
    }
    const effect = await effectOf(tx, plan.streetCode, plan.approverUnit, plan.effectiveDate, plan.changes);
    refuseProblems(effect);
    if (effect.touched.length) {
      const clashes = await tx
        .select({ id: adjustmentPlans.id, effectiveDate: adjustmentPlans.effectiveDate })
        .from(adjustmentPlans)
        .where(and(eq(adjustmentPlans.status, 'approved'), gte(adjustmentPlans.effectiveDate, plan.effectiveDate), sql`${adjustmentPlans.touched} && ${sql.param(effect.touched)}::text[]`));
      if (clashes.length) {
        throw new AppError('conflict', msg.plans_already_change_communities({ plans: clashes.map((c) => `${c.id} (${c.effectiveDate})`).join(', '), effectiveDate: plan.effectiveDate }), { conflicts: clashes });
      }
    }
    const now = ctx.clock.now();
    if (effect.close.length) {
      await tx.update(divisions).set({ validTo: plan.effectiveDate, updatedAt: now }).where(and(inArray(divisions.code, effect.close), inForce(plan.effectiveDate)));
    }
    if (effect.open.length) {
      await tx.insert(divisions).values(
        effect.open.map((v) => ({
          id: newId(now.getTime()),
          tenantId: principal.tenant,
          code: v.code,
          name: v.name,
          level: 'village' as const,
          kind: 'residents_committee' as const,
          parentCode: v.parentCode,
          validFrom: plan.effectiveDate,
          validTo: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
      // A community the plan creates gets its households and size reason; a renamed or moved one keeps its profile.
      const created = effect.open.filter((v) => v.sizeExceptionReason !== undefined && v.households !== null);
      if (created.length) {
        await tx
          .insert(communityProfiles)
          .values(created.map((v) => ({ id: newId(now.getTime()), tenantId: principal.tenant, code: v.code, households: v.households, sizeExceptionReason: v.sizeExceptionReason ?? null, updatedBy: principal.subject, updatedAt: now })))
          .onConflictDoUpdate({
            target: [communityProfiles.tenantId, communityProfiles.code],
            set: { households: sql`excluded.households`, sizeExceptionReason: sql`excluded.size_exception_reason`, updatedBy: principal.subject, updatedAt: now },
          });
      }
    }
    const [row] = await tx
      .update(adjustmentPlans)
      .set({ status: 'approved', touched: effect.touched, decidedBy: principal.subject, decidedAt: now, decisionComment: input.comment ?? null, updatedAt: now })
      .where(eq(adjustmentPlans.id, plan.id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'adjustment_plan.approved',
      entity: 'adjustment_plan',
      entityId: plan.id,
      detail: { effectiveDate: plan.effectiveDate, closed: effect.close, opened: effect.open.map((v) => v.code) },
    });
    return (await views(tx, [row!]))[0]!;
  });
}

export async function rejectPlan({ ctx, input }: Call<{ id: string; comment: string }>): Promise<PlanView> {
  const principal = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, principal, async (tx) => {
    const plan = await decidable(tx, principal, input.id);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(adjustmentPlans)
      .set({ status: 'rejected', decidedBy: principal.subject, decidedAt: now, decisionComment: input.comment, updatedAt: now })
      .where(eq(adjustmentPlans.id, plan.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'adjustment_plan.rejected', entity: 'adjustment_plan', entityId: plan.id, detail: { comment: input.comment } });
    return (await views(tx, [row!]))[0]!;
  });
}
