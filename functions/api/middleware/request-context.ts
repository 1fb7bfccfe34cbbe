import { createMiddleware } from 'hono/factory';
import { newRequestId } from '../../../shared/ids.js';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';

const acceptableRequestId = /^[A-Za-z0-9._-]{8,100}$/;

/** A request id on every response: the caller's if it sent a sane one, else a new one. */
export const requestContext = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && acceptableRequestId.test(incoming) ? incoming : newRequestId();
    c.set('requestId', requestId);
    c.set('logger', deps.logger.child({ requestId }));
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const principal = c.get('principal');
    c.get('logger').info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      tenant: principal && principal.kind !== 'province' ? principal.tenant : undefined,
      scope: principal?.kind,
    });
  });
