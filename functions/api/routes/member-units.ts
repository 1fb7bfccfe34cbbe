import { z } from '@hono/zod-openapi';
import { createMemberUnitInput, listMemberUnitsQuery, memberUnit, memberUnitPatch, revealQuery } from '../../../shared/conferences/schemas.js';
import { createMemberUnit, getMemberUnit, listMemberUnits, updateMemberUnit } from '../../../shared/conferences/member-units.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const tags = tagged('memberUnits');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const memberUnitRoutes = newRouter()
  .openapi(
    operation({ createMemberUnit }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '登记成员单位 Register a member unit of a street',
      request: body(createMemberUnitInput),
      responses: { 201: json(memberUnit, 'registered; the phone is sealed and shown masked'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => c.json(await createMemberUnit({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listMemberUnits }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '成员单位名录 Member units (my unit and below)',
      request: { query: listMemberUnitsQuery },
      responses: { 200: json(z.object({ items: z.array(memberUnit) }), 'ordered by street and name'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listMemberUnits({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getMemberUnit }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '成员单位详情 Get a member unit',
      request: { params: idParam, query: revealQuery },
      responses: { 200: json(memberUnit, 'the member unit'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getMemberUnit({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ updateMemberUnit }, {
      method: 'patch', path: '/{id}', tags, security: bearer,
      summary: '修改成员单位 Update a member unit',
      request: { params: idParam, ...body(memberUnitPatch) },
      responses: { 200: json(memberUnit, 'updated'), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => c.json(await updateMemberUnit({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, patch: c.req.valid('json') } }), 200),
  );
