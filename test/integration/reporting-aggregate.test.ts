import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { reportQueue } from '../support/reporting.js';

type Json = Record<string, any>;

const narrative = '本市各项指标已按模板填报, 数据来源于本市台账, 现将有关情况报告如下, 请审阅。';
const manual = (code: string, aggregation: string) => ({ code, label: code, unit: '个', aggregation, source: 'manual' });
const template = {
  code: 'aggregations', title: '汇总方式测试', periodType: 'once', onTimeDays: 0,
  indicators: [
    manual('total', 'sum'), manual('mean', 'avg'), manual('lowest', 'min'), manual('highest', 'max'), manual('part', 'sum'), manual('whole', 'sum'),
    { code: 'share', label: 'share', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'part', denominator: 'whole' },
  ],
  rules: [],
  periods: [{ period: 'once', opensOn: '2027-01-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }],
};
/** Per city: its manual figures; 4404's whole is 0, so its own share is unavailable and it leaves the provincial ratio. */
const figures: Record<string, Record<string, number>> = {
  '4401': { total: 10, mean: 3, lowest: 7.5, highest: 2, part: 1, whole: 4 },
  '4402': { total: 20, mean: 4, lowest: 2.25, highest: 9, part: 3, whole: 7 },
  '4403': { total: 12.5, mean: 8, lowest: 5, highest: 4, part: 2, whole: 3 },
  '4404': { total: 1, mean: 1, lowest: 1, highest: 1, part: 0, whole: 0 },
};
const returned = '4403';

let h: Harness;
let province: string;
let templateId: string;

const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await h.request(method, path, { token, json });
  const body = (await res.json()) as Json;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
};

const failure = (query: ReturnType<typeof sql>) =>
  h.asOwner(query).then(
    () => 'no error',
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

beforeAll(async () => {
  h = await createHarness();
  province = await h.provinceToken();
  h.clock.set(new Date('2027-01-10T10:00:00+08:00'));
  templateId = (await ok(province, 'POST', '/v1/report-templates', template)).id;
  for (const [code, name] of [['4401', '广州市'], ['4402', '韶关市'], ['4403', '深圳市'], ['4404', '珠海市']] as const) {
    await h.onboard(code, name);
    const admin = await h.cityToken(code);
    const report = await ok(admin, 'POST', '/v1/reports', { templateId, period: 'once' });
    await ok(admin, 'PATCH', `/v1/reports/${report.id}`, { manual: figures[code], narrative });
    await ok(admin, 'POST', `/v1/reports/${report.id}/submit`);
  }
  const [snapshot] = await h.asOwner<{ id: string }>(sql`select id from report_snapshots where tenant_id = ${returned}`);
  await ok(province, 'POST', `/v1/province/reports/${snapshot!.id}/return`, { comment: '请核实数据' });
  await reportQueue(h).drain();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('the provincial aggregate over typed snapshot values', () => {
  it('sums, averages, takes min and max and the ratio of sums over the cities whose latest version counts', async () => {
    const counted = ['4401', '4402', '4404'];
    const column = (code: string) => counted.map((c) => figures[c]![code]!);
    const items = Object.fromEntries(((await ok(province, 'GET', `/v1/province/aggregates?template=${templateId}&period=once`)).items as Json[]).map((i) => [i.indicator, i]));

    expect(items.total).toMatchObject({ value: 31, contributingCities: 3, perCity: { '4401': 10, '4402': 20, '4404': 1 } });
    expect(items.mean).toMatchObject({ value: Math.round((8 / 3) * 10_000) / 10_000, contributingCities: 3 });
    expect(items.lowest).toMatchObject({ value: Math.min(...column('lowest')), contributingCities: 3 });
    expect(items.highest).toMatchObject({ value: Math.max(...column('highest')), contributingCities: 3 });
    expect(items.share.contributingCities).toBe(2);
    expect(items.share.value).toBe(Math.round((100 * (1 + 3)) / (4 + 7) * 100) / 100);
    expect(Object.keys(items.share.perCity).sort()).toEqual(['4401', '4402']);
  });

  it('keeps each submitted value immutable: only its review status and latest flag change', async () => {
    expect(await failure(sql`update report_snapshot_values set value = 99 where tenant_id = '4401'`)).toMatch(/immutable/);
    expect(await failure(sql`delete from report_snapshot_values where tenant_id = '4401'`)).toMatch(/never deleted/);
    const rows = await h.asOwner<{ tenant_id: string; status: string; latest: boolean; counted: boolean }>(sql`select distinct tenant_id, status, latest, counted from report_snapshot_values where indicator = 'total' order by tenant_id`);
    expect(rows).toEqual([
      { tenant_id: '4401', status: 'submitted', latest: true, counted: true },
      { tenant_id: '4402', status: 'submitted', latest: true, counted: true },
      { tenant_id: '4403', status: 'returned', latest: true, counted: false },
      { tenant_id: '4404', status: 'submitted', latest: true, counted: true },
    ]);
  });
});
