import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase, type Database } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import type { Env } from '../../shared/env.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import { channelDeps } from '../../shared/channels/deps.js';
import { fileSecretStore } from '../../shared/channels/secrets.js';
import { createEmlChannel } from '../../shared/notifications/eml.js';
import { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import { localMasterKey } from '../../shared/personal-data/local-master-key.js';
import { packagedRendererScript } from '../api/docs-renderer-files.js';
import { createApiWithConsole } from '../console/app.js';
import { localArchiveStore } from './archive-store.js';
import { startChannelStandins, type ChannelStandins } from './channel-standins.js';
import { loopbackHostOnly } from './host-guard.js';
import { LOCAL_AUDIENCE, loadDevIdentity, type DevIdentity } from './identity.js';
import { mountOperatorRoutes, startLocalQueues, type LocalQueues } from './queues.js';

export interface LocalStack {
  url: string;
  database: Database;
  identity: DevIdentity;
  logger: Logger;
  queues: LocalQueues;
  channels: ChannelStandins;
  close(): Promise<void>;
}

/** The whole stack in one process on embedded defaults: PGlite under the data directory, a dev JWKS, the API. */
export async function startLocalStack(env: Env): Promise<LocalStack> {
  const logger = createLogger({ level: env.LOG_LEVEL, service: 'shequ-local' });
  const database = await openDatabase({
    url: env.DATABASE_URL,
    driver: env.DATABASE_DRIVER,
    dataDir: join(env.DATA_DIR, 'pglite'),
  });
  const started = performance.now();
  await database.migrate();
  logger.info('database ready', { driver: database.driver, ms: Math.round(performance.now() - started) });

  const identity = await loadDevIdentity(env.DATA_DIR, env.JWT_ISSUER);
  const config = { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME };
  const verifier = createTokenVerifier({ jwks: identity.publicJwks, issuer: env.JWT_ISSUER, audience: LOCAL_AUDIENCE });
  const mail = createEmlChannel(env.DATA_DIR);
  const personalData = new PersonalDataVault(localMasterKey(env.DATA_DIR));
  const url = `http://localhost:${env.PORT}`;
  // the cities' channel credentials in files (Secrets Manager's stand-in), WeCom and SMS answered on loopback
  const secretStore = fileSecretStore(join(env.DATA_DIR, 'secrets'));
  const standins = await startChannelStandins({ store: secretStore, clock: systemClock, logger, dir: join(env.DATA_DIR, 'outbox-channels'), port: env.CHANNEL_STANDIN_PORT });
  const channels = channelDeps({ store: secretStore, linkBase: env.CONSOLE_PUBLIC_URL ?? `${url}/console`, endpoints: { wecom: standins.wecomBase, sms: standins.smsEndpoint } });
  const queues = await startLocalQueues({ db: database.db, clock: systemClock, logger, config, mail, personalData, channels, port: env.SQS_PORT, consumers: env.LOCAL_QUEUE_CONSUMERS });
  logger.info('mail goes to files', { channel: mail.name, dir: mail.dir });
  // the S3 export bucket's stand-in: a city's archive too large for a response is fetched from a signed link
  const archiveStore = localArchiveStore({ dir: join(env.DATA_DIR, 'exports'), baseUrl: url });
  const api = createApiWithConsole({
    db: database.db,
    clock: systemClock,
    logger,
    verifier,
    config,
    publicJwks: identity.publicJwks,
    afterOutboxCommit: queues.kickRelay,
    personalData,
    channels,
    docsRenderer: packagedRendererScript(),
    archives: { store: archiveStore, inlineLimit: env.EXPORT_INLINE_LIMIT },
    console: {
      secureCookies: false,
      signIn: { kind: 'local', issue: (claims, options) => identity.issue(claims, options), sessionLifetime: env.CONSOLE_SESSION_LIFETIME },
    },
  });
  const app = new Hono();
  app.use('*', loopbackHostOnly());
  mountOperatorRoutes(app, queues, database.db, verifier);
  app.get('/exports/*', (c) => archiveStore.serve(c.req.raw) ?? c.notFound());
  app.all('*', (c) => api.fetch(c.req.raw));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s));
  });
  logger.info('console', { url: `${url}/console` });
  return {
    url,
    database,
    identity,
    logger,
    queues,
    channels: standins,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queues.close();
      await standins.close();
      await database.close();
    },
  };
}
