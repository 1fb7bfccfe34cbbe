import { readFileSync } from 'node:fs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { createApp } from '../../functions/api/app.js';
import { startChannelStandins, type ChannelStandins } from '../../functions/local/channel-standins.js';
import { startPoller, type Poller } from '../../functions/local/sqs.js';
import { createQueueWorker } from '../../functions/workers/consumer.js';
import { channelDeps, type ChannelDeps } from '../../shared/channels/deps.js';
import { memorySecretStore, type SecretStore } from '../../shared/channels/secrets.js';
import type { ServiceContext } from '../../shared/context.js';
import { consoleLinkFor } from '../../shared/notifications/links.js';
import { notify } from '../../shared/notifications/service.js';
import { enqueue } from '../../shared/outbox/enqueue.js';
import { workerPrincipal } from '../../shared/workers/process.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { createQueueFixture, eventually, receiveAll, type QueueFixture } from '../support/queues.js';
import { runTrainingWorker, trainingSweep } from '../support/training.js';

const MOBILE = '13912345678';
const WECOM_USER = 'zhang.san';
const DAYTIME = '2026-11-25T02:00:00Z'; // 10:00 Asia/Shanghai

let h: Harness;
let q: QueueFixture;
let store: SecretStore;
let standins: ChannelStandins;
let channels: ChannelDeps;
let app: ReturnType<typeof createApp>;
let admin: string;
let poller: Poller | undefined;

