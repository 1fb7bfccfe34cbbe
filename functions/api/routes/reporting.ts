import { z } from '@hono/zod-openapi';
import {
  aggregates,
  completeness,
  createReportInput,
  createTemplateInput,
  exportQuery,
  lateNotice,
  listReportsQuery,
  openPeriod,
  openPeriodsQuery,
  periodInput,
  periodQuery,
  report,
  returnInput,
  reviewInput,
  snapshot,
  template,
  updateReportInput,
} from '../../../shared/reporting/schemas.js';
import { exportAggregates, exportCompleteness, type ExportFile } from '../../../shared/reporting/exports.js';
import { getAggregates, getCompleteness } from '../../../shared/reporting/aggregation.js';
import { listLateNotices } from '../../../shared/reporting/deadlines.js';
import { createReport, getReport, listOpenPeriods, listReports, refreshReport, reviseReport, submitReport, updateReport } from '../../../shared/reporting/reports.js';
import { acceptReport, getSubmittedReport, listSubmittedReports, returnReport } from '../../../shared/reporting/review.js';
import { createReportTemplate, getReportTemplate, listReportTemplates, openReportPeriod } from '../../../shared/reporting/templates.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const fileResponse = {
  description: 'CSV (UTF-8 with BOM) or an Excel workbook, Chinese headers',
  content: {
    'text/csv': { schema: z.string() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
  },
};
const download = (file: ExportFile) =>
  new Response(file.body, {
    status: 200,
    headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' },
  });

