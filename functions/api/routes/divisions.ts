import { z } from '@hono/zod-openapi';
import { AppError } from '../../../shared/errors.js';
import { charsetParameter } from '../../../shared/hierarchy/csv-encoding.js';
import { asOfQuery, division, divisionCode, divisionPage, divisionSummary, importJson, importReport, listDivisionsQuery, type ImportReport } from '../../../shared/hierarchy/schemas.js';
import { getDivision, importDivisions, listDivisions, summariseDivision, type ImportProgress } from '../../../shared/hierarchy/service.js';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.js';
import { problemResponse } from '../middleware/errors.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';
import { common } from '../../../shared/messages.js';

const codeParam = z.object({ code: divisionCode.openapi({ param: { name: 'code', in: 'path' }, example: '440103' }) });
const tags = tagged('divisions');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Progress lines while the import runs, then its report or its problem (as the problem+json body would have it). */
function streamImport(c: Context<ApiEnv>, run: (onProgress: (p: ImportProgress) => void) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      try {
        line({ report: await run((progress) => line({ progress })) });
      } catch (error) {
        const problem = problemResponse(c, error);
        line({ problem: await problem.json() });
      }
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}

export const divisionRoutes = newRouter()
  .openapi(
    operation({ importDivisions }, {
      method: 'post', path: '/import', tags, security: bearer,
      summary: '导入统计用区划代码 Import the city’s official division list',
      description:
        'CSV (`text/csv`, header `code,name[,parentCode][,kind]`, or the published Chinese headers 统计用区划代码,名称) or JSON rows. ' +
        'The CSV may be UTF-8 (with or without a BOM) or GB18030/GBK as Excel on Chinese Windows saves it; bytes that are neither, or text that is not clean CSV (an unclosed quote), are refused naming the line. ' +
        'All or nothing: any bad row rejects the whole list with every problem listed by row. Importing the same list again changes nothing. ' +
        'With `Accept: application/x-ndjson` the answer is a stream of progress lines (`{"progress":{phase,…}}`) ending with `{"report":…}` or `{"problem":…}` ' +
        '(the status is then 200 and the last line tells the outcome); the console and `npm run import` use it to show progress.',
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: importJson },
            'text/csv': { schema: z.string().openapi({ example: 'code,name\n440103,荔湾区\n440103001,沙面街道\n440103001001,沙面社区居委会' }) },
          },
        },
      },
      responses: {
        200: {
          description: 'what the import did (or, with Accept: application/x-ndjson, its progress and then the report or the problem)',
          content: { 'application/json': { schema: importReport }, 'application/x-ndjson': { schema: z.string() } },
        },
        ...problemResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const contentType = (c.req.header('content-type') ?? '').toLowerCase();
      if (!contentType) throw new AppError('validation_failed', common.csv_or_json_list(), { errors: [{ path: 'body', message: common.required() }] });
      const isCsv = contentType.startsWith('text/csv');
      // the bytes as sent: the service decodes them (UTF-8 or GB18030), so a GBK file is never read as mojibake
      const input = isCsv ? { csv: new Uint8Array(await c.req.arrayBuffer()), charset: charsetParameter(contentType) } : (c.req.valid('json') as z.infer<typeof importJson>);
      if ((c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        // the route's typing knows only the JSON answer; the NDJSON stream is documented beside it
        return streamImport(c, (onProgress) => importDivisions({ ctx: c.var.ctx, input, onProgress })) as unknown as ReturnType<typeof c.json<ImportReport, 200>>;
      }
      return c.json(await importDivisions({ ctx: c.var.ctx, input }), 200);
    },
  )
  .openapi(
    operation({ listDivisions }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '区划列表 List divisions (my unit and below)',
      request: { query: listDivisionsQuery },
      responses: { 200: json(divisionPage, 'a page of divisions, ordered by code'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listDivisions({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getDivision }, {
      method: 'get', path: '/{code}', tags, security: bearer,
      summary: '区划详情 Get a division',
      request: { params: codeParam, query: asOfQuery },
      responses: { 200: json(division, 'the division'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getDivision({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ summariseDivision }, {
      method: 'get', path: '/{code}/summary', tags, security: bearer,
      summary: '区划汇总 Counts per level and kind below a division',
      request: { params: codeParam },
      responses: { 200: json(divisionSummary, 'counts in the subtree'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await summariseDivision({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
