import type { AppDeps } from './deps.js';
import { buildApp } from './build.js';
import { loadRouteModules } from './modules.js';

export type { AppDeps } from './deps.js';
export { publicPaths, withRevocations } from './build.js';

const allModules = await loadRouteModules();

/**
 * The JSON API with every route module mounted at start-up (tests, the local stack, the console and the edge worker).
 * The API Lambda builds the same app lazily, a module at a time (functions/api/lazy.ts).
 */
export function createApp(deps: AppDeps) {
  return buildApp(deps, allModules);
}

export type AppType = ReturnType<typeof createApp>;
