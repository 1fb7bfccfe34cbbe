import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { languageDetector } from 'hono/language';
import { revocableVerifier, revocationList } from '../../shared/auth/revocations.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { checkHealth } from '../../shared/health/service.js';
import { AppError } from '../../shared/errors.js';
import { common as m } from '../../shared/messages.js';
import type { AppDeps } from './deps.js';
import { authenticate } from './middleware/auth.js';
import { limitBodies } from './middleware/body-limits.js';
import { problemResponse } from './middleware/errors.js';
import { relayAfterCommit } from './middleware/outbox-relay.js';
import { anonymous } from './middleware/anonymous.js';
import { requestContext } from './middleware/request-context.js';
import { serviceContext } from './middleware/service-context.js';
import type { ExtractSchema } from 'hono/types';
import type { ApiEnv } from './env.js';
import { routeModules, underPrefix, type MountedModules, type RouteSchema } from './modules.js';
import { docsRenderer, docsSecurityHeaders, renderApiReference, serveRendererScript } from './docs-renderer.js';
import { problemResponses } from './problems.js';
import { newRouter, noToken, operation } from './router.js';
import { documentTags, tagged } from './tags.js';
import { consultationPagePaths } from './routes/consultation-page-paths.js';

/** 居务公开: the public community pages and their JSON, read without a token under the city of the path (they join the isolation matrix as a kind of their own). */
export const publicPagePaths = ['/p/:cityCode/:communityCode', '/v1/public/cities/:cityCode/communities/:communityCode'] as const;

/** Paths served without a token; everything else under /v1 needs one. */
export const publicPaths = ['/health', '/openapi.json', '/docs', docsRenderer.path, '/.well-known/jwks.json', '/r/:token', '/ical/:token', '/v1/public/*', '/p/*', ...publicPagePaths, ...consultationPagePaths] as const;


const healthStatus = z.object({ status: z.string(), database: z.string() });
const healthRoute = operation({ checkHealth }, {
  method: 'get', path: '/health', tags: tagged('operations'), security: noToken, summary: '健康检查 Liveness and database reachability',
  responses: {
    200: { description: 'up', content: { 'application/json': { schema: healthStatus } } },
    503: { description: 'database unreachable', content: { 'application/json': { schema: healthStatus } } },
    ...problemResponses(413),
  },
});

const jsonObject = z.record(z.string(), z.unknown());
const documentRoute = createRoute({
  method: 'get', path: '/openapi.json', tags: tagged('operations'), security: noToken, operationId: 'getOpenApiDocument',
  summary: '接口描述 This OpenAPI 3.1 document (the reference at /docs renders it)',
  responses: { 200: { description: 'the OpenAPI document', content: { 'application/json': { schema: jsonObject } } }, ...problemResponses(413) },
});
const jwksRoute = createRoute({
  method: 'get', path: '/.well-known/jwks.json', tags: tagged('operations'), security: noToken, operationId: 'getSigningKeys',
  summary: '验证公钥 The public keys that verify the local stack’s development tokens (in AWS the identity provider publishes them)',
  responses: { 200: { description: 'a JSON Web Key Set', content: { 'application/json': { schema: jsonObject } } }, ...problemResponses(413) },
});

const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: '社区 Shequ',
    version: '0.1.0',
    description:
      '城市社区建设管理平台 API：省民政厅与各地级以上市（每市一个隔离租户）。除公开接口外，每个请求带 `Authorization: Bearer <JWT>`。' +
      '错误以 application/problem+json 返回，带稳定的 `code`。\n\n' +
      'The community-building API of the province’s civil affairs department and its cities (one isolated tenant each). ' +
      'Every operation but the public ones takes `Authorization: Bearer <JWT>`; errors are application/problem+json with a stable `code`.',
  },
  // relative: the document describes the deployment that serves it, whatever its host
  servers: [{ url: '/', description: '本服务 This deployment' }],
  tags: documentTags,
};

const revocable = new WeakSet<TokenVerifier>();

/**
 * Tokens revoked at sign-out are refused by the API and the console alike: the verifier is wrapped once per set of
 * dependencies, and the console (functions/console/app.ts) shares the wrapped one with the API app it calls.
 */
export function withRevocations(deps: AppDeps): AppDeps {
  if (revocable.has(deps.verifier)) return deps;
  const verifier = revocableVerifier(deps.verifier, revocationList(deps.db, deps.clock));
  revocable.add(verifier);
  return { ...deps, verifier };
}

/**
 * The JSON API around the route modules given, mounted in routeModules' order (functions/api/modules.ts): `createApp`
 * gives it all of them, the API Lambda's lazy app those loaded so far. /openapi.json is the registry of this very app.
 * The web console is a function of its own (functions/console/app.ts) that calls this app in-process.
 */
export function buildApp(given: AppDeps, mounted: MountedModules) {
  const deps = withRevocations(given);
  const app = newRouter();
  app.use('*', languageDetector({ order: ['header'], supportedLanguages: ['zh', 'en'], fallbackLanguage: 'zh', caches: false }));
  app.use('*', requestContext(deps));
  app.use('*', limitBodies());
  const auth = authenticate(deps);
  // /v1/public: residents' operations, no token; the city in the path (or the link's token) picks the tenant
  app.use('/v1/*', (c, next) => (underPrefix(c.req.path, '/v1/public') ? next() : auth(c, next)));
  for (const path of ['/v1/public/*', '/r/*', '/ical/*', '/p/*']) app.use(path, anonymous());
  for (const path of ['/v1/*', '/r/*', '/ical/*', '/p/*']) app.use(path, relayAfterCommit(deps), serviceContext(deps));
  app.use('/docs', docsSecurityHeaders());
  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError('not_found', m.no_route({ method: c.req.method, path: c.req.path }))));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const withHealth = app.openapi(healthRoute, async (c) => {
    const health = await checkHealth(deps.db);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
  routeModules.forEach(({ prefix }, index) => {
    const routes = mounted[index];
    if (routes) app.route(prefix, routes);
  });

  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const openApiDocument = () => (document ??= app.getOpenAPI31Document(documentConfig));
  app.openapi(documentRoute, (c) => c.json(openApiDocument() as unknown as Record<string, unknown>, 200));
  app.get('/docs', (c) => c.html(renderApiReference(c.get('secureHeadersNonce') ?? '', c.req.header('accept-language'))));
  app.get(docsRenderer.path, (c) => serveRendererScript(c, deps.docsRenderer));
  if (deps.publicJwks) {
    const jwks = deps.publicJwks as unknown as Record<string, unknown>;
    app.openapi(jwksRoute, (c) => c.json(jwks, 200));
  }
  // a loop cannot carry the type of an app.route() chain; RouteSchema is that chain's type, computed from the same list
  return app as unknown as OpenAPIHono<ApiEnv, RouteSchema | ExtractSchema<typeof withHealth>>;
}

