import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export const relayPrincipal: Principal = { kind: 'system', subject: 'system:outbox-relay', role: 'system', unit: '' };

/** The message attribute carrying the outbox id: the consumer's idempotency key, the same however often the row is sent. */
export const OUTBOX_ID_ATTRIBUTE = 'shequ-outbox-id';

export interface OutgoingMessage {
  id: string;
  body: string;
  tenant: string;
  type: string;
}

export interface PublishResult {
  sent: { id: string; messageId: string }[];
  failed: { id: string; error: string }[];
}

/** Sends up to ten messages to one queue, as SendMessageBatch does; a thrown error means none were sent. */
export interface QueuePublisher {
  publishBatch(queueName: string, messages: OutgoingMessage[]): Promise<PublishResult>;
}

export interface RelayDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  publisher: QueuePublisher;
}

export interface RelayOptions {
  /** Rows claimed per round trip to the database. */
  claimSize?: number;
  /** How long a claimed row stays with this relay before another may take it (a relay that died mid-send). */
  leaseSeconds?: number;
  /** SendMessageBatch calls in flight at once. */
  concurrency?: number;
  /** Stop after this many rows, leaving the rest for the next run. */
  maxMessages?: number;
}

export interface RelayResult {
  sent: number;
  failed: number;
  errors: string[];
}

interface ClaimedRow {
  id: string;
  tenant_id: string;
  queue: string;
  message_type: string;
  body: unknown;
}

/**
 * Publishes unsent outbox rows: claim a batch (SKIP LOCKED, with a lease), send in SendMessageBatch chunks of ten,
 * mark what SQS took, release what it refused so the next run retries it. Two relays at once never take the same row.
 */
export async function relayOutbox(deps: RelayDeps, options: RelayOptions = {}): Promise<RelayResult> {
  const claimSize = options.claimSize ?? 500;
  const leaseSeconds = options.leaseSeconds ?? 60;
  const concurrency = options.concurrency ?? 8;
  const maxMessages = options.maxMessages ?? 10_000;
  const result: RelayResult = { sent: 0, failed: 0, errors: [] };
  while (result.sent + result.failed < maxMessages) {
    const now = deps.clock.now();
    const rows = await runAsRelay(deps.db, async (tx) =>
      rowsOf<ClaimedRow>(await tx.execute(sql`select * from outbox_claim(${Math.min(claimSize, maxMessages - result.sent - result.failed)}, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + leaseSeconds * 1000).toISOString()}::timestamptz)`)),
    );
    if (rows.length === 0) break;
    const chunks = chunkByQueue(rows);
    const sent: { id: string; messageId: string }[] = [];
    const failed: { id: string; error: string }[] = [];
    await forEachLimited(chunks, concurrency, async ({ queue, rows: chunk }) => {
      try {
        const outcome = await deps.publisher.publishBatch(
          queue,
          chunk.map((r) => ({ id: r.id, body: JSON.stringify(r.body), tenant: r.tenant_id, type: r.message_type })),
        );
        sent.push(...outcome.sent);
        failed.push(...outcome.failed);
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        failed.push(...chunk.map((r) => ({ id: r.id, error: reason })));
      }
    });
    const at = deps.clock.now().toISOString();
    await runAsRelay(deps.db, async (tx) => {
      if (sent.length > 0) {
        await tx.execute(sql`select outbox_mark_sent(${pgArray(sent.map((s) => s.id))}::uuid[], ${pgArray(sent.map((s) => s.messageId))}::text[], ${at}::timestamptz)`);
      }
      for (const [error, ids] of groupErrors(failed)) {
        await tx.execute(sql`select outbox_release(${pgArray(ids)}::uuid[], ${error})`);
      }
    });
    result.sent += sent.length;
    result.failed += failed.length;
    if (failed.length > 0) {
      const errors = [...new Set(failed.map((f) => f.error))];
      result.errors.push(...errors.filter((e) => !result.errors.includes(e)));
      deps.logger.warn('outbox relay: SQS refused messages; they stay in the outbox for the next run', { failed: failed.length, errors });
      break;
    }
  }
  if (result.sent > 0 || result.failed > 0) deps.logger.info('outbox relayed', { sent: result.sent, failed: result.failed });
  return result;
}

export interface PendingQueue {
  queue: string;
  unsent: number;
  oldest: string;
}

