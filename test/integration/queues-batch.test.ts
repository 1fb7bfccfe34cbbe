import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema/index.js';
import { createQueueWorker } from '../../functions/workers/consumer.js';
import { toSqsRecord } from '../../functions/local/sqs.js';
import { OUTBOX_ID_ATTRIBUTE } from '../../shared/outbox/relay.js';
import type { MessageVerbs } from '../../shared/workers/process.js';
import { newId } from '../../shared/ids.js';
import { notify } from '../../shared/notifications/service.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
const POISON = '2027-03-01T00:00:00.000Z';
const ARN = 'arn:aws:sqs:us-east-1:123456789012:training-reminders';
let batchCalls: number[] = [];
let eachCalls: string[] = [];
let startCalls: string[] = [];

/** One inbox row per sweep message: one by one through notify(), or all at once in one multi-row insert that refuses the poison record. */
const verbs: MessageVerbs<'trainingReminders'> = {
  'training.sweep': {
    each: async ({ ctx, tx, input }) => {
      eachCalls.push(input.asOf);
      if (input.asOf === POISON) throw new Error('this record always fails');
      await notify({ ctx, tx, input: { recipient: { kind: 'unit', id: input.tenant }, reasonCode: 'test.batch', reason: '测试', title: '测试', body: input.asOf, dedupKey: crypto.randomUUID() } });
    },
    batch: async ({ ctx, tx, messages }) => {
      batchCalls.push(messages.length);
      await tx.insert(notifications).values(
        messages.map((m) => ({
          id: newId(ctx.clock.now().getTime()), tenantId: m.input.tenant, recipientKind: 'unit' as const, recipient: m.input.tenant, reasonCode: 'test.batch', reason: '测试', title: '测试', body: m.input.asOf, dedupKey: crypto.randomUUID(), createdAt: ctx.clock.now(),
        })),
      );
      if (messages.some((m) => m.input.asOf === POISON)) throw new Error('the batch holds the poison record');
    },
  },
  'committee.term_started': async ({ input }) => {
    startCalls.push(input.termId);
    if (input.termId === BROKEN_TERM) throw new Error('this term cannot start');
  },
};

