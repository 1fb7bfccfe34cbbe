import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.js';
import { withTenant } from '../db/tenant.js';
import { fixedClock } from '../shared/clock.js';
import { recomputeAggregate } from '../shared/reporting/aggregation.js';
import { recordSnapshotValues } from '../shared/reporting/reports.js';
import { benchApp, p50, syntheticCityCsv } from './support.js';
import type { BenchSuite } from './types.js';

const CITIES = 333;
const provincePrincipal = { kind: 'province', subject: 'bench', role: 'province_admin', unit: '44' } as const;

/** 7 districts × 20 streets × 50 communities = 7,000 communities. */
const cityCsv = (city: string) => syntheticCityCsv(city, { districts: 7, streets: 20, communities: 50 });

export const suite: BenchSuite = {
  name: 'reporting (issue 9)',
  async run({ databaseUrl, quick }) {
    const clock = fixedClock('2026-12-01T02:00:00Z');
    const { database, identity, app } = await benchApp({ databaseUrl, clock });
    const call = async (token: string, method: string, path: string, body?: unknown, contentType = 'application/json') => {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const province = await identity.issue({ sub: 'bench', scope: 'province', role: 'province_admin', unit: '44' });
    const template = await call(province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-31', closesOn: '2027-01-31' }] });
    const templateId = String(template.id);
    const indicators = (template.indicators as { code: string; aggregation: string }[]).filter((i) => i.aggregation !== 'ratio').map((i) => i.code);

    // 333 cities, each with a submitted snapshot whose figures stand for ~315 communities in 10 districts.
    await database.db.execute(sql`insert into tenants (code, name, status, created_at, updated_at)
      select (1100 + g)::text, '城市' || g, 'active', now(), now() from generate_series(0, ${CITIES - 1}) g`);
    await database.db.execute(sql`
      insert into report_snapshots (id, tenant_id, report_id, template_id, period, version, status, figures, district_figures, narrative, attachments, content_hash, submitted_by, submitted_at, on_time)
      select gen_random_uuid(), (1100 + g)::text, gen_random_uuid(), ${templateId}, 'once', 1, case when g % 3 = 0 then 'accepted' else 'submitted' end,
        (select jsonb_object_agg(code, jsonb_build_object('value', 300 + (g * 7 + n) % 50, 'source', 'computed', 'status', 'ok', 'queriedAt', '2026-12-01T02:00:00Z'))
           from unnest(${sql.param(indicators)}::text[]) with ordinality as i(code, n)),
        (select jsonb_object_agg(code, (select jsonb_object_agg((1100 + g)::text || lpad(d::text, 2, '0'), 30 + d) from generate_series(1, 10) d))
           from unnest(${sql.param(indicators)}::text[]) as i(code)),
        '书面报告', '[]'::jsonb, md5(g::text), 'bench', now(), true
      from generate_series(0, ${CITIES - 1}) g`);
    // what submitting writes beside each snapshot: its city figures as typed rows
    const snapshots = rowsOf<{ id: string; tenant_id: string; version: number }>(await database.db.execute(sql`select id, tenant_id, version from report_snapshots where template_id = ${templateId}`));
    await database.db.transaction(async (tx) => {
      for (const s of snapshots) await recordSnapshotValues(tx, { id: s.id, tenantId: s.tenant_id, templateId, period: 'once', version: s.version });
    });

    const iterations = quick ? 20 : 60;
    const aggregate: number[] = [];
    const groupBy: number[] = [];
    const jsonGroupBy: number[] = [];
    for (let i = 0; i < iterations + 5; i++) {
      let t = performance.now();
      await withTenant(database.db, provincePrincipal, (tx) => recomputeAggregate(tx, templateId, 'once', clock.now()));
      const a = performance.now() - t;
      t = performance.now();
      await withTenant(database.db, provincePrincipal, (tx) =>
        tx.execute(sql`select indicator, sum(value), count(*) from report_snapshot_values where template_id = ${templateId} and period = 'once' group by indicator`),
      );
      const b = performance.now() - t;
      t = performance.now();
      await withTenant(database.db, provincePrincipal, (tx) =>
        tx.execute(sql`select f.key, sum((f.value ->> 'value')::numeric), count(*) from report_snapshots s cross join jsonb_each(s.figures) f
          where s.template_id = ${templateId} and s.period = 'once' group by f.key`),
      );
      const c = performance.now() - t;
      if (i >= 5) {
        aggregate.push(a);
        groupBy.push(b);
        jsonGroupBy.push(c);
      }
    }
    const [check] = await withTenant(database.db, provincePrincipal, async (tx) =>
      rowsOf<{ cities: number }>(await tx.execute(sql`select contributing_cities as cities from report_aggregates where template_id = ${templateId} and indicator = 'communities_total'`)),
    );
    if (check?.cities !== CITIES) throw new Error(`aggregate covers ${check?.cities} cities, not ${CITIES}`);

    // One city of 7,000 communities drafts its report: every computed figure from its own data.
    await call(province, 'POST', '/v1/tenants', { code: '4401', name: '广州市' });
    const admin = await identity.issue({ sub: 'admin-4401', tenant: '4401', role: 'city_admin', unit: '4401' });
    await call(admin, 'POST', '/v1/divisions/import', cityCsv('4401'), 'text/csv');
    await database.db.execute(sql`insert into community_profiles (id, tenant_id, code, type, households, updated_by, updated_at, urban_village_pilot)
      select gen_random_uuid(), tenant_id, code, (array['geographic','residential_complex','work_unit','mixed'])[1 + (row_number() over (order by code)) % 4],
        500 + ((row_number() over (order by code)) * 37) % 3500, 'bench', now(), (row_number() over (order by code)) % 50 = 0
      from divisions where tenant_id = '4401' and level = 'village'`);
    const drafts: number[] = [];
    let queries = 0;
    const runs = quick ? 5 : 15;
    let reportId = '';
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const report = reportId ? await call(admin, 'POST', `/v1/reports/${reportId}/refresh`) : await call(admin, 'POST', '/v1/reports', { templateId, period: 'once' });
      drafts.push(performance.now() - t);
      reportId = String(report.id);
      queries = Number(report.queries);
      const communities = (report.figures as Record<string, { value: number }>).communities_total!.value;
      if (communities !== 7000) throw new Error(`draft counted ${communities} communities`);
    }
    const bareCount: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await withTenant(database.db, { kind: 'city', subject: 'bench', tenant: '4401', role: 'city_admin', unit: '4401' }, (tx) =>
        tx.execute(sql`select substr(code, 1, 6), count(*) from divisions where tenant_id = '4401' and level = 'village' group by 1`),
      );
      bareCount.push(performance.now() - t);
    }
    await database.dispose();
    console.error(`  draft of a 7,000-community city: p50 ${p50(drafts).toFixed(1)} ms, ${queries} statements for the computed figures`);
    const ratio = p50(aggregate) / p50(groupBy);
    return [
      {
        issue: 9,
        figure: `aggregate one period over ${CITIES} cities (${indicators.length} indicators, one upsert statement) p50`,
        value: p50(aggregate),
        baseline: p50(groupBy),
        unit: 'ms',
        ratio,
        goal: '<= 2x a bare GROUP BY over the same snapshot rows',
        pass: ratio <= 2,
        note: `the aggregate (advisory lock, then one statement: latest submitted or accepted version of each city, sum/avg/min/max, each city's value, ratios, upsert of every indicator) over the typed values written at submission; baseline: a bare GROUP BY over the same typed values (${CITIES * indicators.length} rows); a bare GROUP BY over the snapshots' JSON figures, the baseline before the typed rows: ${p50(jsonGroupBy).toFixed(2)} ms`,
      },
      {
        issue: 9,
        figure: `draft of a 7,000-community city over HTTP (POST /v1/reports, then refresh) p50; ${queries} statements`,
        value: p50(drafts),
        baseline: p50(bareCount),
        unit: 'ms',
        ratio: queries,
        goal: 'a handful of set-based statements (≤ 10), not one per community; baseline: one bare count by district',
        pass: queries <= 10,
        note: `${queries} statements compute every figure of the draft: one per metric group plus the province settings read`,
      },
    ];
  },
};
