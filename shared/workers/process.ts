import { cityScopedSystem } from '../auth/principal.js';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { ServiceContext } from '../context.js';
import { claimMessages, processOnce } from '../idempotency/index.js';
import type { Logger } from '../logger.js';
import type { ChannelDeps } from '../channels/deps.js';
import type { EmailChannel } from '../notifications/email.js';
import type { PersonalDataVault } from '../personal-data/envelope.js';
import { queues, type QueueKey, type QueueMessage } from '../queues.js';
import { lockParking, parkMessages } from './parking.js';

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

export interface MessageBatchCall<M> {
  ctx: ServiceContext;
  /** The city's transaction the batch's processed-message keys were claimed in. */
  tx: Tx;
  messages: { input: M; messageKey: string }[];
}

/**
 * A verb's set-based form: the effects of several new messages of one type and one city in a few multi-row statements.
 * If it throws, the city's transaction is rolled back and every message is redone one by one with `each`, so it must
 * leave nothing behind outside the transaction that a redo would repeat (an e-mail may be repeated, never lost).
 */
export type MessageBatchVerb<M> = (call: MessageBatchCall<M>) => Promise<unknown>;

export interface BatchedMessageVerb<M> {
  each: MessageVerb<M>;
  batch: MessageBatchVerb<M>;
}

/** One verb per message type; a type with no verb yet fails its records, so they wait in the DLQ for the module that handles them. */
export type MessageVerbs<K extends QueueKey> = { [T in QueueMessage<K>['type']]?: MessageVerb<Extract<QueueMessage<K>, { type: T }>> | BatchedMessageVerb<Extract<QueueMessage<K>, { type: T }>> };

export interface ProcessDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: ServiceContext['config'];
  mail?: EmailChannel | undefined;
  /** Opens sealed phone numbers for messages that show them masked, e.g. training reminders. */
  personalData?: PersonalDataVault | undefined;
  /** The WeCom and SMS adapters, where this process delivers notifications. */
  channels?: ChannelDeps | undefined;
}

/**
 * A verb's failure that leaves its own record: the message's savepoint rolls back (nothing of the attempt stays), then
 * `record` writes, in the city's transaction, what the failure should leave behind (a delivery's failed attempt).
 */
export interface RecordedFailure {
  record(tx: Tx): Promise<void>;
}

const isRecordedFailure = (error: unknown): error is RecordedFailure => typeof (error as Partial<RecordedFailure> | null)?.record === 'function';

export const workerPrincipal = (queueName: string, tenant: string): Principal => cityScopedSystem(`worker:${queueName}`, tenant);

/** The batch form of a message type failed: the city's transaction rolls back and its messages are redone one by one. */
class BatchFormFailed extends Error {
  constructor(
    readonly type: string,
    override readonly cause: unknown,
  ) {
    super(`the batch form of ${type} failed`);
  }
}

/**
 * Runs parsed messages, one transaction per city, keys sorted so two workers on overlapping batches lock in the same
 * order. Types with a batch form go first: their keys are claimed in one multi-row statement and their effects made by
 * the batch form; if that throws, the transaction rolls back and the city's messages are redone one by one. Other
 * types (and the redo) run each message in a savepoint with its key, so one failure leaves its batch-mates intact.
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
      const run = (batched: boolean) =>
        withTenant(deps.db, principal, async (tx) => {
          const statusOf = async () => (await tx.select({ status: tenants.status }).from(tenants).where(eq(tenants.code, tenant)))[0]?.status;
          let status = await statusOf();
          if (!status) throw new Error(`tenant ${tenant} is not onboarded`);
          if (status !== 'active') {
            await lockParking(tx, tenant, 'park');
            status = await statusOf();
          }
          if (status !== 'active') {
            const parked = await parkMessages(tx, queue.name, tenant, group, deps.clock.now());
            deps.logger.warn('messages parked: tenant is deactivated; they are replayed when it is activated', { tenant, parked, messageIds: group.map((m) => m.messageId) });
            return new Map<string, Error>();
          }
          return runCityMessages(tx, { queueName: queue.name, tenant, principal, group, verbs, deps, batched });
        });
      try {
        let outcome: Map<string, Error>;
        try {
          outcome = await run(true);
        } catch (error) {
          if (!(error instanceof BatchFormFailed)) throw error;
          deps.logger.warn('batch form failed: the city transaction rolled back, its messages are redone one by one', { tenant, type: error.type, error: error.cause, messageIds: group.map((m) => m.messageId) });
          outcome = await run(false);
        }
        for (const [id, error] of outcome) failures.set(id, error);
      } catch (error) {
        deps.logger.error('messages failed: the city transaction did not commit', { tenant, error, messageIds: group.map((m) => m.messageId) });
        for (const m of group) failures.set(m.messageId, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return failures;
}

interface CityRun<K extends QueueKey> {
  queueName: string;
  tenant: string;
  principal: Principal;
  group: ParsedMessage<K>[];
  verbs: MessageVerbs<K>;
  deps: ProcessDeps;
  /** Whether types with a batch form use it (the optimistic pass) or run one by one (the redo). */
  batched: boolean;
}

