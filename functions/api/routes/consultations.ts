import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  answerInput,
  assignInput,
  calendarDayInput,
  calendarDayParam,
  calendarQuery,
  calendarView,
  consultation,
  consultationCategories,
  consultationFigures,
  consultationIdParam,
  consultationPage,
  consultationQuery,
  consultationReceipt,
  consultationSettingsPatch,
  consultationSettingsView,
  consultationSubmission,
  consultationTokenParam,
  figuresQuery,
  publicCommunityParams,
  publicConsultation,
  ratingInput,
  revealQuery,
} from '../../../shared/consultations/schemas.js';
import {
  answerConsultation,
  assignConsultation,
  closeConsultation,
  getConsultation,
  getConsultationCalendar,
  getConsultationFigures,
  getConsultationSettings,
  getPublicCategories,
  listConsultations,
  rateConsultation,
  readConsultationLink,
  setCalendarDay,
  submitConsultation,
  updateConsultationSettings,
} from '../../../shared/consultations/service.js';
import { cityCode } from '../../../shared/patterns.js';
import type { ApiEnv } from '../env.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, noToken, operation } from '../router.js';
import { tagged } from '../tags.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const publicTags = tagged('consultationsPublic');
const tags = tagged('consultations');
const cityParam = z.object({ city: cityCode.openapi({ param: { name: 'city', in: 'path' }, example: '4401' }) });

/**
 * The client's address as the edge saw it: the last X-Forwarded-For entry is the one API Gateway (or the local
 * server's proxy) appended, so a client cannot choose it by sending its own header. Used only as a rate-limit key,
 * hashed before it is stored.
 */
/**
 * The resident's address for the rate limits: X-Forwarded-For as the proxies we run wrote it. API Gateway (or the local
 * server) appends the address it saw last; each trusted proxy in front of it (the CDN before the public pages) appended
 * the one it saw before that. Entries further left are whatever the client sent, and are never believed.
 */
export function forwardedClient(header: string | undefined, trustedProxyHops = 0): string {
  const entries = (header ?? '').split(',').map((e) => e.trim());
  return entries.at(-1 - trustedProxyHops) || entries.at(0) || 'unknown';
}
export const clientAddress = (c: Context<ApiEnv>) => forwardedClient(c.req.header('x-forwarded-for'), c.var.ctx.config.trustedProxyHops);

/** 电脑网络服务咨询平台, residents' side: no sign-in; the city in the path (or in the link's token) picks the tenant. */
export const publicConsultationRoutes = newRouter()
  .openapi(
    operation({ getPublicCategories }, {
      method: 'get', path: '/cities/{cityCode}/communities/{communityCode}/consultation-categories', tags: publicTags, security: noToken,
      summary: '咨询类别 The community’s name, the city’s categories and answer deadline',
      request: { params: publicCommunityParams },
      responses: { 200: json(consultationCategories, 'what the form offers'), ...problemResponses(400, 404) },
    }),
    async (c) => c.json(await getPublicCategories({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ submitConsultation }, {
      method: 'post', path: '/cities/{cityCode}/communities/{communityCode}/consultations', tags: publicTags, security: noToken,
      summary: '提交咨询 Ask the community (no sign-in): a tracking code and a private link come back',
      request: { params: publicCommunityParams, ...body(consultationSubmission) },
      responses: { 201: json(consultationReceipt, 'received'), ...problemResponses(400, 404, 413, 429) },
    }),
    async (c) => c.json(await submitConsultation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json'), clientAddress: clientAddress(c) } }), 201),
  )
  .openapi(
    operation({ readConsultationLink }, {
      method: 'get', path: '/consultations/{token}', tags: publicTags, security: noToken,
      summary: '查看答复 The consultation and its answer behind a private link',
      request: { params: consultationTokenParam },
      responses: { 200: json(publicConsultation, 'the consultation'), ...problemResponses(400, 404) },
    }),
    async (c) => c.json(await readConsultationLink({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ rateConsultation }, {
      method: 'post', path: '/consultations/{token}/rating', tags: publicTags, security: noToken,
      summary: '评价答复 Rate the answer once: 满意 / 基本满意 / 不满意',
      request: { params: consultationTokenParam, ...body(ratingInput) },
      responses: { 200: json(publicConsultation, 'rated'), ...problemResponses(400, 404, 409, 422) },
    }),
    async (c) => c.json(await rateConsultation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );

/** The staff's side: the queue of my unit and below, assign, answer, close; the city's settings and holiday calendar. */
export const consultationRoutes = newRouter()
  .openapi(
    operation({ listConsultations }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '咨询队列 Consultations to my unit and below: paged, sorted, by status',
      request: { query: consultationQuery },
      responses: { 200: json(consultationPage, 'one page of the queue'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listConsultations({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getConsultationFigures }, {
      method: 'get', path: '/figures', tags, security: bearer,
      summary: '咨询统计 Received, answered on time, overdue and satisfaction, by unit and period',
      request: { query: figuresQuery },
      responses: { 200: json(consultationFigures, 'the figures'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getConsultationFigures({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getConsultationSettings }, {
      method: 'get', path: '/settings/{city}', tags, security: bearer,
      summary: '咨询平台设置 The city’s categories and answer deadline (working days)',
      request: { params: cityParam },
      responses: { 200: json(consultationSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getConsultationSettings({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateConsultationSettings }, {
      method: 'patch', path: '/settings/{city}', tags, security: bearer,
      summary: '修改咨询平台设置 Change the categories or the deadline (city admin)',
      request: { params: cityParam, ...body(consultationSettingsPatch) },
      responses: { 200: json(consultationSettingsView, 'the settings'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await updateConsultationSettings({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getConsultationCalendar }, {
      method: 'get', path: '/calendar/{city}', tags, security: bearer,
      summary: '节假日安排 A year of holidays and adjusted working days: the official schedule and the city’s own',
      request: { params: cityParam, query: calendarQuery },
      responses: { 200: json(calendarView, 'the year'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getConsultationCalendar({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ setCalendarDay }, {
      method: 'put', path: '/calendar/{city}/{day}', tags, security: bearer,
      summary: '设置节假日 Make a day a holiday, an adjusted working day, or regular again (city admin)',
      request: { params: cityParam.extend(calendarDayParam.shape), ...body(calendarDayInput) },
      responses: { 200: json(calendarView, 'the day’s year'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await setCalendarDay({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ getConsultation }, {
      method: 'get', path: '/{id}', tags, security: bearer,
      summary: '咨询详情 A consultation; the phone masked unless revealed (audited)',
      request: { params: consultationIdParam, query: revealQuery },
      responses: { 200: json(consultation, 'the consultation'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getConsultation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('query') } }), 200),
  )
  .openapi(
    operation({ assignConsultation }, {
      method: 'post', path: '/{id}/assign', tags, security: bearer,
      summary: '分派 Name who in the committee handles it',
      request: { params: consultationIdParam, ...body(assignInput) },
      responses: { 200: json(consultation, 'assigned'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await assignConsultation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ answerConsultation }, {
      method: 'post', path: '/{id}/answer', tags, security: bearer,
      summary: '答复 Answer: the resident reads it through their link',
      request: { params: consultationIdParam, ...body(answerInput) },
      responses: { 200: json(consultation, 'answered'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await answerConsultation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ closeConsultation }, {
      method: 'post', path: '/{id}/close', tags, security: bearer,
      summary: '办结 Close it',
      request: { params: consultationIdParam },
      responses: { 200: json(consultation, 'closed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await closeConsultation({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
