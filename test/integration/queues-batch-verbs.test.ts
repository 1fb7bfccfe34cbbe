import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSqsRecord } from '../../functions/local/sqs.js';
import { createQueueWorker } from '../../functions/workers/consumer.js';
import { OUTBOX_ID_ATTRIBUTE } from '../../shared/outbox/relay.js';
import type { QueueKey } from '../../shared/queues.js';
import { aggregateReports } from '../../shared/reporting/aggregation.js';
import { startTrainingObligations } from '../../shared/training/reminders.js';
import type { MessageVerbs } from '../../shared/workers/process.js';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { cityDivisions } from '../support/reporting.js';

/**
 * The production batch forms of the registry, through the real worker and a real SQSEvent: a city certifying many
 * community elections at once (换届) sends one committee.term_started per committee, and a report's submission and
 * review send report.changed for the same period.
 */

type Json = Record<string, any>;
let h: Harness;
const TENANT = '4401';
const STREET = '440101001';
const COMMITTEES = 10;
const config = { provinceCode: '44', provinceName: '广东省' };
const arn = (queue: string) => `arn:aws:sqs:us-east-1:123456789012:${queue}`;

/** The election day of committee i: spread over two weeks, so the messages of one batch have different due dates. */
const electionDay = (i: number) => `2026-11-${String(10 + i).padStart(2, '0')}`;
let termStarted: { id: string; body: Json }[] = [];
/** Members by committee index and name, once the term started. */
const members: Record<string, string>[] = [];

const worker = <K extends QueueKey>(queue: K, verbs?: MessageVerbs<K>) => createQueueWorker(queue, { db: h.database.db, clock: h.clock, logger: h.logger, config, personalData: h.personalData }, verbs);
const recordOf = (queue: string, m: { id: string; body: Json }, messageId = m.id) =>
  toSqsRecord({ MessageId: messageId, ReceiptHandle: messageId, Body: JSON.stringify(m.body), MessageAttributes: { [OUTBOX_ID_ATTRIBUTE]: { DataType: 'String', StringValue: m.id } } }, arn(queue));
const trainingEvent = (messages: { id: string; body: Json }[]): SQSEvent => ({ Records: messages.map((m) => recordOf('training-reminders', m)) });
const failed = async (run: Promise<{ batchItemFailures: { itemIdentifier: string }[] }>) => (await run).batchItemFailures.map((f) => f.itemIdentifier).sort();

/** Every obligation of the city, keyed by what a run decides (not the random id or the clock's timestamps). */
const obligations = () => h.asOwner<Json>(sql`
  select member_id, term_id, committee_id, community_code, election_id, to_char(election_date, 'YYYY-MM-DD') as election_date,
    to_char(due_on, 'YYYY-MM-DD') as due_on, state, to_char(completed_on, 'YYYY-MM-DD') as completed_on, completion_id
  from training_obligations where tenant_id = ${TENANT} order by member_id, term_id`);
const fullRows = () => h.asOwner<Json>(sql`select * from training_obligations where tenant_id = ${TENANT} order by id`);
const processedKeys = async () => (await h.asOwner<{ key: string }>(sql`select message_key as key from processed_messages where tenant_id = ${TENANT} and queue = 'training-reminders' order by message_key`)).map((r) => r.key);
/** Back to before any term_started was processed: no obligation, no processed key. */
const forget = async () => {
  await h.asOwner(sql`delete from training_obligations where tenant_id = ${TENANT}`);
  await h.asOwner(sql`delete from processed_messages where tenant_id = ${TENANT} and queue = 'training-reminders'`);
};
const batchLogs = (type: string) => h.logs.map((l) => JSON.parse(l) as Json).filter((l) => l.type === type && l.message === 'messages processed in one batch');
const completion = (memberId: string, completedOn: string, id = crypto.randomUUID()) =>
  h.asOwner(sql`insert into training_completions (id, tenant_id, member_id, kind, completed_on, title, evidence_ref, recorded_by, created_at)
    values (${id}, ${TENANT}, ${memberId}, 'external', ${completedOn}, '区级集中培训', '结业证书', 'test', now())`).then(() => id);

beforeAll(async () => {
  h = await createHarness();
  await h.onboard(TENANT, '广州市');
  const admin = await h.cityToken(TENANT);
  const street = await h.cityToken(TENANT, 'street_officer', STREET);
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: cityDivisions(TENANT, '广州市', COMMITTEES), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  h.clock.set('2026-11-30T02:00:00Z');
  for (let i = 0; i < COMMITTEES; i++) {
    await certifiedElection(h, street, electionPlan(`${STREET}${String(i + 1).padStart(3, '0')}`, { electionDate: electionDay(i) }));
  }
  termStarted = await h.asOwner<{ id: string; body: Json }>(sql`select id, body from outbox where message_type = 'committee.term_started' order by body->>'communityCode'`);
  expect(termStarted).toHaveLength(COMMITTEES);
  for (const [i, m] of termStarted.entries()) {
    const rows = await h.asOwner<{ id: string; name: string }>(sql`select id, name from committee_members where term_id = ${m.body.termId}`);
    members[i] = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  }
  // Training recorded before the batch arrives: after the election (counts), before it (does not), and twice after (the earliest counts).
  await completion(members[0]!['陈主任']!, '2026-11-25');
  await completion(members[1]!['黄副一']!, '2026-10-01');
  await completion(members[2]!['郑委一']!, '2026-11-28');
  await completion(members[2]!['郑委一']!, '2026-11-20');
  h.clock.set('2026-12-01T02:00:00Z');
}, 180_000);

