import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../db/client.js';
import { loadDevIdentity } from '../functions/local/identity.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});
const durationSeconds = Number(values.duration);
const connections = Number(values.connections);
const databaseUrl = process.env.DATABASE_URL;
const ISSUER = 'shequ-load';

/** The 21 prefecture-level cities of Guangdong (4410 and 4411 are not assigned). */
const guangdong = [
  ['4401', '广州市'], ['4402', '韶关市'], ['4403', '深圳市'], ['4404', '珠海市'], ['4405', '汕头市'], ['4406', '佛山市'], ['4407', '江门市'],
  ['4408', '湛江市'], ['4409', '茂名市'], ['4412', '肇庆市'], ['4413', '惠州市'], ['4414', '梅州市'], ['4415', '汕尾市'], ['4416', '河源市'],
  ['4417', '阳江市'], ['4418', '清远市'], ['4419', '东莞市'], ['4420', '中山市'], ['4451', '潮州市'], ['4452', '揭阳市'], ['4453', '云浮市'],
] as const;

interface City {
  code: string;
  name: string;
  admin: string;
  districts: string[];
  communities: string[];
  streets: { code: string; token: string; next: number }[];
  taken: Set<string>;
}

/** The official list where the repository has one (db/seed/divisions), else 3 districts × 4 streets × 6 communities. */
function divisionList(code: string, name: string): string {
  const seed = new URL(`../db/seed/divisions/${code}.csv`, import.meta.url);
  if (existsSync(seed)) return readFileSync(seed, 'utf8');
  const lines = ['code,name'];
  for (let d = 1; d <= 3; d++) {
    const district = `${code}${String(d).padStart(2, '0')}`;
    lines.push(`${district},${name.slice(0, -1)}第${d}区`);
    for (let s = 1; s <= 4; s++) {
      const street = `${district}${String(s).padStart(3, '0')}`;
      lines.push(`${street},第${d}区第${s}街道`);
      for (let c = 1; c <= 6; c++) lines.push(`${street}${String(c).padStart(3, '0')},第${d}-${s}-${c}社区居委会`);
    }
  }
  return lines.join('\n');
}

