import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { checkHealth } from '../../shared/health/service.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps } from './deps.js';
import type { ApiEnv } from './env.js';
import { renderApiReference } from './docs-page.js';
import type { ConsoleOptions } from '../console/options.js';
import { authenticate } from './middleware/auth.js';
import { limitBodies } from './middleware/body-limits.js';
import { problemResponse } from './middleware/errors.js';
import { publicContext } from './middleware/public-context.js';
import { requestContext } from './middleware/request-context.js';
import { mountAll, registerLazyRoutes } from './lazy-routes.js';
import { routeGroups } from './route-groups.js';
import { newRouter } from './router.js';

export type { AppDeps } from './deps.js';

/** Paths served without a token; everything under /v1 needs one. */
export const publicPaths = ['/health', '/openapi.json', '/docs', '/.well-known/jwks.json', '/r/:token', '/ical/:token'] as const;

/** The web console (工作台): its pages check their own session cookie and reach data only through the API. */
export const consolePrefix = '/console';
export const isConsolePath = (path: string) => path === consolePrefix || path.startsWith(`${consolePrefix}/`);

/** The console's pages and charts load on its first request, not at every cold start of the API (issue #4). */
function lazyConsole(options: ConsoleOptions) {
  let mounted: Promise<Hono<ApiEnv>> | undefined;
  return async (c: Context<ApiEnv>) => {
    mounted ??= import('../console/index.js')
      .then(({ createConsole }) =>
        new Hono<ApiEnv>()
          .route(consolePrefix, createConsole(options))
          .notFound((inner) => problemResponse(inner, new AppError('not_found', `no route for ${inner.req.method} ${inner.req.path}`))),
      )
      .catch((error: unknown) => {
        mounted = undefined;
        throw error;
      });
    return (await mounted).fetch(c.req.raw, c.env);
  };
}

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

let document: Promise<ReturnType<OpenAPIHono['getOpenAPI31Document']>> | undefined;

/** The OpenAPI document of every route: loads every module (once per process), as only /openapi.json and /docs need. */
function openApiDocument() {
  document ??= (async () => {
    const described = newRouter();
    described.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    described.openapi(healthRoute, (c) => c.json({ status: 'ok', database: 'ok' }, 200));
    await mountAll(described, routeGroups);
    return described.getOpenAPI31Document(documentConfig);
  })().catch((error: unknown) => {
    document = undefined;
    throw error;
  });
  return document;
}

export function createApp(deps: AppDeps) {
  const app = newRouter();
  app.use('*', requestContext(deps));
  app.use('*', limitBodies());
  app.use('/v1/*', authenticate(deps));
  app.use('/r/*', publicContext(deps));
  app.use('/ical/*', publicContext(deps));
  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`)));

  if (deps.console) {
    const serveConsole = lazyConsole({
      ...deps.console,
      verifier: deps.verifier,
      clock: deps.clock,
      logger: deps.logger,
      provinceCode: deps.config.provinceCode,
      provinceName: deps.config.provinceName,
      callApi: async (request) => app.fetch(request),
    });
    app.all(consolePrefix, serveConsole);
    app.all(`${consolePrefix}/*`, serveConsole);
  }

  app.openapi(healthRoute, async (c) => {
    const health = await checkHealth(deps.db);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
  // every route of every module, each module imported on the first request to one of its routes (issue #4)
  registerLazyRoutes(app, routeGroups);

  app.get('/openapi.json', async (c) => c.json(await openApiDocument()));
  app.get('/docs', async (c) => c.html(renderApiReference((await openApiDocument()) as unknown as Record<string, unknown>)));
  if (deps.publicJwks) {
    const jwks = deps.publicJwks;
    app.get('/.well-known/jwks.json', (c) => c.json(jwks));
  }
  return app;
}

export type AppType = ReturnType<typeof createApp>;
