import { Hono } from 'hono';
import { AppError } from '../../shared/errors.js';
import { createApp, withRevocations, type AppDeps } from '../api/app.js';
import type { ApiEnv } from '../api/env.js';
import { limitBodies } from '../api/middleware/body-limits.js';
import { problemResponse } from '../api/middleware/errors.js';
import { requestContext } from '../api/middleware/request-context.js';
import { createConsole } from './index.js';
import { consolePrefix } from './paths.js';
import { common } from '../../shared/messages.js';

export { consolePrefix, isConsolePath } from './paths.js';

/** What the API app answers with: the console reaches data only through it. */
export interface InProcessApi {
  fetch(request: Request): Response | Promise<Response>;
}

const noRoute = (c: Parameters<typeof problemResponse>[0]) => problemResponse(c, new AppError('not_found', common.no_route({ method: c.req.method, path: c.req.path })));

/**
 * The console function (工作台): its pages under /console, with the API app in the same process as its one door to
 * data (called with the session's token, so the API's validation, authority checks and tenant isolation apply to
 * every click). Its bundle carries the API; the API function's bundle does not carry the console (or ECharts).
 */
export function createConsoleApp(given: AppDeps, api?: InProcessApi) {
  const deps = withRevocations(given);
  if (!deps.console) throw new Error('the console needs a sign-in (deps.console)');
  const inProcess = api ?? createApp(deps);
  const app = new Hono<ApiEnv>();
  app.use('*', requestContext(deps));
  // a few hundred KiB for a form, more for the division list: refused with 413 before any parsing
  app.use('*', limitBodies());
  app.onError((error, c) => problemResponse(c, error));
  app.notFound(noRoute);
  app.route(
    consolePrefix,
    createConsole({
      ...deps.console,
      verifier: deps.verifier,
      clock: deps.clock,
      logger: deps.logger,
      provinceCode: deps.config.provinceCode,
      provinceName: deps.config.provinceName,
      callApi: async (request) => inProcess.fetch(request),
    }),
  );
  return app;
}

/**
 * Both functions in one process, for the local stack and the tests: the console's paths go to the console app, every
 * other path to the API app, as API Gateway's routes do in AWS (infra/stacks/shequ-stack.ts).
 */
export function createApiWithConsole(given: AppDeps) {
  const deps = withRevocations(given);
  const api = createApp(deps);
  const consoleApp = createConsoleApp(deps, api);
  const app = new Hono();
  app.all(consolePrefix, (c) => consoleApp.fetch(c.req.raw, c.env));
  app.all(`${consolePrefix}/*`, (c) => consoleApp.fetch(c.req.raw, c.env));
  app.all('*', (c) => api.fetch(c.req.raw, c.env));
  return app;
}
