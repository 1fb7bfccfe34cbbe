import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { rpcSignature } from '../../shared/channels/aliyun-sms.js';
import { channelSecret, type ChannelSecret, type SecretStore } from '../../shared/channels/secrets.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

/** What a stand-in took: the request as the provider would have it (kept in memory for tests, written as JSON for developers). */
export interface ReceivedMessage {
  channel: 'wecom' | 'sms';
  id: string;
  at: string;
  body: Record<string, unknown>;
}

export interface ChannelStandins {
  url: string;
  wecomBase: string;
  smsEndpoint: string;
  received: ReceivedMessage[];
  /** gettoken calls answered, by corp id. */
  tokensIssued: number;
  /** Makes every issued access token expired (the next send is answered 42001). */
  expireTokens(): void;
  /** The provider is down: the next `times` calls on the channel fail as the provider's system error ('always' until cleared with 0). */
  fail(channel: 'wecom' | 'sms', times: number | 'always'): void;
  close(): Promise<void>;
}

export interface StandinOptions {
  /** Where the cities' credentials are: a signature and a corp secret are checked against them. */
  store: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Under DATA_DIR/outbox-channels/{wecom,sms}/; absent → kept in memory only. */
  dir?: string;
  port?: number;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Loopback stand-ins for the WeCom API (gettoken, message/send) and Alibaba Cloud SMS (SendSms), checking what the
 * providers' documentation requires: the token flow (a token only from gettoken with the app's corp id and secret,
 * valid expires_in seconds), the message format, and the SMS request's parameters and HMAC-SHA1 signature.
 */
