import * as tenantExports from '../../shared/tenant-export/service.js';
import type { AppDeps } from './deps.js';
import { buildApp } from './build.js';
import { loadRouteModules } from './modules.js';

export type { AppDeps } from './deps.js';
export { publicPagePaths, publicPaths, withRevocations } from './build.js';

const allModules = await loadRouteModules();

/**
 * The JSON API with every route module mounted at start-up (tests, the local stack, the console and the edge worker),
 * tenant exports included. The API Lambda builds the same app lazily, a module at a time and without the export
 * service (functions/api/lazy.ts); the export function adds it (functions/export/).
 */
export function createApp(deps: AppDeps) {
  return buildApp({ ...deps, tenantExports: deps.tenantExports ?? tenantExports }, allModules);
}

export type AppType = ReturnType<typeof createApp>;