afterAll(async () => {
  await h?.close();
});

describe('committee.term_started in a batch of ten (换届)', () => {
  let oneByOne: Json[] = [];

  it('makes the same obligations in one batch as the same ten messages one by one', async () => {
    expect(await failed(worker('trainingReminders', { 'committee.term_started': startTrainingObligations })(trainingEvent(termStarted)))).toEqual([]);
    oneByOne = await obligations();
    expect(oneByOne).toHaveLength(COMMITTEES * 7);
    expect(batchLogs('committee.term_started')).toHaveLength(0);
    await forget();

    expect(await failed(worker('trainingReminders')(trainingEvent(termStarted)))).toEqual([]);

    const batched = await obligations();
    expect(batched).toEqual(oneByOne);
    const [log] = batchLogs('committee.term_started');
    expect(log).toMatchObject({ count: COMMITTEES, result: { messages: COMMITTEES, created: COMMITTEES * 7, alreadyMet: 2 } });
    expect(await processedKeys()).toEqual(termStarted.map((m) => m.id).sort());
    for (let i = 0; i < COMMITTEES; i++) {
      const ofTerm = batched.filter((o) => o.term_id === termStarted[i]!.body.termId);
      expect(ofTerm).toHaveLength(7);
      expect(new Set(ofTerm.map((o) => [o.election_date, o.due_on, o.election_id, o.community_code].join(' ')))).toEqual(
        new Set([[electionDay(i), electionDay(i).replace('2026', '2027'), termStarted[i]!.body.electionId, termStarted[i]!.body.communityCode].join(' ')]),
      );
    }
  });

  it('counts training since the election at once: the earliest completion on or after the election day, none from before', async () => {
    const byMember = new Map((await obligations()).map((o) => [o.member_id, o]));
    const [earliest] = await h.asOwner<{ id: string }>(sql`select id from training_completions where member_id = ${members[2]!['郑委一']!} and completed_on = '2026-11-20'`);
    expect(byMember.get(members[0]!['陈主任']!)).toMatchObject({ state: 'completed', completed_on: '2026-11-25' });
    expect(byMember.get(members[2]!['郑委一']!)).toMatchObject({ state: 'completed', completed_on: '2026-11-20', completion_id: earliest!.id });
    expect(byMember.get(members[1]!['黄副一']!)).toMatchObject({ state: 'open', completed_on: null, completion_id: null });
    expect([...byMember.values()].filter((o) => o.state === 'completed')).toHaveLength(2);
  });

  it('does nothing when the batch is delivered again, with its keys or (after they were purged) by the natural key', async () => {
    const before = await fullRows();
    h.logs.length = 0;
    expect(await failed(worker('trainingReminders')(trainingEvent(termStarted)))).toEqual([]);
    expect(batchLogs('committee.term_started')).toHaveLength(0);
    expect(await fullRows()).toEqual(before);

    await h.asOwner(sql`delete from processed_messages where tenant_id = ${TENANT} and queue = 'training-reminders'`);
    expect(await failed(worker('trainingReminders')(trainingEvent(termStarted)))).toEqual([]);
    expect(batchLogs('committee.term_started')).toMatchObject([{ result: { messages: COMMITTEES, created: 0, alreadyMet: 0 } }]);
    expect(await fullRows()).toEqual(before);
  });

  it('makes one obligation per member when the same message comes twice in one batch under two SQS ids', async () => {
    await forget();
    h.logs.length = 0;
    const event: SQSEvent = { Records: [recordOf('training-reminders', termStarted[0]!, 'first'), recordOf('training-reminders', termStarted[0]!, 'again'), recordOf('training-reminders', termStarted[1]!)] };
    expect(await failed(worker('trainingReminders')(event))).toEqual([]);
    expect(batchLogs('committee.term_started')).toMatchObject([{ count: 2 }]);
    expect(await obligations()).toEqual(oneByOne.filter((o) => o.term_id === termStarted[0]!.body.termId || o.term_id === termStarted[1]!.body.termId));
  });

  it('makes one obligation per member when two outbox rows (two keys) start the same term in one batch', async () => {
    await forget();
    h.logs.length = 0;
    const twice = [termStarted[2]!, { id: crypto.randomUUID(), body: termStarted[2]!.body }];
    expect(await failed(worker('trainingReminders')(trainingEvent(twice)))).toEqual([]);
    expect(batchLogs('committee.term_started')).toMatchObject([{ count: 2, result: { messages: 2, created: 7, alreadyMet: 1 } }]);
    expect(await obligations()).toEqual(oneByOne.filter((o) => o.term_id === termStarted[2]!.body.termId));
  });

  it('falls back to one by one when the batch form fails: only the bad record fails, its nine batch-mates commit', async () => {
    await forget();
    h.logs.length = 0;
    const bad = termStarted[3]!;
    // A failure inside the multi-row insert, for one term only: the batch form throws, the city transaction rolls back.
    await h.asOwner(sql`create or replace function test_refuse_term() returns trigger language plpgsql as $$
      begin raise exception 'this term refuses obligations'; end $$`);
    await h.asOwner(sql.raw(`create trigger test_refuse_term before insert on training_obligations for each row when (new.term_id = '${bad.body.termId}') execute function test_refuse_term()`));
    try {
      expect(await failed(worker('trainingReminders')(trainingEvent(termStarted)))).toEqual([bad.id]);
    } finally {
      await h.asOwner(sql`drop trigger test_refuse_term on training_obligations`);
      await h.asOwner(sql`drop function test_refuse_term()`);
    }
    const logs = h.logs.map((l) => JSON.parse(l) as Json);
    expect(logs.filter((l) => l.message?.startsWith('batch form failed'))).toHaveLength(1);
    expect(batchLogs('committee.term_started')).toHaveLength(0);
    expect(await obligations()).toEqual(oneByOne.filter((o) => o.term_id !== bad.body.termId));
    expect(await processedKeys()).toEqual(termStarted.filter((m) => m !== bad).map((m) => m.id).sort());

    // Redelivered alone once the cause is gone, it completes the set.
    expect(await failed(worker('trainingReminders')(trainingEvent([bad])))).toEqual([]);
    expect(await obligations()).toEqual(oneByOne);
  });
});

