import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../functions/console/index.js';
import { changesFromForm } from '../../functions/console/pages/plans.js';
import { LOCAL_AUDIENCE } from '../../functions/local/identity.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { certifiedElection } from '../support/elections.js';
import { ISSUER } from '../support/harness.js';
import { createConsoleHarness, csrfOf, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: Browser;
let streetA: Browser;
let adminB: Browser;
const COMMUNITY = '440103001001';
const STREET = '440103001';
const ids: { plan?: string; election?: string } = {};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const a = await h.cityToken('4401');
  const b = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: a, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: b, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  adminA = h.browser(a);
  streetA = h.browser(await h.cityToken('4401', 'street_officer', STREET));
  adminB = h.browser(b);
  ids.election = (await certifiedElection(h, a)).id;
});

afterAll(async () => {
  await h?.close();
});

describe('sessions', () => {
  it('sends a visitor without a session to sign-in, and back to where they were going', async () => {
    const res = await h.console.request('/console/elections?status=certified');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/console/login?next=${encodeURIComponent('/console/elections?status=certified')}`);
  });

  it('ends an expired session with a message', async () => {
    const expired = await h.identity.issue({ sub: 'old', tenant: '4401', role: 'city_admin', unit: '4401' }, { expiresIn: '-1m' });
    const res = await h.console.request('/console/home', { headers: { cookie: `shequ_session=${expired}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/console\/login\?expired=1/);
    expect(res.headers.get('set-cookie')).toMatch(/shequ_session=;/);
    const login = await h.console.request(res.headers.get('location')!);
    expect(textOf(await login.text())).toContain('登录已过期，请重新登录');
  });

  it('refuses a form without its token and a post from another site', async () => {
    const token = await h.cityToken('4401');
    const cookie = `shequ_session=${token}`;
    const noToken = await h.console.request('/console/plans/new', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=x' });
    expect(noToken.status).toBe(403);
    const page = await h.console.request('/console/plans', { headers: { cookie } });
    const csrf = csrfOf(await page.text())!;
    const crossSite = await h.console.request('http://localhost/console/plans/new', {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, title: 'x' }).toString(),
    });
    expect(crossSite.status).toBe(403);
  });

  it('signs in locally only with claims that make sense, saying what is wrong beside the field', async () => {
    const form = await h.console.request('/console/login');
    const html = await form.text();
    const nonce = /shequ_login=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
    const post = (fields: Record<string, string>) =>
      h.console.request('/console/login', {
        method: 'POST',
        headers: { cookie: `shequ_login=${nonce}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrfOf(html)!, next: '/console/plans', ...fields }).toString(),
      });
    const bad = await post({ level: 'city', tenant: '4401', role: 'district_officer', unit: '440303', name: '测试' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'unit')).toBe('所属单位须在所选城市之内');
    const good = await post({ level: 'city', tenant: '4401', role: 'district_officer', unit: '440103', name: '荔湾区民政局' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe('/console/plans');
    const session = /shequ_session=([^;]+);.*HttpOnly/i.exec(good.headers.get('set-cookie') ?? '');
    expect(session?.[1]).toBeTruthy();
    const evil = await post({ level: 'city', tenant: '4401', role: 'city_admin', unit: '', name: 'x', next: 'https://evil.example/' });
    expect(evil.headers.get('location')).toBe('/console');
  });
});

describe('the OIDC sign-in (Cognito hosted UI in AWS), against a local token endpoint', () => {
  let server: Server;
  let issuerUrl: string;
  let lastTokenRequest: URLSearchParams | undefined;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', async () => {
        lastTokenRequest = new URLSearchParams(body);
        const idToken = await h.identity.issue({ sub: 'cognito-user', tenant: '4401', role: 'city_admin', unit: '4401' }, { expiresIn: '1h' });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id_token: idToken, token_type: 'Bearer' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    issuerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('runs the code flow with PKCE and state, and starts a Secure session', async () => {
    const app = new Hono().route(
      '/console',
      createConsole({
        verifier: createTokenVerifier({ jwks: h.identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
        callApi: async () => new Response('{}', { headers: { 'content-type': 'application/json' } }),
        signIn: { kind: 'oidc', authorizeUrl: `${issuerUrl}/oauth2/authorize`, tokenUrl: `${issuerUrl}/oauth2/token`, logoutUrl: `${issuerUrl}/logout`, clientId: 'console-client' },
        secureCookies: true,
        clock: h.clock,
        logger: h.logger,
        provinceCode: '44',
        provinceName: '广东省',
      }),
    );
    const start = await app.request('https://shequ.example.gov.cn/console/login/start?next=/console/training');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${issuerUrl}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: 'console-client', code_challenge_method: 'S256', redirect_uri: 'https://shequ.example.gov.cn/console/callback' });
    const loginCookie = /(__Host-shequ_login=[^;]+)/.exec(start.headers.get('set-cookie') ?? '')![1]!;
    expect(start.headers.get('set-cookie')).toMatch(/Secure/);

    const forged = await app.request(`https://shequ.example.gov.cn/console/callback?code=abc&state=forged`, { headers: { cookie: loginCookie } });
    expect(forged.status).toBe(400);

    const state = authorize.searchParams.get('state')!;
    const callback = await app.request(`https://shequ.example.gov.cn/console/callback?code=the-code&state=${state}`, { headers: { cookie: loginCookie } });
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console/training');
    expect(callback.headers.get('set-cookie')).toMatch(/__Host-shequ_session=[^;]+;.*HttpOnly/i);
    expect(callback.headers.get('set-cookie')).toMatch(/Secure/);
    // the token endpoint got the code and the verifier whose hash was the challenge
    expect(lastTokenRequest?.get('code')).toBe('the-code');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(lastTokenRequest!.get('code_verifier')!).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));
  });
});

