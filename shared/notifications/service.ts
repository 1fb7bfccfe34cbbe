import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notificationReads, notifications } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { planDeliveries } from '../channels/delivery.js';
import { provinceRoles, requireCity, requireProvince, roles, unitCovers } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { shanghaiTime } from '../time.js';
import type { ListNotificationsInput, NotificationView, NotifyInput } from './schemas.js';
import { msg } from './messages.js';
import { msg as hierarchyMsg } from '../hierarchy/messages.js';

type Row = typeof notifications.$inferSelect;

const view = (n: Row, readAt: Date | null): NotificationView => ({
  id: n.id,
  recipientKind: n.recipientKind,
  recipient: n.recipient,
  reasonCode: n.reasonCode,
  reason: n.reason,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  createdAtLocal: shanghaiTime(n.createdAt),
  read: readAt !== null,
  readAt: readAt?.toISOString() ?? null,
});

/**
 * Puts a notification in an inbox, inside the caller's transaction, once per dedup key; e-mails it when there is a
 * channel and an address. The mail goes before the commit, so a failed commit can repeat a mail but never lose one.
 * The city's other channels (WeCom, SMS) are queued in the same transaction and sent by the notification worker
 * after the commit (shared/channels/delivery.ts).
 */
export async function notify({ ctx, input, tx }: Call<NotifyInput> & { tx: Tx }): Promise<{ id: string; created: boolean }> {
  const tenant = ctx.principal.kind === 'province' ? undefined : ctx.principal.tenant;
  if (!tenant) throw new AppError('tenant_scope_required', msg.notification_city_only());
  const at = ctx.clock.now();
  const [row] = await tx
    .insert(notifications)
    .values({
      id: newId(at.getTime()),
      tenantId: tenant,
      recipientKind: input.recipient.kind,
      recipient: input.recipient.id,
      reasonCode: input.reasonCode,
      reason: input.reason,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      emailTo: input.email ?? null,
      dedupKey: input.dedupKey,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    const [existing] = await tx.select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupKey, input.dedupKey));
    return { id: existing!.id, created: false };
  }
  if (row.emailTo && ctx.mail) {
    await ctx.mail.send({ id: row.id, to: row.emailTo, subject: row.title, text: `${row.body}\n\n原因 Reason: ${row.reason}`, link: input.privateLink ?? row.link });
    await tx.update(notifications).set({ emailedAt: ctx.clock.now() }).where(eq(notifications.id, row.id));
  }
  await planDeliveries(tx, ctx, row, input.channels);
  return { id: row.id, created: true };
}

const readers = roles.filter((r) => r !== 'province_admin' && r !== 'province_officer');

/** The province's inbox: what the cities' report events addressed to the provincial department. */
const provinceInbox = (ctx: ServiceContext) => and(eq(notifications.recipientKind, 'province'), eq(notifications.recipient, ctx.config.provinceCode))!;

function inboxOf(ctx: ServiceContext, unit: string | undefined): SQL {
  if (ctx.principal.kind === 'province') {
    requireProvince(ctx.principal, provinceRoles);
    // a unit's inbox is a city's: the province has none of them
    if (unit) throw notFound(msg.unit_not_found({ unit }));
    return provinceInbox(ctx);
  }
  const p = requireCity(ctx.principal, readers);
  if (unit) {
    if (!unitCovers(p.unit, unit)) throw notFound(msg.unit_not_found({ unit }));
    return and(eq(notifications.recipientKind, 'unit'), eq(notifications.recipient, unit))!;
  }
  return or(and(eq(notifications.recipientKind, 'user'), eq(notifications.recipient, p.subject)), and(eq(notifications.recipientKind, 'unit'), eq(notifications.recipient, p.unit)))!;
}

export async function listNotifications({ ctx, input }: Call<ListNotificationsInput>) {
  const inbox = inboxOf(ctx, input.unit);
  const reader = ctx.principal.subject;
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const unreadOnly = isNull(notificationReads.readAt);
    const joined = () =>
      tx
        .select({ n: notifications, readAt: notificationReads.readAt })
        .from(notifications)
        .leftJoin(notificationReads, and(eq(notificationReads.tenantId, notifications.tenantId), eq(notificationReads.notificationId, notifications.id), eq(notificationReads.reader, reader)));
    const filters = [inbox];
    if (input.unread === true) filters.push(unreadOnly);
    if (input.unread === false) filters.push(sql`${notificationReads.readAt} is not null`);
    if (after) filters.push(or(lt(notifications.createdAt, after.at), and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id)))!);
    const rows = await joined().where(and(...filters)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(input.limit + 1);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .leftJoin(notificationReads, and(eq(notificationReads.tenantId, notifications.tenantId), eq(notificationReads.notificationId, notifications.id), eq(notificationReads.reader, reader)))
      .where(and(inbox, unreadOnly));
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => view(r.n, r.readAt)),
      unread: count?.n ?? 0,
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.n.createdAt, last.n.id) : null,
    };
  });
}

/** Marks a notification read for the caller; reading it again keeps the first time. */
export async function markNotificationRead({ ctx, input }: Call<{ id: string }>): Promise<NotificationView> {
  const principal = ctx.principal;
  const isMine =
    principal.kind === 'province'
      ? (requireProvince(principal, provinceRoles), (row: Row) => row.recipientKind === 'province' && row.recipient === ctx.config.provinceCode)
      : ((p) => (row: Row) => (row.recipientKind === 'user' && row.recipient === p.subject) || (row.recipientKind === 'unit' && unitCovers(p.unit, row.recipient)))(requireCity(principal, readers));
  const reader = principal.subject;
  return withTenant(ctx.db, ctx.principal, async (tx) => {
    const [row] = await tx.select().from(notifications).where(eq(notifications.id, input.id));
    if (!row || !isMine(row)) throw notFound(msg.notification_not_found({ id: input.id }));
    await tx.insert(notificationReads).values({ tenantId: row.tenantId, notificationId: row.id, reader, readAt: ctx.clock.now() }).onConflictDoNothing();
    const [read] = await tx
      .select({ readAt: notificationReads.readAt })
      .from(notificationReads)
      .where(and(eq(notificationReads.tenantId, row.tenantId), eq(notificationReads.notificationId, row.id), eq(notificationReads.reader, reader)));
    return view(row, read?.readAt ?? null);
  });
}

const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify({ at: at.toISOString(), id }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const { at, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (typeof at === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(Date.parse(at))) return { at: new Date(at), id };
  } catch {
    // falls through to the refusal below
  }
  throw new AppError('validation_failed', hierarchyMsg.cursor_not_issued(), { errors: [{ path: 'cursor', message: hierarchyMsg.cursor_invalid() }] });
}
