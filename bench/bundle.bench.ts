import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { build, type Metafile } from 'esbuild';
import { handle } from 'hono/aws-lambda';
import { openDatabase } from '../db/client.js';
import { createApp } from '../functions/api/app.js';
import { LOCAL_AUDIENCE, newDevIdentity } from '../functions/local/identity.js';
import { adminQuery } from '../test/infra/postgres.js';
import { modulesUnusedBy } from '../infra/constructs/database-access.js';
import { lambdaBundling, splitBuildOptions } from '../infra/bundling/split-build.js';
import { createTokenVerifier } from '../shared/auth/tokens.js';
import { systemClock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import type { BenchFigure, BenchSuite } from './types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
// inside the project, so the bundles' external @aws-sdk/* resolve from node_modules as they do in the Lambda runtime
const workDir = `${root}node_modules/.cache/shequ-bench-bundle`;
const MB = 1024 * 1024;

/**
 * The same-libraries baseline (issue #20): one route on @hono/zod-openapi, Drizzle with the whole schema and the pg
 * driver, the connection string from the same secret stand-in, bundled exactly as the API is. What is left of the
 * ratio is the API's own code: its modules, middleware, token verification and service.
 */
const sameLibrariesEntry = `import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { handle } from 'hono/aws-lambda';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '${root}db/schema/index.ts';
const response = await fetch('http://127.0.0.1:' + process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT + '/secretsmanager/get?secretId=' + encodeURIComponent(process.env.DATABASE_SECRET_ARN), {
  headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN },
});
const { SecretString } = await response.json();
const db = drizzle(new pg.Pool({ connectionString: SecretString, max: 2 }), { schema });
const division = z.object({ code: z.string(), name: z.string(), level: z.string(), parentCode: z.string().nullable() });
const app = new OpenAPIHono();
app.openapi(
  createRoute({ method: 'get', path: '/v1/divisions/{code}', request: { params: z.object({ code: z.string().regex(/^[0-9]{6,12}$/) }) }, responses: { 200: { description: 'the division', content: { 'application/json': { schema: division } } } } }),
  async (c) => {
    const { divisions } = schema;
    const [row] = await db.select({ code: divisions.code, name: divisions.name, level: divisions.level, parentCode: divisions.parentCode }).from(divisions)
      .where(and(eq(divisions.tenantId, '4401'), eq(divisions.code, c.req.valid('param').code)));
    return c.json(row, 200);
  },
);
app.onError((error, c) => c.json({ error: String(error) }, 500));
export const handler = handle(app);
`;

const minimalEntry = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
`;

interface BundleSizes {
  /** index.mjs, every chunk it imports statically, and the database driver's: what a cold start reads before the handler exists. */
  entry: number;
  /** Every chunk, the lazily imported ones included. */
  total: number;
  largestLazy: { file: string; bytes: number }[];
}

/**
 * The bundle as CDK builds it (lambdaBundling: ESM, minified, code splitting into outdir) for a deployment's driver:
 * sizes are the Neon profile's (the default deployment), cold starts run the pg profile's against the local server.
 */
async function bundle(entry: string, outdir: string, driver: 'neon' | 'pg' = 'neon'): Promise<BundleSizes> {
  const { metafile } = await build({ ...splitBuildOptions(entry, outdir, lambdaBundling.external(modulesUnusedBy(driver))), metafile: true, logLevel: 'error' });
  return bundleSizes(metafile);
}

/** What openDatabase imports for the Neon profile the bundle is built for. */
const initDrivers = /@neondatabase\/serverless\/|drizzle-orm\/neon-serverless\//;

function bundleSizes(metafile: Metafile): BundleSizes {
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
  // lazily imported modules are entry points of their own in the metafile; the function's entry is index.mjs
  const entryFile = outputs.find(([file]) => file.endsWith(`/${lambdaBundling.splitting.entryNames}.mjs`) && !file.includes('/chunks/'))![0];
  const staticClosure = new Set<string>();
  const visit = (file: string) => {
    if (staticClosure.has(file)) return;
    staticClosure.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entryFile);
  // the deployed driver is imported while productionDeps runs, so its chunks are read during init as well
  for (const [file, output] of outputs) if (output.entryPoint && initDrivers.test(output.entryPoint)) visit(file);
  const size = (files: string[]) => files.reduce((sum, file) => sum + metafile.outputs[file]!.bytes, 0);
  return {
    entry: size([...staticClosure]),
    total: size(outputs.map(([file]) => file)),
    largestLazy: outputs
      .filter(([file]) => !staticClosure.has(file))
      .map(([file, output]) => ({ file: file.replace(/^.*\/chunks\//, ''), bytes: output.bytes }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 4),
  };
}

/** A stand-in for the Parameters and Secrets Lambda Extension on loopback: the cold start really fetches the secret. */
async function fakeSecretsExtension(secretString: string) {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const authorised = request.headers['x-aws-parameters-secrets-token'] === 'bench' && request.url?.startsWith('/secretsmanager/get?secretId=');
      response.writeHead(authorised ? 200 : 403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:bench-AbCdEf', Name: 'bench', SecretString: secretString }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: String((server.address() as { port: number }).port), close: () => new Promise((resolve) => server.close(resolve)) };
}

// the handler's first answer as well, so that a lazily loaded path cannot hide its cost behind a fast init
const coldProbe = `const started = performance.now();
const { handler } = await import(process.argv[1]);
const ready = performance.now();
const response = await handler(JSON.parse(process.argv[2]), {});
process.stdout.write(JSON.stringify({ ready, imported: ready - started, answered: performance.now(), status: response.statusCode }));`;

interface ColdStart {
  /** Process start to handler ready (what Lambda counts as init). */
  ready: number;
  imported: number;
  /** Process start to the first response. */
  answered: number;
  status: number;
}

/** One fresh Node process: the bundle imported (app built, secret fetched), then one request through the handler. */
function coldStart(bundlePath: string, env: Record<string, string>, event: APIGatewayProxyEventV2): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROFILE=dir writes each cold start's CPU profile there (where does init time go?)
    const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--input-type=module', '-e', coldProbe, bundlePath, JSON.stringify(event)], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cold start of ${bundlePath} failed: ${err}`))));
  });
}

