import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { channelContacts, channelDeliveries, channelRateBuckets, channelSettings, notifications } from '../../db/schema/index.js';
import type { ServiceContext } from '../context.js';
import { enqueue } from '../outbox/enqueue.js';
import { personalDataCipher } from '../personal-data/service.js';
import type { QueueMessage } from '../queues.js';
import { recordSweepRun } from '../sweeps/service.js';
import type { MessageCall, RecordedFailure } from '../workers/process.js';
import { sendSms } from './aliyun-sms.js';
import { ProviderError } from './provider.js';
import { defaultChannelPlan, noticeKindLabels, noticeKindOf, rateLimits, smsNotBefore, type DeliveryChannel } from './rules.js';
import { sendTextCard } from './wecom.js';
import { consoleLinkFor } from '../notifications/links.js';

type DeliverMessage = Extract<QueueMessage<'notificationDelivery'>, { type: 'notification.deliver' }>;
type SweepMessage = Extract<QueueMessage<'notificationDelivery'>, { type: 'notification.deferred_sweep' }>;
type NotificationRow = typeof notifications.$inferSelect;

/** A city's channel settings, or the default (no channel beside the inbox, quiet hours on). */
export async function readChannelSettings(tx: Tx, tenant: string) {
  const [row] = await tx.select().from(channelSettings).where(eq(channelSettings.tenantId, tenant));
  return { plan: row?.plan ?? defaultChannelPlan, quietHours: row?.quietHours ?? true, wecomConfiguredAt: row?.wecomConfiguredAt ?? null, smsConfiguredAt: row?.smsConfiguredAt ?? null };
}

/**
 * Called by notify() in the writer's transaction once the inbox row is new: one queue message per channel the city
 * chose for the notice's kind (or the channels asked for), relayed after the commit. Ids only.
 */
export async function planDeliveries(tx: Tx, ctx: ServiceContext, row: NotificationRow, asked?: readonly DeliveryChannel[]): Promise<DeliveryChannel[]> {
  if (row.recipientKind === 'province') return [];
  let channels = asked;
  if (!channels) {
    // a channel chosen before its credentials were written is not queued: it would only fail into the DLQ
    const settings = await readChannelSettings(tx, row.tenantId);
    channels = (settings.plan[noticeKindOf(row.reasonCode)] ?? []).filter((c) => (c === 'wecom' ? settings.wecomConfiguredAt : settings.smsConfiguredAt));
  }
  for (const channel of channels) {
    await enqueue(tx, ctx, 'notificationDelivery', { version: 1, type: 'notification.deliver', tenant: row.tenantId, notificationId: row.id, channel });
  }
  return [...channels];
}

/** A failed send: the savepoint rolls back, then this records the attempt in the city's transaction, so the figures count it while the queue retries. */
class DeliveryFailed extends Error implements RecordedFailure {
  constructor(
    readonly key: { tenant: string; notificationId: string; channel: DeliveryChannel },
    readonly code: string,
    readonly at: Date,
  ) {
    super(`delivery on ${key.channel} failed: ${code}`);
  }

  async record(tx: Tx): Promise<void> {
    const { tenant, notificationId, channel } = this.key;
    await tx
      .insert(channelDeliveries)
      .values({ tenantId: tenant, notificationId, channel, status: 'failed', attempts: 1, lastError: this.code, createdAt: this.at, updatedAt: this.at })
      .onConflictDoUpdate({
        target: [channelDeliveries.tenantId, channelDeliveries.notificationId, channelDeliveries.channel],
        set: { status: sql`case when ${channelDeliveries.status} = 'sent' then ${channelDeliveries.status} else 'failed' end`, attempts: sql`${channelDeliveries.attempts} + 1`, lastError: this.code, updatedAt: this.at },
      });
  }
}

/** Takes one token of the city's bucket for a provider; false when the bucket is empty (the message is retried later). */
export async function takeToken(tx: Tx, tenant: string, channel: DeliveryChannel, at: Date): Promise<boolean> {
  const { capacity, perSecond } = rateLimits[channel];
  await tx.insert(channelRateBuckets).values({ tenantId: tenant, channel, tokens: capacity, refilledAt: at }).onConflictDoNothing();
  const [bucket] = await tx.select().from(channelRateBuckets).where(and(eq(channelRateBuckets.tenantId, tenant), eq(channelRateBuckets.channel, channel))).for('update');
  const elapsed = Math.max(0, (at.getTime() - bucket!.refilledAt.getTime()) / 1000);
  const tokens = Math.min(capacity, bucket!.tokens + elapsed * perSecond);
  const granted = tokens >= 1;
  await tx
    .update(channelRateBuckets)
    .set({ tokens: granted ? tokens - 1 : tokens, refilledAt: at })
    .where(and(eq(channelRateBuckets.tenantId, tenant), eq(channelRateBuckets.channel, channel)));
  return granted;
}

/** The addresses of the people a notification reaches on a channel, opened only here, in the worker. */
async function addressesOf(tx: Tx, ctx: ServiceContext, n: NotificationRow, channel: DeliveryChannel): Promise<string[]> {
  const column = channel === 'wecom' ? channelContacts.wecomUserSealed : channelContacts.mobileSealed;
  const who = n.recipientKind === 'user' ? eq(channelContacts.subject, n.recipient) : eq(channelContacts.unit, n.recipient);
  const rows = await tx.select({ id: channelContacts.id, sealed: column }).from(channelContacts).where(and(who, sql`${column} is not null`));
  if (rows.length === 0) return [];
  const cipher = await personalDataCipher(ctx, tx, n.tenantId, { create: false });
  if (!cipher) return [];
  const field = channel === 'wecom' ? 'wecom_user' : 'mobile';
  return [...new Set(rows.map((r) => cipher.open(`channel_contacts.${field}:${r.id}`, r.sealed!)))];
}