export async function startChannelStandins(options: StandinOptions): Promise<ChannelStandins> {
  const { clock, logger } = options;
  const secrets = async (): Promise<ChannelSecret[]> => (await (options.store.values?.() ?? Promise.resolve([]))).map((v) => channelSecret.safeParse(JSON.parse(v))).filter((r) => r.success).map((r) => r.data);
  const tokens = new Map<string, { corpId: string; agentId: number; expiresAt: number }>();
  const failing = { wecom: 0, sms: 0 } as Record<'wecom' | 'sms', number>;
  const nonces = new Set<string>();
  const received: ReceivedMessage[] = [];
  const state = { tokensIssued: 0 };
  const keep = (channel: 'wecom' | 'sms', id: string, body: Record<string, unknown>) => {
    const at = clock.now().toISOString();
    received.push({ channel, id, at, body });
    if (options.dir) {
      const dir = join(options.dir, channel);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${at.replace(/[:.]/g, '-')}-${id}.json`), `${JSON.stringify({ channel, id, at, body }, null, 2)}\n`);
    }
  };
  const takeFailure = (channel: 'wecom' | 'sms') => {
    if (failing[channel] === 0) return false;
    if (Number.isFinite(failing[channel])) failing[channel]--;
    return true;
  };

  const app = new Hono();
  app.get('/cgi-bin/gettoken', async (c) => {
    const corpId = c.req.query('corpid');
    const corpSecret = c.req.query('corpsecret');
    if (!corpId) return json({ errcode: 41002, errmsg: 'corpid missing' });
    if (!corpSecret) return json({ errcode: 41004, errmsg: 'corpsecret missing' });
    const app = (await secrets()).map((s) => s.wecom).find((w) => w?.corpId === corpId && same(w.secret, corpSecret));
    if (!app) return json({ errcode: 40001, errmsg: 'invalid credential' });
    if (takeFailure('wecom')) return json({ errcode: -1, errmsg: 'system busy' });
    const token = randomUUID().replace(/-/g, '');
    tokens.set(token, { corpId, agentId: app.agentId, expiresAt: clock.now().getTime() + 7200_000 });
    state.tokensIssued++;
    return json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
  });
  app.post('/cgi-bin/message/send', async (c) => {
    const token = c.req.query('access_token');
    if (!token) return json({ errcode: 41001, errmsg: 'access_token missing' });
    const issued = tokens.get(token);
    if (!issued) return json({ errcode: 40014, errmsg: 'invalid access_token' });
    if (issued.expiresAt <= clock.now().getTime()) return json({ errcode: 42001, errmsg: 'access_token expired' });
    if (takeFailure('wecom')) return json({ errcode: -1, errmsg: 'system busy' });
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body) return json({ errcode: 47001, errmsg: 'data format error' });
    const problems: string[] = [];
    if (typeof body.touser !== 'string' || !/^[\w.@-]{1,64}(\|[\w.@-]{1,64}){0,999}$/.test(body.touser)) problems.push('touser');
    if (body.agentid !== issued.agentId) problems.push('agentid');
    if (body.msgtype === 'textcard') {
      const card = body.textcard as Record<string, unknown> | undefined;
      if (typeof card?.title !== 'string' || !card.title || Buffer.byteLength(card.title) > 128) problems.push('textcard.title');
      if (typeof card?.description !== 'string' || !card.description || Buffer.byteLength(card.description) > 512) problems.push('textcard.description');
      if (typeof card?.url !== 'string' || !/^https?:\/\//.test(card.url)) problems.push('textcard.url');
    } else if (body.msgtype === 'text') {
      const text = body.text as Record<string, unknown> | undefined;
      if (typeof text?.content !== 'string' || !text.content) problems.push('text.content');
    } else problems.push('msgtype');
    if (problems.length) return json({ errcode: 40008, errmsg: `invalid message: ${problems.join(', ')}` });
    const msgid = randomUUID();
    keep('wecom', msgid, body);
    return json({ errcode: 0, errmsg: 'ok', invaliduser: '', invalidparty: '', invalidtag: '', unlicenseduser: '', msgid });
  });
  app.post('/sms', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string>;
    const missing = ['AccessKeyId', 'Action', 'PhoneNumbers', 'SignName', 'TemplateCode', 'SignatureMethod', 'SignatureNonce', 'SignatureVersion', 'Timestamp', 'Version', 'Signature'].filter((k) => !form[k]);
    if (missing.length) return json({ Code: 'MissingParameter', Message: `missing ${missing.join(', ')}` }, 400);
    if (form.Action !== 'SendSms' || form.Version !== '2017-05-25') return json({ Code: 'InvalidAction', Message: 'SendSms 2017-05-25 only' }, 400);
    if (form.SignatureMethod !== 'HMAC-SHA1' || form.SignatureVersion !== '1.0') return json({ Code: 'InvalidSignatureMethod' }, 400);
    const at = Date.parse(form.Timestamp!);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(form.Timestamp!) || Math.abs(at - clock.now().getTime()) > 15 * 60_000) return json({ Code: 'InvalidTimeStamp.Expired' }, 400);
    if (nonces.has(form.SignatureNonce!)) return json({ Code: 'SignatureNonceUsed' }, 400);
    const key = (await secrets()).map((s) => s.sms).find((s) => s?.accessKeyId === form.AccessKeyId);
    if (!key) return json({ Code: 'InvalidAccessKeyId.NotFound' }, 404);
    const { Signature: signature, ...signed } = form;
    if (!same(rpcSignature('POST', signed, key.accessKeySecret), signature!)) return json({ Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation.' }, 400);
    nonces.add(form.SignatureNonce!);
    if (form.SignName !== key.signName || form.TemplateCode !== key.templateCode) return json({ Code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    if (!form.PhoneNumbers!.split(',').every((n) => /^1[3-9]\d{9}$/.test(n))) return json({ Code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    let param: unknown;
    try {
      param = JSON.parse(form.TemplateParam ?? '{}');
    } catch {
      return json({ Code: 'isv.INVALID_JSON_PARAM' });
    }
    if (takeFailure('sms')) return json({ Code: 'isp.SYSTEM_ERROR', Message: 'system error' }, 500);
    const bizId = `${clock.now().getTime()}^${randomUUID().slice(0, 8)}`;
    keep('sms', bizId.replace('^', '-'), { PhoneNumbers: form.PhoneNumbers, SignName: form.SignName, TemplateCode: form.TemplateCode, TemplateParam: param, OutId: form.OutId });
    return json({ Code: 'OK', Message: 'OK', BizId: bizId, RequestId: randomUUID() });
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  logger.info('channel stand-ins ready', { wecom: url, sms: `${url}/sms`, dir: options.dir ?? '(memory)' });
  return {
    url,
    wecomBase: url,
    smsEndpoint: `${url}/sms`,
    received,
    get tokensIssued() {
      return state.tokensIssued;
    },
    expireTokens: () => {
      for (const t of tokens.values()) t.expiresAt = 0;
    },
    fail: (channel, times) => {
      failing[channel] = times === 'always' ? Number.POSITIVE_INFINITY : times;
    },
    close: () =>
      new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
