import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { createApp } from '../api/app.js';
import { LOCAL_AUDIENCE, newDevIdentity } from './identity.js';

/**
 * Writes the API's OpenAPI document, as GET /openapi.json serves it, to the given file (`npm run lint:openapi` lints
 * it). Building the app queries nothing: the database is an in-memory PGlite that is never migrated.
 */
const out = resolve(process.argv[2] ?? 'openapi.json');
const database = await openDatabase({ url: 'memory://' });
try {
  const identity = await newDevIdentity('shequ-openapi');
  const app = createApp({
    db: database.db,
    clock: systemClock,
    logger: createLogger({ level: 'warn', service: 'shequ-openapi' }),
    verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: 'shequ-openapi', audience: LOCAL_AUDIENCE }),
    config: { provinceCode: '440000', provinceName: '广东省' },
  });
  const res = await app.request('/openapi.json');
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(await res.json(), null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await database.close();
}
