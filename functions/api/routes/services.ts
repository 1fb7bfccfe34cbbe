import { z } from '@hono/zod-openapi';
import { getServiceFigures } from '../../../shared/services/metrics.js';
import { listCertifications, recordCertification } from '../../../shared/services/certifications.js';
import {
  certificationHistory,
  certificationInput,
  facility,
  facilityInput,
  facilityPage,
  facilityPatch,
  facilityQuery,
  idParam,
  ledger,
  ledgerInput,
  ledgerWrite,
  organisation,
  organisationInput,
  organisationPage,
  organisationQuery,
  scopeQuery,
  serviceFigures,
  serviceUnit,
  serviceUnitInput,
  serviceUnitPage,
  serviceUnitPatch,
  serviceUnitQuery,
  volunteer,
  volunteerInput,
  volunteerPage,
  volunteerQuery,
} from '../../../shared/services/schemas.js';
import {
  createFacility,
  createOrganisation,
  createServiceUnit,
  getFacility,
  getLedger,
  getServiceUnit,
  getVolunteer,
  listFacilities,
  listOrganisations,
  listServiceUnits,
  listVolunteers,
  recordLedgerEntry,
  registerVolunteer,
  updateFacility,
  updateServiceUnit,
} from '../../../shared/services/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const facilityTags = tagged('facilities');
const unitTags = tagged('serviceUnits');
const volunteerTags = tagged('volunteers');

export const serviceRoutes = newRouter()
  .openapi(
    operation({ listFacilities }, {
      method: 'get', path: '/facilities', tags: facilityTags, security: bearer,
      summary: '设施列表 Facilities (my unit and below) with their unit’s name: paged, sorted, searched by name',
      request: { query: facilityQuery },
      responses: { 200: json(facilityPage, 'one page of the facilities'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listFacilities({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createFacility }, {
      method: 'post', path: '/facilities', tags: facilityTags, security: bearer,
      summary: '登记设施 Register a facility of a street or community',
      request: body(facilityInput),
      responses: { 201: json(facility, 'registered'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await createFacility({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getFacility }, {
      method: 'get', path: '/facilities/{id}', tags: facilityTags, security: bearer,
      summary: '设施详情 A facility',
      request: { params: idParam },
      responses: { 200: json(facility, 'the facility'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getFacility({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateFacility }, {
      method: 'patch', path: '/facilities/{id}', tags: facilityTags, security: bearer,
      summary: '修改设施 Update a facility',
      request: { params: idParam, ...body(facilityPatch) },
      responses: { 200: json(facility, 'updated'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await updateFacility({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, patch: c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ listServiceUnits }, {
      method: 'get', path: '/service-units', tags: unitTags, security: bearer,
      summary: '服务单位列表 Community service units (my unit and below) with their unit’s name: paged, sorted, searched by name',
      request: { query: serviceUnitQuery },
      responses: { 200: json(serviceUnitPage, 'one page of the service units'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listServiceUnits({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createServiceUnit }, {
      method: 'post', path: '/service-units', tags: unitTags, security: bearer,
      summary: '登记服务单位 Register a service unit; its registration authority is computed',
      request: body(serviceUnitInput),
      responses: { 201: json(serviceUnit, 'registered'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createServiceUnit({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getServiceUnit }, {
      method: 'get', path: '/service-units/{id}', tags: unitTags, security: bearer,
      summary: '服务单位详情 A service unit',
      request: { params: idParam },
      responses: { 200: json(serviceUnit, 'the unit'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getServiceUnit({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateServiceUnit }, {
      method: 'patch', path: '/service-units/{id}', tags: unitTags, security: bearer,
      summary: '修改服务单位 Update a service unit; the authority is recomputed',
      request: { params: idParam, ...body(serviceUnitPatch) },
      responses: { 200: json(serviceUnit, 'updated'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await updateServiceUnit({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, patch: c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ listCertifications }, {
      method: 'get', path: '/service-units/{id}/certifications', tags: unitTags, security: bearer,
      summary: '认证记录 A service unit’s certificates (行业管理和认证制度), latest first, with the current status',
      request: { params: idParam },
      responses: { 200: json(certificationHistory, 'the certificates'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCertifications({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ recordCertification }, {
      method: 'post', path: '/service-units/{id}/certifications', tags: unitTags, security: bearer,
      summary: '登记认证或续期 Record a certificate, or its renewal (the next certificate, certified after the current one)',
      request: { params: idParam, ...body(certificationInput) },
      responses: { 201: json(certificationHistory, 'the certificates, the new one current'), ...problemResponses(400, 401, 403, 404, 422) },
    }),
    async (c) => c.json(await recordCertification({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ listOrganisations }, {
      method: 'get', path: '/volunteer-organisations', tags: volunteerTags, security: bearer,
      summary: '志愿者组织 Volunteer organisations (my unit and below) with their unit’s name: paged, sorted, searched by name',
      request: { query: organisationQuery },
      responses: { 200: json(organisationPage, 'one page of the organisations'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listOrganisations({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ createOrganisation }, {
      method: 'post', path: '/volunteer-organisations', tags: volunteerTags, security: bearer,
      summary: '登记志愿者组织 Register a volunteer organisation',
      request: body(organisationInput),
      responses: { 201: json(organisation, 'registered'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createOrganisation({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listVolunteers }, {
      method: 'get', path: '/volunteers', tags: volunteerTags, security: bearer,
      summary: '志愿者 Volunteers (my unit and below, or one card city-wide) with their community’s name; phones masked; paged, sorted, searched by name or card',
      request: { query: volunteerQuery },
      responses: { 200: json(volunteerPage, 'one page of the volunteers'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listVolunteers({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ registerVolunteer }, {
      method: 'post', path: '/volunteers', tags: volunteerTags, security: bearer,
      summary: '志愿者登记 Register a volunteer with a 社区服务登记卡',
      request: body(volunteerInput),
      responses: { 201: json(volunteer, 'registered'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await registerVolunteer({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ getVolunteer }, {
      method: 'get', path: '/volunteers/{id}', tags: volunteerTags, security: bearer,
      summary: '志愿者详情 A volunteer and the balance',
      request: { params: idParam },
      responses: { 200: json(volunteer, 'the volunteer'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getVolunteer({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ getLedger }, {
      method: 'get', path: '/volunteers/{id}/ledger', tags: volunteerTags, security: bearer,
      summary: '劳动储蓄账 The volunteer’s time-bank ledger and balance',
      request: { params: idParam },
      responses: { 200: json(ledger, 'the ledger'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getLedger({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ recordLedgerEntry }, {
      method: 'post', path: '/volunteers/{id}/ledger', tags: volunteerTags, security: bearer,
      summary: '存入、支取、更正 Append a deposit, draw or correction',
      description: 'The balance can never go below zero: the database refuses the entry (422 insufficient_balance), also when two draws race. A correction is made by the recording unit or above (403), reverses or reduces its entry (422 ledger_correction_out_of_bounds), once (409 ledger_entry_already_corrected).',
      request: { params: idParam, ...body(ledgerInput) },
      responses: { 201: json(ledgerWrite, 'appended'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordLedgerEntry({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, entry: c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ getServiceFigures }, {
      method: 'get', path: '/services/figures', tags: volunteerTags, security: bearer,
      summary: '社区服务统计 Facilities, service units, volunteers and hours banked, for reports',
      request: { query: scopeQuery },
      responses: { 200: json(serviceFigures, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getServiceFigures({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  );
