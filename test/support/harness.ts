import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { createApp, type AppDeps } from '../../functions/api/app.js';
import { packagedRendererScript } from '../../functions/api/docs-renderer-files.js';
import { LOCAL_AUDIENCE, newDevIdentity, type DevClaims, type DevIdentity } from '../../functions/local/identity.js';
import type { Role } from '../../shared/auth/principal.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { fixedClock } from '../../shared/clock.js';
import { createLogger, type Logger } from '../../shared/logger.js';
import { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import { localMasterKey } from '../../shared/personal-data/local-master-key.js';
import type { ArchiveDelivery } from '../../shared/tenant-export/store.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ISSUER = 'shequ-test';
export const PROVINCE = '44';

export interface Harness {
  app: ReturnType<typeof createApp>;
  /** What the app was built with, for building another app on the same database and clock. */
  deps: AppDeps;
  database: TestDatabase;
  identity: DevIdentity;
  clock: ReturnType<typeof fixedClock>;
  logs: string[];
  logger: Logger;
  /** The vault the app seals personal data with, for workers run by hand in tests. */
  personalData: PersonalDataVault;
  token(claims: Partial<DevClaims> & { role: Role }): Promise<string>;
  provinceToken(role?: Role): Promise<string>;
  cityToken(tenant: string, role?: Role, unit?: string): Promise<string>;
  request(method: string, path: string, options?: { token?: string; json?: unknown; body?: string; contentType?: string; headers?: Record<string, string> }): Promise<Response>;
  onboard(code: string, name: string): Promise<void>;
  /** Runs SQL as the owner (superuser in tests), bypassing RLS: for assertions only, never for application code. */
  asOwner<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]>;
  close(): Promise<void>;
}

/** One migrated database and one app per test file; tokens are signed by a key made for the file. */
export async function createHarness(options: { archives?: (clock: Harness['clock']) => ArchiveDelivery } = {}): Promise<Harness> {
  const database = await createTestDatabase();
  const identity = await newDevIdentity(ISSUER);
  const clock = fixedClock('2026-11-25T02:00:00Z');
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const personalData = new PersonalDataVault(localMasterKey(mkdtempSync(join(tmpdir(), 'shequ-test-keys-'))));
  const deps: AppDeps = {
    db: database.db,
    clock,
    logger,
    verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
    config: { provinceCode: PROVINCE, provinceName: '广东省' },
    publicJwks: identity.publicJwks,
    personalData,
    docsRenderer: packagedRendererScript(),
    ...(options.archives ? { archives: options.archives(clock) } : {}),
  };
  const app = createApp(deps);

  const token: Harness['token'] = (claims) => identity.issue({ sub: `test-${claims.role}`, unit: PROVINCE, ...claims } as DevClaims);
  const provinceToken = (role: Role = 'province_admin') => token({ scope: 'province', role, unit: PROVINCE });
  const cityToken = (tenant: string, role: Role = 'city_admin', unit?: string) => token({ tenant, role, unit: unit ?? tenant, sub: `test-${role}-${unit ?? tenant}` });

  const request: Harness['request'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'text/plain';
      body = options.body;
    }
    return Promise.resolve(app.request(path, { method, headers, body }));
  };

  const onboard = async (code: string, name: string) => {
    const res = await request('POST', '/v1/tenants', { token: await provinceToken(), json: { code, name } });
    if (res.status !== 201) throw new Error(`onboarding ${code} failed: ${res.status} ${await res.text()}`);
  };

  return {
    app,
    deps,
    database,
    identity,
    clock,
    logs,
    logger,
    personalData,
    token,
    provinceToken,
    cityToken,
    request,
    onboard,
    asOwner: async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query)),
    close: () => database.dispose(),
  };
}

export { sql };