function percentile(samples: number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(0);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const dataDir = mkdtempSync(join(tmpdir(), 'shequ-load-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const serverLog = join(dataDir, 'server.log');
const server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/server.ts'], {
  cwd: new URL('..', import.meta.url),
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SQS_PORT: String(await freePort()), DATA_DIR: dataDir, JWT_ISSUER: ISSUER, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const logStream = createWriteStream(serverLog);
server.stdout.pipe(logStream);
server.stderr.pipe(logStream);
const serverExited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
const stopServer = async () => {
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([serverExited, new Promise((r) => setTimeout(r, 10_000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
};
process.on('SIGINT', () => void stopServer().then(() => process.exit(130)));

async function call(method: string, path: string, token: string, body?: { json?: unknown; csv?: string }) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body?.json !== undefined) headers['content-type'] = 'application/json';
  if (body?.csv !== undefined) headers['content-type'] = 'text/csv';
  const res = await fetch(`${base}${path}`, { method, headers, body: body?.json !== undefined ? JSON.stringify(body.json) : body?.csv });
  return { status: res.status, body: (await res.json()) as any };
}

try {
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the stack exited with ${server.exitCode}; see ${serverLog}:\n${readFileSync(serverLog, 'utf8').slice(-2000)}`);
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() - started > 120_000) throw new Error(`the stack did not come up in 120 s; see ${serverLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`stack up on ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s (${databaseUrl ? 'DATABASE_URL' : `PGlite in ${dataDir}`})`);

  const identity = await loadDevIdentity(dataDir, ISSUER);
  const province = await identity.issue({ sub: 'load-province', scope: 'province', role: 'province_admin', unit: '44' });
  const cities: City[] = [];
  for (const [code, name] of guangdong) {
    const onboarded = await call('POST', '/v1/tenants', province, { json: { code, name } });
    if (onboarded.status !== 201 && onboarded.body.code !== 'tenant_exists') throw new Error(`onboarding ${code}: ${onboarded.status} ${JSON.stringify(onboarded.body)}`);
    const admin = await identity.issue({ sub: `load-admin-${code}`, tenant: code, role: 'city_admin', unit: code });
    const imported = await call('POST', '/v1/divisions/import', admin, { csv: divisionList(code, name) });
    if (imported.status !== 200) throw new Error(`importing ${code}: ${imported.status} ${JSON.stringify(imported.body).slice(0, 500)}`);
    const all = await call('GET', '/v1/divisions?limit=1000', admin);
    const items = all.body.items as { code: string; level: string; kind: string | null }[];
    const communities = items.filter((d) => d.kind === 'residents_committee').map((d) => d.code);
    const streetCodes = [...new Set(communities.map((c) => c.slice(0, 9)))].slice(0, 8);
    cities.push({
      code,
      name,
      admin,
      districts: items.filter((d) => d.level === 'county').map((d) => d.code),
      communities,
      streets: await Promise.all(streetCodes.map(async (s) => ({ code: s, token: await identity.issue({ sub: `load-street-${s}`, tenant: code, role: 'street_officer', unit: s }), next: 600 }))),
      taken: new Set(items.map((d) => d.code)),
    });
  }
  console.error(`onboarded ${cities.length} cities, ${cities.reduce((n, c) => n + c.communities.length, 0)} communities`);

  const foreign: string[] = [];
  const byKind: Record<string, number[]> = {};
  const refused: Record<string, number> = {};
  const mix = [
    ['divisions', 30], ['communities', 25], ['community', 10], ['patch', 15], ['plan', 10], ['plans', 10],
  ] as const;
  const totalWeight = mix.reduce((n, [, w]) => n + w, 0);
  const pick = () => {
    let r = Math.random() * totalWeight;
    for (const [kind, weight] of mix) if ((r -= weight) < 0) return kind;
    return mix[0][0];
  };
  let serial = 0;

  const result = await autocannon({
    url: base,
    connections,
    duration: durationSeconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req: autocannon.Request, context: Record<string, unknown>) => {
          const city = cities[serial++ % cities.length]!;
          const kind = pick();
          const street = city.streets[serial % city.streets.length]!;
          const community = city.communities[serial % city.communities.length]!;
          context.city = city.code;
          context.kind = kind;
          context.sentAt = performance.now();
          const headers = { authorization: `Bearer ${city.admin}` };
          if (kind === 'divisions') return { ...req, method: 'GET', path: `/v1/divisions?parent=${street.code}&limit=100`, headers };
          if (kind === 'communities') return { ...req, method: 'GET', path: `/v1/communities?parent=${city.districts[serial % Math.max(city.districts.length, 1)] ?? city.code}&limit=100`, headers };
          if (kind === 'community') return { ...req, method: 'GET', path: `/v1/communities/${community}`, headers };
          if (kind === 'patch') {
            return { ...req, method: 'PATCH', path: `/v1/communities/${community}`, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ households: 1000 + (serial % 2000) }) };
          }
          const streetHeaders = { authorization: `Bearer ${street.token}` };
          if (kind === 'plans') return { ...req, method: 'GET', path: '/v1/adjustment-plans', headers: streetHeaders };
          while (city.taken.has(`${street.code}${street.next}`)) street.next++;
          const code = `${street.code}${street.next++}`;
          const body = { title: '压力测试调整方案', reason: '负载测试新建社区', effectiveDate: '2030-01-01', changes: [{ kind: 'create', code, name: `压测${code.slice(-3)}社区`, households: 1500 }] };
          return { ...req, method: 'POST', path: '/v1/adjustment-plans', headers: { ...streetHeaders, 'content-type': 'application/json' }, body: JSON.stringify(body) };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          (byKind[context.kind as string] ??= []).push(performance.now() - (context.sentAt as number));
          if (status >= 300) {
            const key = `${context.kind} ${status} ${body.match(/"code":"([a-z_]+)"/)?.[1] ?? ''}`;
            refused[key] = (refused[key] ?? 0) + 1;
            return;
          }
          const codes = [...body.matchAll(/"(?:code|streetCode|parentCode)":"(\d{4,12})"/g)].map((m) => m[1]!);
          for (const code of codes) if (!code.startsWith(context.city as string) && !(code.length === 2)) foreign.push(`${context.kind} for ${context.city} returned ${code}`);
        },
      },
    ],
  } as autocannon.Options);

  await stopServer();
  const database = await openDatabase(databaseUrl ? { url: databaseUrl, driver: 'pg' } : { dataDir: join(dataDir, 'pglite') });
  const crossTenant = rowsOf<{ table: string; n: number }>(
    await database.db.execute(sql`
      select 'divisions' as table, count(*)::int as n from divisions where left(code, 4) <> tenant_id
      union all select 'community_profiles', count(*)::int from community_profiles where left(code, 4) <> tenant_id
      union all select 'adjustment_plans', count(*)::int from adjustment_plans where left(street_code, 4) <> tenant_id
      union all select 'adjustment_plans.changes', count(*)::int from adjustment_plans p, jsonb_array_elements(p.changes) c where left(coalesce(c->>'code', c->'into'->>'code', ''), 4) not in ('', p.tenant_id)
      union all select 'audit_log', count(*)::int from audit_log where tenant_id is not null and entity_id ~ '^\\d{12}$' and left(entity_id, 4) <> tenant_id`),
  );
  const [{ plans, patched } = { plans: 0, patched: 0 }] = rowsOf<{ plans: number; patched: number }>(
    await database.db.execute(sql`select (select count(*)::int from adjustment_plans) as plans, (select count(*)::int from community_profiles) as patched`),
  );
  await database.close();

  const errors = result.errors + result.timeouts + result.non2xx;
  const crossRows = crossTenant.reduce((n, r) => n + r.n, 0);
  console.log(
    [
      `load: ${connections} connections across ${cities.length} tenants for ${durationSeconds} s against npm start (${databaseUrl ? 'PostgreSQL' : 'PGlite'}), loopback`,
      `requests ${result.requests.total} (${(result.requests.total / result.duration).toFixed(0)} req/s; mean ${result.requests.average.toFixed(0)} req/s)`,
      `latency p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `per kind, count p50/p99 ms: ${Object.entries(byKind).map(([kind, samples]) => `${kind} ${samples.length}× ${percentile(samples, 0.5)}/${percentile(samples, 0.99)}`).join(', ')}`,
      `errors ${errors} (socket errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}${Object.keys(refused).length ? `: ${JSON.stringify(refused)}` : ''})`,
      `cross-tenant rows in responses ${foreign.length}${foreign.length ? `: ${foreign.slice(0, 5).join('; ')}` : ''}`,
      `cross-tenant rows by query ${crossRows} (${crossTenant.map((r) => `${r.table} ${r.n}`).join(', ')}); ${plans} plans, ${patched} community profiles written`,
    ].join('\n'),
  );
  process.exitCode = errors === 0 && foreign.length === 0 && crossRows === 0 ? 0 : 1;
} finally {
  await stopServer();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.error(`kept ${dataDir}`);
}
