import { createServer } from 'node:net';
import { PurgeQueueCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { createQueueWorker, type QueueWorker } from '../../functions/workers/consumer.js';
import { localSqsClient, startPoller, toSqsRecord, type Poller } from '../../functions/local/sqs.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { ServiceContext } from '../../shared/context.js';
import { notify } from '../../shared/notifications/service.js';
import { enqueue } from '../../shared/outbox/enqueue.js';
import { OUTBOX_ID_ATTRIBUTE, pendingOutbox } from '../../shared/outbox/relay.js';
import { createSqsPublisher, queueUrlsByLookup } from '../../shared/outbox/sqs.js';
import type { MessageVerbs } from '../../shared/workers/process.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { createQueueFixture, eventually, receiveAll, type QueueFixture } from '../support/queues.js';

let h: Harness;
let q: QueueFixture;
const calls = new Map<string, number>();
const BAD = '2027-03-01T00:00:00.000Z';

/** A verb whose effect has no natural key (a fresh dedup key each time), so only the processed-message key can stop a second effect. */
const countingVerbs: MessageVerbs<'trainingReminders'> = {
  'training.sweep': async ({ ctx, tx, input }) => {
    calls.set(input.asOf, (calls.get(input.asOf) ?? 0) + 1);
    if (input.asOf === BAD) throw new Error('this record always fails');
    await notify({ ctx, tx, input: { recipient: { kind: 'unit', id: input.tenant }, reasonCode: 'test.effect', reason: '测试', title: '测试', body: input.asOf, dedupKey: crypto.randomUUID() } });
  },
};

const principalOf = (tenant: string): Principal => ({ kind: 'system', subject: 'test:writer', tenant, role: 'system', unit: tenant });
const ctxOf = (tenant: string): ServiceContext => ({ principal: principalOf(tenant), db: h.database.db, clock: h.clock, logger: h.logger, requestId: 'test', config: { provinceCode: '44', provinceName: '广东省' } });
const sweepMessage = (tenant: string, asOf: string) => ({ version: 1 as const, type: 'training.sweep' as const, tenant, asOf });
const write = <T>(tenant: string, work: (tx: Tx, ctx: ServiceContext) => Promise<T>) => withTenant(h.database.db, principalOf(tenant), (tx) => work(tx, ctxOf(tenant)));
const effects = async (tenant: string) => (await h.asOwner<{ n: number }>(sql`select count(*)::int as n from notifications where tenant_id = ${tenant} and reason_code = 'test.effect'`))[0]!.n;
const worker = (): QueueWorker => createQueueWorker('trainingReminders', { db: h.database.db, clock: h.clock, logger: h.logger, config: ctxOf('4401').config }, countingVerbs);
const training = () => q.queues['training-reminders']!;
const pollers: Poller[] = [];
const poll = (options: Partial<Parameters<typeof startPoller>[0]> = {}) => {
  const p = startPoller({ client: q.client, queue: training(), handler: worker(), logger: h.logger, waitSeconds: 1, ...options });
  pollers.push(p);
  return p;
};
const drained = async () => expect(await q.depth(training().url)).toEqual({ visible: 0, inFlight: 0 });

beforeAll(async () => {
  h = await createHarness();
  for (const [code, name] of [['4401', '广州市'], ['4403', '深圳市'], ['4404', '珠海市'], ['4405', '汕头市'], ['4406', '佛山市'], ['4407', '江门市']] as const) await h.onboard(code, name);
  q = await createQueueFixture(h);
});

afterAll(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  await q?.close();
  await h?.close();
});

