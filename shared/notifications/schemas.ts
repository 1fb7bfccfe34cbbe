import { z } from '@hono/zod-openapi';
import { divisionCode } from '../patterns.js';
import { recipientKinds } from './rules.js';

export const notificationView = z
  .object({
    id: z.uuid(),
    recipientKind: z.enum(recipientKinds).openapi({ description: '`user`: addressed to one person; `unit`: to everyone working at a division; `province`: to the provincial department (its inbox)' }),
    recipient: z.string().openapi({ example: '440103001' }),
    reasonCode: z.string().openapi({ example: 'training.due_30d', description: 'stable code of why this was sent' }),
    reason: z.string().openapi({ example: '培训将于30天后到期' }),
    title: z.string().openapi({ example: '培训提醒：沙面社区居委会' }),
    body: z.string(),
    link: z.string().nullable().openapi({ example: '/training/obligations/0190f…', description: 'where to act on it' }),
    createdAt: z.string().openapi({ format: 'date-time', description: 'UTC' }),
    createdAtLocal: z.string().openapi({ example: '2027-03-01T10:00:00+08:00', description: 'Asia/Shanghai' }),
    read: z.boolean(),
    readAt: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('Notification');
export type NotificationView = z.infer<typeof notificationView>;

export const notificationPage = z
  .object({
    items: z.array(notificationView),
    unread: z.number().int().openapi({ description: 'unread notifications in this inbox (all pages)' }),
    nextCursor: z.string().nullable(),
  })
  .openapi('NotificationPage');

export const listNotificationsQuery = z.object({
  unit: divisionCode
    .optional()
    .openapi({ description: 'the inbox of this unit (my unit or one below it); default: mine and my unit’s' }),
  unread: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsInput = z.infer<typeof listNotificationsQuery>;

export const notificationIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export interface NotifyInput {
  recipient: { kind: 'user' | 'unit' | 'province'; id: string };
  reasonCode: string;
  reason: string;
  title: string;
  body: string;
  link?: string | null;
  /** Also e-mailed when the context has a channel. */
  email?: string | null;
  /** Put in the e-mail instead of `link` and never stored: a capability such as a private reply link. */
  privateLink?: string | null;
  /** The channels beside the inbox to use instead of the city's choice for the notice's kind (a test message). */
  channels?: readonly ('wecom' | 'sms')[];
  /** Natural key of the event, e.g. `training:<member>:30d`: the same event never notifies twice. */
  dedupKey: string;
}
