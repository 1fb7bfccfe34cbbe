import { z } from '@hono/zod-openapi';
import { createPlanInput, decisionInput, listPlansQuery, plan, rejectionInput } from '../../../shared/adjustments/schemas.js';
import { approvePlan, createPlan, getPlan, listPlans, rejectPlan, submitPlan } from '../../../shared/adjustments/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const tags = tagged('adjustmentPlans');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const adjustmentPlanRoutes = newRouter()
  .openapi(
    operation({ createPlan }, { operationId: 'createAdjustmentPlan',
      method: 'post', path: '/', tags, security: bearer,
      summary: '拟定调整方案 Propose a plan (street officer)',
      description: 'Every change is checked against the map on the effective date; all problems come back at once (422).',
      request: body(createPlanInput),
      responses: { 201: json(plan, 'the draft'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await createPlan({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listPlans }, { operationId: 'listAdjustmentPlans',
      method: 'get', path: '/', tags, security: bearer,
      summary: '调整方案列表 List plans (my unit and below)',
      request: { query: listPlansQuery },
      responses: { 200: json(z.object({ items: z.array(plan) }), 'plans, newest first'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json({ items: await listPlans({ ctx: c.var.ctx, input: c.req.valid('query') }) }, 200),
  )
  .openapi(
    operation({ getPlan }, { operationId: 'getAdjustmentPlan',
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '调整方案详情 Get a plan',
      request: { params: idParam },
      responses: { 200: json(plan, 'the plan'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getPlan({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ submitPlan }, {
      method: 'post', path: '/{id}/submit', tags, security: bearer,
      summary: '报送 Submit a draft to the district (street officer)',
      request: { params: idParam },
      responses: { 200: json(plan, 'submitted'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await submitPlan({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ approvePlan }, {
      method: 'post', path: '/{id}/approve', tags, security: bearer,
      summary: '批准 Approve (district officer; city admin for a city without districts)',
      description: 'Writes the plan into the map’s history on its effective date. Refused (409) when an approved plan already changes the same communities on or after that date.',
      request: { params: idParam, ...body(decisionInput) },
      responses: { 200: json(plan, 'approved'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await approvePlan({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ rejectPlan }, {
      method: 'post', path: '/{id}/reject', tags, security: bearer,
      summary: '退回 Reject with a comment',
      request: { params: idParam, ...body(rejectionInput) },
      responses: { 200: json(plan, 'rejected'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await rejectPlan({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );
