import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { queues, retryDelaySeconds, type QueueDefinition, type QueueKey } from '../../shared/queues.js';

/** Hides a failed record for longer before SQS hands it out again (a queue's backoff); a no-op for a queue without one. */
export type RetryLater = (record: SQSRecord, queue: QueueKey) => Promise<void>;

/** Where a record came from: its queue's URL and the definition the runtime created it with. */
export type QueueOfRecord = (eventSourceArn: string, queue: QueueKey) => { url: string; definition: Pick<QueueDefinition, 'visibilityTimeoutSeconds' | 'backoffMaxSeconds'> } | undefined;

/**
 * RetryLater through SQS's ChangeMessageVisibility, the documented way to back off from a Lambda SQS consumer: the
 * delay grows with the record's ApproximateReceiveCount (retryDelaySeconds); after maxReceiveCount the queue's redrive
 * policy moves it to the DLQ as before.
 */
export function sqsRetryLater(client: SQSClient, queueOf: QueueOfRecord): RetryLater {
  return async (record, key) => {
    const queue = queueOf(record.eventSourceARN, key);
    if (!queue) return;
    const seconds = retryDelaySeconds(queue.definition, Number(record.attributes.ApproximateReceiveCount ?? '1'));
    if (seconds === undefined) return;
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  };
}

/** In AWS: the catalogue's definition of the queue the worker consumes, and the queue's URL from the record's ARN. */
export const deployedQueueOf: QueueOfRecord = (arn, key) => {
  const [, partition, , region, account, name] = arn.split(':');
  if (!region || !account || !name) return undefined;
  return { url: `https://sqs.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}/${account}/${name}`, definition: queues[key] };
};
