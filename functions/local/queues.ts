import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import type { ServiceContext } from '../../shared/context.js';
import type { Logger } from '../../shared/logger.js';
import type { EmailChannel } from '../../shared/notifications/email.js';
import type { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import type { ChannelDeps } from '../../shared/channels/deps.js';
import { pendingOutbox, redriveUnprocessed, relayOutbox, type RedriveResult, type RelayResult } from '../../shared/outbox/relay.js';
import { createSqsPublisher, queueUrlsByLookup } from '../../shared/outbox/sqs.js';
import { queueList, queues, type QueueKey } from '../../shared/queues.js';
import { isSweepJob, outboxRelayJob, sweepJobs, type SweepJobName } from '../../shared/sweeps/catalogue.js';
import { shanghaiTime } from '../../shared/time.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { createSweepHandler } from '../schedules/handlers.js';
import { createQueueWorker } from '../workers/consumer.js';
import { createCatalogueQueues, localSqsClient, startPoller, startSqsEmulator, type Poller } from './sqs.js';

export interface LocalQueues {
  endpoint: string;
  client: SQSClient;
  /** What start-up published again: messages an earlier process's emulator held when it died. */
  redriven: RedriveResult;
  /** Runs the relay now, or once more right after the run in progress: what the API calls after a write. */
  kickRelay(): void;
  runSweep(job: SweepJobName, asOf: Date): ReturnType<ReturnType<typeof createSweepHandler>>;
  close(): Promise<void>;
}

export interface LocalQueueDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: ServiceContext['config'];
  mail: EmailChannel;
  personalData?: PersonalDataVault | undefined;
  channels?: ChannelDeps | undefined;
  port: number;
  /** `paused` starts no pollers, so what the relay sends stays in the emulator. */
  consumers?: 'run' | 'paused';
}

/**
 * The queue half of AWS on loopback: the SQS emulator with the catalogue's queues and DLQs, one poller per queue
 * playing the event-source mapping, the relay after writes and every minute, and timers playing the EventBridge rules.
 */
export async function startLocalQueues(deps: LocalQueueDeps): Promise<LocalQueues> {
  const { logger } = deps;
  const emulator = await startSqsEmulator(deps.port);
  const client = localSqsClient(emulator.endpoint);
  const created = await createCatalogueQueues(client, Object.values(queues));
  for (const q of created) {
    logger.info('queue ready', {
      queue: q.definition.name, url: q.url, dlq: q.dlqUrl, visibilityTimeoutSeconds: q.definition.visibilityTimeoutSeconds,
      maxReceiveCount: q.definition.maxReceiveCount, batchSize: q.definition.batchSize,
    });
  }
  const publisher = createSqsPublisher(client, queueUrlsByLookup(client));
  const relayDeps = { db: deps.db, clock: deps.clock, logger: logger.child({ job: outboxRelayJob.job }), publisher };
  // The emulator holds its messages in memory: what an earlier process relayed and no consumer processed died with it.
  const startedAt = deps.clock.now();
  const redriven = await redriveUnprocessed(relayDeps, { sentBefore: startedAt, createdAfter: new Date(startedAt.getTime() - retentionDays * 86_400_000) });

  let running: Promise<RelayResult> | undefined;
  let again = false;
  const relayNow = async (): Promise<RelayResult> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: RelayResult;
      do {
        again = false;
        result = await relayOutbox(relayDeps).catch((error: unknown) => {
          logger.error('outbox relay failed', { error });
          return { sent: 0, failed: 0, errors: [String(error)] };
        });
      } while (again);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const workerDeps = { db: deps.db, clock: deps.clock, logger, config: deps.config, mail: deps.mail, personalData: deps.personalData, channels: deps.channels };
  if (deps.consumers === 'paused') logger.warn('queue consumers paused (LOCAL_QUEUE_CONSUMERS=paused): messages stay in the emulator');
  const pollers: Poller[] = deps.consumers === 'paused' ? [] : created.map((q) => {
    const key = (Object.keys(queues) as QueueKey[]).find((k) => queues[k].name === q.definition.name)!;
    const poller = startPoller({ client, queue: q, handler: createQueueWorker(key, { ...workerDeps, logger: logger.child({ worker: q.definition.name }) }), logger, waitSeconds: pollWaitSeconds });
    logger.info('poller started', { queue: q.definition.name, batchSize: q.definition.batchSize, waitSeconds: pollWaitSeconds, plays: 'Lambda SQS event source with reportBatchItemFailures' });
    return poller;
  });

  const sweepHandlers = Object.fromEntries(
    (Object.keys(sweepJobs) as SweepJobName[]).map((job) => [job, createSweepHandler(job, { ...workerDeps, publisher })]),
  ) as Record<SweepJobName, ReturnType<typeof createSweepHandler>>;

  const timers: NodeJS.Timeout[] = [setInterval(() => void relayNow(), 60_000)];
  logger.info('schedule armed', { job: outboxRelayJob.job, rule: outboxRelayJob.schedule });
  for (const job of Object.values(sweepJobs)) {
    const arm = () => {
      const next = nextDailyRun(job.schedule, deps.clock.now());
      timers.push(
        setTimeout(() => {
          void sweepHandlers[job.job]({ time: next.toISOString() }).catch((error: unknown) => logger.error('sweep failed', { job: job.job, error }));
          arm();
        }, next.getTime() - deps.clock.now().getTime()).unref(),
      );
      return next;
    };
    logger.info('schedule armed', { job: job.job, rule: job.schedule, next: shanghaiTime(arm()) });
  }
  timers[0]!.unref();
  void relayNow();

  return {
    endpoint: emulator.endpoint,
    client,
    redriven,
    kickRelay: () => void relayNow(),
    runSweep: (job, asOf) => sweepHandlers[job]({ time: asOf.toISOString() }),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      await running;
      await emulator.close();
      await Promise.all(pollers.map((p) => p.stop()));
      client.destroy();
    },
  };
}