describe('report.changed for the same period twice in one batch', () => {
  it('aggregates once, with the same result as the two messages one by one', async () => {
    const province = await h.provinceToken();
    h.clock.set(new Date('2027-01-10T10:00:00+08:00'));
    const template = await h.request('POST', '/v1/report-templates', {
      token: province,
      json: {
        code: 'batch_verbs', title: '批量汇总测试', periodType: 'once', onTimeDays: 0,
        indicators: [{ code: 'total', label: '合计', unit: '个', aggregation: 'sum', source: 'manual' }, { code: 'mean', label: '平均', unit: '个', aggregation: 'avg', source: 'manual' }],
        rules: [], periods: [{ period: 'once', opensOn: '2027-01-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }],
      },
    });
    expect([template.status, template.status === 201 ? '' : await template.clone().text()]).toEqual([201, '']);
    const templateId = ((await template.json()) as Json).id as string;
    const admin = await h.cityToken(TENANT);
    const report = (await (await h.request('POST', '/v1/reports', { token: admin, json: { templateId, period: 'once' } })).json()) as Json;
    expect((await h.request('PATCH', `/v1/reports/${report.id}`, { token: admin, json: { manual: { total: 12, mean: 3.5 }, narrative: '本市各项指标已按模板填报, 数据来源于本市台账, 现将有关情况报告如下, 请审阅。' } })).status).toBe(200);
    expect((await h.request('POST', `/v1/reports/${report.id}/submit`, { token: admin })).status).toBe(200);
    const [snapshot] = await h.asOwner<{ id: string }>(sql`select id from report_snapshots where report_id = ${report.id}`);
    expect((await h.request('POST', `/v1/province/reports/${snapshot!.id}/accept`, { token: province, json: {} })).status).toBe(200);
    const changed = await h.asOwner<{ id: string; body: Json }>(sql`select id, body from outbox where message_type = 'report.changed' order by created_at, id`);
    expect(changed).toHaveLength(2);
    const event: SQSEvent = { Records: changed.map((m) => recordOf('report-aggregation', m)) };
    const aggregates = () => h.asOwner<Json>(sql`select indicator, value::text as value, contributing_cities, per_city_codes, per_city_values::text[] as per_city_values, computed_at from report_aggregates where template_id = ${templateId} order by indicator`);

    expect(await failed(worker('reportAggregation', { 'report.changed': aggregateReports })(event))).toEqual([]);
    const oneByOne = await aggregates();
    expect(oneByOne.map((a) => [a.indicator, Number(a.value), a.contributing_cities])).toEqual([['mean', 3.5, 1], ['total', 12, 1]]);
    await h.asOwner(sql`delete from report_aggregates where template_id = ${templateId}`);
    await h.asOwner(sql`delete from processed_messages where queue = 'report-aggregation'`);

    h.logs.length = 0;
    expect(await failed(worker('reportAggregation')(event))).toEqual([]);
    expect(batchLogs('report.changed')).toMatchObject([{ count: 2, result: { messages: 2, periods: 1, indicators: 2 } }]);
    expect(await aggregates()).toEqual(oneByOne);
  });
});
