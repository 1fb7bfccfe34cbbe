import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { reformCompletionTemplate } from '../../shared/reporting/default-template.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { cityDivisions, reportQueue } from '../support/reporting.js';

type Json = Record<string, any>;

const cities: [string, string][] = [
  ['4401', '广州市'], ['4402', '韶关市'], ['4403', '深圳市'], ['4404', '珠海市'], ['4405', '汕头市'], ['4406', '佛山市'], ['4407', '江门市'],
  ['4408', '湛江市'], ['4409', '茂名市'], ['4412', '肇庆市'], ['4413', '惠州市'], ['4414', '梅州市'], ['4415', '汕尾市'], ['4416', '河源市'],
  ['4417', '阳江市'], ['4418', '清远市'], ['4419', '东莞市'], ['4420', '中山市'], ['4451', '潮州市'], ['4452', '揭阳市'], ['4453', '云浮市'],
];
const codes = cities.map(([c]) => c);
const onTimeCities = codes.slice(0, 15);
const returnedCity = codes[15]!;
const lateCities = codes.slice(16, 20);
const missingCity = codes[20]!;
const communitiesOf = (code: string) => 2 + (codes.indexOf(code) % 4);
const fundingOf = (code: string) => 100 + codes.indexOf(code);
const narrative = '本市城市基层管理体制改革已按省的统一部署全面完成, 社区居委会调整到位, 换届选举依法进行, 现将有关情况报告如下。';

let h: Harness;
let q: ReturnType<typeof reportQueue>;
let province: string;
let templateId: string;
const admins: Record<string, string> = {};
const reportIds: Record<string, string> = {};

const call = async (token: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await h.request(method, path, { token, json });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Json) : { text } };
};
const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const at = (shanghaiDayTime: string) => h.clock.set(new Date(`${shanghaiDayTime}+08:00`));

async function draft(code: string): Promise<Json> {
  const report = await ok(admins[code]!, 'POST', '/v1/reports', { templateId, period: 'once' });
  reportIds[code] = report.id;
  return report;
}
async function fillAndSubmit(code: string): Promise<Json> {
  await ok(admins[code]!, 'PATCH', `/v1/reports/${reportIds[code]}`, { manual: { demonstration_committees: 1, funding_10k_yuan: fundingOf(code) }, narrative, attachments: [{ name: '改革工作总结.pdf', ref: `docs/${code}/summary.pdf` }] });
  return ok(admins[code]!, 'POST', `/v1/reports/${reportIds[code]}/submit`);
}
const aggregates = async () => (await ok(province, 'GET', `/v1/province/aggregates?template=${templateId}&period=once`)).items as Json[];
const completeness = () => ok(province, 'GET', `/v1/province/completeness?template=${templateId}&period=once`);

/** What the aggregate must be: each city's latest version when it is submitted or accepted, read straight from the snapshots. */
async function sumsOfCurrentSnapshots(): Promise<Record<string, { value: number; cities: number }>> {
  const rows = await h.asOwner<{ indicator: string; value: string; cities: number }>(sql`
    with latest as (select distinct on (tenant_id) tenant_id, status, figures from report_snapshots where template_id = ${templateId} and period = 'once' order by tenant_id, version desc)
    select f.key as indicator, sum((f.value ->> 'value')::numeric)::text as value, count(f.value ->> 'value')::int as cities
    from latest l cross join jsonb_each(l.figures) f where l.status in ('submitted', 'accepted') group by f.key`);
  return Object.fromEntries(rows.map((r) => [r.indicator, { value: Number(r.value), cities: r.cities }]));
}

async function expectAggregatesMatchSnapshots(): Promise<Json[]> {
  const items = await aggregates();
  const sums = await sumsOfCurrentSnapshots();
  for (const item of items.filter((i) => i.aggregation === 'sum')) {
    expect(item.value, item.indicator).toBe(sums[item.indicator]?.cities ? sums[item.indicator]!.value : null);
    expect(item.contributingCities, item.indicator).toBe(sums[item.indicator]?.cities ?? 0);
  }
  return items;
}

