import { readdirSync } from 'node:fs';
import { OpenAPIHono } from '@hono/zod-openapi';
import * as age from 'age-encryption';
import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppType } from '../../functions/api/app.js';
import { createLazyApp } from '../../functions/api/lazy.js';
import { loadRouteModules, routeModules } from '../../functions/api/modules.js';
import * as tenantExports from '../../shared/tenant-export/service.js';
import { createHarness, type Harness } from '../support/harness.js';
import { consultationPagePaths } from '../../functions/api/routes/consultation-page-paths.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h?.close();
});

const noRoute = (body: { detail?: string }) => (body.detail ?? '').startsWith('no route for');

describe('the API app: every route declared once in its module and mounted with app.route() (issue #20)', () => {
  it('reaches every route in /openapi.json through the middleware (request id, authentication), never a "no route" 404', async () => {
    const doc = (await (await h.request('GET', '/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => [method.toUpperCase(), path] as const));
    // every route the app serves is in the document, and nothing else: the document is the app's own registry
    const served = [...new Set(h.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
    // the docs, and the residents' consultation forms (HTML that posts to itself; their JSON twins under /v1/public are documented)
    const undocumented = ['GET /docs', 'GET /docs/scalar.js', ...consultationPagePaths.flatMap((path) => [`GET ${path}`, `POST ${path}`])];
    expect(served.filter((r) => !undocumented.includes(r)).sort()).toEqual(operations.map(([method, path]) => `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`).sort());
    const tokens = [await h.cityToken('4401'), await h.provinceToken()];
    for (const [method, path] of operations) {
      // placeholder parameters: validation or the service refuses them, never the router
      const concrete = path.replace(/\{[^}]+\}/g, 'zz');
      for (const token of tokens) {
        const res = await h.request(method, concrete, { token, headers: { 'x-request-id': 'route-test-1' } });
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
      expect(body).toMatchObject({ code: 'not_found', detail: `没有此接口：${method} ${path}` });
    }
    const anonymous = await h.request('GET', '/v1/divisions');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('turns a module’s validation failure into the app’s problem, with the request id', async () => {
    const res = await h.request('POST', '/v1/committees', { token: await h.cityToken('4401'), json: { nonsense: true }, headers: { 'x-request-id': 'route-test-2' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'validation_failed', requestId: res.headers.get('x-request-id') });
  });

  it('serves the docs page, which renders the same document', async () => {
    const res = await h.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("url\":\"/openapi.json\"");
  });
});

describe('the API Lambda’s lazy app: the same app, a module loaded when a request first reaches it (issue #20)', () => {
  it('mounts every router that functions/api/routes exports, each once, so the list cannot miss a module', async () => {
    const files = readdirSync(new URL('../../functions/api/routes/', import.meta.url)).filter((file) => /\.tsx?$/.test(file));
    const exported = new Set<unknown>();
    for (const file of files) {
      const module = (await import(/* @vite-ignore */ new URL(`../../functions/api/routes/${file}`, import.meta.url).href)) as Record<string, unknown>;
      for (const value of Object.values(module)) if (value instanceof OpenAPIHono) exported.add(value);
    }
    const mounted = await loadRouteModules();
    expect(new Set(mounted).size).toBe(mounted.length);
    expect(new Set(mounted)).toEqual(exported);
    expect(mounted.length).toBe(routeModules.length);
  });

  it('serves /openapi.json byte for byte as createApp does, and answers as it does', async () => {
    const lazy = createLazyApp(h.deps);
    const eagerDocument = await (await h.request('GET', '/openapi.json')).text();
    expect(await (await lazy.request('/openapi.json')).text()).toBe(eagerDocument);
    const token = await h.cityToken('4401');
    for (const path of ['/v1/divisions?limit=1', '/v1/elections', '/v1/volunteers', '/v1/nothing', '/health']) {
      const fresh = createLazyApp(h.deps);
      const headers = { authorization: `Bearer ${token}` };
      const [lazyAnswer, eagerAnswer] = [await fresh.request(path, { headers }), await h.app.request(path, { headers })];
      expect(lazyAnswer.status, path).toBe(eagerAnswer.status);
      const strip = (body: string) => body.replace(/"requestId":"[0-9a-f]+"/, '');
      expect(strip(await lazyAnswer.text()), path).toBe(strip(await eagerAnswer.text()));
    }
  });

  it('leaves tenant exports to the export function: the API function has no export service and says so; given it, the same app serves them', async () => {
    await h.onboard('4406', '佛山市');
    const headers = { authorization: `Bearer ${await h.cityToken('4406')}`, 'content-type': 'application/json' };
    const body = JSON.stringify({ recipient: await age.identityToRecipient(await age.generateIdentity()) });
    const refused = await createLazyApp(h.deps).request('/v1/tenants/4406/export-recipient', { method: 'PUT', headers, body });
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ code: 'unavailable', messageCode: 'export_function_only', detail: '数据导出由导出函数处理，本函数不能登记导出密钥或生成归档' });
    const exporter = createLazyApp({ ...h.deps, tenantExports });
    const registered = await exporter.request('/v1/tenants/4406/export-recipient', { method: 'PUT', headers, body });
    expect(registered.status, await registered.clone().text()).toBe(200);
  });

  it('is typed by the same list: AppType carries every module’s routes for a typed client', () => {
    const client = hc<AppType>('https://api.example.gov.cn');
    expect(client.v1.elections[':id'].$url({ param: { id: 'e1' } }).pathname).toBe('/v1/elections/e1');
    expect(client.v1.volunteers.$url().pathname).toBe('/v1/volunteers');
    expect(client.health.$url().pathname).toBe('/health');
  });
});

