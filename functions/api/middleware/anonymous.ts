import { createMiddleware } from 'hono/factory';
import type { ApiEnv } from '../env.js';

/** Capability links (reply links, calendar feeds) carry no login: the service finds the city from the token itself. */
export const anonymous = () =>
  createMiddleware<ApiEnv>(async (c, next) => {
    c.set('principal', { kind: 'system', subject: 'anonymous', role: 'system', unit: '' });
    await next();
  });
