import { z } from '@hono/zod-openapi';
import { uuidParam } from '../../../shared/schemas.js';
import { certifyBody, createElectionBody, electionPage, electionView, furtherRoundBody, listElectionsQuery, resultBody, verificationView } from '../../../shared/elections/schemas.js';
import { addFurtherRound, certifyElection, createElection, getElection, listElections, recordResult, verifyElection } from '../../../shared/elections/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('elections');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const idParam = z.object({ id: uuidParam('id') });

export const electionRoutes = newRouter()
  .openapi(
    operation({ listElections }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '选举列表 Elections within my unit with their community’s name and status: paged, sorted, searched by name',
      request: { query: listElectionsQuery },
      responses: { 200: json(electionPage, 'one page of the elections'), ...problemResponses(400, 401, 403) },
    }),
    async (c) => c.json(await listElections({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createElection }, {
      method: 'post', path: '/', tags, security: bearer,
      summary: '选举方案 Plan an election: community, date, mode, seats, registered voters, candidates',
      request: body(createElectionBody),
      responses: { 201: json(electionView, 'the election, round 1 open'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await createElection({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getElection }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '选举详情 An election: rounds, candidates (masked), results, certifications',
      request: { params: idParam },
      responses: { 200: json(electionView, 'the election'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getElection({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ addFurtherRound }, {
      method: 'post', path: '/{id}/rounds', tags, security: bearer,
      summary: '另行选举 A further round for the seats the last round left',
      request: { params: idParam, ...body(furtherRoundBody) },
      responses: { 201: json(electionView, 'the election with its new round'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await addFurtherRound({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ recordResult }, {
      method: 'post', path: '/{id}/results', tags, security: bearer,
      summary: '计票结果 Record the sheet counted in public (a new version each time; a correction after certification needs a reason)',
      request: { params: idParam, ...body(resultBody) },
      responses: { 201: json(electionView, 'the election with the tally'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await recordResult({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ certifyElection }, {
      method: 'post', path: '/{id}/certify', tags, security: bearer,
      summary: '认证 Certify: freeze the results under a chained hash, start the term, create the members',
      request: { params: idParam, ...body(certifyBody) },
      responses: { 200: json(electionView, 'the certified election'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await certifyElection({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ verifyElection }, {
      method: 'get', path: '/{id}/verify', tags, security: bearer,
      summary: '核验 Recompute the city’s chain of certified results from the stored rows',
      request: { params: idParam },
      responses: { 200: json(verificationView, 'the verification'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await verifyElection({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
