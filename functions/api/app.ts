import { languageDetector } from 'hono/language';
import { createRoute, z } from '@hono/zod-openapi';
import { revocableVerifier, revocationList } from '../../shared/auth/revocations.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { checkHealth } from '../../shared/health/service.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps } from './deps.js';
import { renderApiReference } from './docs-page.js';
import { authenticate } from './middleware/auth.js';
import { limitBodies } from './middleware/body-limits.js';
import { problemResponse } from './middleware/errors.js';
import { publicContext } from './middleware/public-context.js';
import { requestContext } from './middleware/request-context.js';
import { newRouter } from './router.js';
import { adjustmentPlanRoutes } from './routes/adjustment-plans.js';
import { calendarFeedRoutes, replyLinkRoutes } from './routes/capability-links.js';
import { committeeRoutes } from './routes/committees.js';
import { communityRoutes } from './routes/communities.js';
import { conferenceRoutes } from './routes/conferences.js';
import { divisionRoutes } from './routes/divisions.js';
import { electionRoutes } from './routes/elections.js';
import { memberUnitRoutes } from './routes/member-units.js';
import { notificationRoutes } from './routes/notifications.js';
import { provinceReformRoutes } from './routes/province-reform.js';
import { reformRoutes } from './routes/reform.js';
import { provinceReportingRoutes, reportRoutes, reportTemplateRoutes } from './routes/reporting.js';
import { serviceRoutes } from './routes/services.js';
import { settingsRoutes } from './routes/settings.js';
import { tenantExportRoutes } from './routes/tenant-export.js';
import { tenantRoutes } from './routes/tenants.js';
import { trainingRoutes } from './routes/training.js';
import { common as m } from '../../shared/messages.js';

export type { AppDeps } from './deps.js';

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
 * The JSON API: every route module mounted once, here, with app.route() (the module declares its routes; nothing lists
 * them again), so AppType carries every route and /openapi.json is the registry of this very app. The web console is a
 * function of its own (functions/console/app.ts) that calls this app in-process.
 */
export function createApp(given: AppDeps) {
  const deps = withRevocations(given);
  const app = newRouter();
  app.use('*', languageDetector({ order: ['header'], supportedLanguages: ['zh', 'en'], fallbackLanguage: 'zh', caches: false }));
  app.use('*', requestContext(deps));
  app.use('*', limitBodies());
  app.use('/v1/*', authenticate(deps));
  app.use('/r/*', publicContext(deps));
  app.use('/ical/*', publicContext(deps));
  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError('not_found', m.no_route({ method: c.req.method, path: c.req.path }))));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const api = app
    .openapi(healthRoute, async (c) => {
      const health = await checkHealth(deps.db);
      return c.json(health, health.status === 'ok' ? 200 : 503);
    })
    .route('/v1/tenants', tenantRoutes)
    .route('/v1/tenants', tenantExportRoutes)
    .route('/v1/divisions', divisionRoutes)
    .route('/v1/communities', communityRoutes)
    .route('/v1/adjustment-plans', adjustmentPlanRoutes)
    .route('/v1/committees', committeeRoutes)
    .route('/v1/elections', electionRoutes)
    .route('/v1/training', trainingRoutes)
    .route('/v1/province/settings', settingsRoutes)
    .route('/v1/notifications', notificationRoutes)
    .route('/v1/member-units', memberUnitRoutes)
    .route('/v1/conferences', conferenceRoutes)
    .route('/r', replyLinkRoutes)
    .route('/ical', calendarFeedRoutes)
    .route('/v1/reform', reformRoutes)
    .route('/v1/province', provinceReformRoutes)
    .route('/v1/report-templates', reportTemplateRoutes)
    .route('/v1/reports', reportRoutes)
    .route('/v1/province', provinceReportingRoutes)
    .route('/v1', serviceRoutes);

  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const openApiDocument = () => (document ??= app.getOpenAPI31Document(documentConfig));
  api.get('/openapi.json', (c) => c.json(openApiDocument()));
  api.get('/docs', (c) => c.html(renderApiReference(openApiDocument() as unknown as Record<string, unknown>)));
  if (deps.publicJwks) {
    const jwks = deps.publicJwks;
    api.get('/.well-known/jwks.json', (c) => c.json(jwks));
  }
  return api;
}

export type AppType = ReturnType<typeof createApp>;