const worker = () => createQueueWorker('trainingReminders', { db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' } }, verbs);
const day = (n: number) => new Date(Date.UTC(2027, 1, n)).toISOString();
const sweep = (id: string, tenant: string, asOf: string, key = id) =>
  toSqsRecord({ MessageId: id, ReceiptHandle: id, Body: JSON.stringify({ version: 1, type: 'training.sweep', tenant, asOf }), MessageAttributes: { [OUTBOX_ID_ATTRIBUTE]: { DataType: 'String', StringValue: key } } }, ARN);
const TERM = '0190f000-0000-7000-8000-000000000001';
const BROKEN_TERM = '0190f000-0000-7000-8000-000000000002';
const termStarted = (id: string, tenant: string, termId: string) =>
  toSqsRecord({
    MessageId: id, ReceiptHandle: id,
    Body: JSON.stringify({ version: 1, type: 'committee.term_started', tenant, committeeId: crypto.randomUUID(), communityCode: `${tenant}01001001`, termId, electionId: crypto.randomUUID(), termStartsOn: '2027-02-01', memberIds: [crypto.randomUUID()] }),
  }, ARN);
const failed = async (event: SQSEvent) => (await worker()(event)).batchItemFailures.map((f) => f.itemIdentifier).sort();
const inbox = async (tenant: string) => (await h.asOwner<{ body: string }>(sql`select body from notifications where tenant_id = ${tenant} and reason_code = 'test.batch' order by body`)).map((r) => r.body);
const keys = async (tenant: string) => (await h.asOwner<{ key: string }>(sql`select message_key as key from processed_messages where tenant_id = ${tenant} order by message_key`)).map((r) => r.key);

beforeAll(async () => {
  h = await createHarness();
  for (const [code, name] of [['4401', '广州市'], ['4403', '深圳市'], ['4404', '珠海市'], ['4405', '汕头市'], ['4406', '佛山市']] as const) await h.onboard(code, name);
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  batchCalls = [];
  eachCalls = [];
  startCalls = [];
});

describe('a batch of one city through a verb’s batch form', () => {
  it('claims ten keys and makes ten effects in one call, and does nothing when the batch is delivered again', async () => {
    const event: SQSEvent = { Records: Array.from({ length: 10 }, (_, i) => sweep(`a-${i}`, '4401', day(i + 1))) };

    expect(await failed(event)).toEqual([]);
    expect(await failed(event)).toEqual([]);

    expect(batchCalls).toEqual([10]);
    expect(eachCalls).toEqual([]);
    expect(await inbox('4401')).toEqual(Array.from({ length: 10 }, (_, i) => day(i + 1)));
    expect(await keys('4401')).toEqual(Array.from({ length: 10 }, (_, i) => `a-${i}`).sort());
  });

  it('redoes the batch one by one when it fails: the poison record fails alone and leaves no processed key', async () => {
    const records = Array.from({ length: 9 }, (_, i) => sweep(`b-${i}`, '4403', day(i + 1)));
    const event: SQSEvent = { Records: [...records.slice(0, 4), sweep('b-poison', '4403', POISON), ...records.slice(4)] };

    expect(await failed(event)).toEqual(['b-poison']);

    expect(batchCalls).toEqual([10]);
    expect(eachCalls.filter((d) => d !== POISON).sort()).toEqual(Array.from({ length: 9 }, (_, i) => day(i + 1)));
    expect(await inbox('4403')).toEqual(Array.from({ length: 9 }, (_, i) => day(i + 1)));
    expect(await keys('4403')).not.toContain('b-poison');
    expect(await keys('4403')).toHaveLength(9);

    expect(await failed({ Records: [sweep('b-poison', '4403', POISON), records[0]!] })).toEqual(['b-poison']);
    expect(await inbox('4403')).toHaveLength(9);
  });

  it('makes one effect of a message that arrives twice in the same batch', async () => {
    const event: SQSEvent = { Records: [sweep('c-1', '4404', day(1), 'same-outbox-row'), sweep('c-2', '4404', day(1), 'same-outbox-row'), sweep('c-3', '4404', day(2))] };

    expect(await failed(event)).toEqual([]);

    expect(batchCalls).toEqual([2]);
    expect(await inbox('4404')).toEqual([day(1), day(2)]);
  });

  it('runs types without a batch form one by one beside it, a failure there undoing neither the batch nor its mates', async () => {
    const event: SQSEvent = { Records: [sweep('d-1', '4405', day(1)), termStarted('d-2', '4405', TERM), termStarted('d-3', '4405', BROKEN_TERM), sweep('d-4', '4405', day(2))] };

    expect(await failed(event)).toEqual(['d-3']);

    expect(batchCalls).toEqual([2]);
    expect(startCalls.sort()).toEqual([TERM, BROKEN_TERM]);
    expect(await inbox('4405')).toEqual([day(1), day(2)]);
    expect(await keys('4405')).toEqual(['d-1', 'd-2', 'd-4']);
  });

  it('keeps each city apart: a failing batch of one city is redone alone while the other city’s batch commits once', async () => {
    const event: SQSEvent = { Records: [sweep('e-1', '4406', day(1)), sweep('e-2', '4406', POISON), sweep('e-3', '4401', day(20)), sweep('e-4', '4401', day(21))] };

    expect(await failed(event)).toEqual(['e-2']);

    expect(batchCalls.sort()).toEqual([2, 2]);
    expect(eachCalls.sort()).toEqual([day(1), POISON].sort());
    expect(await inbox('4406')).toEqual([day(1)]);
    expect(await inbox('4401')).toContain(day(20));
  });
});
