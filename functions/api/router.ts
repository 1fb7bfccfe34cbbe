import { OpenAPIHono } from '@hono/zod-openapi';
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
