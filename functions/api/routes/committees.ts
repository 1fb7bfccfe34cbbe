import { z } from '@hono/zod-openapi';
import { committeeSystems } from '../../../shared/committees/rules.js';
import {
  addMemberBody, committeeDetail, partyOrganisation, partyOrganisationBody, committeeDetailQuery, committeeMember, committeePage, createCommitteeBody, listCommitteesQuery, memberListQuery, revealQuery, sizeBody,
  socialWorkerBody, socialWorkerUpdateBody, systemBody, updateMemberBody, vacancies, workingCommitteeBody, workingCommitteeUpdateBody,
} from '../../../shared/committees/schemas.js';
import { uuidParam } from '../../../shared/schemas.js';
import {
  addMember, addSocialWorker, addWorkingCommittee, adoptSystem, createCommittee, getCommittee, getMember, getVacancies, listCommittees, listMembers,
  setCommitteeSize, updateMember, updateSocialWorker, updateWorkingCommittee,
} from '../../../shared/committees/service.js';
import { getPartyOrganisation, setPartyOrganisation } from '../../../shared/committees/party.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('committees');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const idParam = z.object({ id: uuidParam('id') });
const memberParam = z.object({ id: uuidParam('id'), memberId: uuidParam('memberId') });
const workingCommitteeParam = z.object({ id: uuidParam('id'), workingCommitteeId: uuidParam('workingCommitteeId') });
const socialWorkerParam = z.object({ id: uuidParam('id'), socialWorkerId: uuidParam('socialWorkerId') });
const systemParam = z.object({ id: uuidParam('id'), system: z.enum(committeeSystems).openapi({ param: { name: 'system', in: 'path' } }) });

export const committeeRoutes = newRouter()
  .openapi(
    operation({ listCommittees }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '居委会列表 Committees below a division, with their flags',
      request: { query: listCommitteesQuery },
      responses: { 200: json(committeePage, 'a page of committees, by community code'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCommittees({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createCommittee }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '登记居委会 Register the committee of a community',
      request: body(createCommitteeBody),
      responses: { 201: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createCommittee({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getCommittee }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '居委会详情 A committee: term, members (masked), systems, working committees, social workers (active ones unless ?includeFormer=true)',
      request: { params: idParam, query: committeeDetailQuery },
      responses: { 200: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getCommittee({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ setCommitteeSize }, {
      method: 'put', path: '/{id}/size', tags, security: bearer,
      summary: '职数 The size the street proposes, with the representatives’ consent',
      request: { params: idParam, ...body(sizeBody) },
      responses: { 200: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await setCommitteeSize({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ listMembers }, {
      method: 'get', path: '/{id}/members', tags, security: bearer,
      summary: '成员 Members serving today (masked unless ?reveal=true by an allowed role, audited)',
      request: { params: idParam, query: memberListQuery },
      responses: { 200: json(z.object({ items: z.array(committeeMember) }), 'the members'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listMembers({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ addMember }, {
      method: 'post', path: '/{id}/members', tags, security: bearer,
      summary: '补选成员 A member joining the current term (by-election)',
      request: { params: idParam, ...body(addMemberBody) },
      responses: { 201: json(committeeMember, 'the member, masked'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await addMember({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ getMember }, {
      method: 'get', path: '/{id}/members/{memberId}', tags, security: bearer,
      summary: '成员详情 One member (masked unless ?reveal=true by an allowed role, audited)',
      request: { params: memberParam, query: revealQuery },
      responses: { 200: json(committeeMember, 'the member'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getMember({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ updateMember }, {
      method: 'patch', path: '/{id}/members/{memberId}', tags, security: bearer,
      summary: '更新成员 Update a member, or record their departure',
      request: { params: memberParam, ...body(updateMemberBody) },
      responses: { 200: json(committeeMember, 'the member, masked'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await updateMember({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getVacancies }, {
      method: 'get', path: '/{id}/vacancies', tags, security: bearer,
      summary: '缺额 Open seats of the current term and who left',
      request: { params: idParam },
      responses: { 200: json(vacancies, 'vacancies'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getVacancies({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ getPartyOrganisation }, {
      method: 'get', path: '/{id}/party-organisation', tags, security: bearer,
      summary: '社区党组织 The party organisation of the committee’s community, with 交叉任职',
      request: { params: idParam },
      responses: { 200: json(partyOrganisation, 'the party organisation'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getPartyOrganisation({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ setPartyOrganisation }, {
      method: 'put', path: '/{id}/party-organisation', tags, security: bearer,
      summary: '登记社区党组织 Record or correct the community’s party organisation and its secretary',
      request: { params: idParam, ...body(partyOrganisationBody) },
      responses: { 200: json(partyOrganisation, 'the party organisation'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await setPartyOrganisation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ adoptSystem }, {
      method: 'put', path: '/{id}/systems/{system}', tags, security: bearer,
      summary: '制度建设 Record the adoption of one of the three systems',
      request: { params: systemParam, ...body(systemBody) },
      responses: { 200: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await adoptSystem({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ addWorkingCommittee }, {
      method: 'post', path: '/{id}/working-committees', tags, security: bearer,
      summary: '专门工作委员会 Set up a special working committee',
      request: { params: idParam, ...body(workingCommitteeBody) },
      responses: { 201: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await addWorkingCommittee({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ updateWorkingCommittee }, {
      method: 'patch', path: '/{id}/working-committees/{workingCommitteeId}', tags, security: bearer,
      summary: '撤销/更正专门工作委员会 Dissolve a working committee (dissolvedOn), or correct its name or date',
      request: { params: workingCommitteeParam, ...body(workingCommitteeUpdateBody) },
      responses: { 200: json(committeeDetail, 'the committee, former working committees and social workers included'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateWorkingCommittee({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ addSocialWorker }, {
      method: 'post', path: '/{id}/social-workers', tags, security: bearer,
      summary: '聘用社会工作者 Record a hired social worker',
      request: { params: idParam, ...body(socialWorkerBody) },
      responses: { 201: json(committeeDetail, 'the committee'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await addSocialWorker({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ updateSocialWorker }, {
      method: 'patch', path: '/{id}/social-workers/{socialWorkerId}', tags, security: bearer,
      summary: '社会工作者解聘/离任、更正 End a social worker’s engagement (leftOn), or correct their details (phone sealed)',
      request: { params: socialWorkerParam, ...body(socialWorkerUpdateBody) },
      responses: { 200: json(committeeDetail, 'the committee, former working committees and social workers included'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateSocialWorker({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );
