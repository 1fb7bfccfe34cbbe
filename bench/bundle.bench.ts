import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { build } from 'esbuild';
import { handle } from 'hono/aws-lambda';
import { openDatabase } from '../db/client.js';
import { createApp } from '../functions/api/app.js';
import { LOCAL_AUDIENCE, newDevIdentity } from '../functions/local/identity.js';
import { modulesUnusedBy } from '../infra/constructs/database-access.js';
import { lambdaBundling } from '../infra/constructs/shequ-function.js';
import { createTokenVerifier } from '../shared/auth/tokens.js';
import { systemClock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import type { BenchFigure, BenchSuite } from './types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
// inside the project, so the bundles' external @aws-sdk/* resolve from node_modules as they do in the Lambda runtime
const workDir = `${root}node_modules/.cache/shequ-bench-bundle`;
const MB = 1024 * 1024;

const minimalEntry = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
`;

async function bundle(entry: string, outfile: string): Promise<number> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: lambdaBundling.target,
    mainFields: ['module', 'main'],
    minify: true,
    banner: { js: lambdaBundling.banner },
    external: lambdaBundling.external(modulesUnusedBy('neon')),
    logLevel: 'error',
  });
  return statSync(outfile).size;
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

const coldProbe = `const started = performance.now();
await import(process.argv[1]);
process.stdout.write(JSON.stringify({ ready: performance.now(), imported: performance.now() - started }));`;

/** One fresh Node process: time from its start to the handler being ready (what Lambda counts as init), and the import alone. */
function coldStart(bundlePath: string, env: Record<string, string>): Promise<{ ready: number; imported: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', coldProbe, bundlePath], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cold start of ${bundlePath} failed: ${err}`))));
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function healthEvent(): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /health',
    rawPath: '/health',
    rawQueryString: '',
    headers: { host: 'api.example.gov.cn', 'user-agent': 'bench', accept: 'application/json', 'x-forwarded-proto': 'https' },
    requestContext: {
      accountId: '123456789012', apiId: 'bench', domainName: 'api.example.gov.cn', domainPrefix: 'api', requestId: 'bench', routeKey: 'GET /health',
      stage: '$default', time: '25/Nov/2026:10:00:00 +0000', timeEpoch: 1795600000000,
      http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    },
    isBase64Encoded: false,
  };
}

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
    const apiBundle = `${workDir}/api/index.mjs`;
    const minimalBundle = `${workDir}/minimal/index.mjs`;
    const apiBytes = await bundle(`${root}functions/api/lambda.ts`, apiBundle);
    const minimalBytes = await bundle(`${workDir}/minimal-entry.mjs`, minimalBundle);
    const figures: BenchFigure[] = [
      {
        issue: 4, figure: 'API Lambda bundle, minified', value: apiBytes / MB, baseline: minimalBytes / MB, unit: 'MiB', ratio: apiBytes / MB,
        goal: '<= 1 MiB', pass: apiBytes <= MB, note: `${(apiBytes / minimalBytes).toFixed(0)}x the minimal Hono + hono/aws-lambda bundle (${(minimalBytes / 1024).toFixed(1)} KiB); AWS SDK, PGlite, ws and pg external as in CDK`,
      },
    ];

    const secrets = await fakeSecretsExtension('postgres://bench:bench@127.0.0.1:5432/bench');
    const apiEnv = {
      AWS_REGION: 'ap-southeast-1', AWS_SESSION_TOKEN: 'bench', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: secrets.port,
      DATABASE_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:bench-AbCdEf', DATABASE_DRIVER: 'neon',
      JWKS_URL: 'https://idp.example.gov.cn/.well-known/jwks.json', JWT_ISSUER: 'https://idp.example.gov.cn', LOG_LEVEL: 'silent',
    };
    const runs = quick ? 5 : 15;
    const api: { ready: number; imported: number }[] = [];
    const minimal: { ready: number; imported: number }[] = [];
    try {
      await coldStart(apiBundle, apiEnv);
      await coldStart(minimalBundle, {});
      for (let i = 0; i < runs; i++) {
        api.push(await coldStart(apiBundle, apiEnv));
        minimal.push(await coldStart(minimalBundle, {}));
      }
    } finally {
      await secrets.close();
    }
    const apiReady = median(api.map((r) => r.ready));
    const minimalReady = median(minimal.map((r) => r.ready));
    figures.push({
      issue: 4, figure: 'cold init: fresh Node process to handler ready, p50', value: apiReady, baseline: minimalReady, unit: 'ms', ratio: apiReady / minimalReady,
      goal: '<= 1.5x minimal', pass: apiReady / minimalReady <= 1.5,
      note: `${runs} processes each; the API's import alone ${median(api.map((r) => r.imported)).toFixed(1)} ms vs ${median(minimal.map((r) => r.imported)).toFixed(1)} ms, including the secret fetched from a loopback stand-in for the Parameters and Secrets extension`,
    });

    const database = await openDatabase({ url: databaseUrl ?? 'memory://', driver: 'pg', maxConnections: 1 });
    try {
      const identity = await newDevIdentity('bench');
      const app = createApp({
        db: database.db, clock: systemClock, logger: createLogger({ level: 'silent' }), config: { provinceCode: '44', provinceName: '广东省' },
        verifier: createTokenVerifier({ jwks: identity.publicJwks, issuer: 'bench', audience: LOCAL_AUDIENCE }),
      });
      const handler = handle(app);
      const event = healthEvent();
      const request = () => new Request('https://api.example.gov.cn/health', { headers: { accept: 'application/json', 'user-agent': 'bench' } });
      const invoke = () => handler(event as unknown as Parameters<typeof handler>[0]);
      const warmup = quick ? 200 : 1000;
      for (let i = 0; i < warmup; i++) {
        await app.fetch(request());
        await invoke();
      }
      const rounds = quick ? 5 : 10;
      const perRound = quick ? 300 : 1000;
      const viaHandler: number[] = [];
      const viaFetch: number[] = [];
      for (let round = 0; round < rounds; round++) {
        viaFetch.push(await p50(perRound, () => app.fetch(request())));
        viaHandler.push(await p50(perRound, invoke));
      }
      const handlerP50 = median(viaHandler) * 1000;
      const fetchP50 = median(viaFetch) * 1000;
      figures.push({
        issue: 4, figure: 'warm GET /health: handler(event) vs app.fetch(request), p50', value: handlerP50, baseline: fetchP50, unit: 'µs', ratio: handlerP50 / fetchP50,
        goal: '<= 1.2x app.fetch', pass: handlerP50 / fetchP50 <= 1.2,
        note: `${rounds} interleaved rounds of ${perRound}; both reach ${databaseUrl ? 'PostgreSQL' : 'PGlite'} with select 1`,
      });
    } finally {
      await database.close();
      rmSync(workDir, { recursive: true, force: true });
    }
    return figures;
  },
};
