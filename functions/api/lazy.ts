import { Hono } from 'hono';
import { buildApp, withRevocations } from './build.js';
import type { AppDeps } from './deps.js';
import { routeModules, underPrefix } from './modules.js';
import type { newRouter } from './router.js';

type Router = ReturnType<typeof newRouter>;

/** The one path whose answer needs every module: the OpenAPI document. */
const needsEveryModule = (path: string) => path === '/openapi.json';

/**
 * The API Lambda's app: the same app as createApp, built from the modules loaded so far. A request first loads the
 * modules under whose prefix its path falls (each an `import()` of its chunk, once per instance), the app is rebuilt
 * with them in routeModules' order, and the request is routed once, by that app. Requests of modules already loaded go
 * straight through. /openapi.json loads every module, so the document is byte for byte createApp's.
 */
export function createLazyApp(given: AppDeps): Hono {
  const deps = withRevocations(given);
  const mounted: (Router | undefined)[] = routeModules.map(() => undefined);
  const loading = new Map<number, Promise<void>>();
  let app = buildApp(deps, mounted);

  const load = (index: number) => {
    let pending = loading.get(index);
    if (!pending) {
      pending = routeModules[index]!.load().then(
        (routes) => {
          mounted[index] = routes;
        },
        (error: unknown) => {
          loading.delete(index); // a failed import is retried by the next request
          throw error;
        },
      );
      loading.set(index, pending);
    }
    return pending;
  };

  let everyModuleLoaded = false;

  async function dispatch(request: Request, path: string, env: unknown): Promise<Response> {
    if (!everyModuleLoaded) {
      const wanted = routeModules.flatMap(({ prefix }, index) => (mounted[index] || !(needsEveryModule(path) || underPrefix(path, prefix)) ? [] : [index]));
      if (wanted.length) {
        await Promise.all(wanted.map(load));
        app = buildApp(deps, mounted);
        everyModuleLoaded = mounted.every(Boolean);
      }
    }
    return app.fetch(request, env);
  }

  const lambdaApp = new Hono();
  // the path as the outer router already parsed it; once every module is in, a request goes straight through
  lambdaApp.all('*', (c) => dispatch(c.req.raw, c.req.path, c.env));
  return lambdaApp;
}
