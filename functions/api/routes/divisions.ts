import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../shared/errors.js';
import { asOfQuery, division, divisionCode, divisionPage, divisionSummary, importJson, importReport, listDivisionsQuery } from '../../../shared/hierarchy/schemas.js';
import { getDivision, importDivisions, listDivisions, summariseDivision } from '../../../shared/hierarchy/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter } from '../router.js';

const codeParam = z.object({ code: divisionCode.openapi({ param: { name: 'code', in: 'path' }, example: '440103' }) });
const tags = ['行政区划 Divisions'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const divisionRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post', path: '/import', tags, security: bearer,
      summary: '导入统计用区划代码 Import the city’s official division list',
      description:
        'CSV (`text/csv`, header `code,name[,parentCode][,kind]`, or the published Chinese headers 统计用区划代码,名称) or JSON rows. ' +
        'All or nothing: any bad row rejects the whole list with every problem listed by row. Importing the same list again changes nothing.',
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: importJson },
            'text/csv': { schema: z.string().openapi({ example: 'code,name\n440103,荔湾区\n440103001,沙面街道\n440103001001,沙面社区居委会' }) },
          },
        },
      },
      responses: { 200: json(importReport, 'what the import did'), ...problemResponses(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const contentType = (c.req.header('content-type') ?? '').toLowerCase();
      if (!contentType) throw new AppError('validation_failed', 'send the list as text/csv or as JSON {rows}', { errors: [{ path: 'body', message: 'required' }] });
      const isCsv = contentType.startsWith('text/csv');
      const input = isCsv ? { csv: await c.req.text() } : (c.req.valid('json') as z.infer<typeof importJson>);
      return c.json(await importDivisions({ ctx: c.var.ctx, input }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags, security: bearer,
      summary: '区划列表 List divisions (my unit and below)',
      request: { query: listDivisionsQuery },
      responses: { 200: json(divisionPage, 'a page of divisions, ordered by code'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listDivisions({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{code}', tags, security: bearer,
      summary: '区划详情 Get a division',
      request: { params: codeParam, query: asOfQuery },
      responses: { 200: json(division, 'the division'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getDivision({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{code}/summary', tags, security: bearer,
      summary: '区划汇总 Counts per level and kind below a division',
      request: { params: codeParam },
      responses: { 200: json(divisionSummary, 'counts in the subtree'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await summariseDivision({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
