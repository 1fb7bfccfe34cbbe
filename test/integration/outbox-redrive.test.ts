import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../../shared/auth/principal.js';
import type { ServiceContext } from '../../shared/context.js';
import { enqueue } from '../../shared/outbox/enqueue.js';
import { redriveUnprocessed, type OutgoingMessage, type QueuePublisher } from '../../shared/outbox/relay.js';
import { createSqsPublisher, queueUrlsByLookup } from '../../shared/outbox/sqs.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { createQueueFixture, receiveAll, type QueueFixture } from '../support/queues.js';

let h: Harness;
let q: QueueFixture;

const principalOf = (tenant: string): Principal => ({ kind: 'system', subject: 'test:writer', tenant, role: 'system', unit: tenant });
const ctxOf = (tenant: string): ServiceContext => ({ principal: principalOf(tenant), db: h.database.db, clock: h.clock, logger: h.logger, requestId: 'test', config: { provinceCode: '44', provinceName: '广东省' } });
const write = <T>(tenant: string, work: (tx: Tx, ctx: ServiceContext) => Promise<T>) => withTenant(h.database.db, principalOf(tenant), (tx) => work(tx, ctxOf(tenant)));
const sweepMessage = (tenant: string, asOf: string) => ({ version: 1 as const, type: 'training.sweep' as const, tenant, asOf });
const enqueueSweep = (tenant: string, asOf: string) => write(tenant, (tx, ctx) => enqueue(tx, ctx, 'trainingReminders', sweepMessage(tenant, asOf)));

/** Collects what would be published, so the test sees exactly which rows the redrive chose. */
function recordingPublisher(): QueuePublisher & { published: OutgoingMessage[] } {
  const published: OutgoingMessage[] = [];
  return {
    published,
    publishBatch: async (_queue, messages) => {
      published.push(...messages);
      return { sent: messages.map((m) => ({ id: m.id, messageId: `copy-${m.id}` })), failed: [] };
    },
  };
}

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  await h.onboard('4404', '珠海市');
  q = await createQueueFixture(h);
});

afterAll(async () => {
  await q?.close();
  await h?.close();
});

describe('publishing again what was sent but never processed', () => {
  it('chooses the rows marked sent before the restart with no processed-message key, in active cities, within the retention', async () => {
    h.clock.set('2026-11-01T02:00:00Z');
    const expired = await enqueueSweep('4401', '2026-11-01T00:00:00.000Z');
    h.clock.set('2026-11-25T02:00:00Z');
    const lost = await enqueueSweep('4401', '2026-11-25T00:00:00.000Z');
    const processed = await enqueueSweep('4401', '2026-11-25T00:01:00.000Z');
    const lostElsewhere = await enqueueSweep('4403', '2026-11-25T00:00:00.000Z');
    const deactivated = await enqueueSweep('4404', '2026-11-25T00:00:00.000Z');
    expect((await q.relay()).sent).toBe(5);
    await h.asOwner(sql`insert into processed_messages (tenant_id, queue, message_key, message_type, processed_at) values ('4401', 'training-reminders', ${processed}, 'training.sweep', now())`);
    await h.asOwner(sql`update tenants set status = 'deactivated' where code = '4404'`);
    h.clock.set('2026-11-25T03:00:00Z');
    const sentAfterRestart = await enqueueSweep('4401', '2026-11-25T00:02:00.000Z');
    const unsent = await enqueueSweep('4403', '2026-11-25T00:02:00.000Z');
    const restart = new Date('2026-11-25T02:30:00Z');
    await h.asOwner(sql`update outbox set sent_at = '2026-11-25T03:00:00Z' where id = ${sentAfterRestart}`);

    const publisher = recordingPublisher();
    const result = await redriveUnprocessed({ db: h.database.db, clock: h.clock, logger: h.logger, publisher }, { sentBefore: restart, createdAfter: new Date('2026-11-11T02:30:00Z') });

    expect(result).toEqual({ republished: { 'training-reminders': 2 }, failed: 0, errors: [] });
    expect(publisher.published.map((m) => m.id).sort()).toEqual([lost, lostElsewhere].sort());
    expect(publisher.published.map((m) => m.id)).not.toContain(expired);
    expect([processed, deactivated, sentAfterRestart, unsent].some((id) => publisher.published.some((m) => m.id === id))).toBe(false);
  });

  it('sends the copies with the outbox id as the idempotency key, through the real SQS client', async () => {
    const [row] = await h.asOwner<{ id: string }>(sql`select id from outbox where tenant_id = '4403' and sent_at is not null`);
    const publisher = createSqsPublisher(q.client, queueUrlsByLookup(q.client));
    await receiveAll(q.client, q.queues['training-reminders']!.url);
    const result = await redriveUnprocessed({ db: h.database.db, clock: h.clock, logger: h.logger, publisher }, { sentBefore: new Date('2026-11-25T02:30:00Z'), createdAfter: new Date('2026-11-11T02:30:00Z') });
    expect(result.republished).toEqual({ 'training-reminders': 2 });
    const copies = await receiveAll(q.client, q.queues['training-reminders']!.url);
    expect(copies.map((c) => c.attributes['shequ-outbox-id'])).toContain(row!.id);
    expect(h.logs.some((l) => l.includes('outbox redrive: messages marked sent but never processed were published again'))).toBe(true);
  });
});
