import { z } from '@hono/zod-openapi';
import { cityCode, createTenantInput, offboardReport, tenant } from '../../../shared/tenancy/schemas.js';
import { createTenant, deleteTenant, getTenant, listTenants, setTenantStatus } from '../../../shared/tenancy/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const codeParam = z.object({ code: cityCode.openapi({ param: { name: 'code', in: 'path' }, example: '4401' }) });
const tags = tagged('tenants');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const tenantRoutes = newRouter()
  .openapi(
    operation({ createTenant }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '接入地级市租户 Onboard a city',
      request: { body: { required: true, content: { 'application/json': { schema: createTenantInput } } } },
      responses: { 201: json(tenant, 'onboarded'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(await createTenant({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listTenants }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '租户列表 List cities',
      responses: { 200: json(z.object({ items: z.array(tenant) }), 'the tenant registry'), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await listTenants({ ctx: c.var.ctx, input: {} }) }, 200),
  )
  .openapi(
    operation({ getTenant }, {
      method: 'get', path: '/{code}', tags, security: bearer,
      summary: '租户详情 Get a city',
      request: { params: codeParam },
      responses: { 200: json(tenant, 'the tenant'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getTenant({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ setTenantStatus }, { operationId: 'deactivateTenant',
      method: 'post', path: '/{code}/deactivate', tags, security: bearer,
      summary: '停用租户 Deactivate a city (its tokens get 403)',
      request: { params: codeParam },
      responses: { 200: json(tenant, 'deactivated'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await setTenantStatus({ ctx: c.var.ctx, input: { ...c.req.valid('param'), status: 'inactive' } }), 200),
  )
  .openapi(
    operation({ setTenantStatus }, { operationId: 'activateTenant',
      method: 'post', path: '/{code}/activate', tags, security: bearer,
      summary: '启用租户 Activate a city',
      request: { params: codeParam },
      responses: { 200: json(tenant, 'activated'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await setTenantStatus({ ctx: c.var.ctx, input: { ...c.req.valid('param'), status: 'active' } }), 200),
  )
  .openapi(
    operation({ deleteTenant }, {
      method: 'delete', path: '/{code}', tags, security: bearer,
      summary: '注销租户 Offboard a deactivated city: delete every row it owns',
      request: { params: codeParam },
      responses: { 200: json(offboardReport, 'rows removed per table'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await deleteTenant({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
