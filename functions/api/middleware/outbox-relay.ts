import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../deps.js';
import type { ApiEnv } from '../env.js';

/**
 * Where the app relays the outbox right after a request's transaction committed (the local stack; in AWS the relay
 * runs on its schedule and deps.afterOutboxCommit is absent): a verb that wrote an outbox row says so through
 * ctx.outboxWritten, and the relay is kicked once the response is ready.
 */
export const relayAfterCommit = (deps: AppDeps) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const relay = deps.afterOutboxCommit;
    if (!relay) return next();
    let written = false;
    c.set('outboxWritten', () => {
      written = true;
    });
    await next();
    if (written) relay();
  });
