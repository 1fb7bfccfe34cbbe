import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { OUTBOX_ID_ATTRIBUTE } from '../../shared/outbox/relay.js';
import { queues, type QueueDefinition, type QueueKey } from '../../shared/queues.js';
import { processMessages, type MessageVerbs, type ParsedMessage, type ProcessDeps } from '../../shared/workers/process.js';
import { workerVerbs } from './registry.js';
import type { RetryLater } from './retry.js';

export type WorkerDeps = ProcessDeps & {
  /** Backs a failed record off (its queue's backoffMaxSeconds); absent, a failure returns after the visibility timeout. */
  retryLater?: RetryLater | undefined;
};

export type QueueWorker = (event: SQSEvent, context?: Partial<Context>) => Promise<SQSBatchResponse>;

/**
 * The SQS handler of one catalogue queue: each record is zod-parsed against the catalogue (a bad one fails alone),
 * the parsed records of a city run in one transaction (a verb's batch form for all its records at once, else a
 * savepoint each; see processMessages), and only failed ids are reported.
 */
export function createQueueWorker<K extends QueueKey>(queueKey: K, deps: WorkerDeps, verbs: MessageVerbs<K> = workerVerbs[queueKey] as MessageVerbs<K>): QueueWorker {
  const queue: QueueDefinition = queues[queueKey];
  const logger = deps.logger.child({ queue: queue.name });
  return async (event, context) => {
    const parsed: ParsedMessage<K>[] = [];
    const rejected = new Map<string, Error>();
    for (const record of event.Records) {
      const result = parseRecord(queueKey, record);
      if (result instanceof Error) {
        logger.error('message rejected: body does not match the catalogue', { messageId: record.messageId, error: result.message });
        rejected.set(record.messageId, result);
      } else {
        parsed.push(result);
      }
    }
    const outcomes = await processMessages(queueKey, parsed, verbs, { ...deps, logger });
    if (deps.retryLater && queue.backoffMaxSeconds) {
      for (const record of event.Records.filter((r) => rejected.has(r.messageId) || outcomes.get(r.messageId))) {
        // a failure to back off is logged and leaves the record to return after the visibility timeout, as without backoff
        await deps.retryLater(record, queueKey).catch((error: unknown) => logger.warn('could not back off a failed message', { messageId: record.messageId, error }));
      }
    }
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const failure = rejected.get(record.messageId) ?? outcomes.get(record.messageId);
        if (failure) throw failure;
      },
      processor,
      { context: context as Context | undefined, throwOnFullBatchFailure: false },
    );
  };
}

function parseRecord<K extends QueueKey>(queueKey: K, record: SQSRecord): ParsedMessage<K> | Error {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    return new Error(`message ${record.messageId} is not JSON`);
  }
  const result = (queues[queueKey].message as z.ZodType).safeParse(json);
  if (!result.success) return new Error(`message ${record.messageId}: ${result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`);
  const body = result.data as ParsedMessage<K>['body'];
  return { messageId: record.messageId, key: record.messageAttributes?.[OUTBOX_ID_ATTRIBUTE]?.stringValue ?? record.messageId, body };
}