/** A fresh database on the server with the city 4401 and its division 440101001001, seeded through the API itself. */
async function seededServerDatabase(serverUrl: string) {
  const name = `shequ_bench_cold_${Date.now().toString(36)}`;
  const admin = (statement: string) => adminQuery(serverUrl, statement);
  await admin(`create database ${name}`);
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const database = await openDatabase({ url, driver: 'pg', maxConnections: 1 });
  try {
    await database.migrate();
    const identity = await newDevIdentity('bench-seed');
    const app = createApp({
      db: database.db, clock: systemClock, logger: createLogger({ level: 'silent' }), config: { provinceCode: '44', provinceName: '广东省' },
      verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: 'bench-seed', audience: LOCAL_AUDIENCE }),
    });
    const province = await identity.issue({ sub: 'bench', scope: 'province', role: 'province_admin', unit: '44' });
    const city = await identity.issue({ sub: 'bench', tenant: '4401', role: 'city_admin', unit: '4401' });
    const created = await app.request('/v1/tenants', { method: 'POST', headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' }, body: JSON.stringify({ code: '4401', name: '广州市' }) });
    const imported = await app.request('/v1/divisions/import', { method: 'POST', headers: { authorization: `Bearer ${city}`, 'content-type': 'text/csv' }, body: 'code,name\n440101,越秀区\n440101001,洪桥街道\n440101001001,第一社区居委会\n' });
    if (created.status !== 201 || imported.status !== 200) throw new Error(`seeding the cold-start database failed: ${created.status} ${imported.status} ${await imported.text()}`);
  } finally {
    await database.close();
  }
  return { url, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Serves a key set on loopback, as Cognito's JWKS endpoint does for the deployed API. */
async function jwksServer(jwks: unknown) {
  const server = createServer((request, response) => {
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function getEvent(path: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.gov.cn', 'user-agent': 'bench', accept: 'application/json', 'x-forwarded-proto': 'https', ...headers },
    requestContext: {
      accountId: '123456789012', apiId: 'bench', domainName: 'api.example.gov.cn', domainPrefix: 'api', requestId: 'bench', routeKey: '$default',
      stage: '$default', time: '25/Nov/2026:10:00:00 +0000', timeEpoch: 1795600000000,
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    },
    isBase64Encoded: false,
  };
}

const healthEvent = () => getEvent('/health');

async function p50(rounds: number, work: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

export const suite: BenchSuite = {
  name: 'bundle and Lambda adapter (issue 4)',
  async run({ databaseUrl, quick }) {
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    writeFileSync(`${workDir}/minimal-entry.mjs`, minimalEntry);
    writeFileSync(`${workDir}/same-libraries-entry.mts`, sameLibrariesEntry);
    // the cold starts connect with pg to the local server, so they run the pg profile's bundles (pg bundled)
    const apiBundle = `${workDir}/api-pg/index.mjs`;
    const minimalBundle = `${workDir}/minimal/index.mjs`;
    const sameLibrariesBundle = `${workDir}/same-libraries-pg/index.mjs`;
    const api = await bundle(`${root}functions/api/lambda.ts`, `${workDir}/api`);
    const consoleFunction = await bundle(`${root}functions/console/lambda.ts`, `${workDir}/console`);
    const exportFunction = await bundle(`${root}functions/export/lambda.ts`, `${workDir}/export`);
    const minimal = await bundle(`${workDir}/minimal-entry.mjs`, `${workDir}/minimal`);
    const sameLibraries = await bundle(`${workDir}/same-libraries-entry.mts`, `${workDir}/same-libraries`);
    await bundle(`${root}functions/api/lambda.ts`, `${workDir}/api-pg`, 'pg');
    await bundle(`${workDir}/same-libraries-entry.mts`, `${workDir}/same-libraries-pg`, 'pg');
    const chunkCount = readdirSync(`${workDir}/api/chunks`).filter((f) => f.endsWith('.mjs')).length;
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
    const figures: BenchFigure[] = [
      {
        issue: 4, figure: 'API Lambda bundle, minified: what a cold start reads (entry, its static imports, the Neon driver)', value: api.entry / MB, baseline: minimal.total / MB, unit: 'MiB', ratio: api.entry / MB,
        goal: '<= 1 MiB', pass: api.entry <= MB,
        note: `${(api.entry / minimal.total).toFixed(0)}x the minimal Hono + hono/aws-lambda bundle (${(minimal.total / 1024).toFixed(1)} KiB); esbuild code splitting as in CDK, AWS SDK, PGlite, ws and pg external; largest lazily loaded chunks: ${api.largestLazy.map((c) => `${c.file} ${kib(c.bytes)}`).join(', ')}`,
      },
      {
        issue: 4, figure: 'API Lambda bundle, minified: all chunks (entry and lazily loaded)', value: api.total / MB, baseline: minimal.total / MB, unit: 'MiB', ratio: api.total / MB,
        goal: '<= 1 MiB', pass: api.total <= MB,
        note: `${chunkCount} chunks besides index.mjs; what the function's zip holds (without source maps); no console, no ECharts (the console is its own function); largest chunks read on demand: ${api.largestLazy.map((c) => `${c.file} ${kib(c.bytes)}`).join(', ')}`,
      },
      {
        issue: 20, figure: 'console Lambda bundle, minified: all chunks (its pages, ECharts and the API app it calls in-process)', value: consoleFunction.total / MB, baseline: api.total / MB, unit: 'MiB', ratio: consoleFunction.total / api.total,
        goal: 'reported', pass: true,
        note: `what a console cold start reads: ${(consoleFunction.entry / MB).toFixed(2)} MiB; baseline: the API function's bundle; largest chunks read on demand: ${consoleFunction.largestLazy.map((c) => `${c.file} ${kib(c.bytes)}`).join(', ')}`,
      },
      {
        issue: 20, figure: 'export Lambda bundle, minified: all chunks (the API app and the export service with age and its curve libraries)', value: exportFunction.total / MB, baseline: api.total / MB, unit: 'MiB', ratio: exportFunction.total / api.total,
        goal: 'reported', pass: true,
        note: `API Gateway sends the tenant-export routes here (functions/export/routes.ts); a cold start reads ${(exportFunction.entry / MB).toFixed(2)} MiB; baseline: the API function's bundle`,
      },
    ];

    // With a PostgreSQL server (BENCH_DATABASE_URL), a fresh database with the city and its division: the first answer
    // includes one real tenant read. Without one, pg to a closed port: the connection is refused at once, so the first
    // request loads every module on its path without counting a query (a refused WebSocket would end the process).
    const readable = databaseUrl ? await seededServerDatabase(databaseUrl) : undefined;
    const secrets = await fakeSecretsExtension(readable?.url ?? 'postgres://bench:bench@127.0.0.1:9/bench');
    const identity = await newDevIdentity('https://idp.example.gov.cn');
    const jwks = await jwksServer(identity.publicJwks);
    const token = await identity.issue({ sub: 'bench', tenant: '4401', role: 'city_admin', unit: '4401' });
    const apiEnv = {
      AWS_REGION: 'ap-southeast-1', AWS_SESSION_TOKEN: 'bench', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: secrets.port,
      DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:bench-AbCdEf', DATABASE_DRIVER: 'pg',
      JWKS_URL: jwks.url, JWT_ISSUER: 'https://idp.example.gov.cn', JWT_AUDIENCE: LOCAL_AUDIENCE, LOG_LEVEL: 'silent',
    };
    // a typical authenticated read: token verified against the JWKS, route, validation, service, then the database
    const divisionEvent = getEvent('/v1/divisions/440101001001', { authorization: `Bearer ${token}` });
    const runs = quick ? 5 : 15;
    const apiRuns: ColdStart[] = [];
    const minimalRuns: ColdStart[] = [];
    const sameRuns: ColdStart[] = [];
    const sameEvent = getEvent('/v1/divisions/440101001001');
    try {
      await coldStart(apiBundle, apiEnv, divisionEvent);
      await coldStart(minimalBundle, {}, healthEvent());
      await coldStart(sameLibrariesBundle, apiEnv, sameEvent);
      for (let i = 0; i < runs; i++) {
        apiRuns.push(await coldStart(apiBundle, apiEnv, divisionEvent));
        minimalRuns.push(await coldStart(minimalBundle, {}, healthEvent()));
        sameRuns.push(await coldStart(sameLibrariesBundle, apiEnv, sameEvent));
      }
    } finally {
      await secrets.close();
      await jwks.close();
      await readable?.drop();
    }
    const sameReady = median(sameRuns.map((r) => r.ready));
    const sameAnswered = median(sameRuns.map((r) => r.answered));
    const apiReady = median(apiRuns.map((r) => r.ready));
    const minimalReady = median(minimalRuns.map((r) => r.ready));
    const statuses = (list: ColdStart[]) => [...new Set(list.map((r) => r.status))].join('/');
    figures.push({
      issue: 20, figure: 'cold init of the API function vs the same-libraries one-route app (Hono, zod-openapi, Drizzle with the schema, pg), p50', value: apiReady, baseline: sameReady, unit: 'ms', ratio: apiReady / sameReady,
      goal: '<= 1.5x same libraries', pass: apiReady / sameReady <= 1.5,
      note: `${runs} fresh processes each, interleaved; both bundled as CDK bundles them for the pg profile (the Neon-profile sizes: the baseline's bundle ${(sameLibraries.total / MB).toFixed(2)} MiB, the API's ${(api.total / MB).toFixed(2)} MiB), both fetch the database secret from the loopback stand-in; route modules load on the first request under their prefix (functions/api/modules.ts: one list, no route table)`,
    });
    figures.push({
      issue: 20, figure: 'first answer on a cold start: init + one authenticated tenant read vs the same-libraries app\'s init + the same SELECT, p50', value: median(apiRuns.map((r) => r.answered)), baseline: sameAnswered, unit: 'ms', ratio: median(apiRuns.map((r) => r.answered)) / sameAnswered,
      goal: '<= 1.5x same libraries', pass: median(apiRuns.map((r) => r.answered)) / sameAnswered <= 1.5,
      note: readable
        ? `GET /v1/divisions/440101001001 on a seeded PostgreSQL database (status ${statuses(apiRuns)}; the API verifies the token against the JWKS on loopback and runs its tenant transaction) vs the same SELECT by tenant and code (status ${statuses(sameRuns)})`
        : `no PostgreSQL server (BENCH_DATABASE_URL unset): both reach pg on a refused port (status ${statuses(apiRuns)} / ${statuses(sameRuns)}), so the figure counts loading and the failed connect, not a query`,
    });
    figures.push({
      issue: 4, figure: 'cold init: fresh Node process to handler ready (import + build app; for the record: vs a bare Hono bundle), p50', value: apiReady, baseline: minimalReady, unit: 'ms', ratio: apiReady / minimalReady,
      goal: '<= 1.5x minimal', pass: apiReady / minimalReady <= 1.5,
      note: `${runs} processes each; the API's import alone ${median(apiRuns.map((r) => r.imported)).toFixed(1)} ms vs ${median(minimalRuns.map((r) => r.imported)).toFixed(1)} ms, including the secret fetched from a loopback stand-in for the Parameters and Secrets extension`,
    });
    const apiAnswered = median(apiRuns.map((r) => r.answered));
    const minimalAnswered = median(minimalRuns.map((r) => r.answered));
    figures.push({
      issue: 4, figure: 'cold init + first request: fresh Node process to the first response (for the record: vs a bare Hono bundle), p50', value: apiAnswered, baseline: minimalAnswered, unit: 'ms', ratio: apiAnswered / minimalAnswered,
      goal: '<= 1.5x minimal', pass: apiAnswered / minimalAnswered <= 1.5,
      note: `API: GET /v1/divisions/{code} with a bearer token (JWKS fetched from loopback, verified, route and validation, service, status ${statuses(apiRuns)}; the pg profile's bundle, pg bundled); minimal: GET /health`,
    });

    const database = await openDatabase({ url: databaseUrl ?? 'memory://', driver: 'pg', maxConnections: 1 });
    try {
      const benchIdentity = await newDevIdentity('bench');
      const app = createApp({
        db: database.db, clock: systemClock, logger: createLogger({ level: 'silent' }), config: { provinceCode: '44', provinceName: '广东省' },
        verifier: createTokenVerifier({ jwks: benchIdentity.publicJwks, issuer: 'bench', audience: LOCAL_AUDIENCE }),
      });
      const handler = handle(app);
      const event = healthEvent();
      const request = () => new Request('https://api.example.gov.cn/health', { headers: { accept: 'application/json', 'user-agent': 'bench' } });
      const invoke = () => handler(event as unknown as Parameters<typeof handler>[0]);
      const warmup = quick ? 200 : 1000;
      for (let i = 0; i < warmup; i++) {
        await (await app.fetch(request())).text();
        await invoke();
      }
      const rounds = quick ? 5 : 10;
      const perRound = quick ? 300 : 1000;
      const viaHandler: number[] = [];
      const viaFetch: number[] = [];
      for (let round = 0; round < rounds; round++) {
        // the body read as well: handler(event) returns the body as a string, and any server reads it to send it
        viaFetch.push(await p50(perRound, async () => (await app.fetch(request())).text()));
        viaHandler.push(await p50(perRound, invoke));
      }
      const handlerP50 = median(viaHandler) * 1000;
      const fetchP50 = median(viaFetch) * 1000;
      figures.push({
        issue: 4, figure: 'warm GET /health: handler(event) vs app.fetch(request) with its body read, p50', value: handlerP50, baseline: fetchP50, unit: 'µs', ratio: handlerP50 / fetchP50,
        goal: '<= 1.2x app.fetch', pass: handlerP50 / fetchP50 <= 1.2,
        note: `${rounds} interleaved rounds of ${perRound}; both reach ${databaseUrl ? 'PostgreSQL' : 'PGlite'} with select 1; app.fetch's body is read (response.text()) as the handler reads it into its result and as any server does to send it`,
      });
    } finally {
      await database.close();
      rmSync(workDir, { recursive: true, force: true });
    }
    return figures;
  },
};
