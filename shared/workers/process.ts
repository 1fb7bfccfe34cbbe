import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ServiceContext } from '../context.js';
import { processOnce } from '../idempotency/index.js';
import type { Logger } from '../logger.js';
import type { EmailChannel } from '../notifications/email.js';
import type { PersonalDataVault } from '../personal-data/envelope.js';
import { queues, type QueueKey, type QueueMessage } from '../queues.js';

export interface ParsedMessage<K extends QueueKey> {
  messageId: string;
  /** The idempotency key: the outbox id when the relay sent it, else the SQS message id. */
  key: string;
  body: QueueMessage<K>;
}

export interface MessageCall<M> {
  ctx: ServiceContext;
  /** The city's transaction the processed-message key is written in: the verb's writes commit with it. */
  tx: Tx;
  input: M;
  messageKey: string;
}

export type MessageVerb<M> = (call: MessageCall<M>) => Promise<unknown>;

/** One verb per message type; a type with no verb yet fails its records, so they wait in the DLQ for the module that handles them. */
export type MessageVerbs<K extends QueueKey> = { [T in QueueMessage<K>['type']]?: MessageVerb<Extract<QueueMessage<K>, { type: T }>> };

export interface ProcessDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: ServiceContext['config'];
  mail?: EmailChannel | undefined;
  /** Opens sealed phone numbers for messages that show them masked, e.g. training reminders. */
  personalData?: PersonalDataVault | undefined;
}

export const workerPrincipal = (queueName: string, tenant: string): Principal => ({ kind: 'system', subject: `worker:${queueName}`, tenant, role: 'system', unit: tenant });

/**
 * Runs parsed messages: one transaction per city, a savepoint per message so one failure leaves its batch-mates'
 * effects intact, keys sorted so two workers on overlapping batches lock in the same order.
 * Returns the failure of each message that failed; a message absent from the map succeeded (or was a duplicate).
 */
export async function processMessages<K extends QueueKey>(queueKey: K, messages: ParsedMessage<K>[], verbs: MessageVerbs<K>, deps: ProcessDeps): Promise<Map<string, Error>> {
  const queue = queues[queueKey];
  const failures = new Map<string, Error>();
  const byTenant = new Map<string, ParsedMessage<K>[]>();
  for (const m of messages) {
    const list = byTenant.get(m.body.tenant);
    if (list) list.push(m);
    else byTenant.set(m.body.tenant, [m]);
  }
  await Promise.all(
    [...byTenant].map(async ([tenant, group]) => {
      group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const principal = workerPrincipal(queue.name, tenant);
      try {
        await withTenant(deps.db, principal, async (tx) => {
          const [row] = await tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.code, tenant));
          if (!row) throw new Error(`tenant ${tenant} is not onboarded`);
          if (row.status !== 'active') {
            deps.logger.warn('messages skipped: tenant is deactivated', { tenant, messageIds: group.map((m) => m.messageId) });
            return;
          }
          for (const message of group) {
            const type = message.body.type as QueueMessage<K>['type'];
            const verb = verbs[type] as MessageVerb<QueueMessage<K>> | undefined;
            const logger = deps.logger.child({ tenant, messageId: message.messageId, type, key: message.key });
            if (!verb) {
              logger.error('message failed: no verb is registered for its type');
              failures.set(message.messageId, new Error(`no verb for ${type} on ${queue.name}`));
              continue;
            }
            const ctx: ServiceContext = { principal, db: deps.db, clock: deps.clock, logger, requestId: message.messageId, config: deps.config, mail: deps.mail, personalData: deps.personalData };
            try {
              const outcome = await tx.transaction((sp) =>
                processOnce(sp, { tenant, queue: queue.name, key: message.key, type, at: deps.clock.now() }, () => verb({ ctx, tx: sp, input: message.body, messageKey: message.key })),
              );
              logger.info(outcome.duplicate ? 'duplicate message: already processed, nothing done' : 'message processed', outcome.duplicate ? {} : { result: outcome.result });
            } catch (error) {
              logger.error('message failed', { error });
              failures.set(message.messageId, error instanceof Error ? error : new Error(String(error)));
            }
          }
        });
      } catch (error) {
        deps.logger.error('messages failed: the city transaction did not commit', { tenant, error, messageIds: group.map((m) => m.messageId) });
        for (const m of group) failures.set(m.messageId, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return failures;
}
