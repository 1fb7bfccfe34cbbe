import { z } from '@hono/zod-openapi';
import { listNotificationsQuery, notificationIdParam, notificationPage, notificationView } from '../../../shared/notifications/schemas.js';
import { listNotifications, markNotificationRead } from '../../../shared/notifications/service.js';
import { problemResponses } from '../problems.js';
import { bearer, newRouter, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('notifications');
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const notificationRoutes = newRouter()
  .openapi(
    operation({ listNotifications }, {
      method: 'get', path: '/', tags, security: bearer,
      summary: '站内通知 My inbox: notifications to me and to my unit, newest first',
      request: { query: listNotificationsQuery },
      responses: { 200: json(notificationPage, 'a page of notifications'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listNotifications({ ctx: c.var.ctx, input: c.req.valid('query') }), 200),
  )
  .openapi(
    operation({ markNotificationRead }, {
      method: 'post', path: '/{id}/read', tags, security: bearer,
      summary: '标记已读 Mark a notification read',
      request: { params: notificationIdParam },
      responses: { 200: json(notificationView, 'the notification, now read'), ...problemResponses(400, 401, 403, 404) },
    }),
    async (c) => c.json(await markNotificationRead({ ctx: c.var.ctx, input: c.req.valid('param') }), 200),
  );
