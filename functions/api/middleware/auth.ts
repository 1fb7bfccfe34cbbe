import { createMiddleware } from 'hono/factory';
import { unitsInForce } from '../../../shared/auth/units.js';
import { AppError } from '../../../shared/errors.js';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';
import { common } from '../../../shared/messages.js';

/** Bearer JWT → the verified principal, whose unit must be in force; the request's log lines carry who it is. */
export const authenticate = (deps: AppDeps) => {
  const units = unitsInForce(deps.db, deps.clock);
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw new AppError('unauthenticated', common.bearer_required());
    const principal = await deps.verifier.verify(match[1]);
    await units.require(principal);
    c.set('principal', principal);
    c.set('logger', c.get('logger').child({
      tenant: principal.kind === 'province' ? undefined : principal.tenant,
      scope: principal.kind,
      role: principal.role,
    }));
    await next();
  });
};
