import { like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { reformDemonstrations, selfInspections } from '../../db/schema/reform.js';
import { withTenant } from '../../db/tenant.js';
import { cityRoles, requireCity } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import type { ReformFiguresView } from './schemas.js';
import { pilotCheckOf, scopeOf } from './service.js';

/**
 * The reform figures of a city (or a unit of it) for report templates: pilots by kind and whether the pilot rules are
 * met, urban-village pilots, demonstration units by level, self-inspections by status. Four set-based reads.
 */
export async function reformFiguresOf(tx: Tx, tenant: string, scope: string, today: string): Promise<ReformFiguresView> {
  const pilots = await pilotCheckOf(tx, tenant, today);
  const within = (code: string) => code.startsWith(scope);
  const byKind: Record<string, number> = {};
  for (const p of pilots.check.pilots) if (within(p.unitCode)) byKind[p.kind ?? 'invalid'] = (byKind[p.kind ?? 'invalid'] ?? 0) + 1;
  const demos = await tx
    .select({ level: reformDemonstrations.level, n: sql<number>`count(distinct ${reformDemonstrations.unitCode})::int` })
    .from(reformDemonstrations)
    .where(like(reformDemonstrations.unitCode, `${scope}%`))
    .groupBy(reformDemonstrations.level);
  const inspections = await tx
    .select({ status: selfInspections.status, n: sql<number>`count(*)::int` })
    .from(selfInspections)
    .where(like(selfInspections.unitCode, `${scope}%`))
    .groupBy(selfInspections.status);
  const demonstrations = { district: 0, street: 0, committee: 0 };
  for (const d of demos) demonstrations[d.level] = d.n;
  const selfInspectionCounts = { draft: 0, submitted: 0 };
  for (const i of inspections) selfInspectionCounts[i.status] = i.n;
  return {
    scope,
    pilots: byKind,
    pilotRulesSatisfied: pilots.check.unmet.filter((u) => within(u.unit.code)).length === 0,
    urbanVillagePilots: pilots.urbanVillage.filter((u) => within(u.code)).length,
    demonstrations,
    selfInspections: selfInspectionCounts,
  };
}

export async function getReformFigures({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<ReformFiguresView> {
  const principal = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(principal, input.unit);
  return withTenant(ctx.db, principal, (tx) => reformFiguresOf(tx, principal.tenant, scope, shanghaiDate(ctx.clock.now())));
}
