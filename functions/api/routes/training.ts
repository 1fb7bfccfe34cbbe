import { z } from '@hono/zod-openapi';
import { uuidParam } from '../../../shared/schemas.js';
import { getTrainingCompliance } from '../../../shared/training/metrics.js';
import {
  attendanceBody, cityParam, completionBody, completionView, complianceQuery, complianceView, enrolmentBody, materialInput, obligationPage, obligationsQuery,
  planBody, planView, programmeBody, programmeView, sessionBody, sessionDetail, sessionsQuery, sessionView, trainingSettingsPatch, trainingSettingsView, unitQuery,
} from '../../../shared/training/schemas.js';
import {
  addMaterial, addSession, createPlan, createProgramme, enrolMember, getPlan, getProgramme, getSession, getTrainingSettings, listObligations, listPlans, listProgrammes, listSessions,
  recordAttendance, recordCompletion, updateTrainingSettings,
} from '../../../shared/training/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('training');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const idParam = z.object({ id: uuidParam('id') });

export const trainingRoutes = newRouter()
  .openapi(
    operation({ createProgramme }, {
      method: 'post', path: '/programmes', tags, security: bearer,
      summary: '培训方案 The city publishes a training programme with its materials',
      request: body(programmeBody),
      responses: { 201: json(programmeView, 'the programme'), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => c.json(await createProgramme({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listProgrammes }, {
      method: 'get', path: '/programmes', tags, security: bearer,
      summary: '培训方案列表 The city’s programmes and materials',
      request: { query: unitQuery },
      responses: { 200: json(z.object({ items: z.array(programmeView) }), 'the programmes'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listProgrammes({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getProgramme }, { operationId: 'getTrainingProgramme',
      method: 'get', path: '/programmes/{id}', tags, security: bearer,
      summary: '培训方案 One programme of the city with its materials',
      request: { params: idParam },
      responses: { 200: json(programmeView, 'the programme'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getProgramme({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ addMaterial }, {
      method: 'post', path: '/programmes/{id}/materials', tags, security: bearer,
      summary: '培训教材 Add a material (file or link reference) to a programme',
      request: { params: idParam, ...body(materialInput) },
      responses: { 201: json(programmeView, 'the programme'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await addMaterial({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ createPlan }, { operationId: 'createTrainingPlan',
      method: 'post', path: '/plans', tags, security: bearer,
      summary: '培训计划 A district or street plans its training under the programme',
      request: body(planBody),
      responses: { 201: json(planView, 'the plan'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await createPlan({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listPlans }, { operationId: 'listTrainingPlans',
      method: 'get', path: '/plans', tags, security: bearer,
      summary: '培训计划列表 Plans of my unit, below it and above it, with their sessions',
      request: { query: unitQuery },
      responses: { 200: json(z.object({ items: z.array(planView) }), 'the plans'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listPlans({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getPlan }, { operationId: 'getTrainingPlan',
      method: 'get', path: '/plans/{id}', tags, security: bearer,
      summary: '培训计划 One plan with its sessions: a plan of my unit, below it or above it (404 otherwise)',
      request: { params: idParam },
      responses: { 200: json(planView, 'the plan'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getPlan({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ addSession }, {
      method: 'post', path: '/plans/{id}/sessions', tags, security: bearer,
      summary: '培训班 Schedule a session: date, place, capacity, trainer, audience',
      request: { params: idParam, ...body(sessionBody) },
      responses: { 201: json(sessionView, 'the session'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await addSession({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ listSessions }, {
      method: 'get', path: '/sessions', tags, security: bearer,
      summary: '培训班列表 Sessions from a day on (default today), optionally only those with seats left',
      request: { query: sessionsQuery },
      responses: { 200: json(z.object({ items: z.array(sessionView) }), 'the sessions, by date'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listSessions({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getSession }, {
      method: 'get', path: '/sessions/{id}', tags, security: bearer,
      summary: '培训班详情 A session with the enrolments of my unit',
      request: { params: idParam },
      responses: { 200: json(sessionDetail, 'the session'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSession({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ enrolMember }, {
      method: 'post', path: '/sessions/{id}/enrolments', tags, security: bearer,
      summary: '报名 Enrol a committee member; 409 training_session_full when no seat is left',
      request: { params: idParam, ...body(enrolmentBody) },
      responses: { 201: json(sessionDetail, 'the session'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await enrolMember({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ recordAttendance }, {
      method: 'post', path: '/sessions/{id}/attendance', tags, security: bearer,
      summary: '签到 Record attendance of an enrolled member; attending completes their training on the session date',
      request: { params: idParam, ...body(attendanceBody) },
      responses: { 200: json(sessionDetail, 'the session'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordAttendance({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ recordCompletion }, {
      method: 'post', path: '/completions', tags, security: bearer,
      summary: '外部培训 Record training completed elsewhere, with its evidence',
      request: body(completionBody),
      responses: { 201: json(completionView, 'the completion'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await recordCompletion({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listObligations }, {
      method: 'get', path: '/obligations', tags, security: bearer,
      summary: '培训义务 Members who must be trained within a year of their election, by status',
      request: { query: obligationsQuery },
      responses: { 200: json(obligationPage, 'a page of obligations, by community'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listObligations({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getTrainingCompliance }, {
      method: 'get', path: '/compliance', tags, security: bearer,
      summary: '培训完成情况 For a unit and each unit below it: members, trained on time, late, pending, overdue, on-time rate',
      request: { query: complianceQuery },
      responses: { 200: json(complianceView, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getTrainingCompliance({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getTrainingSettings }, {
      method: 'get', path: '/settings/{city}', tags, security: bearer,
      summary: '培训提醒设置 Reminder stages and unit mailboxes of the city',
      request: { params: cityParam },
      responses: { 200: json(trainingSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getTrainingSettings({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateTrainingSettings }, {
      method: 'patch', path: '/settings/{city}', tags, security: bearer,
      summary: '修改培训提醒设置 Change the reminder stages or unit mailboxes (city admin)',
      request: { params: cityParam, ...body(trainingSettingsPatch) },
      responses: { 200: json(trainingSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await updateTrainingSettings({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );
