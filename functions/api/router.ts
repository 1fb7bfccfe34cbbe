import { OpenAPIHono } from '@hono/zod-openapi';
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
