import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsRenderer } from '../../functions/api/docs-renderer.js';
import { apiTags } from '../../functions/api/tags.js';
import { createHarness, type Harness } from '../support/harness.js';

interface Operation { operationId?: string; tags?: string[]; security?: unknown[]; summary?: string; responses: Record<string, unknown> }
interface Document {
  servers?: { url: string; description?: string }[];
  tags?: { name: string; description?: string; 'x-displayName'?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

let h: Harness;
let doc: Document;
let operations: { name: string; op: Operation; path: string }[];

beforeAll(async () => {
  h = await createHarness();
  doc = (await (await h.request('GET', '/openapi.json')).json()) as Document;
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op, path })));
});

afterAll(async () => {
  await h?.close();
});

/** Every function the service modules export: an operationId should be one of these verbs. */
async function serviceVerbs(): Promise<Set<string>> {
  const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
  const files = readdirSync(shared, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const verbs = new Set<string>();
  for (const file of files) {
    const module = (await import(pathToFileURL(join(shared, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) if (typeof value === 'function') verbs.add(name);
  }
  return verbs;
}

describe('the OpenAPI document: what client generators and linters need (issue #19 §7)', () => {
  it('gives every operation a unique operationId, the service verb the handler calls', async () => {
    expect(operations.length).toBeGreaterThan(100);
    const missing = operations.filter(({ op }) => !op.operationId).map(({ name }) => name);
    expect(missing, 'operations without an operationId').toEqual([]);
    const ids = operations.map(({ op }) => op.operationId!);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated, 'operationIds used twice').toEqual([]);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    // the few that are not a verb's own name: two modules share it, one verb serves two routes, or no service is called
    const verbs = await serviceVerbs();
    expect(verbs.has('recordResult') && verbs.has('listElections')).toBe(true);
    expect(ids.filter((id) => !verbs.has(id)).sort()).toEqual([
      'activateTenant', // setTenantStatus
      'createAdjustmentPlan', // createPlan (training has one too)
      'createTrainingPlan',
      'deactivateTenant',
      'getAdjustmentPlan',
      'getOpenApiDocument', // no service: the app's own registry
      'getReformProgramme', // getProgramme (training has one too)
      'getSigningKeys', // no service: the local stack's JWKS
      'getTrainingPlan',
      'getTrainingProgramme',
      'listAdjustmentPlans',
      'listTrainingPlans',
      'renderPublicCommunityPage', // readPublicCommunity serves the JSON too; this is its page
    ]);
  });

  it('declares every tag it uses, with Chinese and English names and a description, in the catalogue’s order', () => {
    const declared = doc.tags ?? [];
    expect(declared.map((t) => t.name)).toEqual(Object.keys(apiTags));
    for (const tag of declared) {
      expect(tag['x-displayName'], tag.name).toMatch(/^\p{Script=Han}.* [A-Z][A-Za-z]/u);
      expect(tag.description, tag.name).toMatch(/\p{Script=Han}/u);
    }
    const names = new Set(declared.map((t) => t.name));
    for (const { name, op } of operations) {
      expect(op.tags?.length, name).toBe(1);
      expect(names.has(op.tags![0]!), `${name}: tag ${op.tags![0]} not declared`).toBe(true);
    }
    const used = new Set(operations.flatMap(({ op }) => op.tags ?? []));
    expect(declared.filter((t) => !used.has(t.name)).map((t) => t.name), 'declared tags no operation uses').toEqual([]);
  });

  it('declares its server and says security: [] on exactly the public operations', () => {
    expect(doc.servers).toEqual([{ url: '/', description: expect.stringMatching(/\p{Script=Han}/u) }]);
    const open = operations.filter(({ op }) => Array.isArray(op.security) && op.security.length === 0).map(({ name }) => name).sort();
    expect(open).toEqual([
      'GET /.well-known/jwks.json', 'GET /health', 'GET /ical/{token}', 'GET /openapi.json', 'GET /r/{token}',
      'GET /v1/public/cities/{cityCode}/communities/{communityCode}/consultation-categories', 'GET /v1/public/consultations/{token}',
      'POST /r/{token}', 'GET /p/{cityCode}/{communityCode}', 'GET /v1/public/cities/{cityCode}/communities/{communityCode}', 'POST /v1/public/cities/{cityCode}/communities/{communityCode}/consultations', 'POST /v1/public/consultations/{token}/rating',
    ].sort());
    for (const { name, op } of operations) {
      if (!open.includes(name)) expect(op.security, name).toEqual([{ bearer: [] }]);
      expect(op.summary, name).toMatch(/\p{Script=Han}/u);
      expect(Object.keys(op.responses).some((s) => s.startsWith('4')), `${name}: no 4xx declared`).toBe(true);
    }
  });
});

describe('/docs: the maintained renderer (Scalar) served by this function, offline', () => {
  const packagedFile = createRequire(import.meta.url).resolve.paths(docsRenderer.packageFile)!.map((dir) => join(dir, docsRenderer.packageFile)).find((file) => existsSync(file))!;
  const packaged = readFileSync(packagedFile);

  it('answers with a page that loads only this function’s script, under a CSP with the request’s nonce', async () => {
    const res = await h.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('社区 Shequ · API 文档');
    const sources = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).toEqual([`${docsRenderer.path}?v=${docsRenderer.version}`]);
    expect(html).not.toMatch(/https?:\/\//);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script nonce="${nonce}">Scalar.createApiReference('#app'`);
    const options = JSON.parse(/createApiReference\('#app', (.*)\);<\/script>/.exec(html)![1]!) as Record<string, unknown>;
    expect(options).toMatchObject({ url: '/openapi.json', localization: { locale: 'zh-CN' }, withDefaultFonts: false, telemetry: false, authentication: { preferredSecurityScheme: 'bearer' } });
    // a new nonce for every page
    const again = await h.request('GET', '/docs');
    expect(/'nonce-([^']+)'/.exec(again.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce);
  });

  it('speaks English for Accept-Language: en', async () => {
    const html = await (await h.request('GET', '/docs', { headers: { 'accept-language': 'en-GB,en;q=0.8' } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('"locale":"en"');
  });

  it('names the version package.json pins in the script’s URL, so a new version is a new URL', () => {
    const pinned = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies['@scalar/api-reference'];
    expect(docsRenderer.version).toBe(pinned);
    const installed = (JSON.parse(readFileSync(join(packagedFile, '../../../package.json'), 'utf8')) as { version: string }).version;
    expect(installed).toBe(pinned);
  });

  it('serves the renderer’s script, gzipped to a browser, plain otherwise, cached for a year', async () => {
    const gzipped = await h.request('GET', docsRenderer.path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gzipped.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await gzipped.arrayBuffer());
    expect(bytes.length).toBeLessThan(packaged.length / 2);
    expect(gunzipSync(bytes).equals(packaged)).toBe(true);

    const plain = await h.request('GET', `${docsRenderer.path}?v=${docsRenderer.version}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBe(packaged.toString('utf8').length);
    expect(text).toContain('createApiReference');
  });
});
