import { GetQueueUrlCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { OUTBOX_ID_ATTRIBUTE, type QueuePublisher } from './relay.js';

export type QueueUrlResolver = (queueName: string) => Promise<string>;

/** Queue URLs by name through GetQueueUrl, cached: the local emulator; in AWS the URLs come from the environment instead. */
export function queueUrlsByLookup(client: SQSClient): QueueUrlResolver {
  const cache = new Map<string, Promise<string>>();
  return (name) => {
    let url = cache.get(name);
    if (!url) {
      url = client.send(new GetQueueUrlCommand({ QueueName: name })).then((r) => {
        if (!r.QueueUrl) throw new Error(`queue ${name} has no URL`);
        return r.QueueUrl;
      });
      url.catch(() => cache.delete(name));
      cache.set(name, url);
    }
    return url;
  };
}

export function queueUrlsFromMap(urls: Record<string, string | undefined>): QueueUrlResolver {
  return async (name) => {
    const url = urls[name];
    if (!url) throw new Error(`no queue URL configured for ${name}`);
    return url;
  };
}

export function createSqsPublisher(client: SQSClient, queueUrl: QueueUrlResolver): QueuePublisher {
  return {
    async publishBatch(queueName, messages) {
      const response = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: await queueUrl(queueName),
          Entries: messages.map((m) => ({
            Id: m.id,
            MessageBody: m.body,
            MessageAttributes: {
              [OUTBOX_ID_ATTRIBUTE]: { DataType: 'String', StringValue: m.id },
              tenant: { DataType: 'String', StringValue: m.tenant },
              type: { DataType: 'String', StringValue: m.type },
            },
          })),
        }),
      );
      return {
        sent: (response.Successful ?? []).map((s) => ({ id: s.Id!, messageId: s.MessageId! })),
        failed: (response.Failed ?? []).map((f) => ({ id: f.Id!, error: `${f.Code ?? 'Failed'}: ${f.Message ?? ''}` })),
      };
    },
  };
}
