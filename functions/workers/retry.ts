import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { queues, retryDelaySeconds, type QueueKey } from '../../shared/queues.js';

/** Hides a failed record for longer before SQS hands it out again (a queue's backoff); a no-op for a queue without one. */
export type RetryLater = (record: SQSRecord, queue: QueueKey) => Promise<void>;

/** The URL of the queue a record came from, read from its ARN (arn:partition:sqs:region:account:name). */
export function queueUrlOf(arn: string): string {
  const [, partition, , region, account, name] = arn.split(':');
  return `https://sqs.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}/${account}/${name}`;
}

/**
 * RetryLater through SQS's ChangeMessageVisibility, the documented way to back off from a Lambda SQS consumer: the
 * delay grows with the record's ApproximateReceiveCount (retryDelaySeconds, the catalogue's definition of the queue the
 * worker consumes); after maxReceiveCount the queue's redrive policy moves it to the DLQ as before.
 */
export function sqsRetryLater(client: SQSClient): RetryLater {
  return async (record, key) => {
    const seconds = retryDelaySeconds(queues[key], Number(record.attributes.ApproximateReceiveCount ?? '1'));
    if (seconds === undefined) return;
    await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrlOf(record.eventSourceARN), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  };
}
