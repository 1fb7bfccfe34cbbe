import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { requireProvince } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { onTimeUntil, reportProvinceReaders } from './rules.js';
import type { AggregatesView, CompletenessView } from './schemas.js';
import { loadPeriod } from './templates.js';

/** What the aggregate counts: each city's latest version, if it is submitted or accepted (a returned one waits for its resubmission). */
export const aggregateBasis = 'latest version per city, status submitted or accepted';

/**
 * Rewrites the provincial aggregate of (template, period) in one statement: one pass over the typed values of each
 * city's latest version when it is submitted or accepted (ratios from the parts stored beside them, min and max only
 * for the indicators that ask for them). The advisory lock orders racing recomputations, and the statement after it
 * reads everything committed before it, so the last writer always has the newest data; a redelivery rewrites the same values.
 */
export async function recomputeAggregate(tx: Tx, templateId: string, period: string, now: Date): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_aggregates'), hashtext(${`${templateId}:${period}`}))`);
  const result = await tx.execute(sql`
    with ind as (
      select i.code, i.aggregation
      from report_templates t cross join lateral jsonb_to_recordset(t.indicators) as i(code text, aggregation text)
      where t.id = ${templateId}
    ), per_code as (
      select indicator as code, sum(value) as total, array_agg(tenant_id) as codes, array_agg(value) as vals,
        round(100 * sum(ratio_numerator) filter (where ratio_numerator is not null)
          / nullif(sum(ratio_denominator) filter (where ratio_denominator is not null), 0), 2) as ratio
      from report_snapshot_values
      where template_id = ${templateId} and period = ${period} and counted
      group by indicator
    )
    insert into report_aggregates (template_id, period, indicator, value, contributing_cities, per_city_codes, per_city_values, computed_at)
    select ${templateId}, ${period}, i.code,
      case i.aggregation when 'sum' then a.total when 'avg' then round(a.total / cardinality(a.vals), 4)
        when 'min' then (select min(x) from unnest(a.vals) x) when 'max' then (select max(x) from unnest(a.vals) x) else a.ratio end,
      coalesce(cardinality(a.vals), 0), coalesce(a.codes, '{}'), coalesce(a.vals, '{}'), ${now}
    from ind i left join per_code a on a.code = i.code
    on conflict (template_id, period, indicator) do update set
      value = excluded.value, contributing_cities = excluded.contributing_cities, per_city_codes = excluded.per_city_codes,
      per_city_values = excluded.per_city_values, computed_at = excluded.computed_at`);
  return (result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** The report.changed verb: the worker reads snapshots across cities in the province's scope for this statement only. */
export async function aggregateReports({ ctx, tx, input }: Call<{ tenant: string; templateId: string; period: string; reportId: string }> & { tx: Tx }): Promise<{ indicators: number }> {
  await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
  try {
    return { indicators: await recomputeAggregate(tx, input.templateId, input.period, ctx.clock.now()) };
  } finally {
    await tx.execute(sql`select set_config('app.scope', 'system', true), set_config('app.tenant_id', ${input.tenant}, true)`);
  }
}

/**
 * The batch form of report.changed: the aggregation recomputes a whole (template, period) from the counted snapshots,
 * whichever report changed, so the messages of one period collapse to one recompute. Periods go in a fixed order, so two
 * workers take the advisory locks in the same order.
 */
export async function aggregateReportsBatch({ ctx, tx, messages }: { ctx: ServiceContext; tx: Tx; messages: { input: { tenant: string; templateId: string; period: string } }[] }): Promise<{ messages: number; periods: number; indicators: number }> {
  const periods = new Map<string, { templateId: string; period: string }>();
  for (const { input } of messages) periods.set(JSON.stringify([input.templateId, input.period]), { templateId: input.templateId, period: input.period });
  const tenant = messages[0]!.input.tenant;
  await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
  try {
    let indicators = 0;
    for (const key of [...periods.keys()].sort()) {
      const { templateId, period } = periods.get(key)!;
      indicators += await recomputeAggregate(tx, templateId, period, ctx.clock.now());
    }
    return { messages: messages.length, periods: periods.size, indicators };
  } finally {
    await tx.execute(sql`select set_config('app.scope', 'system', true), set_config('app.tenant_id', ${tenant}, true)`);
  }
}

async function readAggregates(tx: Tx, templateId: string, period: string): Promise<AggregatesView> {
  const { template } = await loadPeriod(tx, templateId, period);
  const rows = rowsOf<{ indicator: string; value: string | null; contributing_cities: number; per_city_codes: string[]; per_city_values: string[]; computed_at: string | Date }>(
    await tx.execute(sql`select indicator, value::text as value, contributing_cities, per_city_codes, per_city_values::text[] as per_city_values, computed_at
      from report_aggregates where template_id = ${templateId} and period = ${period}`),
  );
  const byCode = new Map(rows.map((r) => [r.indicator, r]));
  return {
    templateId,
    period,
    basis: aggregateBasis,
    items: template.indicators.map((i) => {
      const r = byCode.get(i.code);
      return {
        indicator: i.code,
        label: i.label,
        unit: i.unit,
        aggregation: i.aggregation,
        value: r?.value == null ? null : Number(r.value),
        contributingCities: r?.contributing_cities ?? 0,
        perCity: Object.fromEntries((r?.per_city_codes ?? []).map((code, n) => [code, Number(r!.per_city_values[n])])),
        computedAt: r ? new Date(r.computed_at).toISOString() : null,
      };
    }),
  };
}

/** 省级汇总 (province): the aggregate the worker last wrote for a (template, period). */
export async function getAggregates({ ctx, input }: Call<{ template: string; period: string }>): Promise<AggregatesView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, (tx) => readAggregates(tx, input.template, input.period));
}

