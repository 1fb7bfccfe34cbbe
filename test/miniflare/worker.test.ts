import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';
import { LOCAL_AUDIENCE, newDevIdentity, type DevIdentity } from '../../functions/local/identity.js';
import { adminQuery, postgresReachable, serverUrl } from '../infra/postgres.js';
import { startNeonProxy } from '../support/neon-proxy.js';
import { buildWorker } from './build-worker.js';

const issuer = 'shequ-miniflare';

const postgresUp = await postgresReachable();

const consoleSignIn = {
  CONSOLE_CLIENT_ID: 'shequ-console',
  CONSOLE_AUTHORIZE_URL: 'https://idp.example.gov.cn/realms/shequ/protocol/openid-connect/auth',
  CONSOLE_TOKEN_URL: 'https://idp.example.gov.cn/realms/shequ/protocol/openid-connect/token',
};

describe.skipIf(!postgresUp)('the API and console bundles in workerd (Miniflare) over the Neon driver', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'shequ-miniflare-'));
  const databaseName = `shequ_mf_${Date.now().toString(36)}`;
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${databaseName}` }).toString();
  let metafile: Metafile;
  let consoleMetafile: Metafile;
  let proxy: Awaited<ReturnType<typeof startNeonProxy>>;
  let jwksServer: Server;
  let identity: DevIdentity;
  let mf: Miniflare;

  const admin = (statement: string) => adminQuery(serverUrl, statement);

  beforeAll(async () => {
    await admin(`create database ${databaseName}`);
    const database = await openDatabase({ url: databaseUrl, driver: 'pg', maxConnections: 1 });
    await database.migrate();
    await database.close();

    identity = await newDevIdentity(issuer);
    jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(identity.publicJwks)));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    proxy = await startNeonProxy();

    const scriptPath = join(workDir, 'worker.mjs');
    const consoleScriptPath = join(workDir, 'console-worker.mjs');
    [metafile, consoleMetafile] = await Promise.all([buildWorker(scriptPath), buildWorker(consoleScriptPath, 'console-worker')]);
    const bindings = {
      DATABASE_URL: databaseUrl,
      JWKS_URL: `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/jwks.json`,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: LOCAL_AUDIENCE,
      NEON_WS_PROXY: `127.0.0.1:${proxy.port}`,
      LOG_LEVEL: 'warn',
    };
    const worker = { modules: true, modulesRoot: workDir, compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'] };
    // two functions, as in AWS: the console's paths go to the console worker (with the API app in its own isolate),
    // every other path to the API worker, as API Gateway's routes send them
    mf = new Miniflare({
      workers: [
        { ...worker, name: 'api', scriptPath, bindings },
        { ...worker, name: 'console', scriptPath: consoleScriptPath, bindings: { ...bindings, ...consoleSignIn }, routes: ['shequ.test/console', 'shequ.test/console/*'] },
      ],
    });
    await mf.ready;
  });

  afterAll(async () => {
    try {
      await mf?.dispose();
      await proxy?.close();
      await new Promise((resolve) => jwksServer?.close(resolve));
    } finally {
      await admin(`drop database if exists ${databaseName} with (force)`);
      rmSync(workDir, { recursive: true, force: true });
    }
  });

  it('answers /health after a round trip to PostgreSQL', async () => {
    const res = await mf.dispatchFetch('http://shequ.test/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('verifies a bearer token against a remote JWKS and runs tenant-scoped transactions through the WebSocket pool', async () => {
    const province = await identity.issue({ sub: 'mf-province', scope: 'province', role: 'province_admin', unit: '44' });
    const created = await mf.dispatchFetch('http://shequ.test/v1/tenants', {
      method: 'POST',
      headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '4401', name: '广州市' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);

    const city = { authorization: `Bearer ${await identity.issue({ sub: 'mf-city', tenant: '4401', role: 'city_admin', unit: '4401' })}` };
    const imported = await mf.dispatchFetch('http://shequ.test/v1/divisions/import', {
      method: 'POST',
      headers: { ...city, 'content-type': 'text/csv' },
      body: 'code,name\n440103,荔湾区\n440103001,沙面街道',
    });
    expect(imported.status, await imported.clone().text()).toBe(200);
    const listed = await mf.dispatchFetch('http://shequ.test/v1/divisions?parent=440103', { headers: city });
    expect(listed.status, await listed.clone().text()).toBe(200);
    expect(await listed.text()).toContain('沙面街道');

    const anonymous = await mf.dispatchFetch('http://shequ.test/v1/tenants');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
  });

  it('pulls Node built-ins only from the local-only database paths, never from the app, routes or services', () => {
    // node:crypto is the exception workerd's nodejs_compat implements: SHA-256 for reply tokens, the certification
    // chain, the sign-out denylist's key of a token without a jti, the public page's ETag and the consultation link's
    // token; random bytes for those tokens; HMAC-SHA1 for the SMS provider's signature (the console's own uses are in
    // its worker)
    const nodeImporters = Object.entries(metafile.inputs)
      .filter(([, input]) => input.imports.some((i) => i.path.startsWith('node:') && i.path !== 'node:crypto'))
      .map(([path]) => path)
      .sort();
    expect(nodeImporters).toEqual(['db/client.ts', 'node_modules/drizzle-orm/migrator.js']);
    const cryptoImporters = Object.entries(metafile.inputs)
      .filter(([path, input]) => !path.startsWith('node_modules/') && input.imports.some((i) => i.path === 'node:crypto'))
      .map(([path]) => path)
      .sort();
    expect(cryptoImporters).toEqual(['functions/api/routes/public-pages.tsx', 'shared/auth/revocations.ts', 'shared/channels/aliyun-sms.ts', 'shared/conferences/tokens.ts', 'shared/consultations/service.ts', 'shared/elections/chain.ts']);
  });

  it('keeps the console and ECharts out of the API worker; the console worker carries them and the API app', () => {
    const sources = (meta: Metafile) => Object.keys(meta.inputs);
    expect(sources(metafile).filter((path) => path.startsWith('functions/console/') || path.includes('node_modules/echarts/'))).toEqual([]);
    expect(sources(consoleMetafile)).toEqual(expect.arrayContaining(['functions/console/index.tsx', 'functions/api/app.ts', 'functions/api/routes/divisions.ts']));
    expect(sources(consoleMetafile).some((path) => path.includes('node_modules/echarts/'))).toBe(true);
  });

  it('serves the console from its own worker: a browser without a session is sent to the OIDC provider, with PKCE', async () => {
    const home = await mf.dispatchFetch('https://shequ.test/console', { redirect: 'manual' });
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toMatch(/^\/console\/login\?next=/);
    const start = await mf.dispatchFetch('https://shequ.test/console/login/start', { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(consoleSignIn.CONSOLE_AUTHORIZE_URL);
    expect(authorize.searchParams.get('client_id')).toBe('shequ-console');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    // any path under /console is the console worker's: without a session it sends the browser to sign in
    const missing = await mf.dispatchFetch('https://shequ.test/console/nothing/here', { redirect: 'manual' });
    expect(missing.status).toBe(303);
  });
});
