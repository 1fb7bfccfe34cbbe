import { z } from '@hono/zod-openapi';
import { readCalendarFeed } from '../../../shared/conferences/calendar.js';
import { readReplyLink, replyToInvitation } from '../../../shared/conferences/replies.js';
import { replyInput, replyView } from '../../../shared/conferences/schemas.js';
import { problemResponses } from '../problems.js';
import { newRouter, noToken, operation } from '../router.js';
import { tagged } from '../tags.js';

const tokenParam = z.object({ token: z.string().min(10).max(80).openapi({ param: { name: 'token', in: 'path' }, description: 'the private token from the mail' }) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Reply links: no login, the random token is the credential; 404 for an unknown one, 410 once the meeting is over, 403 while its city is deactivated. */
export const replyLinkRoutes = newRouter()
  .openapi(
    operation({ readReplyLink }, {
      method: 'get', path: '/{token}', tags: tagged('replyLinks'), security: noToken,
      summary: '查看会议邀请 The invitation behind a private reply link',
      request: { params: tokenParam },
      responses: { 200: json(replyView, 'the meeting and the current reply'), ...problemResponses(403, 404, 410) },
    }),
    async (c) => c.json(await readReplyLink({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  )
  .openapi(
    operation({ replyToInvitation }, {
      method: 'post', path: '/{token}', tags: tagged('replyLinks'), security: noToken,
      summary: '答复会议邀请 Accept, decline or delegate',
      request: { params: tokenParam, body: { required: true, content: { 'application/json': { schema: replyInput } } } },
      responses: { 200: json(replyView, 'the reply as recorded'), ...problemResponses(400, 403, 404, 410) },
    }),
    async (c) => c.json(await replyToInvitation({ ctx: c.var.ctx, input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  );

/** Calendar subscriptions: clients cannot send a bearer token, so the unguessable, revocable URL is the credential. */
export const calendarFeedRoutes = newRouter().openapi(
  operation({ readCalendarFeed }, {
    method: 'get', path: '/{token}', tags: tagged('conferences'), security: noToken,
    summary: '订阅日历 iCalendar feed behind a subscription URL',
    request: { params: tokenParam },
    responses: { 200: { description: 'RFC 5545 calendar', content: { 'text/calendar': { schema: z.string() } } }, ...problemResponses(403, 404) },
  }),
  async (c) => new Response(await readCalendarFeed({ ctx: c.var.ctx, input: c.req.valid('param') }), { status: 200, headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' } }),
);
