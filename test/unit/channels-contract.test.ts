import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelStandins, type ChannelStandins } from '../../functions/local/channel-standins.js';
import { percentEncode, rpcSignature, sendSms, sendSmsParams, stringToSign } from '../../shared/channels/aliyun-sms.js';
import { ProviderError } from '../../shared/channels/provider.js';
import { noticeKindOf, smsNotBefore } from '../../shared/channels/rules.js';
import { memorySecretStore } from '../../shared/channels/secrets.js';
import { sendTextCard, textcardBody, WecomTokenCache } from '../../shared/channels/wecom.js';
import { fixedClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';

describe('Alibaba Cloud SMS signature (HMAC-SHA1, signature version 1.0)', () => {
  it('reproduces the worked example of the SMS documentation (testId / testSecret)', () => {
    // the parameters and the signature of the example in "HTTP协议及签名" (help.aliyun.com/document_detail/56189)
    const params = {
      AccessKeyId: 'testId', Action: 'SendSms', Format: 'XML', OutId: '123', PhoneNumbers: '15300000001', RegionId: 'cn-hangzhou', SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1', SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466', SignatureVersion: '1.0', TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}', Timestamp: '2017-07-12T02:42:19Z', Version: '2017-05-25',
    };
    expect(stringToSign('GET', params)).toBe(
      'GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25',
    );
    expect(rpcSignature('GET', params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('percent-encodes as the documentation says: space %20, * %2A, ~ kept', () => {
    expect(percentEncode('a b*c~d+e/')).toBe('a%20b%2Ac~d%2Be%2F');
  });

  it('signs a POST with Signature excluded from what it signs', () => {
    const params = sendSmsParams({ accessKeyId: 'k', accessKeySecret: 's', signName: '广州市民政局', templateCode: 'SMS_1' }, { phoneNumbers: ['13800138000'], templateParam: { title: '测试' }, outId: 'x', at: new Date('2026-11-25T02:00:00.123Z'), nonce: 'n' });
    const { Signature, ...signed } = params;
    expect(params.Timestamp).toBe('2026-11-25T02:00:00Z');
    expect(Signature).toBe(rpcSignature('POST', signed, 's'));
    expect(rpcSignature('POST', params, 's')).toBe(Signature);
  });
});

describe('quiet hours and notice kinds', () => {
  it('defers an SMS between 22:00 and 08:00 Asia/Shanghai to 08:00', () => {
    expect(smsNotBefore(new Date('2026-11-25T13:59:00Z'), true).toISOString()).toBe('2026-11-25T13:59:00.000Z'); // 21:59
    expect(smsNotBefore(new Date('2026-11-25T14:00:00Z'), true).toISOString()).toBe('2026-11-26T00:00:00.000Z'); // 22:00
    expect(smsNotBefore(new Date('2026-11-25T18:00:00Z'), true).toISOString()).toBe('2026-11-26T00:00:00.000Z'); // 02:00
    expect(smsNotBefore(new Date('2026-11-26T00:00:00Z'), true).toISOString()).toBe('2026-11-26T00:00:00.000Z'); // 08:00
    expect(smsNotBefore(new Date('2026-11-25T18:00:00Z'), false).toISOString()).toBe('2026-11-25T18:00:00.000Z');
  });

  it('reads the kind from the reason code', () => {
    expect(['training.escalated_w2', 'training.overdue_w1', 'conference.reminder_1d', 'report.due_3d', 'report.returned', 'channels.test', 'x'].map(noticeKindOf)).toEqual([
      'training_escalation', 'training_reminder', 'meeting', 'report_deadline', 'report_review', 'test', 'other',
    ]);
  });
});

describe('the adapters against the stand-ins', () => {
  const clock = fixedClock('2026-11-25T02:00:00Z');
  const store = memorySecretStore({
    'shequ/channels/4401': JSON.stringify({ wecom: { corpId: 'ww1', agentId: 1000002, secret: 'corp-secret' }, sms: { accessKeyId: 'LTAI1', accessKeySecret: 'sms-secret', signName: '广州市民政局', templateCode: 'SMS_480125001' } }),
  });
  let standins: ChannelStandins;
  beforeAll(async () => {
    standins = await startChannelStandins({ store, clock, logger: createLogger({ level: 'silent' }) });
  });
  afterAll(() => standins.close());

  it('matches the documented textcard request of message/send', () => {
    expect(textcardBody({ corpId: 'ww1', agentId: 1, secret: 's' }, ['UserID1', 'UserID2'], { title: '领奖通知', description: '<div class="gray">2016年9月26日</div>', url: 'https://work.weixin.qq.com' })).toEqual({
      touser: 'UserID1|UserID2', msgtype: 'textcard', agentid: 1,
      textcard: { title: '领奖通知', description: '<div class="gray">2016年9月26日</div>', url: 'https://work.weixin.qq.com', btntxt: '详情' },
      enable_id_trans: 0, enable_duplicate_check: 1, duplicate_check_interval: 1800,
    });
  });

  it('caches the access token and refetches it on 42001; refuses a wrong secret', async () => {
    const tokens = new WecomTokenCache();
    const creds = { corpId: 'ww1', agentId: 1000002, secret: 'corp-secret' };
    const card = { title: '测试', description: '测试消息', url: 'https://example.cn/' };
    await sendTextCard(fetch, standins.wecomBase, tokens, creds, ['u1'], card, clock.now().getTime());
    await sendTextCard(fetch, standins.wecomBase, tokens, creds, ['u1'], card, clock.now().getTime());
    expect(tokens.fetched).toBe(1);
    standins.expireTokens();
    await sendTextCard(fetch, standins.wecomBase, tokens, creds, ['u1'], card, clock.now().getTime());
    expect(tokens.fetched).toBe(2);
    await expect(sendTextCard(fetch, standins.wecomBase, new WecomTokenCache(), { ...creds, secret: 'wrong' }, ['u1'], card, clock.now().getTime())).rejects.toMatchObject({ code: '40001' });
    await expect(sendTextCard(fetch, standins.wecomBase, tokens, { ...creds, agentId: 7 }, ['u1'], card, clock.now().getTime())).rejects.toMatchObject({ code: '40008' });
  });

  it('has SendSms accepted when signed right and refused when the secret is wrong or the number malformed', async () => {
    const creds = { accessKeyId: 'LTAI1', accessKeySecret: 'sms-secret', signName: '广州市民政局', templateCode: 'SMS_480125001' };
    const input = { phoneNumbers: ['13800138000'], templateParam: { kind: '培训逾期督办', title: '测试' }, outId: 'n1:sms', at: clock.now() };
    await expect(sendSms(fetch, standins.smsEndpoint, creds, input)).resolves.toMatchObject({ messageId: expect.any(String) });
    await expect(sendSms(fetch, standins.smsEndpoint, { ...creds, accessKeySecret: 'wrong' }, input)).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', kind: 'refused' });
    await expect(sendSms(fetch, standins.smsEndpoint, creds, { ...input, phoneNumbers: ['12345'] })).rejects.toBeInstanceOf(ProviderError);
    await expect(sendSms(fetch, standins.smsEndpoint, creds, { ...input, at: new Date(clock.now().getTime() - 3_600_000) })).rejects.toMatchObject({ code: 'InvalidTimeStamp.Expired' });
  });
});
