import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../shared/errors.js';
import type { ApiEnv } from './env.js';

/** Every sub-app turns zod failures into one 400 problem that names each field path. */
export function newRouter() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw new AppError('validation_failed', `the request ${result.target} is invalid`, {
          errors: result.error.issues.map((issue) => ({
            path: [result.target, ...issue.path.map(String)].join('.'),
            message: issue.message,
          })),
        });
      }
    },
  });
}

export const bearer = [{ bearer: [] }];
