import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSqsRecord } from '../../functions/local/sqs.js';
import { createQueueWorker } from '../../functions/workers/consumer.js';
import { sqsRetryLater } from '../../functions/workers/retry.js';
import { queues, retryDelaySeconds } from '../../shared/queues.js';
import type { MessageVerbs } from '../../shared/workers/process.js';
import { createHarness, type Harness } from '../support/harness.js';

// A provider outage is retried with backoff (issue #23): the notification-delivery worker hides a failed message for
// longer after each receive through SQS's ChangeMessageVisibility. AWS itself is the edge here: the SQS client is a
// recorder of the commands the worker sends; the worker, its verbs' transaction and the database are real. (The local
// SQS emulator counts a visibility change as a receive, unlike SQS, so the local stack retries at the fixed timeout.)

const ARN = 'arn:aws:sqs:ap-southeast-1:123456789012:ShequStack-NotificationDeliveryQueue-Ab12Cd34';
const GOOD = '0190f000-0000-7000-8000-000000000001';
const BAD = '0190f000-0000-7000-8000-000000000002';

function recordingSqs() {
  const sent: Record<string, unknown>[] = [];
  const client = { send: async (command: { input: Record<string, unknown> }) => (sent.push(command.input), {}) } as unknown as SQSClient;
  return { client, sent };
}

const delivery = (notificationId: string, receiveCount: number, arn = ARN): SQSRecord =>
  toSqsRecord({
    MessageId: `m-${notificationId}-${receiveCount}`, ReceiptHandle: `rh-${notificationId}-${receiveCount}`,
    Body: JSON.stringify({ version: 1, type: 'notification.deliver', tenant: '4401', notificationId, channel: 'sms' }),
    Attributes: { ApproximateReceiveCount: String(receiveCount) },
  }, arn);

describe('the delay before a failed message returns', () => {
  it('doubles the visibility timeout per receive up to the queue’s cap, and is undefined for a queue without backoff', () => {
    const q = queues.notificationDelivery;
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelaySeconds(q, n))).toEqual([180, 360, 720, 1440, 2880, 3600]);
    expect(retryDelaySeconds(queues.trainingReminders, 3)).toBeUndefined();
    expect(retryDelaySeconds({ visibilityTimeoutSeconds: 30_000, backoffMaxSeconds: 86_400 }, 3)).toBe(43_200);
  });

  it('asks SQS to hide the record that long, at the queue URL its ARN names (the China partition too)', async () => {
    const { client, sent } = recordingSqs();
    const later = sqsRetryLater(client);
    await later(delivery(BAD, 3), 'notificationDelivery');
    await later(delivery(BAD, 1, 'arn:aws-cn:sqs:cn-north-1:123456789012:ShequStack-NotificationDeliveryQueue-Ab12Cd34'), 'notificationDelivery');
    await later(delivery(BAD, 2), 'trainingReminders');
    expect(sent).toEqual([
      { QueueUrl: 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/ShequStack-NotificationDeliveryQueue-Ab12Cd34', ReceiptHandle: `rh-${BAD}-3`, VisibilityTimeout: 720 },
      { QueueUrl: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/ShequStack-NotificationDeliveryQueue-Ab12Cd34', ReceiptHandle: `rh-${BAD}-1`, VisibilityTimeout: 180 },
    ]);
  });
});

describe('the queue worker with backoff', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.onboard('4401', '广州市');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('backs off only the records that failed, reports them as failed, and lets the others go', async () => {
    const { client, sent } = recordingSqs();
    const verbs: MessageVerbs<'notificationDelivery'> = {
      'notification.deliver': async ({ input }) => {
        if (input.notificationId === BAD) throw new Error('the provider is down');
      },
    };
    const worker = createQueueWorker('notificationDelivery', { db: h.database.db, clock: h.clock, logger: h.logger, config: h.deps.config, retryLater: sqsRetryLater(client) }, verbs);
    const response = await worker({ Records: [delivery(GOOD, 1), delivery(BAD, 2)] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: `m-${BAD}-2` }]);
    expect(sent).toEqual([expect.objectContaining({ ReceiptHandle: `rh-${BAD}-2`, VisibilityTimeout: 360 })]);
  });

  it('leaves a queue without backoff to SQS’s visibility timeout', async () => {
    const { client, sent } = recordingSqs();
    const worker = createQueueWorker('trainingReminders', { db: h.database.db, clock: h.clock, logger: h.logger, config: h.deps.config, retryLater: sqsRetryLater(client) }, {
      'training.sweep': async () => {
        throw new Error('always');
      },
    });
    const record = toSqsRecord({ MessageId: 'sweep-1', ReceiptHandle: 'rh-sweep-1', Body: JSON.stringify({ version: 1, type: 'training.sweep', tenant: '4401', asOf: '2026-12-08T00:30:00.000Z' }) }, ARN);
    expect((await worker({ Records: [record] })).batchItemFailures).toEqual([{ itemIdentifier: 'sweep-1' }]);
    expect(sent).toEqual([]);
  });
});