const deliveryKey = (tenant: string, notificationId: string, channel: DeliveryChannel) =>
  and(eq(channelDeliveries.tenantId, tenant), eq(channelDeliveries.notificationId, notificationId), eq(channelDeliveries.channel, channel));

/**
 * One notification on one channel, exactly once: the delivery row (unique per notification and channel) is locked, a
 * sent one is never sent again; an SMS in quiet hours is deferred to the morning sweep; the provider's token bucket is
 * respected; a provider failure is recorded and thrown, so the queue retries it and, after its receives, dead-letters it.
 */
export async function deliverNotification({ ctx, tx, input }: MessageCall<DeliverMessage>) {
  const { tenant, notificationId, channel } = input;
  const deps = ctx.channels;
  if (!deps) throw new Error('no channel adapters in this process');
  const at = ctx.clock.now();
  const [n] = await tx.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!n) return { skipped: 'notification_gone' };
  await tx.insert(channelDeliveries).values({ tenantId: tenant, notificationId, channel, status: 'pending', createdAt: at, updatedAt: at }).onConflictDoNothing();
  const [d] = await tx.select().from(channelDeliveries).where(deliveryKey(tenant, notificationId, channel)).for('update');
  if (d!.status === 'sent' || d!.status === 'unaddressed') return { duplicate: true, status: d!.status };
  const update = (set: Partial<typeof channelDeliveries.$inferInsert>) => tx.update(channelDeliveries).set({ ...set, updatedAt: at }).where(deliveryKey(tenant, notificationId, channel));

  const settings = await readChannelSettings(tx, tenant);
  if (channel === 'sms') {
    const notBefore = smsNotBefore(at, settings.quietHours);
    if (notBefore > at) {
      await update({ status: 'deferred', notBefore, deferredAt: d!.deferredAt ?? at });
      return { deferred: notBefore.toISOString() };
    }
  }
  const addresses = await addressesOf(tx, ctx, n, channel);
  if (addresses.length === 0) {
    await update({ status: 'unaddressed', recipients: 0 });
    return { unaddressed: true };
  }
  const fail = (code: string) => new DeliveryFailed({ tenant, notificationId, channel }, code, at);
  if (!(await takeToken(tx, tenant, channel, at))) throw fail('rate_limited');
  const secret = await deps.secrets.read(tenant, at.getTime()).catch(() => null);
  if (!secret) throw fail('secret_unavailable');
  // the console page the notice is acted on (the inbox when it names none); linkBase is the console's public address
  const link = `${deps.linkBase}${(consoleLinkFor(n.link) ?? '/console/inbox').replace(/^\/console/, '')}`;
  try {
    let messageId: string;
    if (channel === 'wecom') {
      if (!secret.wecom) throw fail('not_configured');
      const base = secret.wecom.apiBase ?? deps.endpoints.wecom;
      ({ messageId } = await sendTextCard(deps.fetch, base, deps.tokens, secret.wecom, addresses, { title: n.title, description: `${n.reason}\n${n.body}`, url: link }, at.getTime()));
    } else {
      if (!secret.sms) throw fail('not_configured');
      const kind = noticeKindLabels[noticeKindOf(n.reasonCode)];
      ({ messageId } = await sendSms(deps.fetch, secret.sms.endpoint ?? deps.endpoints.sms, secret.sms, {
        phoneNumbers: addresses,
        templateParam: { kind: kind.slice(0, 35), title: [...n.title].slice(0, 35).join(''), link: link.slice(0, 35 * 3) },
        outId: `${notificationId}:sms`,
        at,
      }));
    }
    await update({ status: 'sent', sentAt: at, attempts: d!.attempts + 1, recipients: addresses.length, providerMessageId: messageId, lastError: null });
    return { sent: addresses.length };
  } catch (error) {
    if (error instanceof DeliveryFailed) throw error;
    if (error instanceof ProviderError) throw fail(`${error.kind}:${error.code}`);
    throw fail(error instanceof Error ? error.name : 'error');
  }
}

/** The morning sweep: every SMS deferred by quiet hours whose time has come is queued again (once: it leaves `deferred`). */
export async function runDeferredSweep(call: MessageCall<SweepMessage>) {
  const { ctx, tx, input } = call;
  // a replay of the same day finds nothing left deferred: the work is idempotent, so the run is recorded, not required
  await recordSweepRun(call);
  const asOf = new Date(input.asOf);
  const due = await tx
    .update(channelDeliveries)
    .set({ status: 'pending', updatedAt: ctx.clock.now() })
    .where(and(eq(channelDeliveries.tenantId, input.tenant), eq(channelDeliveries.status, 'deferred'), or(lte(channelDeliveries.notBefore, asOf), sql`${channelDeliveries.notBefore} is null`)))
    .returning({ notificationId: channelDeliveries.notificationId, channel: channelDeliveries.channel });
  for (const d of due) await enqueue(tx, ctx, 'notificationDelivery', { version: 1, type: 'notification.deliver', tenant: input.tenant, notificationId: d.notificationId, channel: d.channel });
  return { requeued: due.length };
}
