import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE } from '../../functions/local/identity.js';
import { createHarness, ISSUER, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
});
afterAll(async () => {
  await h?.close();
});

describe('public endpoints', () => {
  it('reports health with the database checked', async () => {
    const res = await h.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('serves an OpenAPI 3.1 document that lists every route with its security', async () => {
    const doc = (await (await h.request('GET', '/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/v1/tenants', '/v1/tenants/{code}', '/v1/divisions/import', '/v1/divisions/{code}/summary']));
    const open = ['/health', '/openapi.json', '/.well-known/jwks.json', '/r/{token}', '/ical/{token}', '/p/{cityCode}/{communityCode}', '/v1/public/cities/{cityCode}/communities/{communityCode}'];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.security, path).toEqual(open.includes(path) || path.startsWith('/v1/public/') ? [] : [{ bearer: [] }]);
    }
  });

  it('serves a reference page whose only scripts are this function’s (the renderer, then its call)', async () => {
    const res = await h.request('GET', '/docs');
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0].replace(/nonce="[^"]+"/, 'nonce').replace(/\?v=[\d.]+/, '?v=…'))).toEqual(['<script src="/docs/scalar.js?v=…">', '<script nonce>']);
    expect(html).not.toMatch(/https?:\/\//);
    expect((await h.request('GET', '/docs/scalar.js')).status).toBe(200);
  });

  it('publishes the verification keys without the private part', async () => {
    const jwks = (await (await h.request('GET', '/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('answers an unknown route with a problem', async () => {
    const res = await h.request('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('authentication', () => {
  const claims = { sub: 'u1', tenant: '4401', role: 'city_admin', unit: '4401' };
  const expectUnauthenticated = async (token: string | undefined, detail: RegExp, messageCode?: string) => {
    const res = await h.request('GET', '/v1/divisions', { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { code: string; messageCode: string; detail: string };
    expect(problem.code).toBe('unauthenticated');
    expect(problem.detail).toMatch(detail);
    if (messageCode) expect(problem.messageCode).toBe(messageCode);
  };

  it('refuses a missing or malformed Authorization header', async () => {
    await expectUnauthenticated(undefined, /Bearer/);
    const res = await h.request('GET', '/v1/divisions', { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'forged' }).setIssuer(ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('1h').sign(privateKey);
    await expectUnauthenticated(forged, /^令牌无法验证$/, 'token_unverifiable');
  });

  it('refuses an expired token', async () => {
    const expired = await h.identity.issue({ sub: 'u1', tenant: '4401', role: 'city_admin', unit: '4401' }, { expiresIn: '-1m' });
    await expectUnauthenticated(expired, /^令牌已过期$/, 'token_expired');
  });

  it('refuses a token from another issuer', async () => {
    const other = await h.identity.issue({ sub: 'u1', tenant: '4401', role: 'city_admin', unit: '4401' }, { issuer: 'someone-else' });
    await expectUnauthenticated(other, /^令牌无法验证$/, 'token_unverifiable');
  });

  it.each([
    [{ sub: 'u1', role: 'city_admin', unit: '4401' }, 'tenant'],
    [{ sub: 'u1', tenant: '4401', unit: '4401' }, 'role'],
    [{ sub: 'u1', tenant: '4401', role: 'city_admin' }, 'unit'],
    [{ sub: 'u1', tenant: '4401', role: 'province_admin', unit: '4401' }, 'role'],
    [{ sub: 'u1', tenant: '4401', role: 'street_officer', unit: '440301001' }, 'unit'],
  ])('refuses a token with a missing or inconsistent claim: %j', async (payload, path) => {
    const token = await h.identity.issue(payload as never);
    const res = await h.request('GET', '/v1/divisions', { token });
    expect(res.status).toBe(401);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain(path);
  });
});

describe('the Lambda adapter', () => {
  const event = (overrides: Partial<APIGatewayProxyEventV2>): APIGatewayProxyEventV2 => ({
    version: '2.0',
    routeKey: '$default',
    rawPath: '/health',
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.ap-east-1.amazonaws.com', 'user-agent': 'curl/8.5.0', accept: '*/*' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl/8.5.0' },
      requestId: 'JNyqYhJUoAMEMVw=',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:02:00:00 +0000',
      timeEpoch: 1795572000000,
    },
    isBase64Encoded: false,
    ...overrides,
  });
  const context = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', functionName: 'api' } as Context;

  it('serves an API Gateway HTTP API v2 event', async () => {
    const handler = handle(h.app) as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
    const result = (await handler(event({}), context)) as Exclude<APIGatewayProxyResultV2, string>;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toEqual({ status: 'ok', database: 'ok' });
  });

  it('passes the bearer token, query string and path through', async () => {
    const handler = handle(h.app) as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
    const token = await h.cityToken('4401');
    const result = (await handler(
      event({
        rawPath: '/v1/divisions',
        rawQueryString: 'level=city',
        queryStringParameters: { level: 'city' },
        headers: { host: 'abc123.execute-api.ap-east-1.amazonaws.com', authorization: `Bearer ${token}` },
        requestContext: { ...event({}).requestContext, http: { method: 'GET', path: '/v1/divisions', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl' } },
      }),
      context,
    )) as Exclude<APIGatewayProxyResultV2, string>;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body!)).toMatchObject({ items: [{ code: '4401', level: 'city' }] });
  });

  it('answers a problem for a missing token through Lambda too', async () => {
    const handler = handle(h.app) as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;
    const result = (await handler(event({ rawPath: '/v1/tenants', requestContext: { ...event({}).requestContext, http: { method: 'GET', path: '/v1/tenants', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'curl' } } }), context)) as Exclude<APIGatewayProxyResultV2, string>;
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['content-type']).toMatch(/application\/problem\+json/);
  });
});
