import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { AppError } from '../../shared/errors.js';
import { common as m } from '../../shared/messages.js';
import { zodFieldProblems } from '../../shared/zod-messages.js';
import type { ApiEnv } from './env.js';

const targetNames: Record<string, string> = { json: 'body', form: 'body', param: 'path', query: 'query', header: 'header', cookie: 'cookie' };
const partNames = { body: m.request_part_body, path: m.request_part_path, query: m.request_part_query, header: m.request_part_header, cookie: m.request_part_cookie };

/** Every sub-app turns zod failures into one 400 problem that names each field path, in zod's own zh-CN or en words. */
export function newRouter() {
  return new OpenAPIHono<ApiEnv>({
    // @hono/zod-validator's Hook hands a failed result its input as `data` (zod-openapi's narrower type leaves it out)
    defaultHook: (result) => {
      if (!result.success) {
        const where = targetNames[result.target] ?? result.target;
        throw new AppError('validation_failed', m.request_invalid({ part: partNames[where as keyof typeof partNames]?.() ?? where }), {
          errors: zodFieldProblems(result.error.issues, (result as { data?: unknown }).data, [where]),
        });
      }
    },
  });
}

export const bearer = [{ bearer: [] }];

/** Public operations: no token (capability links carry their own credential in the path). */
export const noToken: [] = [];

/**
 * createRoute, with the operationId taken from the service verb the handler calls: `operation({ recordResult }, {…})`
 * names the operation `recordResult`. The verb is passed as the imported function itself, so a renamed or missing verb
 * fails the type check, and the object key (unlike a function's name) survives minification. Where two modules share
 * a verb's name (training's and the adjustment plans' `createPlan`), the route's own `operationId` wins.
 */
export function operation<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(verb: Record<string, (...args: never[]) => unknown>, config: R) {
  const names = Object.keys(verb);
  if (names.length !== 1) throw new Error(`operation() takes one service verb, got ${names.join(', ') || 'none'}`);
  return createRoute({ ...config, operationId: config.operationId ?? names[0]! });
}
