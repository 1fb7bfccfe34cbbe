import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';

/** The context every handler passes to its verb: the principal set before it, the request's logger and the app's dependencies. */
export const serviceContext = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    c.set('ctx', {
      outboxWritten: c.get('outboxWritten'),
      principal: c.get('principal'),
      db: deps.db,
      clock: deps.clock,
      logger: c.get('logger'),
      requestId: c.get('requestId'),
      language: c.get('language') === 'en' ? 'en' : 'zh',
      config: deps.config,
      personalData: deps.personalData,
      channels: deps.channels,
      archives: deps.archives,
      tenantExports: deps.tenantExports,
    });
    await next();
  });
