import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { openDatabase, type Database } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import type { Env } from '../../shared/env.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import { createApp } from '../api/app.js';
import { LOCAL_AUDIENCE, loadDevIdentity, type DevIdentity } from './identity.js';

export interface LocalStack {
  url: string;
  database: Database;
  identity: DevIdentity;
  logger: Logger;
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
  const app = createApp({
    db: database.db,
    clock: systemClock,
    logger,
    verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: env.JWT_ISSUER, audience: LOCAL_AUDIENCE }),
    config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME },
    publicJwks: identity.publicJwks,
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s));
  });
  const url = `http://localhost:${env.PORT}`;
  return {
    url,
    database,
    identity,
    logger,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
