import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelDeps } from '../../shared/channels/deps.js';
import { memorySecretStore } from '../../shared/channels/secrets.js';
import { sql } from '../support/harness.js';
import { createConsoleHarness, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
let street: Browser;
const store = memorySecretStore();

beforeAll(async () => {
  h = await createConsoleHarness({ channels: channelDeps({ store, linkBase: 'https://shequ.example.cn/console' }) });
  await h.onboard('4401', '广州市');
  expect((await h.request('POST', '/v1/divisions/import', { token: await h.cityToken('4401'), body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  admin = h.browser(await h.cityToken('4401'));
  street = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
});

afterAll(async () => {
  await h?.close();
});

describe('通知渠道', () => {
  it('lets the city admin write credentials that are never shown again, choose channels, set their own addresses and send themself a test', async () => {
    const first = await admin.get('/console/channels');
    expect(first.status).toBe(200);
    expect(textOf(first.html)).toContain('近 30 天发送情况');
    expect(textOf(first.html)).toContain('尚未配置');

    const saved = await admin.follow(await admin.post('/console/channels/wecom', { corpId: 'ww4401', agentId: '1000002', secret: 'very-secret-value' }));
    expect(textOf(saved.html)).toContain('已保存企业微信凭据');
    expect(saved.html).not.toContain('very-secret-value');
    expect(JSON.parse((await store.get('shequ/channels/4401'))!)).toMatchObject({ wecom: { corpId: 'ww4401', agentId: 1000002, secret: 'very-secret-value' } });

    const refused = await admin.post('/console/channels/sms', { accessKeyId: 'LTAI', accessKeySecret: 'x', signName: '广州市民政局', templateCode: 'not-a-code' });
    expect(refused.status).toBe(400);
    expect(refused.html).not.toContain('value="x"');

    await admin.follow(await admin.post('/console/channels/plan', { 'plan.training_escalation.wecom': 'on', 'plan.training_escalation.sms': 'on', 'plan.meeting.wecom': 'on', quietHours: 'on' }));
    expect((await h.asOwner<{ plan: unknown }>(sql`select plan from channel_settings where tenant_id = '4401'`))[0]!.plan).toMatchObject({ training_escalation: ['wecom', 'sms'], meeting: ['wecom'], report_deadline: [] });

    const me = await admin.follow(await admin.post('/console/channels/me', { wecomUserId: 'li.si', mobile: '13700001111' }));
    expect(textOf(me.html)).toContain('137****1111');
    expect(me.html).not.toContain('13700001111');

    const test = await admin.follow(await admin.post('/console/channels/test', {}));
    expect(textOf(test.html)).toContain('测试消息已进入收件箱');
    expect(await h.asOwner(sql`select reason_code from notifications where reason_code = 'channels.test'`)).toHaveLength(1);
  });

  it('shows a street officer only their own addresses', async () => {
    const page = await street.get('/console/channels');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('本人接收地址');
    expect(textOf(page.html)).not.toContain('应用凭据');
  });
});
