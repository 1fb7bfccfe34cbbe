import { createApp } from '../functions/api/app.js';
import { LOCAL_AUDIENCE, newDevIdentity } from '../functions/local/identity.js';
import { createTokenVerifier } from '../shared/auth/tokens.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import { createTestDatabase } from '../test/support/database.js';

const ISSUER = 'shequ-bench';

/** The app on a fresh migrated database (PGlite, or a new database on the server), with a silent logger and its own key. */
export async function benchApp(options: { databaseUrl?: string | undefined; clock?: Clock }) {
  const database = await createTestDatabase({ url: options.databaseUrl, driver: 'pg' });
  const identity = await newDevIdentity(ISSUER);
  const app = createApp({
    db: database.db,
    clock: options.clock ?? systemClock,
    logger: createLogger({ level: 'silent' }),
    verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
    config: { provinceCode: '44', provinceName: '广东省' },
  });
  return { database, identity, app };
}

export const p50 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/** A synthetic division list in CSV: districts × streets × residents' committees, with codes as published. */
export function syntheticCityCsv(city: string, shape: { districts: number; streets: number; communities: number }): string {
  const lines = ['code,name'];
  for (let d = 1; d <= shape.districts; d++) {
    const county = `${city}${String(d).padStart(2, '0')}`;
    lines.push(`${county},第${d}区`);
    for (let s = 1; s <= shape.streets; s++) {
      const street = `${county}${String(s).padStart(3, '0')}`;
      lines.push(`${street},第${d}区第${s}街道`);
      for (let v = 1; v <= shape.communities; v++) lines.push(`${street}${String(v).padStart(3, '0')},第${d}-${s}-${v}社区居委会`);
    }
  }
  return `${lines.join('\n')}\n`;
}
