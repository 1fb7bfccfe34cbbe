import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { revocableVerifier, revocationList } from '../../shared/auth/revocations.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { checkHealth } from '../../shared/health/service.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps } from './deps.js';
import { renderApiReference } from './docs-page.js';
import { authenticate } from './middleware/auth.js';
import { limitBodies } from './middleware/body-limits.js';
import { problemResponse } from './middleware/errors.js';
import { relayAfterCommit } from './middleware/outbox-relay.js';
import { anonymous } from './middleware/anonymous.js';
import { requestContext } from './middleware/request-context.js';
import { serviceContext } from './middleware/service-context.js';
import type { ExtractSchema } from 'hono/types';
import type { ApiEnv } from './env.js';
import { routeModules, type MountedModules, type RouteSchema } from './modules.js';
import { newRouter } from './router.js';

/** Paths served without a token; everything under /v1 needs one. */
export const publicPaths = ['/health', '/openapi.json', '/docs', '/.well-known/jwks.json', '/r/:token', '/ical/:token'] as const;


const healthStatus = z.object({ status: z.string(), database: z.string() });
const healthRoute = createRoute({
  method: 'get', path: '/health', tags: ['运维 Operations'], summary: '健康检查 Liveness and database reachability',
  responses: {
    200: { description: 'up', content: { 'application/json': { schema: healthStatus } } },
    503: { description: 'database unreachable', content: { 'application/json': { schema: healthStatus } } },
  },
});

const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: '社区 Shequ',
    version: '0.1.0',
    description: '城市社区建设管理平台 API：省民政厅与各地级以上市（每市一个隔离租户）。Errors are application/problem+json with a stable `code`.',
  },
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
  app.use('*', requestContext(deps));
  app.use('*', limitBodies());
  app.use('/v1/*', authenticate(deps));
  app.use('/r/*', anonymous());
  app.use('/ical/*', anonymous());
  for (const path of ['/v1/*', '/r/*', '/ical/*']) app.use(path, relayAfterCommit(deps), serviceContext(deps));
  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`)));

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
  app.get('/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/docs', (c) => c.html(renderApiReference(openApiDocument() as unknown as Record<string, unknown>)));
  if (deps.publicJwks) {
    const jwks = deps.publicJwks;
    app.get('/.well-known/jwks.json', (c) => c.json(jwks));
  }
  // a loop cannot carry the type of an app.route() chain; RouteSchema is that chain's type, computed from the same list
  return app as unknown as OpenAPIHono<ApiEnv, RouteSchema | ExtractSchema<typeof withHealth>>;
}

