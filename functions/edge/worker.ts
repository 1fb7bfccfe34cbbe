import { neonConfig } from '@neondatabase/serverless';
import { openDatabase } from '../../db/client.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { systemClock } from '../../shared/clock.js';
import { loadEnv } from '../../shared/env.js';
import { createLogger } from '../../shared/logger.js';
import { createApp, type AppDeps } from '../api/app.js';

/** Bindings of the worker: the same variables the Lambda reads, plus an optional Neon WebSocket proxy host. */
export interface EdgeBindings {
  DATABASE_URL: string;
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE?: string;
  PROVINCE_CODE?: string;
  PROVINCE_NAME?: string;
  LOG_LEVEL?: string;
  /** host:port of a plain-WebSocket Neon proxy (a local one in tests); absent → Neon's own TLS endpoint. */
  NEON_WS_PROXY?: string;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** The dependencies of one request in an isolate, and how to release them once the response is on its way. */
export async function edgeDeps(bindings: EdgeBindings): Promise<{ deps: AppDeps; close(): Promise<void> } | Response> {
  const env = loadEnv({ ...bindings, DATABASE_DRIVER: 'neon' });
  if (!env.DATABASE_URL || !env.JWKS_URL) return new Response('DATABASE_URL and JWKS_URL are required', { status: 500 });
  if (bindings.NEON_WS_PROXY) {
    const proxy = bindings.NEON_WS_PROXY;
    neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const database = await openDatabase({ url: env.DATABASE_URL, driver: 'neon', maxConnections: 1 });
  return {
    deps: {
      db: database.db,
      clock: systemClock,
      logger: createLogger({ level: env.LOG_LEVEL, service: 'shequ-edge' }),
      verifier: createTokenVerifier({ jwks: new URL(env.JWKS_URL), issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }),
      config: { provinceCode: env.PROVINCE_CODE, provinceName: env.PROVINCE_NAME },
    },
    close: () => database.close(),
  };
}

/** Serves one request with the app built for it: a Workers isolate may not reuse a socket across requests. */
export async function serveInIsolate(request: Request, bindings: EdgeBindings, context: ExecutionContext, build: (deps: AppDeps) => { fetch(request: Request): Response | Promise<Response> }): Promise<Response> {
  const opened = await edgeDeps(bindings);
  if (opened instanceof Response) return opened;
  try {
    return await build(opened.deps).fetch(request);
  } finally {
    context.waitUntil(opened.close());
  }
}

/**
 * The API in a serverless isolate (workerd): the same createApp, Postgres over Neon's WebSocket driver. A Workers
 * isolate may not reuse a socket across requests, so each request opens its own one-connection pool.
 */
export default {
  fetch: (request: Request, bindings: EdgeBindings, context: ExecutionContext): Promise<Response> => serveInIsolate(request, bindings, context, createApp),
};
