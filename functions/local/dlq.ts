import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageBatchCommand, type Message,
} from '@aws-sdk/client-sqs';
import { loadEnv } from '../../shared/env.js';
import { OUTBOX_ID_ATTRIBUTE } from '../../shared/outbox/relay.js';
import { dlqName, queueList } from '../../shared/queues.js';
import { shanghaiTime } from '../../shared/time.js';
import { localSqsClient } from './sqs.js';

const names = queueList.map((q) => q.name);
const usage = `usage: npm run dlq -- list <queue>      show the dead letters of a queue (they stay where they are)
       npm run dlq -- redrive <queue>   move them back to the queue; the worker skips what it already did
queues: ${names.join(', ')}`;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', default: false } } });
const [command, queueName] = positionals;
const queue = queueList.find((q) => q.name === queueName);
if (values.help || !queue || (command !== 'list' && command !== 'redrive')) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const env = loadEnv();
const client = localSqsClient(`http://127.0.0.1:${env.SQS_PORT}`);
const urlOf = async (name: string) => (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
const dlqUrl = await urlOf(dlqName(queue)).catch((error: unknown) => {
  console.error(`the SQS emulator is not reachable on 127.0.0.1:${env.SQS_PORT} (${error instanceof Error ? error.message : String(error)}); start the stack with npm start`);
  process.exit(1);
});

/** Every dead letter, each received once and held invisible while we work (the DLQ has no DLQ of its own to fall into). */
async function drain(): Promise<Message[]> {
  const seen = new Map<string, Message>();
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 60, MessageSystemAttributeNames: ['All'], AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) return [...seen.values()];
    for (const m of Messages) seen.set(m.MessageId!, m);
  }
}

const messages = await drain();
if (command === 'list') {
  console.log(`${messages.length} dead letter(s) in ${dlqName(queue)}`);
  for (const m of messages) {
    const sent = new Date(Number(m.Attributes?.SentTimestamp ?? 0));
    console.log(`- ${m.MessageId}  dead-lettered ${shanghaiTime(sent)}  receives ${m.Attributes?.ApproximateReceiveCount ?? '?'}  outbox ${m.MessageAttributes?.[OUTBOX_ID_ATTRIBUTE]?.StringValue ?? '-'}`);
    console.log(`  ${m.Body}`);
  }
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    await client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: dlqUrl, Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })) }));
  }
} else {
  const sourceUrl = await urlOf(queue.name);
  let moved = 0;
  for (let i = 0; i < messages.length; i += 10) {
    const chunk = messages.slice(i, i + 10);
    const sent = await client.send(
      new SendMessageBatchCommand({ QueueUrl: sourceUrl, Entries: chunk.map((m, j) => ({ Id: String(j), MessageBody: m.Body!, MessageAttributes: m.MessageAttributes })) }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
    const done = chunk.filter((_, j) => ok.has(String(j)));
    if (done.length > 0) await client.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: done.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle! })) }));
    moved += done.length;
  }
  console.log(`redrove ${moved} of ${messages.length} dead letter(s) from ${dlqName(queue)} to ${queue.name}`);
}
client.destroy();