beforeAll(async () => {
  h = await createHarness();
  q = reportQueue(h);
  province = await h.provinceToken();
  for (const [code, name] of cities) {
    await h.onboard(code, name);
    admins[code] = await h.cityToken(code);
    const res = await h.request('POST', '/v1/divisions/import', { token: admins[code], body: cityDivisions(code, name, communitiesOf(code)), contentType: 'text/csv' });
    expect(res.status, await res.clone().text()).toBe(200);
  }
  await ok(admins['4401']!, 'PATCH', '/v1/communities/440101001001', { type: 'geographic', households: 5200, sizeExceptionReason: '大型单元小区整体划入', urbanVillagePilot: true });
  at('2026-11-25T10:00:00');
  const template = await ok(province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-20', dueOn: '2026-12-15', closesOn: '2027-01-31' }] });
  templateId = template.id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('templates', () => {
  it('ships the reform-completion template with the indicators the province asks for', async () => {
    const template = await ok(province, 'GET', `/v1/report-templates/${templateId}`);
    const codes = (template.indicators as Json[]).map((i) => i.code);
    for (const code of ['communities_geographic', 'residents_committees', 'committees_complete', 'elections_held', 'elections_valid', 'members_trained_on_time_rate', 'joint_conferences_held', 'member_units', 'facilities', 'volunteers', 'service_units', 'communities_outside_household_bounds', 'urban_village_pilots']) {
      expect(codes).toContain(code);
    }
    expect(template.periods).toEqual([{ period: 'once', opensOn: '2026-11-20', dueOn: '2026-12-15', closesOn: '2027-01-31' }]);
  });

  it('names every problem of a bad template by its field', async () => {
    const res = await call(province, 'POST', '/v1/report-templates', {
      code: 'broken', title: '有问题的模板', periodType: 'quarterly',
      indicators: [
        { code: 'aa', label: '甲', unit: '个', aggregation: 'sum', source: 'manual' },
        { code: 'rr', label: '比率', unit: '%', aggregation: 'ratio', source: 'manual', numerator: 'aa', denominator: 'missing' },
      ],
      rules: [{ left: 'aa', op: 'lte', right: 'nowhere', message: '甲不大于无' }],
      periods: [{ period: '2026', opensOn: '2026-01-01', dueOn: '2026-01-31', closesOn: '2026-02-28' }],
    });
    expect(res.status).toBe(400);
    expect((res.body.errors as Json[]).map((e) => e.path).sort()).toEqual(['body.indicators.1.denominator', 'body.indicators.1.source', 'body.periods.0.period', 'body.rules.0.right']);
  });

  it('is the province’s: a city may not publish one', async () => {
    expect((await call(admins['4401']!, 'POST', '/v1/report-templates', { preset: 'reform_completion', code: 'city_copy' })).status).toBe(403);
  });
});

describe('a city’s draft', () => {
  it('fills computed figures from the city’s own data, each with its query time, in a handful of statements', async () => {
    at('2026-11-26T09:00:00');
    const report = await draft('4401');
    const f = report.figures as Record<string, Json>;
    expect(f.communities_total).toMatchObject({ value: 2, source: 'computed', status: 'ok', queriedAt: '2026-11-26T01:00:00.000Z' });
    expect(f.residents_committees!.value).toBe(2);
    expect(f.communities_geographic!.value).toBe(1);
    expect(f.communities_outside_household_bounds!.value).toBe(1);
    expect(f.urban_village_pilots!.value).toBe(1);
    expect(f.committees_complete!.value).toBe(0);
    expect(f.committees_complete_rate).toMatchObject({ value: 0, source: 'derived' });
    expect(f.members_trained_on_time_rate).toMatchObject({ value: null, status: 'unavailable' });
    expect(report.districtFigures.communities_total).toEqual({ '440101': 2 });
    // one statement per metric group (11), and the first reads the province settings
    expect(report.queries).toBeLessThanOrEqual(12);
    expect(report.status).toBe('draft');
  });

  it('refreshes while a draft, with a new query time', async () => {
    at('2026-11-27T09:00:00');
    const report = await ok(admins['4401']!, 'POST', `/v1/reports/${reportIds['4401']}/refresh`);
    expect(report.figures.communities_total.queriedAt).toBe('2026-11-27T01:00:00.000Z');
  });

  it('counts facilities, service units and volunteers from the services module', async () => {
    const admin = admins['4401']!;
    await ok(admin, 'POST', '/v1/facilities', { unitCode: '440101001001', kind: 'service_centre', name: '第1社区服务中心', address: '一号路1号', areaM2: 320 });
    await ok(admin, 'POST', '/v1/service-units', { unitCode: '440101001001', name: '长者饭堂', services: ['助餐'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 200, totalAssetsYuan: 300 });
    const organisation = await ok(admin, 'POST', '/v1/volunteer-organisations', { unitCode: '440101001', name: '第一街道志愿者协会' });
    await ok(admin, 'POST', '/v1/volunteers', { cardNumber: 'GZ-0001', name: '李红', phone: '13812341234', communityCode: '440101001002', organisationId: organisation.id });
    const report = await ok(admin, 'POST', `/v1/reports/${reportIds['4401']}/refresh`);
    expect([report.figures.facilities.value, report.figures.service_units.value, report.figures.volunteers.value]).toEqual([1, 1, 1]);
    expect(report.districtFigures.volunteers).toEqual({ '440101': 1 });
  });

  it('lists every problem that blocks submission at once', async () => {
    const res = await call(admins['4401']!, 'POST', `/v1/reports/${reportIds['4401']}/submit`);
    expect(res.status).toBe(422);
    expect((res.body.errors as Json[]).map((e) => e.path).sort()).toEqual(['manual.demonstration_committees', 'manual.funding_10k_yuan', 'narrative']);
  });

  it('applies the template’s validation rules', async () => {
    await ok(admins['4401']!, 'PATCH', `/v1/reports/${reportIds['4401']}`, { manual: { demonstration_committees: 9, funding_10k_yuan: 10 }, narrative });
    const res = await call(admins['4401']!, 'POST', `/v1/reports/${reportIds['4401']}/submit`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'figures.demonstration_committees', code: 'report_rule_broken', params: { a: 9, b: 2, left: 'demonstration_committees', right: 'residents_committees', rule: '示范居委会不得多于居委会总数' }, message: '示范居委会不得多于居委会总数（demonstration_committees=9，residents_committees=2）' }]);
  });

  it('refuses a computed figure typed in by hand, naming the field', async () => {
    const res = await call(admins['4401']!, 'PATCH', `/v1/reports/${reportIds['4401']}`, { manual: { communities_total: 99 } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.manual.communities_total', code: 'figure_is_computed', params: {}, message: '此数据由本市业务数据自动计算，无须填写' }]);
  });
});

describe('a period with 21 cities', () => {
  it('takes on-time submissions as immutable snapshots and aggregates them on the queue', async () => {
    at('2026-12-01T10:00:00');
    for (const code of [...onTimeCities, returnedCity]) {
      if (!reportIds[code]) await draft(code);
      const submitted = await fillAndSubmit(code);
      expect(submitted.status).toBe('submitted');
      expect(submitted.history).toHaveLength(1);
      expect(submitted.history[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    await draft(missingCity);
    const messages = await q.drain();
    // each submission queues the aggregation and the province's notice
    expect(messages.filter((m) => m.body.type === 'report.changed')).toHaveLength(16);
    expect(messages.filter((m) => m.body.type === 'report.notice')).toHaveLength(16);
    const items = await expectAggregatesMatchSnapshots();
    const total = items.find((i) => i.indicator === 'communities_total')!;
    expect(total.value).toBe([...onTimeCities, returnedCity].reduce((s, c) => s + communitiesOf(c), 0));
    expect(total.perCity['4401']).toBe(2);
  });

  it('keeps a snapshot immutable even for the table owner', async () => {
    const failure = (query: ReturnType<typeof sql>) => h.asOwner(query).then(() => 'done', (e: Error & { cause?: unknown }) => String(e.cause ?? e));
    expect(await failure(sql`update report_snapshots set narrative = 'changed' where tenant_id = '4401'`)).toMatch(/immutable/);
    expect(await failure(sql`delete from report_snapshots where tenant_id = '4401'`)).toMatch(/never deleted/);
  });

  it('reminds a city that has not reported 14 and 3 days before and when late, once per stage, and tells the province who is late', async () => {
    await q.sweep(missingCity, '2026-12-01T00:30:00Z');
    await q.sweep(missingCity, '2026-12-02T00:30:00Z');
    await q.sweep(missingCity, '2026-12-12T00:30:00Z');
    await q.sweep(missingCity, '2026-12-16T00:30:00Z');
    await q.sweep(missingCity, '2026-12-17T00:30:00Z');
    await q.sweep('4401', '2026-12-16T00:30:00Z');
    const sent = await h.asOwner<{ tenant_id: string; reason_code: string }>(sql`select tenant_id, reason_code from notifications where reason_code like 'report.%' and recipient_kind = 'unit' order by created_at, reason_code`);
    expect(sent).toEqual([
      { tenant_id: missingCity, reason_code: 'report.due_in_14_days' },
      { tenant_id: missingCity, reason_code: 'report.period_opened' },
      { tenant_id: missingCity, reason_code: 'report.due_in_3_days' },
      { tenant_id: missingCity, reason_code: 'report.late' },
    ]);
    const late = await ok(province, 'GET', `/v1/province/late-reports?template=${templateId}&period=once`);
    expect(late.items).toEqual([{ cityCode: missingCity, cityName: '云浮市', dueOn: '2026-12-15', notifiedAt: '2026-12-16T00:30:00.000Z' }]);
  });

  it('lets the province accept and return with comments; a returned report leaves the aggregate until resubmitted', async () => {
    at('2026-12-05T10:00:00');
    const list = (await ok(province, 'GET', `/v1/province/reports?template=${templateId}&period=once`)).items as Json[];
    expect(list.map((s) => s.tenantId).sort()).toEqual([...onTimeCities, returnedCity].sort());
    // the province names each city's districts from that city's divisions (policy divisions_province_read), by code
    const withDistricts = list.filter((s) => Object.keys(Object.values(s.districtFigures as Record<string, Record<string, number>>)[0] ?? {}).length);
    expect(withDistricts.length).toBeGreaterThan(0);
    for (const s of withDistricts) expect(s.districtNames, String(s.tenantId)).toEqual({ [`${String(s.tenantId)}01`]: `${String(s.cityName)}第一区` });
    const snapshotOf = (code: string) => list.find((s) => s.tenantId === code)!.id as string;
    for (const code of onTimeCities.slice(0, 5)) await ok(province, 'POST', `/v1/province/reports/${snapshotOf(code)}/accept`, { comment: '数据完整, 予以采纳' });
    const returned = await ok(province, 'POST', `/v1/province/reports/${snapshotOf(returnedCity)}/return`, { comment: '社区建设投入经费口径有误, 请核实后重报' });
    expect(returned).toMatchObject({ status: 'returned', reviewComment: '社区建设投入经费口径有误, 请核实后重报' });
    expect((await call(province, 'POST', `/v1/province/reports/${snapshotOf(returnedCity)}/accept`, {})).status).toBe(409);
    expect((await q.drain()).map((m) => m.body.type).filter((t) => t === 'report.changed')).toHaveLength(6);
    const items = await expectAggregatesMatchSnapshots();
    expect(items.find((i) => i.indicator === 'communities_total')!.contributingCities).toBe(15);
    const c = await completeness();
    expect(c).toMatchObject({ expected: 21, submitted: 16, onTime: 16, late: 0, missing: 5, accepted: 5, returned: 1 });
  });

  it('takes late submissions and a resubmission as a new version, keeping history; racing events leave one correct aggregate', async () => {
    at('2026-12-18T10:00:00');
    const city = admins[returnedCity]!;
    expect((await call(city, 'PATCH', `/v1/reports/${reportIds[returnedCity]}`, { narrative })).status).toBe(409);
    const revised = await ok(city, 'POST', `/v1/reports/${reportIds[returnedCity]}/revise`);
    expect(revised).toMatchObject({ status: 'draft', version: 2 });
    await ok(city, 'PATCH', `/v1/reports/${reportIds[returnedCity]}`, { manual: { funding_10k_yuan: 55 } });
    const resubmitted = await ok(city, 'POST', `/v1/reports/${reportIds[returnedCity]}/submit`);
    expect(resubmitted.history.map((s: Json) => [s.version, s.status])).toEqual([[1, 'returned'], [2, 'submitted']]);
    at('2026-12-20T10:00:00');
    for (const code of lateCities) {
      await draft(code);
      await fillAndSubmit(code);
    }
    const messages = await q.take();
    expect(messages.filter((m) => m.body.type === 'report.changed')).toHaveLength(5);
    // the province hears of the revision, the resubmission and the four late submissions
    expect(messages.filter((m) => m.body.type === 'report.notice').map((m) => (m.body as Json).event).sort()).toEqual(['revised', 'submitted', 'submitted', 'submitted', 'submitted', 'submitted']);
    await Promise.all(messages.map((m) => q.run([m])));
    const items = await expectAggregatesMatchSnapshots();
    const funding = items.find((i) => i.indicator === 'funding_10k_yuan')!;
    expect(funding.perCity[returnedCity]).toBe(55);
    expect(funding.contributingCities).toBe(20);
    expect(funding.value).toBe([...onTimeCities, ...lateCities].reduce((s, c) => s + fundingOf(c), 55));
  });

  it('is idempotent under redelivery: the same keys are duplicates, new keys rewrite the same values', async () => {
    const before = await h.asOwner(sql`select indicator, value, contributing_cities, per_city_codes, per_city_values, computed_at from report_aggregates order by indicator`);
    const all = await h.asOwner<{ id: string; body: Json }>(sql`select id, body from outbox where queue = 'report-aggregation' and message_type = 'report.changed'`);
    await q.run(all.map((r) => ({ messageId: r.id, key: r.id, body: r.body as never })));
    expect(await h.asOwner(sql`select indicator, value, contributing_cities, per_city_codes, per_city_values, computed_at from report_aggregates order by indicator`)).toEqual(before);
    h.clock.advance(60_000);
    const fresh = all.slice(0, 6).map((r) => ({ messageId: crypto.randomUUID(), key: crypto.randomUUID(), body: r.body as never }));
    await Promise.all(fresh.map((m) => q.run([m])));
    const after = await h.asOwner<Json>(sql`select indicator, value, contributing_cities, per_city_codes, per_city_values from report_aggregates order by indicator`);
    expect(after).toEqual(before.map(({ computed_at: _, ...rest }) => rest));
    const [count] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from report_aggregates where template_id = ${templateId}`);
    expect(count!.n).toBe(reformCompletionTemplate.indicators.length);
  });

  it('counts completeness: expected, submitted, on time, late, missing, accepted, returned', async () => {
    const c = await completeness();
    expect(c).toMatchObject({ expected: 21, submitted: 20, onTime: 16, late: 4, missing: 1, accepted: 5, returned: 0, reportingRate: 95.24, onTimeRate: 76.19 });
    const byCode = Object.fromEntries((c.cities as Json[]).map((x) => [x.code, x]));
    expect(byCode[missingCity]).toMatchObject({ status: 'missing', onTime: null });
    expect(byCode[returnedCity]).toMatchObject({ status: 'submitted', version: 2, onTime: true });
    expect(byCode[lateCities[0]!]).toMatchObject({ status: 'submitted', onTime: false });
  });
});

describe('isolation', () => {
  it('a city cannot read or change another city’s report', async () => {
    const other = admins['4403']!;
    expect((await call(other, 'GET', `/v1/reports/${reportIds['4401']}`)).status).toBe(404);
    expect((await call(other, 'POST', `/v1/reports/${reportIds[missingCity]}/submit`)).status).toBe(404);
    expect((await call(other, 'GET', '/v1/reports?city=4401')).status).toBe(404);
    const own = (await ok(other, 'GET', '/v1/reports')).items as Json[];
    expect(own.map((r) => r.tenantId)).toEqual(['4403']);
  });

  it('the province cannot read a draft, neither over HTTP nor through its database policies', async () => {
    expect((await call(province, 'GET', `/v1/province/reports/${reportIds[missingCity]}`)).status).toBe(404);
    expect((await call(province, 'GET', `/v1/reports/${reportIds[missingCity]}`)).status).toBe(403);
    const seen = await withTenant(h.database.db, { kind: 'province', subject: 'test', role: 'province_admin', unit: '44' }, async (tx) => {
      const drafts = await tx.execute(sql`select count(*)::int as n from reports`);
      const snapshots = await tx.execute(sql`select count(*)::int as n from report_snapshots`);
      const profiles = await tx.execute(sql`select count(*)::int as n from community_profiles`);
      const divisionNames = await tx.execute(sql`select count(*)::int as n from divisions`);
      return [drafts, snapshots, profiles, divisionNames].map((r) => (r as unknown as { rows: { n: number }[] }).rows[0]!.n);
    });
    // a city's community profiles stay its own; its division names and codes are the province's one read (0037)
    expect(seen.slice(0, 3)).toEqual([0, 21, 0]);
    expect(seen[3]).toBeGreaterThan(0);
    expect(await h.asOwner<{ n: number }>(sql`select count(*)::int as n from community_profiles`)).not.toEqual([{ n: 0 }]);
  });
});

describe('exports', () => {
  it('writes a workbook with Chinese headers whose cells match the aggregate', async () => {
    const res = await h.request('GET', `/v1/province/aggregates/export?template=${templateId}&period=once&format=xlsx`, { token: province });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('全省汇总')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['指标代码', '指标名称', '单位', '汇总方式', '全省汇总值', '报送城市数']);
    expect(header).toContain('广州市(4401)');
    const items = await aggregates();
    expect(sheet.rowCount).toBe(items.length + 1);
    items.forEach((item, n) => {
      const row = (sheet.getRow(n + 2).values as unknown[]).slice(1);
      expect(row[0]).toBe(item.indicator);
      expect(row[1]).toBe(item.label);
      expect(row[4] ?? null).toBe(item.value);
      expect(row[5]).toBe(item.contributingCities);
      expect(row[header.indexOf('广州市(4401)')] ?? null).toBe(item.perCity['4401'] ?? null);
    });
  });

  it('writes the completeness workbook and both CSVs', async () => {
    const res = await h.request('GET', `/v1/province/completeness/export?template=${templateId}&period=once&format=xlsx`, { token: province });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getRow(2).values).toEqual([undefined, '应报城市数', 21]);
    expect(summary.getRow(6).values).toEqual([undefined, '未报送', 1]);
    const detail = workbook.getWorksheet('报送情况')!;
    expect((detail.getRow(1).values as unknown[]).slice(1)).toEqual(['城市代码', '城市名称', '报送状态', '版本', '首次报送时间', '最近报送时间', '是否按时']);
    expect(detail.rowCount).toBe(22);
    const csv = await h.request('GET', `/v1/province/completeness/export?template=${templateId}&period=once&format=csv`, { token: province });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF城市代码,城市名称,报送状态')).toBe(true);
    expect(text).toContain(`${missingCity},云浮市,未报送,,,,`);
    const aggregateCsv = await (await h.request('GET', `/v1/province/aggregates/export?template=${templateId}&period=once&format=csv`, { token: province })).text();
    expect(aggregateCsv).toContain('communities_total,社区总数,个,求和,');
  });
});
