import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';

/** Capability links (reply links, calendar feeds) carry no login: the service finds the city from the token itself. */
export const publicContext = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const principal = { kind: 'system' as const, subject: 'anonymous', role: 'system' as const, unit: '' };
    c.set('principal', principal);
    c.set('ctx', { principal, db: deps.db, clock: deps.clock, logger: c.get('logger'), requestId: c.get('requestId'), language: c.get('language') === 'en' ? 'en' : 'zh', config: deps.config });
    await next();
  });