async function runCityMessages<K extends QueueKey>(tx: Tx, run: CityRun<K>): Promise<Map<string, Error>> {
  const { queueName, tenant, principal, group, verbs, deps } = run;
  const failures = new Map<string, Error>();
  const contextOf = (requestId: string, logger: Logger): ServiceContext => ({ principal, db: deps.db, clock: deps.clock, logger, requestId, config: deps.config, mail: deps.mail, personalData: deps.personalData, channels: deps.channels });
  const loggerOf = (message: ParsedMessage<K>) => deps.logger.child({ tenant, messageId: message.messageId, type: message.body.type, key: message.key });
  const oneByOne: ParsedMessage<K>[] = [];
  const byBatchForm = new Map<string, ParsedMessage<K>[]>();
  for (const message of group) {
    const verb = verbs[message.body.type as QueueMessage<K>['type']];
    if (!verb) {
      loggerOf(message).error('message failed: no verb is registered for its type');
      failures.set(message.messageId, new Error(`no verb for ${message.body.type} on ${queueName}`));
    } else if (run.batched && typeof verb !== 'function') {
      const list = byBatchForm.get(message.body.type);
      if (list) list.push(message);
      else byBatchForm.set(message.body.type, [message]);
    } else {
      oneByOne.push(message);
    }
  }

  if (byBatchForm.size > 0) {
    const claimants = new Map<string, ParsedMessage<K>>();
    for (const list of byBatchForm.values()) for (const m of list) if (!claimants.has(m.key)) claimants.set(m.key, m);
    const at = deps.clock.now();
    const claimed = await claimMessages(tx, [...claimants.values()].map((m) => ({ tenant, queue: queueName, key: m.key, type: m.body.type, at })));
    for (const [type, list] of byBatchForm) {
      const fresh = list.filter((m) => claimed.has(m.key) && claimants.get(m.key) === m);
      for (const m of list) if (!fresh.includes(m)) loggerOf(m).info('duplicate message: already processed, nothing done');
      if (fresh.length === 0) continue;
      const verb = verbs[type as QueueMessage<K>['type']] as BatchedMessageVerb<QueueMessage<K>>;
      const logger = deps.logger.child({ tenant, type, messageIds: fresh.map((m) => m.messageId) });
      let result: unknown;
      try {
        result = await verb.batch({ ctx: contextOf(fresh[0]!.messageId, logger), tx, messages: fresh.map((m) => ({ input: m.body, messageKey: m.key })) });
      } catch (error) {
        throw new BatchFormFailed(type, error);
      }
      logger.info('messages processed in one batch', { count: fresh.length, result });
    }
  }

  for (const message of oneByOne) {
    const type = message.body.type as QueueMessage<K>['type'];
    const verb = verbs[type] as MessageVerb<QueueMessage<K>> | BatchedMessageVerb<QueueMessage<K>>;
    const each = typeof verb === 'function' ? verb : verb.each;
    const logger = loggerOf(message);
    const ctx = contextOf(message.messageId, logger);
    try {
      const outcome = await tx.transaction((sp) =>
        processOnce(sp, { tenant, queue: queueName, key: message.key, type, at: deps.clock.now() }, () => each({ ctx, tx: sp, input: message.body, messageKey: message.key })),
      );
      logger.info(outcome.duplicate ? 'duplicate message: already processed, nothing done' : 'message processed', outcome.duplicate ? {} : { result: outcome.result });
    } catch (error) {
      logger.error('message failed', { error });
      if (isRecordedFailure(error)) await tx.transaction((sp) => error.record(sp)).catch((recordError: unknown) => logger.error('the failure could not be recorded', { error: recordError }));
      failures.set(message.messageId, error instanceof Error ? error : new Error(String(error)));
    }
  }
  return failures;
}