const templateTags = tagged('reportTemplates');
export const reportTemplateRoutes = newRouter()
  .openapi(
    operation({ createReportTemplate }, {
      method: 'post', path: '/', tags: templateTags, security: bearer,
      summary: '发布报告模板 Publish a template (province admin)',
      description: '{"preset":"reform_completion","periods":[…]} publishes the shipped reform-completion template; otherwise indicators, rules and periods are given. Every problem comes back at once, each naming its field.',
      request: body(createTemplateInput),
      responses: { 201: json(template, 'the template'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(await createReportTemplate({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listReportTemplates }, {
      method: 'get', path: '/', tags: templateTags, security: bearer,
      summary: '报告模板列表 List templates (province)',
      responses: { 200: json(z.object({ items: z.array(template) }), 'templates, newest first'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await listReportTemplates({ ctx: c.var.ctx, input: {} }) }, 200),
  )
  .openapi(
    operation({ getReportTemplate }, {
      method: 'get', path: '/{id}', tags: templateTags, security: bearer,
      summary: '报告模板详情 Get a template',
      request: { params: idParam },
      responses: { 200: json(template, 'the template'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getReportTemplate({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ openReportPeriod }, {
      method: 'post', path: '/{id}/periods', tags: templateTags, security: bearer,
      summary: '开放报告期 Open a period (province admin)',
      request: { params: idParam, ...body(periodInput) },
      responses: { 201: json(template, 'the template with the new period'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await openReportPeriod({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  );

const reportTags = tagged('reports');
export const reportRoutes = newRouter()
  .openapi(
    operation({ createReport }, {
      method: 'post', path: '/', tags: reportTags, security: bearer,
      summary: '起草报告 Draft a report (city admin)',
      description: 'Computed figures are filled from the city’s own data, each with its query time; `queries` says how many statements that took.',
      request: body(createReportInput),
      responses: { 201: json(report, 'the draft'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await createReport({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listOpenPeriods }, {
      method: 'get', path: '/periods', tags: reportTags, security: bearer,
      summary: '可填报的报告期 The periods open to this city today, with its report for each',
      request: { query: openPeriodsQuery },
      responses: { 200: json(z.object({ items: z.array(openPeriod) }), 'open periods, earliest due first'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: await listOpenPeriods({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ listReports }, {
      method: 'get', path: '/', tags: reportTags, security: bearer,
      summary: '本市报告 List the city’s reports',
      request: { query: listReportsQuery },
      responses: { 200: json(z.object({ items: z.array(report) }), 'reports, newest first'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listReports({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ getReport }, {
      method: 'get', path: '/{id}', tags: reportTags, security: bearer,
      summary: '报告详情 Get a report with its version history',
      request: { params: idParam },
      responses: { 200: json(report, 'the report'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getReport({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateReport }, {
      method: 'patch', path: '/{id}', tags: reportTags, security: bearer,
      summary: '填报 Edit manual figures, narrative, attachments (draft only)',
      request: { params: idParam, ...body(updateReportInput) },
      responses: { 200: json(report, 'the draft'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateReport({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ refreshReport }, {
      method: 'post', path: '/{id}/refresh', tags: reportTags, security: bearer,
      summary: '刷新数据 Recompute the computed figures (draft only)',
      request: { params: idParam },
      responses: { 200: json(report, 'the draft'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await refreshReport({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ submitReport }, {
      method: 'post', path: '/{id}/submit', tags: reportTags, security: bearer,
      summary: '报送 Submit: freeze an immutable snapshot for the province',
      description: 'Refused (422) with every problem listed when a manual figure is missing, the narrative is empty or a validation rule fails.',
      request: { params: idParam },
      responses: { 200: json(report, 'submitted'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await submitReport({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ reviseReport }, {
      method: 'post', path: '/{id}/revise', tags: reportTags, security: bearer,
      summary: '修改重报 Start the next version of a returned report',
      request: { params: idParam },
      responses: { 200: json(report, 'the new draft version'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await reviseReport({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );

const provinceTags = tagged('provinceReporting');
export const provinceReportingRoutes = newRouter()
  .openapi(
    operation({ listSubmittedReports }, {
      method: 'get', path: '/reports', tags: provinceTags, security: bearer,
      summary: '各市报告 Latest submitted version per city (never drafts)',
      request: { query: periodQuery },
      responses: { 200: json(z.object({ items: z.array(snapshot) }), 'snapshots by city'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listSubmittedReports({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ getSubmittedReport }, {
      method: 'get', path: '/reports/{id}', tags: provinceTags, security: bearer,
      summary: '报告快照 A submitted snapshot',
      request: { params: idParam },
      responses: { 200: json(snapshot, 'the snapshot'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSubmittedReport({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ acceptReport }, {
      method: 'post', path: '/reports/{id}/accept', tags: provinceTags, security: bearer,
      summary: '采纳 Accept a submitted version',
      request: { params: idParam, ...body(reviewInput) },
      responses: { 200: json(snapshot, 'accepted'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await acceptReport({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ returnReport }, {
      method: 'post', path: '/reports/{id}/return', tags: provinceTags, security: bearer,
      summary: '退回 Return a submitted version with comments',
      request: { params: idParam, ...body(returnInput) },
      responses: { 200: json(snapshot, 'returned'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await returnReport({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getAggregates }, {
      method: 'get', path: '/aggregates', tags: provinceTags, security: bearer,
      summary: '全省汇总 The provincial aggregate of a (template, period)',
      request: { query: periodQuery },
      responses: { 200: json(aggregates, 'per indicator: value, contributing cities, per-city values'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getAggregates({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ exportAggregates }, {
      method: 'get', path: '/aggregates/export', tags: provinceTags, security: bearer,
      summary: '导出全省汇总 Download the aggregate (csv | xlsx)',
      request: { query: exportQuery },
      responses: { 200: fileResponse, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => download(await exportAggregates({ ctx: c.var.ctx, input: c.req.valid('query') })),
  )
  .openapi(
    operation({ getCompleteness }, {
      method: 'get', path: '/completeness', tags: provinceTags, security: bearer,
      summary: '报送情况 Expected, submitted, on time, late, missing, accepted, returned',
      request: { query: periodQuery },
      responses: { 200: json(completeness, 'reporting rates and each city'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getCompleteness({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ exportCompleteness }, {
      method: 'get', path: '/completeness/export', tags: provinceTags, security: bearer,
      summary: '导出报送情况 Download the completeness table (csv | xlsx)',
      request: { query: exportQuery },
      responses: { 200: fileResponse, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => download(await exportCompleteness({ ctx: c.var.ctx, input: c.req.valid('query') })),
  )
  .openapi(
    operation({ listLateNotices }, {
      method: 'get', path: '/late-reports', tags: provinceTags, security: bearer,
      summary: '逾期名单 Cities the deadline sweep found late',
      request: { query: periodQuery },
      responses: { 200: json(z.object({ items: z.array(lateNotice) }), 'late cities'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listLateNotices({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  );
