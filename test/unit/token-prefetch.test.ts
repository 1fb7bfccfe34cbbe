import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, newDevIdentity, type DevIdentity } from '../../functions/local/identity.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';

let identity: DevIdentity;
let fetched = 0;
let up = true;
const server = createServer((request, response) => {
  request.resume();
  fetched += 1;
  if (!up) return void response.writeHead(503).end();
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(identity.publicJwks));
});
let jwksUrl: URL;

beforeAll(async () => {
  identity = await newDevIdentity('https://idp.example.gov.cn');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('a remote key set fetched at init (a deployed function\'s cold start, issue #20)', () => {
  it('is fetched by prefetch, so the first request verifies without asking the identity provider', async () => {
    fetched = 0;
    const verifier = createTokenVerifier({ jwks: jwksUrl, issuer: 'https://idp.example.gov.cn', audience: LOCAL_AUDIENCE });
    await verifier.prefetch();
    expect(fetched).toBe(1);
    const token = await identity.issue({ sub: 'u1', tenant: '4401', role: 'city_admin', unit: '4401' });
    expect(await verifier.verify(token)).toMatchObject({ kind: 'city', tenant: '4401' });
    expect(fetched).toBe(1);
  });

  it('leaves a failed fetch to the first request, which fetches again', async () => {
    fetched = 0;
    up = false;
    const verifier = createTokenVerifier({ jwks: jwksUrl, issuer: 'https://idp.example.gov.cn', audience: LOCAL_AUDIENCE });
    await expect(verifier.prefetch()).resolves.toBeUndefined();
    up = true;
    const token = await identity.issue({ sub: 'u2', tenant: '4401', role: 'city_admin', unit: '4401' });
    expect(await verifier.verify(token)).toMatchObject({ tenant: '4401' });
    expect(fetched).toBe(2);
  });

  it('does nothing for a key set held in memory', async () => {
    const verifier = createTokenVerifier({ jwks: identity.publicJwks, issuer: 'https://idp.example.gov.cn' });
    await expect(verifier.prefetch()).resolves.toBeUndefined();
  });
});
