import { z } from '@hono/zod-openapi';
import { todoQuery, todoView } from '../../../shared/todo/schemas.js';
import { getTodo } from '../../../shared/todo/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('todo');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const todoRoutes = newRouter().openapi(
  operation({ getTodo }, {
    method: 'get', path: '/', tags, security: bearer,
    summary: '待办 What needs doing now under my unit (a city) or from the cities (the province), with counts; and the unit’s training and vacancy figures',
    request: { query: todoQuery },
    responses: { 200: json(todoView, 'the counts of each kind the caller acts on'), ...problemResponses(400, 401, 403, 404) },
  }),
  async (c) => c.json(await getTodo({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
);
