import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { sweepRuns } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/enqueue.js';
import type { QueueKey, QueueMessage } from '../queues.js';
import { shanghaiDay, shanghaiTime } from '../time.js';
import { sweepJobs, type SweepJobName, type SweepType } from './catalogue.js';
import { msg } from './messages.js';

export const schedulerPrincipal: Principal = { kind: 'system', subject: 'system:scheduler', role: 'system', unit: '' };

export interface FanOutResult {
  job: SweepJobName;
  asOf: string;
  asOfLocal: string;
  tenants: string[];
  outboxIds: string[];
}

/**
 * One sweep message per active city, written to the outbox in one transaction: either every city gets its message
 * or none does, and the relay publishes them even if SQS is down right now.
 */
export async function fanOutSweep({ ctx, input }: Call<{ job: SweepJobName; asOf: Date }>): Promise<FanOutResult> {
  if (ctx.principal.kind !== 'system') throw new AppError('forbidden', msg.sweeps_by_scheduler());
  const job = sweepJobs[input.job];
  const asOf = input.asOf.toISOString();
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const tenants = rowsOf<{ code: string }>(await tx.execute(sql`select code from active_tenant_codes() as code`)).map((r) => r.code);
    const outboxIds: string[] = [];
    for (const tenant of tenants) {
      await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true)`);
      const message = { version: 1, type: job.type, tenant, asOf } as QueueMessage<QueueKey>;
      outboxIds.push(await enqueue<QueueKey>(tx, ctx, job.queue, message));
    }
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    ctx.logger.info('sweep fanned out', { job: input.job, asOf, asOfLocal: shanghaiTime(input.asOf), tenants: tenants.length });
    return { job: input.job, asOf, asOfLocal: shanghaiTime(input.asOf), tenants, outboxIds };
  });
}

/**
 * Logs what a sweep's reconciliation repaired (effects of messages the transport lost), by kind, when it repaired
 * anything: the line to look for after a crash. Returns the counts for the sweep's result.
 */
export function reportRepairs<R extends { [K in keyof R]: number }>(ctx: ServiceContext, input: SweepMessage, repaired: R): R {
  if (Object.values<number>(repaired).some((n) => n > 0)) ctx.logger.warn('sweep reconciled effects of lost messages', { sweep: input.type, tenant: input.tenant, asOf: input.asOf, repaired });
  return repaired;
}

export interface SweepMessage {
  type: SweepType;
  tenant: string;
  asOf: string;
}

/**
 * Records that a city's sweep ran for its Asia/Shanghai day. The (tenant, sweep, day) key makes a repeated or
 * redriven sweep message a no-op; the training, conference and reporting modules do their due work beside it.
 */
export async function recordSweepRun({ ctx, input, tx, messageKey }: Call<SweepMessage> & { tx: Tx; messageKey: string }): Promise<{ recorded: boolean; day: string }> {
  const asOf = new Date(input.asOf);
  const day = shanghaiDay(asOf);
  const inserted = await tx
    .insert(sweepRuns)
    .values({
      id: newId(ctx.clock.now().getTime()),
      tenantId: input.tenant,
      sweep: input.type,
      asOfDay: day,
      asOf,
      messageKey,
      result: { asOfLocal: shanghaiTime(asOf) },
      ranAt: ctx.clock.now(),
    })
    .onConflictDoNothing()
    .returning({ id: sweepRuns.id });
  return { recorded: inserted.length > 0, day };
}