describe('plans, elections and training pages', () => {
  it('drafts a plan with every problem beside its field, then submits; the city approves', async () => {
    await streetA.get('/console/plans/new');
    const bad = await streetA.post('/console/plans/new', { title: '', reason: '理由', effectiveDate: '2027-01-01', 'changes.0.kind': 'rename', 'changes.0.code': '440103001999', 'changes.0.name': '新名' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'title')).toBe('至少 2 个字符');
    const good = await streetA.follow(await streetA.post('/console/plans/new', { title: '沙面社区更名', reason: '便于群众识别', effectiveDate: '2027-01-01', 'changes.0.kind': 'rename', 'changes.0.code': COMMUNITY, 'changes.0.name': '沙面新社区' }));
    expect(good.html).toContain('方案已保存为草稿');
    ids.plan = /\/console\/plans\/([0-9a-f-]{36})\/submit/.exec(good.html)![1];
    const submitted = await streetA.follow(await streetA.post(`/console/plans/${ids.plan}/submit`, {}));
    expect(submitted.html).toContain('方案已提交审批。');
    // the district approves (440103 is a district of Guangzhou)
    const district = h.browser(await h.cityToken('4401', 'district_officer', '440103'));
    await district.get(`/console/plans/${ids.plan}`);
    const rejected = await district.follow(await district.post(`/console/plans/${ids.plan}/reject`, { comment: '' }));
    expect(textOf(rejected.html)).toContain('退回意见');
    const approved = await district.follow(await district.post(`/console/plans/${ids.plan}/approve`, {}));
    expect(approved.html).toContain('方案已批准');
  });

  it('lists elections and shows the certified chain; training compliance lists the members', async () => {
    const list = await adminA.get('/console/elections');
    expect(list.html).toContain(`/console/elections/${ids.election}`);
    expect(textOf(list.html)).toContain('已认证');
    const detail = await adminA.get(`/console/elections/${ids.election}`);
    expect(textOf(detail.html)).toContain('认证记录');
    expect(detail.html).not.toContain('action="/console/elections/' + ids.election + '/certify"');
    const training = await adminA.get('/console/training');
    expect(training.status).toBe(200);
    expect(textOf(training.html)).toContain('成员培训达标情况');
  });
});

describe('city B sees none of city A through these pages', () => {
  it('gets “not found” for A’s plan and election, and A’s units are outside its reach', async () => {
    for (const path of [`/console/plans/${ids.plan}`, `/console/elections/${ids.election}`, '/console/training?unit=440103', '/console/divisions?q=440103001001']) {
      const page = await adminB.get(path);
      expect([200, 404], path).toContain(page.status);
      for (const name of ['沙面', '荔湾', '沙面新社区']) expect(page.html, `${path} shows ${name}`).not.toContain(name);
    }
    expect((await adminB.get(`/console/plans/${ids.plan}`)).status).toBe(404);
    expect((await adminB.get(`/console/elections/${ids.election}`)).status).toBe(404);
  });

  it('cannot approve A’s plan or record a sheet on A’s election', async () => {
    await adminB.get('/console/plans');
    const approve = await adminB.post(`/console/plans/${ids.plan}/approve`, {});
    expect(approve.location).toContain('error=');
    const sheet = await adminB.post(`/console/elections/${ids.election}/results`, { ballotsIssued: '1', ballotsReturned: '1', validBallots: '1', invalidBallots: '0' });
    expect(sheet.status).toBe(404);
    const election = await ok(h, await h.cityToken('4401'), 'GET', `/v1/elections/${ids.election}`);
    expect(election.rounds[0].result.version).toBe(1);
  });
});

describe('the plan form and the size rule (#22)', () => {
  it('names a new community’s missing size reason beside its field, and takes one for a create and a split part', async () => {
    await streetA.get('/console/plans/new');
    const base = { title: '沙面新区设立', reason: '新建住宅小区入住', effectiveDate: '2027-02-01', 'changes.0.kind': 'create', 'changes.0.newCode': '440103001051', 'changes.0.name': '新湾', 'changes.0.households': '600' };
    const bad = await streetA.post('/console/plans/new', base);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(fieldError(bad.html, 'changes.0.sizeExceptionReason')).toContain('须说明理由');
    const created = await streetA.follow(await streetA.post('/console/plans/new', { ...base, 'changes.0.sizeExceptionReason': '新建小区，陆续入住' }));
    expect(created.html).toContain('方案已保存为草稿');
    const id = /\/console\/plans\/([0-9a-f-]{36})\/submit/.exec(created.html)![1];
    const plan = await ok(h, await h.cityToken('4401'), 'GET', `/v1/adjustment-plans/${id}`);
    expect(plan.changes).toEqual([{ kind: 'create', code: '440103001051', name: '新湾', households: 600, sizeExceptionReason: '新建小区，陆续入住' }]);
    const parts = changesFromForm({
      'changes.0.kind': 'split', 'changes.0.code': COMMUNITY,
      'changes.0.parts.0.code': '440103001061', 'changes.0.parts.0.name': '沙面东', 'changes.0.parts.0.households': '800', 'changes.0.parts.0.sizeExceptionReason': '老旧小区，楼栋分散',
      'changes.0.parts.1.code': '440103001062', 'changes.0.parts.1.name': '沙面西', 'changes.0.parts.1.households': '2300',
    });
    expect(parts).toEqual([{ kind: 'split', code: COMMUNITY, into: [
      { code: '440103001061', name: '沙面东', households: 800, sizeExceptionReason: '老旧小区，楼栋分散' },
      { code: '440103001062', name: '沙面西', households: 2300 },
    ] }]);
  });
});
