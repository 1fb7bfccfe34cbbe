import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../db/client.js';
import { APP_ROLE } from '../../db/schema/policy.js';
import { createApp } from '../../functions/api/app.js';
import { LOCAL_AUDIENCE, newDevIdentity, type DevIdentity } from '../../functions/local/identity.js';
import type { Role } from '../../shared/auth/principal.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { fixedClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { pgbouncerUnavailable, startPgbouncer, type Pgbouncer } from '../support/pgbouncer.js';

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const unavailable = await pgbouncerUnavailable(serverUrl);
if (unavailable) console.warn(`pooler tier skipped: ${unavailable}`);

const ISSUER = 'shequ-pooler-test';
const REQUESTS = 1000;
const IN_FLIGHT = 24;

interface City {
  code: string;
  name: string;
  csv: string;
  street: string;
  divisions: string[];
  communities: string[];
  plansCreated: number;
}

const cities: City[] = [
  { code: '4401', name: '广州市', csv: 'test/fixtures/divisions-4401.csv', street: '440103002', divisions: [], communities: [], plansCreated: 0 },
  { code: '4403', name: '深圳市', csv: 'test/fixtures/divisions-4403.csv', street: '', divisions: [], communities: [], plansCreated: 0 },
  { code: '4404', name: '珠海市', csv: 'db/seed/divisions/4404.csv', street: '', divisions: [], communities: [], plansCreated: 0 },
];

let bouncer: Pgbouncer;
let direct: Database;
let pooled: Database;
let identity: DevIdentity;
let app: ReturnType<typeof createApp>;
let dbName: string;

const token = (city: City, role: Role, unit = city.code) => identity.issue({ sub: `pooler-${role}-${unit}`, tenant: city.code, role, unit });

