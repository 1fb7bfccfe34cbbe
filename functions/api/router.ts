import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { AppError } from '../../shared/errors.js';
import type { ApiEnv } from './env.js';

const targetNames: Record<string, string> = { json: 'body', form: 'body', param: 'path', query: 'query', header: 'header' };

/** Every sub-app turns zod failures into one 400 problem that names each field path. */
export function newRouter() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = targetNames[result.target] ?? result.target;
        throw new AppError('validation_failed', `the request ${where} is invalid`, {
          errors: result.error.issues.flatMap((issue) => {
            const path = [where, ...issue.path.map(String)];
            return issue.code === 'unrecognized_keys'
              ? issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'unknown field' }))
              : [{ path: path.join('.'), message: issue.message }];
          }),
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
