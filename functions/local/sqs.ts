import type { Server } from 'node:http';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createSqsServer } from 'local-aws-sqs';
import type { Logger } from '../../shared/logger.js';
import { dlqName, type QueueDefinition } from '../../shared/queues.js';
import type { QueueWorker } from '../workers/consumer.js';

const region = 'us-east-1';

export async function startSqsEmulator(port: number, hostname = '127.0.0.1'): Promise<{ server: Server; endpoint: string; close(): Promise<void> }> {
  const server = await createSqsServer({ port, hostname, region, emulateQueueCreationLifecycle: false });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    endpoint: `http://${hostname}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function localSqsClient(endpoint: string): SQSClient {
  return new SQSClient({ region, endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

export interface CreatedQueue {
  definition: QueueDefinition;
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

/** The catalogue's queues, each with its DLQ and RedrivePolicy, as the CDK stack creates them in AWS. */
export async function createCatalogueQueues(client: SQSClient, definitions: QueueDefinition[]): Promise<CreatedQueue[]> {
  const created: CreatedQueue[] = [];
  for (const definition of definitions) {
    const dlq = await client.send(new CreateQueueCommand({ QueueName: dlqName(definition), Attributes: { MessageRetentionPeriod: String(definition.dlqRetentionDays * 86_400) } }));
    const dlqArn = await queueArn(client, dlq.QueueUrl!);
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: definition.name,
        Attributes: {
          VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: definition.maxReceiveCount }),
        },
      }),
    );
    created.push({ definition, url: queue.QueueUrl!, arn: await queueArn(client, queue.QueueUrl!), dlqUrl: dlq.QueueUrl!, dlqArn });
  }
  return created;
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return attributes.Attributes!.QueueArn!;
}

export function toSqsRecord(message: Message, arn: string): SQSRecord {
  const a = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, v]) => [name, { stringValue: v.StringValue, dataType: v.DataType ?? 'String', stringListValues: [], binaryListValues: [] }]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: arn,
    awsRegion: region,
  };
}

export interface PollerOptions {
  client: SQSClient;
  queue: Pick<CreatedQueue, 'url' | 'arn' | 'definition'>;
  handler: QueueWorker;
  logger: Logger;
  /** Long-poll wait; Lambda's event source uses 20 s. */
  waitSeconds?: number;
  /** Called after the handler returned and before the successes are deleted: tests inject a crash here. */
  beforeDelete?: (event: SQSEvent, failedIds: string[]) => Promise<void> | void;
}

export interface Poller {
  readonly name: string;
  stop(): Promise<void>;
}

/**
 * Plays Lambda's SQS event-source mapping: long-poll up to the batch size, invoke the handler with a real SQSEvent,
 * delete what succeeded, leave failures to reappear after the visibility timeout (and reach the DLQ after
 * maxReceiveCount). It never sets a visibility of 0: on queues with a DLQ the emulator would dead-letter at once.
 */
export function startPoller(options: PollerOptions): Poller {
  const { client, queue, handler, logger } = options;
  const name = queue.definition.name;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const received = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: queue.definition.batchSize,
            WaitTimeSeconds: options.waitSeconds ?? 20,
            MessageSystemAttributeNames: ['All'], AttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) continue;
        const event: SQSEvent = { Records: messages.map((m) => toSqsRecord(m, queue.arn)) };
        let failedIds: string[];
        try {
          const response = await handler(event);
          failedIds = response.batchItemFailures.map((f) => f.itemIdentifier);
        } catch (error) {
          logger.error('poller: handler threw; the whole batch returns after the visibility timeout', { queue: name, error });
          continue;
        }
        await options.beforeDelete?.(event, failedIds);
        const succeeded = event.Records.filter((r) => !failedIds.includes(r.messageId));
        if (succeeded.length > 0) {
          await client.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: succeeded.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })) }));
        }
        logger.info('poller: batch handled', { queue: name, received: messages.length, succeeded: succeeded.length, failed: failedIds.length });
      } catch (error) {
        if (stopped) break;
        logger.warn('poller: receive or delete failed; retrying', { queue: name, error: error instanceof Error ? error.message : String(error) });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();
  return {
    name,
    // A receive the emulator already started would still take messages, so stopping lets the current poll finish and handles what it got.
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
