import { z } from '@hono/zod-openapi';
import { communityCode } from '../../../shared/patterns.js';
import { community, communityPage, communityPatch, listCommunitiesQuery } from '../../../shared/communities/schemas.js';
import { getCommunity, listCommunities, setCommunityPublication, updateCommunity } from '../../../shared/communities/service.js';
import { publicationInput } from '../../../shared/public/schemas.js';
import { asOfQuery } from '../../../shared/hierarchy/schemas.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const codeParam = z.object({ code: communityCode.openapi({ param: { name: 'code', in: 'path' }, example: '440103001001' }) });
const tags = tagged('communities');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const communityRoutes = newRouter()
  .openapi(
    operation({ listCommunities }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '社区列表 List communities (my unit and below)',
      request: { query: listCommunitiesQuery },
      responses: { 200: json(communityPage, 'a page of communities, ordered by code'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCommunities({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getCommunity }, {
      method: 'get', path: '/{code}', tags, security: bearer,
      summary: '社区概况 Get a community and its profile',
      request: { params: codeParam, query: asOfQuery },
      responses: { 200: json(community, 'the community'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getCommunity({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ updateCommunity }, {
      method: 'patch', path: '/{code}', tags, security: bearer,
      summary: '修改社区概况 Update a community profile',
      description: 'Outside the province’s usual household range (一般管辖1000至3000户) a `sizeExceptionReason` is required (422 otherwise).',
      request: { params: codeParam, body: { required: true, content: { 'application/json': { schema: communityPatch } } } },
      responses: { 200: json(community, 'updated'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await updateCommunity({ ctx: c.var.ctx, input: { code: c.req.valid('param').code, patch: c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ setCommunityPublication }, {
      method: 'put', path: '/{code}/publication', tags, security: bearer,
      summary: '设置居务公开 Publish or withdraw a community’s public page (city admin)',
      description: 'With `publishable: true` the page /p/{cityCode}/{communityCode} and its JSON under /v1/public show the community; otherwise both answer 404.',
      request: { params: codeParam, body: { required: true, content: { 'application/json': { schema: publicationInput } } } },
      responses: { 200: json(community, 'the community, with its publication'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await setCommunityPublication({ ctx: c.var.ctx, input: { code: c.req.valid('param').code, ...c.req.valid('json') } }), 200),
  );
