import { createMiddleware } from 'hono/factory';
import { newRequestId } from '../../../shared/ids.js';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';

/** A caller's own request id, kept beside ours in the log when it has this form: up to 64 of A–Z a–z 0–9 . _ : - */
export const clientRequestIdFormat = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Every request gets the server's own id: in the response, the problem, the log and the audit trail. A caller cannot
 * choose it (a chosen id could pose as another request's in the audit log); a well-formed caller id is logged beside it.
 */
export const requestContext = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const clientRequestId = incoming && clientRequestIdFormat.test(incoming) ? incoming : undefined;
    const requestId = newRequestId();
    c.set('requestId', requestId);
    c.set('logger', deps.logger.child({ requestId, ...(clientRequestId ? { clientRequestId } : {}) }));
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
