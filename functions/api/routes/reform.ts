import { z } from '@hono/zod-openapi';
import { getReformFigures } from '../../../shared/reform/metrics.js';
import {
  checklistItemCode,
  demonstration,
  demonstrationPage,
  demonstrationQuery,
  demonstrationInput,
  idParam,
  itemResultInput,
  pilot,
  pilotCheck,
  pilotInput,
  programme,
  reformFigures,
  selfInspection,
  selfInspectionInput,
  unitQuery,
} from '../../../shared/reform/schemas.js';
import {
  checkPilotRules,
  designatePilot,
  getProgramme,
  getSelfInspection,
  listDemonstrations,
  listPilots,
  listSelfInspections,
  recordDemonstration,
  recordItemResult,
  startSelfInspection,
  submitSelfInspection,
  withdrawPilot,
} from '../../../shared/reform/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('reform');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const itemParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  itemCode: checklistItemCode.openapi({ param: { name: 'itemCode', in: 'path' } }),
});

export const reformRoutes = newRouter()
  .openapi(
    operation({ getProgramme }, { operationId: 'getReformProgramme',
      method: 'get', path: '/programme', tags, security: bearer,
      summary: '改革阶段 The reform phases, today’s phase, and where a unit stands',
      request: { query: unitQuery },
      responses: { 200: json(programme, 'the programme'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getProgramme({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ listPilots }, {
      method: 'get', path: '/pilots', tags, security: bearer,
      summary: '试点单位 Pilot designations (my unit and below)',
      request: { query: unitQuery },
      responses: { 200: json(z.object({ items: z.array(pilot) }), 'pilots by code'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: await listPilots({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ designatePilot }, {
      method: 'post', path: '/pilots', tags, security: bearer,
      summary: '确定试点 Designate a pilot district, town or street',
      description: 'The city admin names its district, seat town or streets and county town; a district officer names streets of the district.',
      request: body(pilotInput),
      responses: { 201: json(pilot, 'designated'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await designatePilot({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ withdrawPilot }, {
      method: 'delete', path: '/pilots/{id}', tags, security: bearer,
      summary: '撤销试点 Withdraw a pilot designation',
      request: { params: idParam },
      responses: { 204: { description: 'withdrawn' }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      await withdrawPilot({ ctx: c.var.ctx, input: c.req.valid('param') });
      return c.body(null, 204);
    },
  )
  .openapi(
    operation({ checkPilotRules }, {
      method: 'get', path: '/pilots/check', tags, security: bearer,
      summary: '试点规则检查 Every unmet pilot rule, with the unit it concerns',
      request: { query: unitQuery },
      responses: { 200: json(pilotCheck, 'the check'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await checkPilotRules({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ listDemonstrations }, {
      method: 'get', path: '/demonstrations', tags, security: bearer,
      summary: '示范单位 Demonstration districts, streets (towns) and committees: paged, sorted, searched by the unit’s name',
      request: { query: demonstrationQuery },
      responses: { 200: json(demonstrationPage, 'one page of the demonstration units'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listDemonstrations({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ recordDemonstration }, {
      method: 'post', path: '/demonstrations', tags, security: bearer,
      summary: '登记示范单位 Record a demonstration designation (city admin)',
      request: body(demonstrationInput),
      responses: { 201: json(demonstration, 'recorded'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordDemonstration({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listSelfInspections }, {
      method: 'get', path: '/self-inspections', tags, security: bearer,
      summary: '自查 Self-inspections (my unit and below)',
      request: { query: unitQuery },
      responses: { 200: json(z.object({ items: z.array(selfInspection) }), 'self-inspections'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: await listSelfInspections({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ startSelfInspection }, {
      method: 'post', path: '/self-inspections', tags, security: bearer,
      summary: '开始自查 Start the self-inspection of the city or a district on the province’s latest checklist',
      request: body(selfInspectionInput),
      responses: { 201: json(selfInspection, 'a draft with every checklist item open'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await startSelfInspection({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getSelfInspection }, {
      method: 'get', path: '/self-inspections/{id}', tags, security: bearer,
      summary: '自查详情 A self-inspection with item results and evidence',
      request: { params: idParam },
      responses: { 200: json(selfInspection, 'the self-inspection'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSelfInspection({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ recordItemResult }, {
      method: 'put', path: '/self-inspections/{id}/items/{itemCode}', tags, security: bearer,
      summary: '自查结果 Record one item’s result, note and evidence (draft only)',
      request: { params: itemParams, ...body(itemResultInput) },
      responses: { 200: json(selfInspection, 'the self-inspection'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, itemCode } = c.req.valid('param');
      return c.json(await recordItemResult({ ctx: c.var.ctx, input: { id, itemCode, result: c.req.valid('json') } }), 200);
    },
  )
  .openapi(
    operation({ submitSelfInspection }, {
      method: 'post', path: '/self-inspections/{id}/submit', tags, security: bearer,
      summary: '报送自查结果 Submit to the province (names, codes and results only)',
      request: { params: idParam },
      responses: { 200: json(selfInspection, 'submitted'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await submitSelfInspection({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ getReformFigures }, {
      method: 'get', path: '/figures', tags, security: bearer,
      summary: '改革统计 Reform figures for reports: pilots, demonstration units, self-inspections',
      request: { query: unitQuery },
      responses: { 200: json(reformFigures, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getReformFigures({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  );