const call = (method: string, path: string, json?: unknown) =>
  Promise.resolve(app.request(path, { method, headers: { authorization: `Bearer ${admin}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined }));
const principal = workerPrincipal('test-writer', '4401');
const ctx = (): ServiceContext => ({ principal, db: h.database.db, clock: h.clock, logger: h.logger, requestId: 'test', config: h.deps.config });
const queue = () => q.queues['notification-delivery']!;
const received = (channel: 'wecom' | 'sms') => standins.received.filter((r) => r.channel === channel);

/** The three notices of the issue, as the training, conference and reporting modules write them (their reason codes and links). */
const notices = {
  escalation: { reasonCode: 'training.escalated_w1', reason: '培训逾期已督办', title: '培训逾期督办：李四（沙面社区居委会）', body: '委员李四的培训已逾期，请督促参训。', link: '/training/obligations?parent=440103001001' },
  meeting: { reasonCode: 'conference.reminder_1d', reason: '会议将于明天召开', title: '会议提醒：沙面街道联席会议', body: '联席会议将于明天上午九时召开。', link: '/conferences/occurrences/0190f' },
  deadline: { reasonCode: 'report.due_3d', reason: '报告将于3天后截止', title: '报告截止提醒：2026年第四季度社区建设统计', body: '请于3天内提交报告。', link: '/reports' },
};

async function write(notice: (typeof notices)[keyof typeof notices], key: string) {
  return withTenant(h.database.db, principal, (tx) => notify({ ctx: ctx(), tx, input: { recipient: { kind: 'unit', id: '4401' }, ...notice, dedupKey: key } }));
}

async function drain() {
  await q.relay();
  await eventually(async () => expect(await q.depth(queue().url)).toEqual({ visible: 0, inFlight: 0 }), 60_000, 200);
}

const deliveries = () => h.asOwner<{ channel: string; status: string; attempts: number; reason_code: string }>(sql`select d.channel, d.status, d.attempts, n.reason_code from channel_deliveries d join notifications n on n.id = d.notification_id order by n.created_at, d.channel`);

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  store = memorySecretStore();
  standins = await startChannelStandins({ store, clock: h.clock, logger: h.logger });
  channels = channelDeps({ store, linkBase: 'https://shequ.example.cn/console', endpoints: { wecom: standins.wecomBase, sms: standins.smsEndpoint } });
  app = createApp({ ...h.deps, channels });
  admin = await h.cityToken('4401');
  q = await createQueueFixture(h);
  const worker = createQueueWorker('notificationDelivery', { db: h.database.db, clock: h.clock, logger: h.logger, config: h.deps.config, personalData: h.personalData, channels });
  poller = startPoller({ client: q.client, queue: queue(), handler: worker, logger: h.logger, waitSeconds: 1 });

  expect((await call('PUT', '/v1/channels/4401/credentials/wecom', { corpId: 'ww4401', agentId: 1000002, secret: 'corp-secret-4401' })).status).toBe(200);
  expect((await call('PUT', '/v1/channels/4401/credentials/sms', { accessKeyId: 'LTAI4401', accessKeySecret: 'sms-secret-4401', signName: '广州市民政局', templateCode: 'SMS_480125001' })).status).toBe(200);
  const plan = { training_escalation: ['wecom', 'sms'], meeting: ['wecom'], report_deadline: ['wecom'] };
  expect((await call('PATCH', '/v1/channels/4401/settings', { plan, quietHours: true })).status).toBe(200);
  const me = await call('PATCH', '/v1/channels/4401/me', { wecomUserId: WECOM_USER, mobile: MOBILE });
  expect(await me.json()).toEqual({ wecom: true, mobile: '139****5678' });
}, 120_000);

afterAll(async () => {
  await poller?.stop();
  await standins?.close();
  await q?.close();
  await h?.close();
});

describe('notices through WeCom and SMS, once each', () => {
  it('never answers the credentials back', async () => {
    const settings = await (await call('GET', '/v1/channels/4401/settings')).json();
    expect(settings).toMatchObject({ wecom: { configured: true }, sms: { configured: true }, quietHours: true });
    expect(JSON.stringify(settings)).not.toMatch(/corp-secret|sms-secret|LTAI4401/);
  });

  it('delivers an escalation, a meeting reminder and a report deadline to the inbox, WeCom, and (the escalation) SMS exactly once, in Chinese, with a link', async () => {
    h.clock.set(DAYTIME);
    await write(notices.escalation, 'esc-1');
    await write(notices.meeting, 'meeting-1');
    await write(notices.deadline, 'deadline-1');
    // the same events again: the inbox's dedup key stops them, nothing more is queued
    await write(notices.escalation, 'esc-1');
    await drain();

    const inbox = await (await call('GET', '/v1/notifications?limit=10')).json() as { items: { reasonCode: string }[] };
    expect(inbox.items.map((n) => n.reasonCode).sort()).toEqual(['conference.reminder_1d', 'report.due_3d', 'training.escalated_w1']);
    const cards = received('wecom').map((r) => r.body as { touser: string; agentid: number; textcard: { title: string; url: string } });
    expect(cards.map((c) => c.textcard.title).sort()).toEqual([notices.deadline.title, notices.escalation.title, notices.meeting.title].sort());
    for (const c of cards) {
      expect(c).toMatchObject({ touser: WECOM_USER, agentid: 1000002, msgtype: 'textcard' });
      expect(c.textcard.url).toMatch(/^https:\/\/shequ\.example\.cn\/console\//);
    }
    const texts = received('sms');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toMatchObject({ PhoneNumbers: MOBILE, SignName: '广州市民政局', TemplateCode: 'SMS_480125001', TemplateParam: { kind: '培训逾期督办', title: notices.escalation.title } });
    expect((texts[0]!.body.TemplateParam as { link: string }).link).toBe('https://shequ.example.cn/console/communities/440103001001');
    expect(standins.tokensIssued).toBe(1);
    expect((await deliveries()).map((d) => `${d.reason_code}/${d.channel}/${d.status}/${d.attempts}`).sort()).toEqual(['conference.reminder_1d/wecom/sent/1', 'report.due_3d/wecom/sent/1', 'training.escalated_w1/sms/sent/1', 'training.escalated_w1/wecom/sent/1']);
  });

  it('sends nothing twice when a delivery message arrives again', async () => {
    const [n] = await h.asOwner<{ id: string }>(sql`select id from notifications where reason_code = 'training.escalated_w1'`);
    for (const channel of ['wecom', 'sms'] as const) {
      await q.client.send(new SendMessageCommand({ QueueUrl: queue().url, MessageBody: JSON.stringify({ version: 1, type: 'notification.deliver', tenant: '4401', notificationId: n!.id, channel }) }));
    }
    await drain();
    expect(received('wecom')).toHaveLength(3);
    expect(received('sms')).toHaveLength(1);
  });

  it('fetches a new access token when WeCom says the cached one expired', async () => {
    standins.expireTokens();
    await write(notices.meeting, 'meeting-2');
    await drain();
    expect(received('wecom')).toHaveLength(4);
    expect(standins.tokensIssued).toBe(2);
  });

  it('defers an SMS in quiet hours to the morning sweep, which sends it once', async () => {
    h.clock.set('2026-11-25T15:30:00Z'); // 23:30 Asia/Shanghai
    await write(notices.escalation, 'esc-night');
    await drain();
    expect(received('wecom')).toHaveLength(5);
    expect(received('sms')).toHaveLength(1);
    const [deferred] = await h.asOwner<{ status: string; not_before: Date }>(sql`select d.status, d.not_before from channel_deliveries d join notifications n on n.id = d.notification_id where n.dedup_key = 'esc-night' and d.channel = 'sms'`);
    expect(deferred!.status).toBe('deferred');
    expect(new Date(deferred!.not_before).toISOString()).toBe('2026-11-26T00:00:00.000Z'); // 08:00 Asia/Shanghai

    h.clock.set('2026-11-26T00:05:00Z');
    const sweep = () => withTenant(h.database.db, principal, (tx) => enqueue(tx, ctx(), 'notificationDelivery', { version: 1, type: 'notification.deferred_sweep', tenant: '4401', asOf: '2026-11-26T00:05:00.000Z' }));
    await sweep();
    await drain();
    await sweep();
    await drain();
    expect(received('sms')).toHaveLength(2);
    const figures = await (await call('GET', '/v1/channels/4401/figures')).json() as { channels: { channel: string; sent: number; deferred: number; failed: number }[] };
    expect(figures.channels).toEqual([
      expect.objectContaining({ channel: 'wecom', sent: 5, failed: 0, deferred: 0 }),
      expect.objectContaining({ channel: 'sms', label: '短信', sent: 2, failed: 0, deferred: 1 }),
    ]);
  });

  it('answers 409 in Chinese, writing nothing, where the deployment has no secret store for channels', async () => {
    const res = await h.request('PUT', '/v1/channels/4401/credentials/sms', { token: admin, json: { accessKeyId: 'LTAI4401', accessKeySecret: 'x', signName: '广州市民政局', templateCode: 'SMS_480125001' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'conflict', messageCode: 'channels_not_enabled', detail: expect.stringContaining('尚未开通粤政易和短信渠道') });
  });

  it('drains a provider outage to the DLQ after the catalogue’s receives, loses nothing, and a redrive delivers once', async () => {
    h.clock.set('2026-11-26T03:00:00Z');
    standins.fail('sms', 'always');
    await write(notices.escalation, 'esc-outage');
    await q.relay();
    await eventually(async () => expect((await q.depth(queue().dlqUrl)).visible).toBe(1), 60_000, 250);
    await eventually(async () => expect(await q.depth(queue().url)).toEqual({ visible: 0, inFlight: 0 }));
    expect(received('sms')).toHaveLength(2);
    expect(received('wecom')).toHaveLength(6);
    const [failed] = await h.asOwner<{ status: string; attempts: number; last_error: string }>(sql`select d.status, d.attempts, d.last_error from channel_deliveries d join notifications n on n.id = d.notification_id where n.dedup_key = 'esc-outage' and d.channel = 'sms'`);
    expect(failed).toEqual({ status: 'failed', attempts: 5, last_error: 'unreachable:isp.SYSTEM_ERROR' });
    const figures = await (await call('GET', '/v1/channels/4401/figures')).json() as { channels: { channel: string; failed: number }[] };
    expect(figures.channels.find((c) => c.channel === 'sms')!.failed).toBe(1);

    standins.fail('sms', 0);
    const dead = await receiveAll(q.client, queue().dlqUrl);
    expect(dead).toHaveLength(1);
    // `npm run dlq -- redrive notification-delivery` moves the message back with its attributes; twice here, to show the second does nothing
    for (let i = 0; i < 2; i++) {
      await q.client.send(new SendMessageCommand({ QueueUrl: queue().url, MessageBody: dead[0]!.body, MessageAttributes: Object.fromEntries(Object.entries(dead[0]!.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v! }])) }));
    }
    await drain();
    expect(received('sms')).toHaveLength(3);
    const [sent] = await h.asOwner<{ status: string }>(sql`select d.status from channel_deliveries d join notifications n on n.id = d.notification_id where n.dedup_key = 'esc-outage' and d.channel = 'sms'`);
    expect(sent!.status).toBe('sent');
  });

  it('keeps phones and WeCom ids out of logs, queue bodies and the database', async () => {
    const logs = h.logs.join('\n');
    const bodies = (await h.asOwner<{ body: unknown }>(sql`select body from outbox`)).map((o) => JSON.stringify(o.body)).join('\n');
    const contacts = (await h.asOwner<{ r: string }>(sql`select t::text as r from channel_contacts t`)).map((r) => r.r).join('\n');
    const deliveriesText = (await h.asOwner<{ r: string }>(sql`select t::text as r from channel_deliveries t`)).map((r) => r.r).join('\n');
    for (const text of [logs, bodies, contacts, deliveriesText]) {
      expect(text).not.toContain(MOBILE);
      expect(text).not.toContain(WECOM_USER);
    }
    expect(bodies).toContain('notification.deliver');
  });
});

describe('driven by the training sweep itself (issue #23)', () => {
  const DISTRICT_WECOM = 'liwan.duban';
  const DISTRICT_MOBILE = '13800138000';

  it('an escalation the sweep raises reaches the district officer in the inbox, on WeCom and by SMS, once, in Chinese with a link', async () => {
    const divisions = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
    expect(divisions.status).toBe(200);
    const street = await h.cityToken('4401', 'street_officer', '440103001');
    const district = await h.cityToken('4401', 'district_officer', '440103');
    const asDistrict = (method: string, path: string, json?: unknown) =>
      Promise.resolve(app.request(path, { method, headers: { authorization: `Bearer ${district}`, 'content-type': 'application/json' }, body: json ? JSON.stringify(json) : undefined }));
    expect((await asDistrict('PATCH', '/v1/channels/4401/me', { wecomUserId: DISTRICT_WECOM, mobile: DISTRICT_MOBILE })).status).toBe(200);
    // elected on 2026-11-20, nobody trained: a year and 31 days later the sweep reports them to the district (报区督办)
    h.clock.set('2026-11-25T02:00:00Z');
    await certifiedElection(h, street, electionPlan('440103001001', { electionDate: '2026-11-20' }));
    await runTrainingWorker(h);
    const [wecomBefore, smsBefore] = [received('wecom').length, received('sms').length];
    for (const key of ['sweep-396', 'sweep-396', 'sweep-396-again']) await trainingSweep(h, '4401', '2027-12-21', key);
    await drain();
    const inbox = await h.asOwner<{ id: string; title: string; link: string | null }>(sql`select id, title, link from notifications where recipient = '440103' and reason_code = 'training.escalated_w0'`);
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.every((n) => n.title.startsWith('培训逾期督办：'))).toBe(true);
    const cards = received('wecom').slice(wecomBefore).map((r) => r.body as { touser: string; textcard: { title: string; url: string } }).filter((c) => c.touser === DISTRICT_WECOM);
    expect(cards.map((c) => c.textcard.title).sort()).toEqual(inbox.map((n) => n.title).sort());
    // the card opens the console page the inbox links the notice to (the community whose members are overdue)
    expect(new Set(cards.map((c) => c.textcard.url))).toEqual(new Set(inbox.map((n) => `https://shequ.example.cn${consoleLinkFor(n.link)}`)));
    const texts = received('sms').slice(smsBefore).map((r) => r.body as Record<string, string>).filter((m) => m.PhoneNumbers === DISTRICT_MOBILE);
    expect(texts).toHaveLength(inbox.length);
    // the same day's sweep again, and a redelivery: nothing new anywhere
    await trainingSweep(h, '4401', '2027-12-21', 'sweep-396');
    await drain();
    expect(received('wecom').slice(wecomBefore).filter((r) => (r.body as { touser: string }).touser === DISTRICT_WECOM)).toHaveLength(cards.length);
    expect(received('sms').slice(smsBefore).filter((r) => (r.body as Record<string, string>).PhoneNumbers === DISTRICT_MOBILE)).toHaveLength(texts.length);
  }, 120_000);
});
