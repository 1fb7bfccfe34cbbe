import { GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createSqsPublisher, queueUrlsByLookup } from '../../shared/outbox/sqs.js';
import { relayOutbox, type QueuePublisher } from '../../shared/outbox/relay.js';
import { queueList, type QueueDefinition } from '../../shared/queues.js';
import { createCatalogueQueues, localSqsClient, startSqsEmulator, type CreatedQueue } from '../../functions/local/sqs.js';
import type { Harness } from './harness.js';

export interface QueueFixture {
  client: SQSClient;
  endpoint: string;
  queues: Record<string, CreatedQueue>;
  publisher: QueuePublisher;
  relay(publisher?: QueuePublisher): ReturnType<typeof relayOutbox>;
  depth(url: string): Promise<{ visible: number; inFlight: number }>;
  close(): Promise<void>;
}

/** The SQS emulator on a free loopback port with the catalogue's queues, their visibility shortened so redeliveries take seconds, not minutes. */
export async function createQueueFixture(h: Harness, visibilityTimeoutSeconds = 2): Promise<QueueFixture> {
  const emulator = await startSqsEmulator(0);
  const client = localSqsClient(emulator.endpoint);
  const definitions: QueueDefinition[] = queueList.map((q) => ({ ...q, visibilityTimeoutSeconds }));
  const created = await createCatalogueQueues(client, definitions);
  const publisher = createSqsPublisher(client, queueUrlsByLookup(client));
  return {
    client,
    endpoint: emulator.endpoint,
    queues: Object.fromEntries(created.map((q) => [q.definition.name, q])),
    publisher,
    relay: (p = publisher) => relayOutbox({ db: h.database.db, clock: h.clock, logger: h.logger, publisher: p }),
    depth: async (url) => {
      const { Attributes: a = {} } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return { visible: Number(a.ApproximateNumberOfMessages ?? 0), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) };
    },
    close: async () => {
      client.destroy();
      await emulator.close();
    },
  };
}

export async function receiveAll(client: SQSClient, url: string): Promise<{ body: string; receiveCount: number; attributes: Record<string, string | undefined> }[]> {
  const { Messages = [] } = await client.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 30, MessageSystemAttributeNames: ['All'], AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
  );
  return Messages.map((m) => ({
    body: m.Body ?? '',
    receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
    attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue])),
  }));
}

/** Polls until the check passes or the time is up; the last failure is what the test reports. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 40_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