async function readCompleteness(tx: Tx, templateId: string, period: string): Promise<CompletenessView> {
  const { template, period: p } = await loadPeriod(tx, templateId, period);
  const until = onTimeUntil(p.dueOn, template.onTimeDays);
  const rows = rowsOf<{ code: string; name: string; status: 'submitted' | 'accepted' | 'returned' | null; version: number | null; first_at: string | Date | null; last_at: string | Date | null }>(
    await tx.execute(sql`
      with latest as (
        select distinct on (tenant_id) tenant_id, status, version, submitted_at
        from report_snapshots where template_id = ${templateId} and period = ${period}
        order by tenant_id, version desc
      ), first as (
        select tenant_id, min(submitted_at) as first_at from report_snapshots where template_id = ${templateId} and period = ${period} group by tenant_id
      )
      select t.code, t.name, l.status, l.version, f.first_at, l.submitted_at as last_at
      from tenants t left join latest l on l.tenant_id = t.code left join first f on f.tenant_id = t.code
      where t.status = 'active' or l.tenant_id is not null
      order by t.code`),
  );
  const cities = rows.map((r) => {
    const first = r.first_at ? new Date(r.first_at) : null;
    return {
      code: r.code,
      name: r.name,
      status: r.status ?? ('missing' as const),
      version: r.version,
      firstSubmittedAt: first?.toISOString() ?? null,
      lastSubmittedAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      onTime: first ? shanghaiDate(first) <= until : null,
    };
  });
  const count = (f: (c: (typeof cities)[number]) => boolean) => cities.filter(f).length;
  const expected = cities.length;
  const submitted = count((c) => c.status !== 'missing');
  const onTime = count((c) => c.onTime === true);
  const rate = (n: number) => (expected ? Math.round((10_000 * n) / expected) / 100 : null);
  return {
    templateId,
    period,
    dueOn: p.dueOn,
    onTimeUntil: until,
    expected,
    submitted,
    onTime,
    late: count((c) => c.onTime === false),
    missing: expected - submitted,
    accepted: count((c) => c.status === 'accepted'),
    returned: count((c) => c.status === 'returned'),
    reportingRate: rate(submitted),
    onTimeRate: rate(onTime),
    cities,
  };
}

/**
 * 报送情况 (province): expected (active cities), submitted (any version), on time / late by the first submission's day,
 * missing, and the latest version's review state: DHIS2's reporting and timeliness rates.
 */
export async function getCompleteness({ ctx, input }: Call<{ template: string; period: string }>): Promise<CompletenessView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, (tx) => readCompleteness(tx, input.template, input.period));
}
