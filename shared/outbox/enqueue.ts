import type { Tx } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import type { ServiceContext } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { queues, type QueueKey, type QueueMessage } from '../queues.js';
import { msg } from './messages.js';

/**
 * Records queued work in the caller's transaction: it is published only if the write commits, and is kept until
 * SQS has taken it. The message is checked against the catalogue here, so a bad body never reaches a queue.
 */
export async function enqueue<K extends QueueKey>(tx: Tx, ctx: ServiceContext, queueKey: K, message: QueueMessage<K>): Promise<string> {
  const queue = queues[queueKey];
  const parsed = queue.message.safeParse(message);
  if (!parsed.success) {
    throw new AppError('internal', msg.message_not_in_catalogue({ name: queue.name, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
  }
  const body = parsed.data as QueueMessage<K>;
  const at = ctx.clock.now();
  const id = newId(at.getTime());
  await tx.insert(outbox).values({ id, tenantId: body.tenant, queue: queue.name, messageType: body.type, body, createdAt: at });
  ctx.outboxWritten?.();
  return id;
}
