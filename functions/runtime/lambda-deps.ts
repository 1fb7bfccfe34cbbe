import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { openDatabase } from '../../db/client.js';
import { channelsFromEnv, deployedDatabaseUrl, personalDataFromEnv } from '../api/production.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv, loadQueueUrls } from '../../shared/env.js';
import type { LogFields, Logger } from '../../shared/logger.js';
import { createSesChannel } from '../../shared/notifications/ses.js';
import { createSqsPublisher, queueUrlsFromMap } from '../../shared/outbox/sqs.js';
import type { RelayDeps } from '../../shared/outbox/relay.js';
import type { WorkerDeps } from '../workers/consumer.js';
import { sqsRetryLater } from '../workers/retry.js';

function fromPowertools(logger: PowertoolsLogger): Logger {
  return {
    debug: (m, f?: LogFields) => logger.debug(m, f ?? {}),
    info: (m, f?: LogFields) => logger.info(m, f ?? {}),
    warn: (m, f?: LogFields) => logger.warn(m, f ?? {}),
    error: (m, f?: LogFields) => logger.error(m, f ?? {}),
    child: (fields) => fromPowertools(logger.createChild({ persistentKeys: fields })),
  };
}

/** What a worker or schedule Lambda gets: one database connection per instance, Powertools logs, SES and SQS clients. */
export async function lambdaDeps(service: string, source?: Record<string, string | undefined>): Promise<WorkerDeps & RelayDeps> {
  const env = loadEnv(source);
  const database = await openDatabase({ url: await deployedDatabaseUrl(source), driver: env.DATABASE_DRIVER, maxConnections: 1 });
  const sqs = new SQSClient({});
  const logger = fromPowertools(new PowertoolsLogger({ serviceName: service, logLevel: env.LOG_LEVEL === 'silent' ? 'SILENT' : env.LOG_LEVEL.toUpperCase() as 'INFO' }));
  return {
    db: database.db,
    clock: systemClock,
    logger,
    config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME, trustedProxyHops: env.TRUSTED_PROXY_HOPS },
    mail: env.MAIL_FROM ? createSesChannel(new SESv2Client({}), env.MAIL_FROM) : undefined,
    ...personalDataFromEnv(env, logger),
    ...channelsFromEnv(env),
    publisher: createSqsPublisher(sqs, queueUrlsFromMap(loadQueueUrls(source))),
    retryLater: sqsRetryLater(sqs),
  };
}
