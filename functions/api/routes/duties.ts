import { z } from '@hono/zod-openapi';
import { demand, demandInput, demandPage, demandQuery, departmentSummary, duty, dutyEndInput, dutyIdParam, dutyInput, dutyPage, dutyPatch, dutyQuery } from '../../../shared/duties/schemas.js';
import { createDuty, endDuty, getDuty, listDemands, listDuties, listDutyDepartments, logDemand, updateDuty } from '../../../shared/duties/service.js';
import { scopeQuery } from '../../../shared/services/schemas.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const tags = tagged('duties');

export const dutyRoutes = newRouter()
  .openapi(
    operation({ listDuties }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '社区工作事项准入清单 The register of duties transferred to communities (those concerning my unit): paged, sorted, by department, funded or not (funded=no: 无经费)',
      request: { query: dutyQuery },
      responses: { 200: json(dutyPage, 'one page of the register'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listDuties({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createDuty }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '登记工作事项 Register a duty (city admin): department, basis, the streets or communities it applies to, and its funds (费随事转) or none',
      request: body(dutyInput),
      responses: { 201: json(duty, 'registered'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await createDuty({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listDutyDepartments }, {
      method: 'get', path: '/departments', tags, security: bearer,
      summary: '按部门汇总 By department: duties on the register, those without funds, unregistered demands',
      request: { query: scopeQuery },
      responses: { 200: json(departmentSummary, 'by department'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listDutyDepartments({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getDuty }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '工作事项详情 A duty on the register',
      request: { params: dutyIdParam },
      responses: { 200: json(duty, 'the duty'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getDuty({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateDuty }, {
      method: 'patch', path: '/{id}', tags, security: bearer,
      summary: '修改工作事项 Update a duty on the register (city admin); an ended duty is not changed (409)',
      request: { params: dutyIdParam, ...body(dutyPatch) },
      responses: { 200: json(duty, 'updated'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateDuty({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, patch: c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ endDuty }, {
      method: 'post', path: '/{id}/end', tags, security: bearer,
      summary: '终止工作事项 End a duty from a day (city admin), once',
      request: { params: dutyIdParam, ...body(dutyEndInput) },
      responses: { 200: json(duty, 'ended'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await endDuty({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, end: c.req.valid('json') } }), 200),
  );

export const demandRoutes = newRouter()
  .openapi(
    operation({ listDemands }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '未经准入的工作事项 Demands departments made of communities outside the register (my unit and below): paged, by department',
      request: { query: demandQuery },
      responses: { 200: json(demandPage, 'one page of the demands'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listDemands({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ logDemand }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '登记未经准入的工作事项 Log a department’s demand not on the register, for one of my units',
      request: body(demandInput),
      responses: { 201: json(demand, 'logged'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await logDemand({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );
