import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { workerVerbs } from '../../functions/workers/registry.js';
import type { ServiceContext } from '../../shared/context.js';
import { runConferenceSweep } from '../../shared/conferences/scheduling.js';
import { queues, type QueueKey } from '../../shared/queues.js';
import { runReportDeadlineSweep } from '../../shared/reporting/deadlines.js';
import { runTrainingSweep } from '../../shared/training/reminders.js';
import { processMessages, workerPrincipal } from '../../shared/workers/process.js';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

type Json = Record<string, any>;
type SweepVerb = typeof runTrainingSweep | typeof runConferenceSweep | typeof runReportDeadlineSweep;

let h: Harness;
const narrative = '本市各项指标已按模板填报, 数据来源于本市台账, 现将有关情况报告如下, 请审阅。';

const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await h.request(method, path, { token, json });
  const body = (await res.json()) as Json;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
};

/** What the kill -9 did: the relay marked the rows sent, the in-memory queue lost them, no consumer ever saw them. */
const loseMessages = (type: string) => h.asOwner(sql`update outbox set sent_at = ${h.clock.now().toISOString()}::timestamptz, sqs_message_id = 'lost' where message_type = ${type} and sent_at is null`);

/** One city's daily sweep message, processed by its verb in the city's transaction as the worker would. */
async function sweep<V extends SweepVerb>(verb: V, queue: QueueKey, type: string, tenant: string, asOf: string): Promise<Awaited<ReturnType<V>>> {
  h.clock.set(asOf);
  const principal = workerPrincipal(queues[queue].name, tenant);
  const ctx: ServiceContext = { principal, db: h.database.db, clock: h.clock, logger: h.logger, requestId: 'test:sweep', config: { provinceCode: '44', provinceName: '广东省' } };
  const input = { version: 1, type, tenant, asOf: new Date(asOf).toISOString() } as never;
  return withTenant(h.database.db, principal, (tx) => (verb as (call: unknown) => Promise<Awaited<ReturnType<V>>>)({ ctx, tx, input, messageKey: crypto.randomUUID() }));
}

const count = async (query: ReturnType<typeof sql>) => (await h.asOwner<{ n: number }>(query))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const admin = await h.cityToken('4401');
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('the training sweep reconciles started terms', () => {
  it('gives the members of terms whose term_started message was lost their obligations, once, and says how many', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const communities = ['440103001001', '440103002001', '440103002002'];
    for (const community of communities) {
      await certifiedElection(h, await h.cityToken('4401', 'street_officer', community.slice(0, 9)), electionPlan(community, { electionDate: '2026-11-20' }));
    }
    await loseMessages('committee.term_started');
    expect(await count(sql`select count(*)::int as n from training_obligations where tenant_id = '4401'`)).toBe(0);

    const first = await sweep(runTrainingSweep, 'trainingReminders', 'training.sweep', '4401', '2026-11-26T08:00:00+08:00');
    expect(first.repaired).toEqual({ terms: 3, obligations: 21 });
    expect(await count(sql`select count(*)::int as n from training_obligations where tenant_id = '4401' and due_on = '2027-11-20' and state = 'open'`)).toBe(21);
    expect(h.logs.some((l) => l.includes('sweep reconciled effects of lost messages') && l.includes('"obligations":21'))).toBe(true);

    const second = await sweep(runTrainingSweep, 'trainingReminders', 'training.sweep', '4401', '2026-11-27T08:00:00+08:00');
    expect(second.repaired).toEqual({ terms: 0, obligations: 0 });

    const [late] = await h.asOwner<{ id: string; body: Json }>(sql`select id, body from outbox where message_type = 'committee.term_started' order by created_at limit 1`);
    const failures = await processMessages('trainingReminders', [{ messageId: late!.id, key: late!.id, body: late!.body as never }], workerVerbs.trainingReminders, {
      db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' },
    });
    expect(failures.size).toBe(0);
    expect(await count(sql`select count(*)::int as n from training_obligations where tenant_id = '4401'`)).toBe(21);
  });

  it('leaves a member added outside an election (补选) and other cities alone', async () => {
    const [committee] = await h.asOwner<{ id: string }>(sql`select id from committees where tenant_id = '4401' and community_code = '440103001001'`);
    await ok(await h.cityToken('4401'), 'POST', `/v1/committees/${committee!.id}/members`, { name: '补选委员', gender: 'female', birthYear: 1990, partyMember: false, keepsJob: true, position: 'member', joinedOn: '2026-11-26' });
    const guangzhou = await sweep(runTrainingSweep, 'trainingReminders', 'training.sweep', '4401', '2026-11-28T08:00:00+08:00');
    expect(guangzhou.repaired).toEqual({ terms: 0, obligations: 0 });
    expect(await count(sql`select count(*)::int as n from training_obligations where tenant_id = '4401'`)).toBe(21);
    const shenzhen = await sweep(runTrainingSweep, 'trainingReminders', 'training.sweep', '4403', '2026-11-28T08:00:00+08:00');
    expect(shenzhen.repaired).toEqual({ terms: 0, obligations: 0 });
  });
});

describe('the conference sweep reconciles series', () => {
  it('materialises a series whose series_changed message was lost, and cancels the meetings of one ended while its message was lost', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const street = await h.cityToken('4401', 'street_officer', '440103001');
    const created = await ok(street, 'POST', '/v1/conferences/series', {
      title: '沙面街道社区工作联席会议', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', firstStartLocal: '2026-12-15T09:30', venue: '沙面街道办事处三楼会议室', agenda: '共建共享项目',
    });
    await loseMessages('conference.series_changed');

    const first = await sweep(runConferenceSweep, 'conferenceScheduling', 'conference.sweep', '4401', '2026-11-26T08:10:00+08:00');
    expect(first.repaired).toEqual({ series: 1, occurrences: 4 });
    expect(await count(sql`select count(*)::int as n from conference_occurrences where series_id = ${created.id} and status = 'scheduled'`)).toBe(4);
    const again = await sweep(runConferenceSweep, 'conferenceScheduling', 'conference.sweep', '4401', '2026-11-27T08:10:00+08:00');
    expect(again.repaired).toEqual({ series: 0, occurrences: 0 });

    await ok(street, 'PATCH', `/v1/conferences/series/${created.id}`, { status: 'ended' });
    await loseMessages('conference.series_changed');
    const ended = await sweep(runConferenceSweep, 'conferenceScheduling', 'conference.sweep', '4401', '2026-11-28T08:10:00+08:00');
    expect(ended.repaired).toEqual({ series: 1, occurrences: 0 });
    expect(await count(sql`select count(*)::int as n from conference_occurrences where series_id = ${created.id} and status = 'scheduled'`)).toBe(0);
  });
});

describe('the report-deadline sweep reconciles the provincial aggregate', () => {
  it('re-aggregates a period whose submitted reports are missing from it, once', async () => {
    const province = await h.provinceToken();
    h.clock.set(new Date('2027-01-10T10:00:00+08:00'));
    const template = await ok(province, 'POST', '/v1/report-templates', {
      code: 'reconcile', title: '汇总补算测试', periodType: 'once', onTimeDays: 0,
      indicators: [{ code: 'total', label: 'total', unit: '个', aggregation: 'sum', source: 'manual' }],
      rules: [],
      periods: [{ period: 'once', opensOn: '2027-01-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }],
    });
    for (const [city, total] of [['4401', 10], ['4403', 32]] as const) {
      const admin = await h.cityToken(city);
      const report = await ok(admin, 'POST', '/v1/reports', { templateId: template.id, period: 'once' });
      await ok(admin, 'PATCH', `/v1/reports/${report.id}`, { manual: { total }, narrative });
      await ok(admin, 'POST', `/v1/reports/${report.id}/submit`);
    }
    await loseMessages('report.changed');
    const aggregate = async () => (await ok(province, 'GET', `/v1/province/aggregates?template=${template.id}&period=once`)).items as Json[];
    expect((await aggregate()).filter((i) => i.contributingCities > 0)).toEqual([]);

    const guangzhou = await sweep(runReportDeadlineSweep, 'reportAggregation', 'report.deadline_sweep', '4401', '2027-01-11T08:20:00+08:00');
    expect(guangzhou.repaired).toEqual({ periods: 1 });
    expect(await aggregate()).toEqual([expect.objectContaining({ indicator: 'total', value: 42, contributingCities: 2, perCity: { '4401': 10, '4403': 32 } })]);

    const shenzhen = await sweep(runReportDeadlineSweep, 'reportAggregation', 'report.deadline_sweep', '4403', '2027-01-11T08:20:00+08:00');
    expect(shenzhen.repaired).toEqual({ periods: 0 });
    const again = await sweep(runReportDeadlineSweep, 'reportAggregation', 'report.deadline_sweep', '4401', '2027-01-12T08:20:00+08:00');
    expect(again.repaired).toEqual({ periods: 0 });
  });

  it('takes a returned report back out of the aggregate when its message was lost', async () => {
    const province = await h.provinceToken();
    const [snapshot] = await h.asOwner<{ id: string; template_id: string }>(sql`select s.id, s.template_id from report_snapshots s join report_templates t on t.id = s.template_id where t.code = 'reconcile' and s.tenant_id = '4403'`);
    await ok(province, 'POST', `/v1/province/reports/${snapshot!.id}/return`, { comment: '请核实数据' });
    await loseMessages('report.changed');

    const shenzhen = await sweep(runReportDeadlineSweep, 'reportAggregation', 'report.deadline_sweep', '4403', '2027-01-13T08:20:00+08:00');
    expect(shenzhen.repaired).toEqual({ periods: 1 });
    const items = (await ok(province, 'GET', `/v1/province/aggregates?template=${snapshot!.template_id}&period=once`)).items as Json[];
    expect(items).toEqual([expect.objectContaining({ indicator: 'total', value: 10, contributingCities: 1 })]);
  });
});
