import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGroup } from '../../functions/api/lazy-routes.js';
import { routeGroups, type RouteGroup } from '../../functions/api/route-groups.js';
import { createHarness, type Harness } from '../support/harness.js';

// count each module's imports before the app serves anything: a route module loads on first use, and only once
const loads = new Map<string, number>();
for (const group of routeGroups as RouteGroup[]) {
  const load = group.load;
  group.load = () => {
    loads.set(group.name, (loads.get(group.name) ?? 0) + 1);
    return load();
  };
}

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h?.close();
});

const noRoute = (body: { detail?: string }) => (body.detail ?? '').startsWith('no route for');

describe('lazy route groups (issue #4)', () => {
  it('imports no route module to build the app, and a module once, on the first request to one of its routes', async () => {
    expect([...loads.keys()]).toEqual([]);
    const token = await h.provinceToken();
    for (let i = 0; i < 3; i++) {
      const res = await h.request('GET', '/v1/province/settings', { token });
      expect(res.status).toBe(200);
    }
    expect(Object.fromEntries(loads)).toEqual({ settings: 1 });
    expect(loadGroup(routeGroups[0]!)).toBe(loadGroup(routeGroups[0]!));
  });

  it('has a table that lists exactly the routes of each module, in the order the module defines them', async () => {
    for (const group of routeGroups) {
      const module = await group.load();
      for (const mount of group.mounts) {
        const app = new Hono().route(mount.prefix, mount.app(module));
        const defined = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
        expect([...mount.routes], `functions/api/route-groups.ts, ${group.name} at ${mount.prefix}: paste ${JSON.stringify(defined)}`).toEqual(defined);
      }
    }
  });

  it('reaches the module of every route in /openapi.json with the middleware’s variables (no "no route" 404)', async () => {
    const doc = (await (await h.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method.toUpperCase(), path] as const));
    expect(operations.length).toBe(routeGroups.flatMap((g) => g.mounts.flatMap((m) => m.routes)).length + 1);
    const tokens = [await h.cityToken('4401'), await h.provinceToken()];
    for (const [method, path] of operations) {
      // placeholder parameters: validation or the service refuses them, never the router
      const concrete = path.replace(/\{[^}]+\}/g, 'zz');
      for (const token of tokens) {
        const res = await h.request(method, concrete, { token, headers: { 'x-request-id': 'lazy-route-test-1' } });
        const requestId = res.headers.get('x-request-id');
        expect(requestId, `${method} ${concrete}`).toMatch(/^[0-9a-f]{24}$/);
        if (res.status === 404) {
          const body = (await res.json()) as { detail?: string; requestId?: string };
          expect(noRoute(body), `${method} ${concrete}: ${body.detail}`).toBe(false);
          expect(body.requestId).toBe(requestId);
        }
        expect(res.status, `${method} ${concrete}`).toBeLessThan(500);
      }
    }
  });

  it('answers an unknown path or method with the 404 problem, after authentication as before', async () => {
    const token = await h.cityToken('4401');
    for (const [method, path] of [['GET', '/v1/nothing'], ['DELETE', '/v1/divisions/440103'], ['PUT', '/v1/divisions'], ['GET', '/nothing']] as const) {
      const res = await h.request(method, path, { token });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = (await res.json()) as { code: string; detail: string };
      expect(body).toMatchObject({ code: 'not_found', detail: `no route for ${method} ${path}` });
    }
    const anonymous = await h.request('GET', '/v1/divisions');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('turns a lazily loaded route’s validation failure into the app’s problem, with the request id', async () => {
    const res = await h.request('POST', '/v1/committees', { token: await h.cityToken('4401'), json: { nonsense: true }, headers: { 'x-request-id': 'lazy-route-test-2' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'validation_failed', requestId: res.headers.get('x-request-id') });
  });

  it('loads every module for the OpenAPI document, which lists them all', async () => {
    loads.clear();
    const res = await h.request('GET', '/docs');
    expect(res.status).toBe(200);
    // the document is built once per process: already built by the test above
    expect(loads.size).toBe(0);
  });
});
