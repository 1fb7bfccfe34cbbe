import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { channelContacts, channelDeliveries, channelSettings } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireCity, roles, type Role } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { labelOf } from '../i18n.js';
import { newId } from '../ids.js';
import { notify } from '../notifications/service.js';
import { maskPhone, parsePhone } from '../personal-data/identifiers.js';
import { personalDataCipher } from '../personal-data/service.js';
import { msg as reportingMsg } from '../reporting/messages.js';
import { readChannelSettings } from './delivery.js';
import type { ChannelDeps } from './deps.js';
import { msg } from './messages.js';
import { deliveryChannelLabels, deliveryChannels, type ChannelPlan, type DeliveryChannel } from './rules.js';
import type { ChannelFiguresView, ChannelSettingsView, MyContactView } from './schemas.js';

const admins: readonly Role[] = ['city_admin'];
const people: readonly Role[] = roles.filter((r) => r !== 'province_admin' && r !== 'province_officer');

function cityAdmin(ctx: ServiceContext, city: string) {
  const p = requireCity(ctx.principal, admins);
  if (city !== p.tenant) throw notFound(reportingMsg.city_not_found({ city }));
  return p;
}

function cityPerson(ctx: ServiceContext, city: string) {
  const p = requireCity(ctx.principal, people);
  if (city !== p.tenant) throw notFound(reportingMsg.city_not_found({ city }));
  return p;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function settingsView(tx: Tx, city: string): Promise<ChannelSettingsView> {
  const s = await readChannelSettings(tx, city);
  return { city, plan: s.plan, quietHours: s.quietHours, wecom: { configured: !!s.wecomConfiguredAt, configuredAt: iso(s.wecomConfiguredAt) }, sms: { configured: !!s.smsConfiguredAt, configuredAt: iso(s.smsConfiguredAt) } };
}

async function upsertSettings(tx: Tx, ctx: ServiceContext, city: string, set: { plan?: ChannelPlan; quietHours?: boolean; wecomConfiguredAt?: Date; smsConfiguredAt?: Date }) {
  const current = await readChannelSettings(tx, city);
  const at = ctx.clock.now();
  const values = { plan: set.plan ?? current.plan, quietHours: set.quietHours ?? current.quietHours, wecomConfiguredAt: set.wecomConfiguredAt ?? current.wecomConfiguredAt, smsConfiguredAt: set.smsConfiguredAt ?? current.smsConfiguredAt, updatedBy: ctx.principal.subject, updatedAt: at };
  await tx.insert(channelSettings).values({ tenantId: city, ...values }).onConflictDoUpdate({ target: channelSettings.tenantId, set: values });
}

export async function getChannelSettings({ ctx, input }: Call<{ city: string }>): Promise<ChannelSettingsView> {
  const p = cityAdmin(ctx, input.city);
  return withTenant(ctx.db, p, (tx) => settingsView(tx, p.tenant));
}

export async function updateChannelSettings({ ctx, input }: Call<{ city: string; plan?: ChannelPlan | undefined; quietHours?: boolean | undefined }>): Promise<ChannelSettingsView> {
  const p = cityAdmin(ctx, input.city);
  return withTenant(ctx.db, p, async (tx) => {
    const plan = input.plan ? (Object.fromEntries(Object.entries(input.plan).map(([k, v]) => [k, [...new Set(v ?? [])]])) as ChannelPlan) : undefined;
    await upsertSettings(tx, ctx, p.tenant, { ...(plan ? { plan } : {}), ...(input.quietHours !== undefined ? { quietHours: input.quietHours } : {}) });
    await recordAudit(tx, ctx, { action: 'channels.settings_changed', entity: 'channel_settings', entityId: p.tenant, detail: { plan: plan ?? null, quietHours: input.quietHours ?? null } });
    return settingsView(tx, p.tenant);
  });
}

function channelsOf(ctx: ServiceContext): ChannelDeps {
  // a deployment without a secret store for channels: no retry helps, the operators have to enable them
  if (!ctx.channels) throw new AppError('conflict', msg.channels_not_enabled());
  return ctx.channels;
}

/** Writes a channel's credentials to the secret store (never to the database, never answered back) and records that they were set. */
type WecomInput = { corpId: string; agentId: number; secret: string; apiBase?: string | undefined };
type SmsInput = { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string };

export const writeWecomCredentials = ({ ctx, input: { city, ...wecom } }: Call<{ city: string } & WecomInput>) => writeChannelCredentials({ ctx, input: { city, channel: 'wecom', wecom } });
export const writeSmsCredentials = ({ ctx, input: { city, ...sms } }: Call<{ city: string } & SmsInput>) => writeChannelCredentials({ ctx, input: { city, channel: 'sms', sms } });

async function writeChannelCredentials({ ctx, input }: Call<{ city: string; channel: DeliveryChannel; wecom?: WecomInput; sms?: SmsInput }>): Promise<ChannelSettingsView> {
  const p = cityAdmin(ctx, input.city);
  const channels = channelsOf(ctx);
  const at = ctx.clock.now();
  try {
    await channels.secrets.write(p.tenant, input.channel === 'wecom' ? { wecom: input.wecom! } : { sms: input.sms! }, at.getTime());
  } catch (error) {
    ctx.logger.error('channel secret not written', { tenant: p.tenant, channel: input.channel, error: error instanceof Error ? error.name : 'error' });
    throw new AppError('unavailable', msg.channel_secrets_unavailable());
  }
  if (input.channel === 'wecom') channels.tokens.forget(input.wecom!.apiBase ?? channels.endpoints.wecom, input.wecom!);
  return withTenant(ctx.db, p, async (tx) => {
    await upsertSettings(tx, ctx, p.tenant, input.channel === 'wecom' ? { wecomConfiguredAt: at } : { smsConfiguredAt: at });
    await recordAudit(tx, ctx, { action: 'channels.credentials_written', entity: 'channel_settings', entityId: p.tenant, detail: { channel: input.channel } });
    return settingsView(tx, p.tenant);
  });
}

const contactView = (wecom: boolean, mobile: string | null): MyContactView => ({ wecom, mobile: mobile ? maskPhone(mobile) : null });

export async function getMyChannelContact({ ctx, input }: Call<{ city: string }>): Promise<MyContactView> {
  const p = cityPerson(ctx, input.city);
  return withTenant(ctx.db, p, async (tx) => {
    const [row] = await tx.select().from(channelContacts).where(eq(channelContacts.subject, p.subject));
    if (!row) return contactView(false, null);
    const cipher = row.mobileSealed ? await personalDataCipher(ctx, tx, p.tenant, { create: false }) : null;
    return contactView(!!row.wecomUserSealed, row.mobileSealed && cipher ? cipher.open(`channel_contacts.mobile:${row.id}`, row.mobileSealed) : null);
  });
}

/** Sets the caller's own WeCom user id and mobile (sealed); the person is reached as themself and through their unit. */
export async function setMyChannelContact({ ctx, input }: Call<{ city: string; wecomUserId?: string | null | undefined; mobile?: string | null | undefined }>): Promise<MyContactView> {
  const p = cityPerson(ctx, input.city);
  const problems = [];
  if (input.wecomUserId && !/^[\w.@-]{1,64}$/.test(input.wecomUserId)) problems.push({ path: 'body.wecomUserId', message: msg.wecom_user_invalid() });
  const mobile = input.mobile ? parsePhone(input.mobile) : null;
  if (mobile && (!mobile.ok || !/^1\d{10}$/.test(mobile.value))) problems.push({ path: 'body.mobile', message: msg.mobile_invalid() });
  if (problems.length) throw new AppError('validation_failed', msg.contact_invalid(), { errors: problems });
  return withTenant(ctx.db, p, async (tx) => {
    const at = ctx.clock.now();
    const [existing] = await tx.select().from(channelContacts).where(eq(channelContacts.subject, p.subject));
    const id = existing?.id ?? newId(at.getTime());
    const cipher = await personalDataCipher(ctx, tx, p.tenant, { create: true });
    const seal = (field: string, value: string | null | undefined, current: string | null | undefined) =>
      value === undefined ? (current ?? null) : value === null || value === '' ? null : cipher!.seal(`channel_contacts.${field}:${id}`, value);
    const values = {
      unit: p.unit,
      wecomUserSealed: seal('wecom_user', input.wecomUserId, existing?.wecomUserSealed),
      mobileSealed: seal('mobile', mobile?.ok ? mobile.value : input.mobile === undefined ? undefined : null, existing?.mobileSealed),
      updatedAt: at,
    };
    await tx.insert(channelContacts).values({ id, tenantId: p.tenant, subject: p.subject, ...values }).onConflictDoUpdate({ target: [channelContacts.tenantId, channelContacts.subject], set: values });
    await recordAudit(tx, ctx, { action: 'channels.contact_changed', entity: 'channel_contacts', entityId: id, detail: { wecom: values.wecomUserSealed !== null, mobile: values.mobileSealed !== null } });
    return contactView(values.wecomUserSealed !== null, values.mobileSealed ? cipher!.open(`channel_contacts.mobile:${id}`, values.mobileSealed) : null);
  });
}

/** A test notice to the admin themself, through every configured channel they have an address on. */
export async function sendChannelTest({ ctx, input }: Call<{ city: string }>) {
  const p = cityAdmin(ctx, input.city);
  return withTenant(ctx.db, p, async (tx) => {
    const settings = await readChannelSettings(tx, p.tenant);
    const [me] = await tx.select().from(channelContacts).where(eq(channelContacts.subject, p.subject));
    const channels = deliveryChannels.filter((c) => (c === 'wecom' ? settings.wecomConfiguredAt && me?.wecomUserSealed : settings.smsConfiguredAt && me?.mobileSealed));
    if (channels.length === 0) throw new AppError('rule_violation', msg.no_address_for_test());
    const at = ctx.clock.now();
    const { id } = await notify({
      ctx, tx,
      input: { recipient: { kind: 'user', id: p.subject }, reasonCode: 'channels.test', reason: msg.test_reason().text('zh'), title: msg.test_title().text('zh'), body: msg.test_body().text('zh'), link: '/channels', dedupKey: `channels.test:${p.subject}:${at.getTime()}`, channels },
    });
    return { notificationId: id, channels };
  });
}

/** Per channel, what happened to the city's deliveries of the last 30 days. */
export async function getChannelFigures({ ctx, input }: Call<{ city: string }>): Promise<ChannelFiguresView> {
  const p = cityAdmin(ctx, input.city);
  const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select({
        channel: channelDeliveries.channel,
        sent: sql<number>`count(*) filter (where ${channelDeliveries.status} = 'sent')::int`,
        failed: sql<number>`count(*) filter (where ${channelDeliveries.status} = 'failed')::int`,
        deferred: sql<number>`count(*) filter (where ${channelDeliveries.deferredAt} is not null)::int`,
        pending: sql<number>`count(*) filter (where ${channelDeliveries.status} in ('pending', 'deferred'))::int`,
        unaddressed: sql<number>`count(*) filter (where ${channelDeliveries.status} = 'unaddressed')::int`,
      })
      .from(channelDeliveries)
      .where(and(eq(channelDeliveries.tenantId, p.tenant), gte(channelDeliveries.createdAt, since)))
      .groupBy(channelDeliveries.channel);
    return {
      city: p.tenant,
      since: since.toISOString(),
      channels: deliveryChannels.map((channel) => {
        const r = rows.find((x) => x.channel === channel);
        return { channel, label: labelOf(deliveryChannelLabels, channel).text('zh'), sent: r?.sent ?? 0, failed: r?.failed ?? 0, deferred: r?.deferred ?? 0, pending: r?.pending ?? 0, unaddressed: r?.unaddressed ?? 0 };
      }),
    };
  });
}
