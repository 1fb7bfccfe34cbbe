import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { LOCAL_AUDIENCE } from '../../functions/local/identity.js';
import { REVOCATION_FRESH_MS, revocableVerifier, revocationList, tokenIdOf } from '../../shared/auth/revocations.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { AppError } from '../../shared/errors.js';
import { ISSUER, PROVINCE, sql } from '../support/harness.js';
import { createConsoleHarness } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
});
afterAll(async () => {
  await h?.close();
});

/** Another Lambda instance: its own app and caches, the same database. */
const anotherInstance = () =>
  createApp({
    db: h.database.db,
    clock: h.clock,
    logger: h.logger,
    verifier: createTokenVerifier({ jwks: h.identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
    config: { provinceCode: PROVINCE, provinceName: '广东省' },
    personalData: h.personalData,
    console: { secureCookies: false, signIn: { kind: 'local', issue: (claims, options) => h.identity.issue(claims, options) } },
  });

const apiStatus = async (app: { request(path: string, init: RequestInit): Response | Promise<Response> }, token: string) => (await app.request('/v1/divisions', { headers: { authorization: `Bearer ${token}` } })).status;

describe('sign-out revokes the session', () => {
  it('stops a copied cookie on the console and the token in it on the API, on this instance and on others', async () => {
    const token = await h.cityToken('4401');
    const warm = anotherInstance();
    expect(await apiStatus(warm, token)).toBe(200);
    const browser = h.browser(token);
    expect((await browser.get('/console/home')).status).toBe(200);

    const out = await browser.post('/console/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/console/login?signedOut=1');

    const copied = await h.console.request('/console/home', { headers: { cookie: `shequ_session=${token}` } });
    expect(copied.status).toBe(303);
    expect(copied.headers.get('location')).toMatch(/^\/console\/login\?expired=1/);
    expect(await apiStatus(h.console, token)).toBe(401);
    expect(await apiStatus(anotherInstance(), token)).toBe(401);
    h.clock.advance(REVOCATION_FRESH_MS);
    expect(await apiStatus(warm, token)).toBe(401);
    const problem = (await (await warm.request('/v1/divisions', { headers: { authorization: `Bearer ${token}` } })).json()) as { code: string };
    expect(problem.code).toBe('unauthenticated');
  });

  it('leaves the person’s other sessions working', async () => {
    const [first, second] = [await h.cityToken('4401'), await h.cityToken('4401')];
    expect(tokenIdOf(first)).not.toBe(tokenIdOf(second));
    const browser = h.browser(first);
    await browser.get('/console/home');
    expect((await browser.post('/console/logout', {})).status).toBe(303);
    expect(await apiStatus(h.console, second)).toBe(200);
  });

  it('gives the local stack’s tokens a jti, and keys a token without one by its hash', async () => {
    expect(tokenIdOf(await h.cityToken('4401'))).toMatch(/^jti:[0-9a-f-]{36}$/);
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp', alg: 'ES256' };
    const noJti = await new SignJWT({ tenant: '4401', role: 'city_admin', unit: '4401' })
      .setProtectedHeader({ alg: 'ES256', kid: 'idp' })
      .setSubject('idp-user')
      .setIssuer('https://idp.example')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(tokenIdOf(noJti)).toMatch(/^sha256:/);
    expect(tokenIdOf(noJti)).not.toContain(noJti.split('.')[2]);
    const verifier = revocableVerifier(createTokenVerifier({ jwks: { keys: [jwk] }, issuer: 'https://idp.example' }), revocationList(h.database.db, h.clock));
    expect((await verifier.verify(noJti)).subject).toBe('idp-user');
    await verifier.revoke!(noJti);
    await expect(verifier.verify(noJti)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'unauthenticated');
    const [row] = await h.asOwner<{ token_id: string }>(sql`select token_id from revoked_tokens where token_id = ${tokenIdOf(noJti)}`);
    expect(row?.token_id).toBe(tokenIdOf(noJti));
  });

  it('prunes entries whose tokens have expired at the next sign-out', async () => {
    const list = revocationList(h.database.db, h.clock);
    const now = h.clock.now().getTime();
    await list.revoke('jti:short-lived', new Date(now + 60_000));
    h.clock.advance(61_000);
    await list.revoke('jti:later', new Date(now + 3_600_000));
    const ids = (await h.asOwner<{ token_id: string }>(sql`select token_id from revoked_tokens where token_id like 'jti:%l%'`)).map((r) => r.token_id);
    expect(ids).toContain('jti:later');
    expect(ids).not.toContain('jti:short-lived');
  });

  it('is out of reach of a city’s runtime role: it neither reads nor adds entries', async () => {
    const asCity = (statement: ReturnType<typeof sql>) =>
      h.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('app.scope', 'city', true), set_config('role', 'shequ_app', true)`);
        return (await tx.execute(statement)) as unknown as { rows: unknown[] };
      });
    expect((await asCity(sql`select * from revoked_tokens`)).rows).toEqual([]);
    await expect(asCity(sql`insert into revoked_tokens values ('jti:forged', now() + interval '1 hour', now())`)).rejects.toThrow();
    await expect(asCity(sql`update revoked_tokens set expires_at = now()`)).rejects.toThrow();
  });
});