async function call(method: string, path: string, tokenValue: string, json?: unknown): Promise<{ status: number; body: any }> {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${tokenValue}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

/** A transaction as the runtime role that sets no tenant: what a request would see if a pooled connection lost it. */
async function tenantlessProbe(): Promise<{ rows: number; tenant: string | null; sessionTenant: string | null }> {
  const inside = await pooled.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${APP_ROLE}`));
    const [row] = rowsOf<{ rows: number; tenant: string | null }>(
      await tx.execute(sql`select (select count(*)::int from divisions) + (select count(*)::int from community_profiles) + (select count(*)::int from adjustment_plans) as rows, current_setting('app.tenant_id', true) as tenant`),
    );
    return row!;
  });
  const [outside] = rowsOf<{ tenant: string | null }>(await pooled.db.execute(sql`select current_setting('app.tenant_id', true) as tenant`));
  return { ...inside, sessionTenant: outside!.tenant };
}

describe.skipIf(Boolean(unavailable))('isolation through PgBouncer in transaction pooling mode (pool size 2)', () => {
  beforeAll(async () => {
    dbName = `shequ_pooler_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const dbUrl = new URL(serverUrl);
    dbUrl.pathname = `/${dbName}`;
    direct = await openDatabase({ url: dbUrl.toString(), driver: 'pg', maxConnections: 2 });
    await direct.migrate();
    bouncer = await startPgbouncer(dbUrl.toString(), { poolSize: 2 });
    pooled = await openDatabase({ url: bouncer.url(dbUrl.toString()), driver: 'pg', maxConnections: 16 });
    identity = await newDevIdentity(ISSUER);
    app = createApp({
      db: pooled.db,
      clock: fixedClock('2026-11-25T02:00:00Z'),
      logger: createLogger({ level: 'silent' }),
      verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
      config: { provinceCode: '44', provinceName: '广东省' },
    });
    const province = await identity.issue({ sub: 'pooler-province', scope: 'province', role: 'province_admin', unit: '44' });
    for (const city of cities) {
      expect((await call('POST', '/v1/tenants', province, { code: city.code, name: city.name })).status).toBe(201);
      const admin = await token(city, 'city_admin');
      const imported = await app.request('/v1/divisions/import', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: readFileSync(city.csv, 'utf8') });
      expect(imported.status).toBe(200);
      const divisions = await call('GET', '/v1/divisions?limit=1000', admin);
      city.divisions = divisions.body.items.map((d: { code: string }) => d.code);
      city.communities = divisions.body.items.filter((d: { kind: string }) => d.kind === 'residents_committee').map((d: { code: string }) => d.code);
      city.street ||= city.communities[0]!.slice(0, 9);
    }
  }, 180_000);

  afterAll(async () => {
    await pooled?.close();
    await direct?.close();
    await bouncer?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it(`${REQUESTS} interleaved reads and writes of three cities see only their own rows, and never a missing tenant`, async () => {
    const tokens = new Map<string, string>();
    for (const city of cities) {
      tokens.set(`${city.code}:admin`, await token(city, 'city_admin'));
      tokens.set(`${city.code}:street`, await token(city, 'street_officer', city.street));
    }
    const foreign: string[] = [];
    const unset: string[] = [];
    const statuses: Record<string, number> = {};
    const probes: Awaited<ReturnType<typeof tenantlessProbe>>[] = [];
    const owns = (city: City, code: string | undefined) => typeof code === 'string' && code.startsWith(city.code);
    let serial = 0;

    const one = async (i: number) => {
      const city = cities[i % cities.length]!;
      const admin = tokens.get(`${city.code}:admin`)!;
      const street = tokens.get(`${city.code}:street`)!;
      const community = city.communities[i % city.communities.length]!;
      const kind = ['divisions', 'division', 'communities', 'patch', 'plan', 'plans', 'probe'][Math.floor(i / cities.length) % 7]!;
      const label = `${kind} ${city.code}`;
      if (kind === 'probe') {
        probes.push(await tenantlessProbe());
        return;
      }
      let res: { status: number; body: any };
      if (kind === 'divisions') {
        res = await call('GET', '/v1/divisions?limit=1000', admin);
        const codes: string[] = res.body.items?.map((d: { code: string }) => d.code) ?? [];
        foreign.push(...codes.filter((c) => !owns(city, c)).map((c) => `${label} saw ${c}`));
        if (codes.length !== city.divisions.length) unset.push(`${label} saw ${codes.length} of ${city.divisions.length} divisions`);
      } else if (kind === 'division') {
        const code = city.divisions[i % city.divisions.length]!;
        res = await call('GET', `/v1/divisions/${code}`, admin);
        if (res.status !== 200) unset.push(`${label} could not read its own ${code}: ${res.status}`);
        else if (!owns(city, res.body.code)) foreign.push(`${label} got ${res.body.code}`);
      } else if (kind === 'communities') {
        res = await call('GET', '/v1/communities?limit=1000', admin);
        const codes: string[] = res.body.items?.map((d: { code: string }) => d.code) ?? [];
        foreign.push(...codes.filter((c) => !owns(city, c)).map((c) => `${label} saw ${c}`));
        if (codes.length !== city.communities.length) unset.push(`${label} saw ${codes.length} of ${city.communities.length} communities`);
      } else if (kind === 'patch') {
        res = await call('PATCH', `/v1/communities/${community}`, admin, { households: 1000 + (i % 2000) });
        if (res.status !== 200) unset.push(`${label} could not update its own ${community}: ${res.status} ${res.body.code}`);
        else if (!owns(city, res.body.code)) foreign.push(`${label} updated ${res.body.code}`);
      } else if (kind === 'plan') {
        const code = `${city.street}${String(900 - (serial++ % 400)).padStart(3, '0')}`;
        res = await call('POST', '/v1/adjustment-plans', street, { title: '连接池压力测试方案', reason: '验证连接池隔离', effectiveDate: '2027-06-01', changes: [{ kind: 'create', code, name: `池测${i}社区`, households: 1500 }] });
        if (res.status !== 201) unset.push(`${label} could not create a plan: ${res.status} ${res.body.code} ${res.body.detail ?? ''}`);
        else {
          city.plansCreated++;
          if (!owns(city, res.body.streetCode)) foreign.push(`${label} created a plan in ${res.body.streetCode}`);
        }
      } else {
        const before = city.plansCreated;
        res = await call('GET', '/v1/adjustment-plans', street);
        const items: { streetCode: string }[] = res.body.items ?? [];
        foreign.push(...items.filter((p) => !owns(city, p.streetCode)).map((p) => `${label} saw a plan of ${p.streetCode}`));
        if (items.length < before) unset.push(`${label} saw ${items.length} plans, ${before} were created`);
      }
      statuses[`${kind} ${res.status}`] = (statuses[`${kind} ${res.status}`] ?? 0) + 1;
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) await one(next++);
      }),
    );

    const crossTenantRows = rowsOf<{ table: string; n: number }>(
      await direct.db.execute(sql`
        select 'divisions' as table, count(*)::int as n from divisions where left(code, 4) <> tenant_id
        union all select 'community_profiles', count(*)::int from community_profiles where left(code, 4) <> tenant_id
        union all select 'adjustment_plans', count(*)::int from adjustment_plans where left(street_code, 4) <> tenant_id
        union all select 'audit_log', count(*)::int from audit_log a where a.tenant_id is not null and a.tenant_id not in ('4401', '4403', '4404')`),
    );
    const leakedProbes = probes.filter((p) => p.rows > 0 || (p.tenant ?? '') !== '' || (p.sessionTenant ?? '') !== '');
    console.log(
      `pooler: ${REQUESTS} requests (${IN_FLIGHT} in flight, 16 client connections, 2 server connections), ${probes.length} tenant-less probes; ` +
        `foreign rows seen ${foreign.length}, requests that lost their tenant ${unset.length}, probes that saw a tenant ${leakedProbes.length}; ` +
        `cross-tenant rows by query ${crossTenantRows.reduce((n, r) => n + r.n, 0)}; statuses ${JSON.stringify(statuses)}`,
    );
    expect(foreign).toEqual([]);
    expect(unset).toEqual([]);
    expect(leakedProbes).toEqual([]);
    expect(crossTenantRows.filter((r) => r.n > 0)).toEqual([]);
    expect(probes.length).toBeGreaterThan(100);
  }, 300_000);

  it('would catch a leak: a session-level setting (which withTenant never makes) survives into later transactions', async () => {
    const client = new pg.Client({ connectionString: bouncer.url(new URL(`/${dbName}`, serverUrl).toString()) });
    await client.connect();
    await client.query(`select set_config('app.tenant_id', '4401', false)`);
    await client.end();
    const probes = await Promise.all(Array.from({ length: 20 }, () => tenantlessProbe()));
    expect(probes.some((p) => p.rows > 0 && p.tenant === '4401')).toBe(true);
  });
});
