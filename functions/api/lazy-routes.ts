import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { AppError } from '../../shared/errors.js';
import type { ApiEnv } from './env.js';
import { problemResponse } from './middleware/errors.js';
import type { RouteGroup } from './route-groups.js';

/**
 * Lazy route groups (issue #4). The app registers every route of the table in route-groups.ts with a dispatcher, so
 * its middleware (request id, body limit, authentication, problem+json errors, 404s) runs exactly as for an eagerly
 * mounted route; the dispatcher imports the route's module on first use and hands the request to it, with the
 * variables the middleware set. A cold start thus evaluates no route's zod schemas and no service; a request to
 * /v1/divisions loads the divisions module and what it imports, nothing else.
 */

/** The variables (requestId, logger, principal, ctx) the app's middleware set, handed to the module's app. */
const carried = new WeakMap<Request, Record<string, unknown>>();

const carryVariables: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const variables = carried.get(c.req.raw);
  if (variables) for (const [key, value] of Object.entries(variables)) c.set(key as never, value as never);
  await next();
};

/** Errors go back to the outer app, whose onError turns them into problem+json with its request context. */
const rethrow = (error: Error): never => {
  throw error;
};

/** The module's routes mounted at their full paths: independent of the app's dependencies, so built once per process. */
const groupApps = new WeakMap<RouteGroup, Promise<Hono<ApiEnv>>>();

export function loadGroup(group: RouteGroup): Promise<Hono<ApiEnv>> {
  let app = groupApps.get(group);
  if (!app) {
    app = group
      .load()
      .then((module) => {
        const inner = new Hono<ApiEnv>();
        inner.use('*', carryVariables);
        for (const mount of group.mounts) inner.route(mount.prefix, mount.app(module));
        // unreachable while the table matches the module (a test checks it); then as the app's own 404
        inner.notFound((c) => problemResponse(c, new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`)));
        inner.onError(rethrow);
        return inner;
      })
      .catch((error: unknown) => {
        groupApps.delete(group);
        throw error;
      });
    groupApps.set(group, app);
  }
  return app;
}

/** The handler the app registers for each route of a group: loads the group once, then dispatches to it. */
export function dispatchTo(group: RouteGroup) {
  return async (c: Context<ApiEnv>): Promise<Response> => {
    const app = await loadGroup(group);
    const request = c.req.raw;
    carried.set(request, c.var);
    return app.fetch(request, c.env);
  };
}

/** Registers every route of every group on `app`, in the table's order (the order the modules used to be mounted in). */
export function registerLazyRoutes(app: Hono<ApiEnv>, groups: readonly RouteGroup[]): void {
  for (const group of groups) {
    const dispatch = dispatchTo(group);
    for (const mount of group.mounts) {
      for (const route of mount.routes) {
        const space = route.indexOf(' ');
        app.on(route.slice(0, space), route.slice(space + 1), dispatch);
      }
    }
  }
}

/** Mounts every group's sub-apps on `app` (all modules loaded): for the OpenAPI document, which lists every route. */
export async function mountAll(app: OpenAPIHono<ApiEnv>, groups: readonly RouteGroup[]): Promise<void> {
  const modules = await Promise.all(groups.map((group) => group.load()));
  groups.forEach((group, i) => {
    for (const mount of group.mounts) app.route(mount.prefix, mount.app(modules[i]));
  });
}
