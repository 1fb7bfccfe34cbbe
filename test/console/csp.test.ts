import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../functions/console/index.js';
import { LOCAL_AUDIENCE } from '../../functions/local/identity.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { ISSUER } from '../support/harness.js';
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

function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

describe('the console’s Content-Security-Policy', () => {
  it('runs no inline script without the response’s nonce, and lets forms post only to the console', async () => {
    const browser = h.browser(await h.cityToken('4401'));
    const [first, second] = [await browser.get('/console/home'), await browser.get('/console/home')];
    const csp = directives(first.headers.get('content-security-policy'));
    expect(csp['script-src']).toHaveLength(1);
    expect(csp['script-src']![0]).toMatch(/^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    expect(Object.values(csp).flat()).not.toContain("'unsafe-eval'");
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(directives(second.headers.get('content-security-policy'))['script-src']).not.toEqual(csp['script-src']);
  });

  it('gives every script of the streamed division import the nonce of its own response', async () => {
    const browser = h.browser(await h.cityToken('4401'));
    await browser.get('/console/divisions/import');
    const page = await browser.post('/console/divisions/import', { file: 'code,name\n440103,荔湾区\n440104,越秀区\n' });
    expect(page.status).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    const scripts = [...page.html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const attributes of scripts) expect(attributes).toBe(` nonce="${nonce}"`);
    expect(page.html).toContain('导入完成');
  });

  it('lets the sign-out form’s redirect reach the identity provider’s logout, and nothing else', async () => {
    const app = new Hono().route(
      '/console',
      createConsole({
        verifier: createTokenVerifier({ jwks: h.identity.publicJwks, issuer: ISSUER, audience: LOCAL_AUDIENCE }),
        callApi: async () => new Response('{}', { headers: { 'content-type': 'application/json' } }),
        signIn: { kind: 'oidc', authorizeUrl: 'https://idp.example.gov.cn/oauth2/authorize', tokenUrl: 'https://idp.example.gov.cn/oauth2/token', logoutUrl: 'https://idp.example.gov.cn/logout', clientId: 'console-client' },
        secureCookies: true,
        clock: h.clock,
        logger: h.logger,
        provinceCode: '44',
        provinceName: '广东省',
      }),
    );
    const page = await app.request('https://shequ.example.gov.cn/console/login');
    expect(directives(page.headers.get('content-security-policy'))['form-action']).toEqual(["'self'", 'https://idp.example.gov.cn']);
  });
});
