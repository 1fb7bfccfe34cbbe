import { z } from '@hono/zod-openapi';
import { createCalendarFeed, getCalendar, listCalendarFeeds, revokeCalendarFeed, type CalendarFeedRecord } from '../../../shared/conferences/calendar.js';
import {
  cadenceQuery, cadenceReport, calendarFeed, calendarFeedList, calendarQuery, listCalendarFeedsQuery, cancelOccurrenceInput, closeResolutionInput, createFeedInput, createSeriesInput, heldMeetingInput, listOccurrencesQuery,
  listResolutionsQuery, listSeriesQuery, minutesInput, moveOccurrenceInput, occurrence, occurrenceSummary, resolution, series, seriesPatch,
} from '../../../shared/conferences/schemas.js';
import {
  cancelOccurrence, closeResolution, conferenceCadence, createSeries, getOccurrence, getSeries, listOccurrences, listResolutions, listSeries, moveOccurrence, recordHeldMeeting, recordMinutes, updateSeries,
} from '../../../shared/conferences/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const tags = tagged('conferences');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
/** The feed's absolute URL on the origin this request came to (API Gateway passes the Host; locally, localhost). */
const withUrl = (requestUrl: string, feed: CalendarFeedRecord) => ({ ...feed, url: feed.path ? new URL(feed.path, new URL(requestUrl).origin).toString() : null });
const calendar = (ics: string) => new Response(ics, { status: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' } });

export const conferenceRoutes = newRouter()
  .openapi(
    operation({ createSeries }, {
      method: 'post', path: '/series', tags, security: bearer,
      summary: '设立联席会议 Convene a recurring joint conference (street or district officer)',
      description: 'The rule is an RFC 5545 RRULE in Asia/Shanghai; more than 100 meetings a year is refused (422), a venue already booked at one of the times too (409). The scheduling worker materialises the next 12 months.',
      request: body(createSeriesInput),
      responses: { 201: json(series, 'the series; meetings follow from the worker'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await createSeries({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  )
  .openapi(
    operation({ listSeries }, {
      method: 'get', path: '/series', tags, security: bearer,
      summary: '联席会议列表 Series convened in my unit and below',
      request: { query: listSeriesQuery },
      responses: { 200: json(z.object({ items: z.array(series) }), 'series'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listSeries({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getSeries }, {
      method: 'get', path: '/series/{id}', tags, security: bearer,
      summary: '联席会议详情 Get a series',
      request: { params: idParam },
      responses: { 200: json(series, 'the series'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSeries({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ updateSeries }, {
      method: 'patch', path: '/series/{id}', tags, security: bearer,
      summary: '调整联席会议 Change a series (future meetings only)',
      request: { params: idParam, ...body(seriesPatch) },
      responses: { 200: json(series, 'the series at its new revision'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await updateSeries({ ctx: c.var.ctx, input: { id: c.req.valid('param').id, patch: c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ recordHeldMeeting }, {
      method: 'post', path: '/series/{id}/held-meetings', tags, security: bearer,
      summary: '补录已召开的会议 Record a meeting already held, with its minutes',
      description:
        'For a meeting the system did not schedule (the series was set up after its first meeting, or the meeting was called outside the rule): ' +
        'when it began (not after now: a later time is a 400 on `startsLocal`), then attendance, minutes and resolutions as `POST /occurrences/{id}/minutes` takes them. ' +
        'Each unit in `attendance` (a member unit within the convener) is recorded as invited. A meeting of the series already at that time is a 409. Nothing is written unless all of it is.',
      request: { params: idParam, ...body(heldMeetingInput) },
      responses: { 201: json(occurrence, 'the meeting, held'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await recordHeldMeeting({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201),
  )
  .openapi(
    operation({ listOccurrences }, {
      method: 'get', path: '/occurrences', tags, security: bearer,
      summary: '会议日程 Meetings, with replies and quorum',
      request: { query: listOccurrencesQuery },
      responses: { 200: json(z.object({ items: z.array(occurrenceSummary) }), 'meetings by start'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listOccurrences({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getOccurrence }, {
      method: 'get', path: '/occurrences/{id}', tags, security: bearer,
      summary: '会议详情 A meeting: agenda (with carried resolutions), invitations and replies, quorum, minutes',
      request: { params: idParam },
      responses: { 200: json(occurrence, 'the meeting'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getOccurrence({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ cancelOccurrence }, {
      method: 'post', path: '/occurrences/{id}/cancel', tags, security: bearer,
      summary: '取消本次会议 Cancel one meeting; invitees are told',
      request: { params: idParam, ...body(cancelOccurrenceInput) },
      responses: { 200: json(occurrence, 'cancelled'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await cancelOccurrence({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ moveOccurrence }, {
      method: 'post', path: '/occurrences/{id}/move', tags, security: bearer,
      summary: '调整本次会议 Move one meeting (time, length, venue); invitees are told',
      request: { params: idParam, ...body(moveOccurrenceInput) },
      responses: { 200: json(occurrence, 'moved'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await moveOccurrence({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ recordMinutes }, {
      method: 'post', path: '/occurrences/{id}/minutes', tags, security: bearer,
      summary: '会议纪要 Attendance, minutes and resolutions (议定事项) after the meeting',
      request: { params: idParam, ...body(minutesInput) },
      responses: { 200: json(occurrence, 'held'), ...problemResponses(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await recordMinutes({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ listResolutions }, {
      method: 'get', path: '/resolutions', tags, security: bearer,
      summary: '议定事项 Resolutions and their follow-up',
      request: { query: listResolutionsQuery },
      responses: { 200: json(z.object({ items: z.array(resolution) }), 'by due date'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listResolutions({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ closeResolution }, {
      method: 'post', path: '/resolutions/{id}/close', tags, security: bearer,
      summary: '办结议定事项 Close a resolution',
      request: { params: idParam, ...body(closeResolutionInput) },
      responses: { 200: json(resolution, 'closed'), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await closeResolution({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(
    operation({ conferenceCadence }, {
      method: 'get', path: '/cadence', tags, security: bearer,
      summary: '召开频次 Series without a meeting held in the period their rule requires; meetings held against those called for',
      description:
        'Per active series: the last meeting held, the day the next one is due by, and over a window (`from`–`to`, Asia/Shanghai dates, both inclusive; ' +
        'default the 12 months up to today, i.e. from the day after the same date a year ago): `expected` meetings that started in the window (before now) and were not cancelled, ' +
        '`held` those with minutes recorded, `heldOnTime` those held on or before the day their rule set. `from` after `to`, or a window longer than 5 years, is a 400 naming the field.',
      request: { query: cadenceQuery },
      responses: { 200: json(cadenceReport, 'flags per series'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await conferenceCadence({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ getCalendar }, {
      method: 'get', path: '/calendar', tags, security: bearer,
      summary: '日历 iCalendar of a street’s (or district’s) or a member unit’s meetings',
      request: { query: calendarQuery },
      responses: { 200: { description: 'RFC 5545; one VEVENT per meeting, UID stable, SEQUENCE raised on each change', content: { 'text/calendar': { schema: z.string() } } }, ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => calendar(await getCalendar({ ctx: c.var.ctx, input: c.req.valid('query') })),
  )
  .openapi(
    operation({ createCalendarFeed }, {
      method: 'post', path: '/calendar-feeds', tags, security: bearer,
      summary: '日历订阅链接 A subscription URL for calendar clients (shown once)',
      request: body(createFeedInput),
      responses: { 201: json(calendarFeed, 'the feed with its URL (absolute `url`, relative `path`)'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(withUrl(c.req.url, await createCalendarFeed({ ctx: c.var.ctx, input: c.req.valid('json') })), 201),
  )
  .openapi(
    operation({ listCalendarFeeds }, {
      method: 'get', path: '/calendar-feeds', tags, security: bearer,
      summary: '日历订阅列表 Subscription URLs I may revoke (without the URLs)',
      description: 'The feeds of my unit (or `unit`, within it) and below, and of member units sitting there, newest first (at most 500), revoked ones marked; the roles that may revoke them only. Never the token or the URL, which are shown once, at creation.',
      request: { query: listCalendarFeedsQuery },
      responses: { 200: json(calendarFeedList, 'feeds, newest first'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listCalendarFeeds({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ revokeCalendarFeed }, {
      method: 'delete', path: '/calendar-feeds/{id}', tags, security: bearer,
      summary: '停用日历订阅 Revoke a subscription URL',
      request: { params: idParam },
      responses: { 200: json(calendarFeed, 'revoked'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(withUrl(c.req.url, await revokeCalendarFeed({ ctx: c.var.ctx, input: c.req.valid('param') })), 200),
  );