describe('queues that lose nothing', () => {
  it('makes one effect of a message delivered three times and to two workers at once', async () => {
    const id = await write('4401', (tx, ctx) => enqueue(tx, ctx, 'trainingReminders', sweepMessage('4401', '2027-01-01T00:00:00.000Z')));
    expect((await q.relay()).sent).toBe(1);
    const copy = { id, body: JSON.stringify(sweepMessage('4401', '2027-01-01T00:00:00.000Z')), tenant: '4401', type: 'training.sweep' };
    await q.publisher.publishBatch('training-reminders', [copy]);
    await q.publisher.publishBatch('training-reminders', [copy]);

    const [a, b] = [poll(), poll()];
    await eventually(async () => {
      await drained();
      expect(await effects('4401')).toBe(1);
    });
    await Promise.all([a.stop(), b.stop()]);
    expect(calls.get('2027-01-01T00:00:00.000Z')).toBe(1);

    const record = toSqsRecord({ MessageId: 'concurrent-1', ReceiptHandle: 'r', Body: JSON.stringify(sweepMessage('4403', '2027-01-02T00:00:00.000Z')), MessageAttributes: { [OUTBOX_ID_ATTRIBUTE]: { DataType: 'String', StringValue: 'outbox-key-1' } } }, training().arn);
    const event: SQSEvent = { Records: [record] };
    const results = await Promise.all([worker()(event), worker()(event), worker()(event)]);
    expect(results.map((r) => r.batchItemFailures)).toEqual([[], [], []]);
    expect(await effects('4403')).toBe(1);
    expect(calls.get('2027-01-02T00:00:00.000Z')).toBe(1);
  });

  it('does nine effects once in a batch of ten with one always-failing record, and dead-letters that one after five receives', async () => {
    const days = Array.from({ length: 9 }, (_, i) => `2027-02-0${i + 1}T00:00:00.000Z`);
    await write('4404', async (tx, ctx) => {
      for (const asOf of [...days.slice(0, 4), BAD, ...days.slice(4)]) await enqueue(tx, ctx, 'trainingReminders', sweepMessage('4404', asOf));
    });
    expect((await q.relay()).sent).toBe(10);
    const p = poll();
    await eventually(async () => expect((await q.depth(training().dlqUrl)).visible).toBe(1), 30_000, 250);
    await p.stop();

    expect(await effects('4404')).toBe(9);
    for (const day of days) expect(calls.get(day), day).toBe(1);
    expect(calls.get(BAD)).toBe(5);
    const [dead] = await receiveAll(q.client, training().dlqUrl);
    expect(JSON.parse(dead!.body)).toMatchObject({ tenant: '4404', asOf: BAD });
    expect(dead!.attributes[OUTBOX_ID_ATTRIBUTE]).toMatch(/^[0-9a-f-]{36}$/);
    await drained();
  });

  it('delivers all twenty messages written while SQS was unreachable once it returns', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const down = localSqsClient(`http://127.0.0.1:${closedPort}`);
    const unreachable = createSqsPublisher(down, queueUrlsByLookup(down));
    for (let i = 0; i < 20; i++) {
      await write('4405', (tx, ctx) => enqueue(tx, ctx, 'trainingReminders', sweepMessage('4405', new Date(Date.UTC(2027, 3, 1 + i)).toISOString())));
      const attempt = await q.relay(unreachable);
      expect(attempt).toMatchObject({ sent: 0 });
      expect(attempt.failed).toBeGreaterThan(0);
    }
    expect(await pendingOutbox(h.database.db)).toEqual([expect.objectContaining({ queue: 'training-reminders', unsent: 20 })]);

    expect((await q.relay()).sent).toBe(20);
    expect(await pendingOutbox(h.database.db)).toEqual([]);
    const p = poll();
    await eventually(async () => expect(await effects('4405')).toBe(20));
    await p.stop();
    await drained();
    down.destroy();
  });

  it('does no second effect when the worker dies after its commit and before the delete', async () => {
    await write('4406', (tx, ctx) => enqueue(tx, ctx, 'trainingReminders', sweepMessage('4406', '2027-05-01T00:00:00.000Z')));
    await q.relay();
    let invocations = 0;
    let crashed = false;
    const inner = worker();
    const p = poll({
      handler: (event) => {
        invocations++;
        return inner(event);
      },
      beforeDelete: () => {
        if (crashed) return;
        crashed = true;
        throw new Error('injected crash between commit and delete');
      },
    });
    // under load a slow first run can outlast the visibility timeout and be delivered again; what matters is one effect
    await eventually(async () => {
      expect(invocations).toBeGreaterThanOrEqual(2);
      await drained();
    });
    await p.stop();
    expect(await effects('4406')).toBe(1);
    expect(calls.get('2027-05-01T00:00:00.000Z')).toBe(1);
  });

  it('sends nothing for a write that rolled back', async () => {
    await expect(
      write('4407', async (tx, ctx) => {
        await enqueue(tx, ctx, 'trainingReminders', sweepMessage('4407', '2027-06-01T00:00:00.000Z'));
        throw new Error('the write fails after enqueueing');
      }),
    ).rejects.toThrow('the write fails');
    expect(await q.relay()).toMatchObject({ sent: 0, failed: 0 });
    expect(await h.asOwner(sql`select id from outbox where tenant_id = '4407'`)).toEqual([]);
    await drained();
  });

  it('sends each row once when two relays run at once', async () => {
    const conference = q.queues['conference-scheduling']!;
    await write('4401', async (tx, ctx) => {
      for (let i = 0; i < 120; i++) {
        await enqueue(tx, ctx, 'conferenceScheduling', { version: 1, type: 'conference.sweep', tenant: '4401', asOf: new Date(Date.UTC(2027, 0, 1, 0, i)).toISOString() });
      }
    });
    const [first, second] = await Promise.all([q.relay(), q.relay()]);
    expect(first!.sent + second!.sent).toBe(120);
    expect(await q.depth(conference.url)).toEqual({ visible: 120, inFlight: 0 });
    const [row] = await h.asOwner<{ unsent: number; once: number }>(sql`select count(*) filter (where sent_at is null)::int as unsent, count(*) filter (where attempts = 1)::int as once from outbox where queue = 'conference-scheduling'`);
    expect(row).toEqual({ unsent: 0, once: 120 });
    await q.client.send(new PurgeQueueCommand({ QueueUrl: conference.url }));
  });

  it('fails only the malformed records of a batch, each logged with its message id', async () => {
    const record = (messageId: string, body: string) => toSqsRecord({ MessageId: messageId, ReceiptHandle: messageId, Body: body }, training().arn);
    const event: SQSEvent = {
      Records: [
        record('good-1', JSON.stringify(sweepMessage('4403', '2027-07-01T00:00:00.000Z'))),
        record('old-version', JSON.stringify({ ...sweepMessage('4403', '2027-07-02T00:00:00.000Z'), version: 2 })),
        record('not-json', 'not json'),
        record('unknown-tenant', JSON.stringify(sweepMessage('4499', '2027-07-03T00:00:00.000Z'))),
      ],
    };
    const response = await worker()(event);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['not-json', 'old-version', 'unknown-tenant']);
    expect(calls.get('2027-07-01T00:00:00.000Z')).toBe(1);
    const rejected = h.logs.filter((l) => l.includes('message rejected')).map((l) => JSON.parse(l) as { messageId: string });
    expect(rejected.map((l) => l.messageId).sort()).toEqual(['not-json', 'old-version']);
  });
});