/**
 * The emulator answers a long poll only when its wait ends or the batch is full (SQS answers as soon as a message is
 * there), so a 20 s wait would hold each message up to 20 s; a 1 s wait keeps local delivery about as prompt as Lambda's.
 */
const pollWaitSeconds = 1;

/** How far back the start-up redrive looks: as long as a message could wait in SQS, in its DLQ at the latest. */
const retentionDays = Math.max(...queueList.map((q) => q.dlqRetentionDays));

/** The next time a daily EventBridge rule `cron(M H * * ? *)` (UTC) fires after `now`. */
export function nextDailyRun(rule: string, now: Date): Date {
  const match = rule.match(/^cron\((\d+) (\d+) \* \* \? \*\)$/);
  if (!match) throw new Error(`only daily cron rules are played locally, not ${rule}`);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), Number(match[2]), Number(match[1])));
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/**
 * Operator endpoints mounted only by the local stack (they are not in the API app, its OpenAPI or AWS): the
 * `npm run sweep` and `npm run dlq` tools reach the running stack here, since it holds the PGlite files.
 */
export function mountOperatorRoutes(app: Hono, queuesLocal: LocalQueues, db: Db, verifier: TokenVerifier) {
  app.use('/__local/*', async (c, next) => {
    const token = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const principal = token ? await verifier.verify(token).catch(() => undefined) : undefined;
    if (principal?.kind !== 'province' || principal.role !== 'province_admin') return c.json({ error: 'a local province_admin token is required' }, 401);
    await next();
  });
  app.post('/__local/sweeps/:job', async (c) => {
    const job = c.req.param('job');
    if (!isSweepJob(job)) return c.json({ error: `unknown sweep ${job}; one of ${Object.keys(sweepJobs).join(', ')}` }, 404);
    const asOfText = c.req.query('asOf');
    const asOf = asOfText ? new Date(asOfText) : new Date();
    if (Number.isNaN(asOf.getTime())) return c.json({ error: `asOf ${asOfText} is not a time` }, 400);
    return c.json(await queuesLocal.runSweep(job, asOf));
  });
  app.post('/__local/outbox/relay', async (c) => {
    queuesLocal.kickRelay();
    return c.json({ pending: await pendingOutbox(db) });
  });
  app.get('/__local/outbox', async (c) => c.json({ pending: await pendingOutbox(db) }));
}
