import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import type { ServiceContext } from '../context.js';
import { recomputeAggregate } from './aggregation.js';

export interface AggregateRepair {
  /** (template, period) aggregates whose figures for this city differed from its counted report, recomputed. */
  periods: number;
}

/**
 * What a lost `report.changed` message would have done, found from the data: where the provincial aggregate of a
 * (template, period) does not carry this city's counted figures (a submitted report missing, a returned one still in,
 * a value that changed), the period is recomputed. Once in line, a second run finds nothing.
 */
export async function reconcileReportAggregates(tx: Tx, ctx: ServiceContext, tenant: string): Promise<AggregateRepair> {
  await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
  try {
    const stale = rowsOf<{ template_id: string; period: string }>(await tx.execute(sql`
      with counted as (
        select template_id, period, indicator, value from report_snapshot_values where tenant_id = ${tenant} and counted
      ), aggregated as (
        select template_id, period, indicator, per_city_values[array_position(per_city_codes, ${tenant}::text)] as value
        from report_aggregates where ${tenant}::text = any(per_city_codes)
      )
      select distinct coalesce(c.template_id, a.template_id) as template_id, coalesce(c.period, a.period) as period
      from counted c full join aggregated a on a.template_id = c.template_id and a.period = c.period and a.indicator = c.indicator
      where c.value is distinct from a.value
      order by 1, 2`));
    for (const s of stale) await recomputeAggregate(tx, s.template_id, s.period, ctx.clock.now());
    return { periods: stale.length };
  } finally {
    await tx.execute(sql`select set_config('app.scope', 'system', true), set_config('app.tenant_id', ${tenant}, true)`);
  }
}