/** What is still waiting in the outbox, per queue: the figure to alarm on when SQS has been unreachable. */
export async function pendingOutbox(db: Db): Promise<PendingQueue[]> {
  return runAsRelay(db, async (tx) =>
    rowsOf<{ queue: string; unsent: string | number; oldest: string | Date }>(await tx.execute(sql`select * from outbox_pending() order by queue`)).map((r) => ({
      queue: r.queue,
      unsent: Number(r.unsent),
      oldest: new Date(r.oldest).toISOString(),
    })),
  );
}

export interface RedriveOptions {
  /** Only rows the relay marked sent before this instant: those of an earlier process, not the ones this one just sent. */
  sentBefore: Date;
  /** How far back to look; a message older than the queues' retention would have expired in SQS as well. */
  createdAfter: Date;
}

export interface RedriveResult {
  /** Messages published again, per queue. */
  republished: Record<string, number>;
  failed: number;
  errors: string[];
}

/**
 * Publishes again every outbox row that was marked sent but that no consumer has processed (no processed-message key
 * for its outbox id): delivery is known to be complete only when the consumer's key commits, not when SQS accepts the
 * message. The local stack runs this at start-up, since its SQS emulator kept its messages in memory and a kill -9 lost
 * them. A copy of a message that in fact was still queued is a duplicate the consumer ignores.
 */
export async function redriveUnprocessed(deps: RelayDeps, options: RedriveOptions): Promise<RedriveResult> {
  const rows = await withTenant(deps.db, relayPrincipal, async (tx) => {
    const tenants = rowsOf<{ code: string }>(await tx.execute(sql`select code from active_tenant_codes() as code`)).map((r) => r.code);
    const found: ClaimedRow[] = [];
    for (const tenant of tenants) {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true)`);
      found.push(...rowsOf<ClaimedRow>(await tx.execute(sql`
        select o.id, o.tenant_id, o.queue, o.message_type, o.body from outbox o
        where o.tenant_id = ${tenant} and o.created_at > ${options.createdAfter.toISOString()}::timestamptz
          and o.sent_at is not null and o.sent_at < ${options.sentBefore.toISOString()}::timestamptz
          and not exists (select 1 from processed_messages p where p.tenant_id = o.tenant_id and p.queue = o.queue and p.message_key = o.id::text)
        order by o.created_at, o.id`)));
    }
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    return found;
  });
  const result: RedriveResult = { republished: {}, failed: 0, errors: [] };
  for (const { queue, rows: chunk } of chunkByQueue(rows)) {
    try {
      const outcome = await deps.publisher.publishBatch(queue, chunk.map((r) => ({ id: r.id, body: JSON.stringify(r.body), tenant: r.tenant_id, type: r.message_type })));
      result.republished[queue] = (result.republished[queue] ?? 0) + outcome.sent.length;
      result.failed += outcome.failed.length;
      for (const f of outcome.failed) if (!result.errors.includes(f.error)) result.errors.push(f.error);
    } catch (error) {
      result.failed += chunk.length;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (!result.errors.includes(reason)) result.errors.push(reason);
    }
  }
  if (rows.length > 0) deps.logger.warn('outbox redrive: messages marked sent but never processed were published again', { ...result });
  return result;
}

const runAsRelay = <T>(db: Db, work: Parameters<typeof withTenant<T>>[2]) => withTenant(db, relayPrincipal, work);

const pgArray = (values: string[]) => `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

function chunkByQueue(rows: ClaimedRow[]): { queue: string; rows: ClaimedRow[] }[] {
  const byQueue = new Map<string, ClaimedRow[]>();
  for (const row of rows) {
    const list = byQueue.get(row.queue);
    if (list) list.push(row);
    else byQueue.set(row.queue, [row]);
  }
  const chunks: { queue: string; rows: ClaimedRow[] }[] = [];
  for (const [queue, list] of byQueue) {
    for (let i = 0; i < list.length; i += 10) chunks.push({ queue, rows: list.slice(i, i + 10) });
  }
  return chunks;
}

function groupErrors(failed: { id: string; error: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const f of failed) {
    const ids = groups.get(f.error);
    if (ids) ids.push(f.id);
    else groups.set(f.error, [f.id]);
  }
  return groups;
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
