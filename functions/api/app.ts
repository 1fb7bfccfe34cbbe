import { createRoute, z } from '@hono/zod-openapi';
import { revocableVerifier, revocationList } from '../../shared/auth/revocations.js';
import type { TokenVerifier } from '../../shared/auth/tokens.js';
import { checkHealth } from '../../shared/health/service.js';
import { AppError } from '../../shared/errors.js';
import type { AppDeps } from './deps.js';
import { authenticate } from './middleware/auth.js';
import { limitBodies } from './middleware/body-limits.js';
import { problemResponse } from './middleware/errors.js';
import { publicContext } from './middleware/public-context.js';
import { requestContext } from './middleware/request-context.js';
import { docsRenderer, docsSecurityHeaders, renderApiReference, serveRendererScript } from './docs-renderer.js';
import { problemResponses } from './problems.js';
import { newRouter, noToken, operation } from './router.js';
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
import { documentTags, tagged } from './tags.js';

export type { AppDeps } from './deps.js';

/** Paths served without a token; everything under /v1 needs one. */
export const publicPaths = ['/health', '/openapi.json', '/docs', docsRenderer.path, '/.well-known/jwks.json', '/r/:token', '/ical/:token'] as const;


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
 * The JSON API: every route module mounted once, here, with app.route() (the module declares its routes; nothing lists
 * them again), so AppType carries every route and /openapi.json is the registry of this very app. The web console is a
 * function of its own (functions/console/app.ts) that calls this app in-process.
 */
export function createApp(given: AppDeps) {
  const deps = withRevocations(given);
  const app = newRouter();
  app.use('*', requestContext(deps));
  app.use('*', limitBodies());
  app.use('/v1/*', authenticate(deps));
  app.use('/r/*', publicContext(deps));
  app.use('/ical/*', publicContext(deps));
  app.use('/docs', docsSecurityHeaders());
  app.onError((error, c) => problemResponse(c, error));
  app.notFound((c) => problemResponse(c, new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`)));

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
  api.openapi(documentRoute, (c) => c.json(openApiDocument() as unknown as Record<string, unknown>, 200));
  api.get('/docs', (c) => c.html(renderApiReference(c.get('secureHeadersNonce') ?? '', c.req.header('accept-language'))));
  api.get(docsRenderer.path, (c) => serveRendererScript(c, deps.docsRenderer));
  if (deps.publicJwks) {
    const jwks = deps.publicJwks as unknown as Record<string, unknown>;
    api.openapi(jwksRoute, (c) => c.json(jwks, 200));
  }
  return api;
}

export type AppType = ReturnType<typeof createApp>;
