import { z } from '@hono/zod-openapi';
import {
  assemblyDetail, assemblySummary, createAssemblyBody, decision, decisionBody, endRepresentativeBody, evaluationFigures, evaluationsBody, figuresQuery, listAssembliesQuery,
  meetingBody, meetingDetail, representativeBody, workReport, workReportBody,
} from '../../../shared/assemblies/schemas.js';
import {
  addRepresentative, createAssembly, endRepresentative, getAssembly, getEvaluationFigures, getMeeting, listAssemblies, recordDecision, recordEvaluations, recordMeeting,
  recordWorkReport,
} from '../../../shared/assemblies/service.js';
import { uuidParam } from '../../../shared/schemas.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('assemblies');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const idParam = z.object({ id: uuidParam('id') });
const representativeParam = z.object({ id: uuidParam('id'), representativeId: uuidParam('representativeId') });
const meetingParam = z.object({ id: uuidParam('id'), meetingId: uuidParam('meetingId') });
const reportParam = z.object({ id: uuidParam('id'), reportId: uuidParam('reportId') });

export const assemblyRoutes = newRouter()
  .openapi(
    operation({ listAssemblies }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '居民会议列表 The residents’ or representatives’ meetings of the communities below a unit',
      request: { query: listAssembliesQuery },
      responses: { 200: json(z.object({ items: z.array(assemblySummary) }), 'the bodies, by community code'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listAssemblies({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createAssembly }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '登记居民会议 Register a community’s residents’ meeting or member-representatives’ meeting',
      request: body(createAssemblyBody),
      responses: { 201: json(assemblyDetail, 'the body'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createAssembly({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getEvaluationFigures }, {
      method: 'get', path: '/evaluation-figures', tags, security: bearer,
      summary: '述职评议统计 Per unit and year: committees that reported, members evaluated and their ratings; committees without a 述职',
      request: { query: figuresQuery },
      responses: { 200: json(evaluationFigures, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getEvaluationFigures({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getAssembly }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '居民会议详情 The body: its register of representatives and its meetings',
      request: { params: idParam },
      responses: { 200: json(assemblyDetail, 'the body'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getAssembly({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ addRepresentative }, {
      method: 'post', path: '/{id}/representatives', tags, security: bearer,
      summary: '登记居民代表 Add a representative (of a household group, building or unit) from a day',
      request: { params: idParam, ...body(representativeBody) },
      responses: { 201: json(assemblyDetail, 'the body'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await addRepresentative({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ endRepresentative }, {
      method: 'patch', path: '/{id}/representatives/{representativeId}', tags, security: bearer,
      summary: '终止代表资格 End a representative’s mandate (in force until the day before endedOn)',
      request: { params: representativeParam, ...body(endRepresentativeBody) },
      responses: { 200: json(assemblyDetail, 'the body'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await endRepresentative({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ recordMeeting }, {
      method: 'post', path: '/{id}/meetings', tags, security: bearer,
      summary: '记录会议 A meeting held, with the representatives present; quorate when more than half of those in force that day attend',
      request: { params: idParam, ...body(meetingBody) },
      responses: { 201: json(meetingDetail, 'the meeting'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await recordMeeting({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ getMeeting }, {
      method: 'get', path: '/{id}/meetings/{meetingId}', tags, security: bearer,
      summary: '会议详情 A meeting: attendance, quorum, decisions, the committee’s 述职 and its members’ 评议',
      request: { params: meetingParam },
      responses: { 200: json(meetingDetail, 'the meeting'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getMeeting({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ recordDecision }, {
      method: 'post', path: '/{id}/meetings/{meetingId}/decisions', tags, security: bearer,
      summary: '民主决策 A matter voted at a quorate meeting: adopted when more than half of those present vote for it',
      request: { params: meetingParam, ...body(decisionBody) },
      responses: { 201: json(decision, 'the decision'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await recordDecision({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ recordWorkReport }, {
      method: 'post', path: '/{id}/meetings/{meetingId}/work-reports', tags, security: bearer,
      summary: '述职 The community’s committee reports its year’s work to a quorate meeting',
      request: { params: meetingParam, ...body(workReportBody) },
      responses: { 201: json(workReport, 'the report, with the members to evaluate'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordWorkReport({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ recordEvaluations }, {
      method: 'put', path: '/{id}/work-reports/{reportId}/evaluations', tags, security: bearer,
      summary: '评议 The meeting’s rating of each committee member (满意/基本满意/不满意)',
      request: { params: reportParam, ...body(evaluationsBody) },
      responses: { 200: json(workReport, 'the report with its ratings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await recordEvaluations({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );
