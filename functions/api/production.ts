import { openDatabase } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv } from '../../shared/env.js';
import { createLogger } from '../../shared/logger.js';
import type { AppDeps } from './deps.js';

/** Dependencies of the deployed API: the configured Postgres and the identity provider's JWKS. */
export async function productionDeps(source?: Record<string, string | undefined>): Promise<AppDeps> {
  const env = loadEnv(source);
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required outside the local stack');
  if (!env.JWKS_URL) throw new Error('JWKS_URL is required outside the local stack');
  const database = await openDatabase({ url: env.DATABASE_URL, driver: env.DATABASE_DRIVER, maxConnections: 1 });
  return {
    db: database.db,
    clock: systemClock,
    logger: createLogger({ level: env.LOG_LEVEL }),
    verifier: createTokenVerifier({ jwks: new URL(env.JWKS_URL), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
    config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME },
  };
}
