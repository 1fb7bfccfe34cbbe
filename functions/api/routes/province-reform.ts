import { z } from '@hono/zod-openapi';
import {
  checklist,
  checklistInput,
  findingInput,
  findingParams,
  idParam,
  programme,
  programmeInput,
  redraw,
  spotCheck,
  spotCheckFrame,
  spotCheckInput,
  submission,
  submissionQuery,
} from '../../../shared/reform/schemas.js';
import { getProvinceProgramme, setProgramme } from '../../../shared/reform/service.js';
import {
  createSpotCheck,
  getChecklist,
  getSpotCheck,
  getSpotCheckFrame,
  getSubmission,
  listSpotChecks,
  listSubmissions,
  publishChecklist,
  recordFinding,
  redrawSpotCheck,
} from '../../../shared/reform/spot-checks.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('provinceReform');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const provinceReformRoutes = newRouter()
  .openapi(
    operation({ getProvinceProgramme }, {
      method: 'get', path: '/reform-programme', tags, security: bearer,
      summary: '改革阶段 The programme’s phases',
      responses: { 200: json(programme, 'the programme'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await getProvinceProgramme({ ctx: c.var.ctx, input: {} }), 200),
  )
  .openapi(
    operation({ setProgramme }, {
      method: 'put', path: '/reform-programme', tags, security: bearer,
      summary: '设定改革阶段 Set the phases (province admin)',
      request: body(programmeInput),
      responses: { 200: json(programme, 'the programme'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await setProgramme({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  )
  .openapi(
    operation({ getChecklist }, {
      method: 'get', path: '/inspection-checklist', tags, security: bearer,
      summary: '自查清单 The latest self-inspection checklist',
      responses: { 200: json(checklist, 'the checklist'), ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getChecklist({ ctx: c.var.ctx, input: {} }), 200),
  )
  .openapi(
    operation({ publishChecklist }, {
      method: 'put', path: '/inspection-checklist', tags, security: bearer,
      summary: '发布自查清单 Publish a new checklist version (province admin)',
      request: body(checklistInput),
      responses: { 200: json(checklist, 'the new version'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await publishChecklist({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  )
  .openapi(
    operation({ listSubmissions }, {
      method: 'get', path: '/inspection-submissions', tags, security: bearer,
      summary: '自查报送 What cities submitted: unit names, codes and checklist results',
      request: { query: submissionQuery },
      responses: { 200: json(z.object({ items: z.array(submission) }), 'submissions'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listSubmissions({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ getSubmission }, {
      method: 'get', path: '/inspection-submissions/{id}', tags, security: bearer,
      summary: '自查报送详情 One submission with the units it covers',
      request: { params: idParam },
      responses: { 200: json(submission.extend({ units: z.array(z.object({ code: z.string(), name: z.string(), level: z.string() })) }), 'the submission'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSubmission({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ listSpotChecks }, {
      method: 'get', path: '/spot-checks', tags, security: bearer,
      summary: '抽查 Spot checks, newest first',
      responses: { 200: json(z.object({ items: z.array(spotCheck) }), 'spot checks'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await listSpotChecks({ ctx: c.var.ctx, input: {} }) }, 200),
  )
  .openapi(
    operation({ createSpotCheck }, {
      method: 'post', path: '/spot-checks', tags, security: bearer,
      summary: '抽查验收 Draw a reproducible sample of districts, streets and communities across cities',
      description: 'The frame (every unit in the submitted self-inspections, canonical order) and the seed are stored; the sample is drawSample(frame, seed, sizes): mulberry32 and a partial Fisher–Yates per level.',
      request: body(spotCheckInput),
      responses: { 201: json(spotCheck, 'the spot check and its sample'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createSpotCheck({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getSpotCheck }, {
      method: 'get', path: '/spot-checks/{id}', tags, security: bearer,
      summary: '抽查详情 A spot check, its sample and findings',
      request: { params: idParam },
      responses: { 200: json(spotCheck, 'the spot check'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSpotCheck({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ getSpotCheckFrame }, {
      method: 'get', path: '/spot-checks/{id}/frame', tags, security: bearer,
      summary: '抽样框 The stored sampling frame and seed',
      request: { params: idParam },
      responses: { 200: json(spotCheckFrame, 'frame and seed'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSpotCheckFrame({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ redrawSpotCheck }, {
      method: 'get', path: '/spot-checks/{id}/redraw', tags, security: bearer,
      summary: '复核抽样 Redraw the sample from the stored frame and seed',
      request: { params: idParam },
      responses: { 200: json(redraw, 'the redrawn sample and whether it matches the record'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await redrawSpotCheck({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ recordFinding }, {
      method: 'put', path: '/spot-checks/{id}/findings/{code}', tags, security: bearer,
      summary: '抽查结论 Record the finding for one sampled unit',
      request: { params: findingParams, ...body(findingInput) },
      responses: { 200: json(spotCheck, 'the spot check'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, code } = c.req.valid('param');
      const { result, notes } = c.req.valid('json');
      return c.json(await recordFinding({ ctx: c.var.ctx, input: { id, code, result, notes } }), 200);
    },
  );
