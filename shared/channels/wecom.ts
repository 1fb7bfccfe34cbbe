import { ProviderError } from './provider.js';

/**
 * WeCom (企业微信; 粤政易 and other 政务微信 deployments speak the same API at their own host) application messages:
 * `GET /cgi-bin/gettoken?corpid=&corpsecret=` gives an access_token valid expires_in seconds, cached and shared by
 * every send until shortly before it expires, fetched again when the API answers 40014 (invalid) or 42001 (expired);
 * `POST /cgi-bin/message/send?access_token=` sends a textcard to `touser` (user ids joined by |) from `agentid`.
 */
export interface WecomCredentials {
  corpId: string;
  agentId: number;
  secret: string;
}

export const WECOM_BASE = 'https://qyapi.weixin.qq.com';

/** Refetch this long before the token's own expiry, so a send never carries a token that lapses in flight. */
const TOKEN_MARGIN_SECONDS = 300;
const TOKEN_REJECTED = new Set([40014, 42001]);

interface CachedToken {
  token: string;
  expiresAt: number;
}

export class WecomTokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  /** How many gettoken calls this cache made (the contract test counts them). */
  fetched = 0;

  async token(fetcher: typeof fetch, base: string, credentials: WecomCredentials, now: number): Promise<string> {
    const key = `${base}|${credentials.corpId}|${credentials.agentId}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > now) return cached.token;
    const url = `${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(credentials.corpId)}&corpsecret=${encodeURIComponent(credentials.secret)}`;
    const answer = await call<{ errcode: number; access_token?: string; expires_in?: number }>(fetcher, url);
    if (answer.errcode !== 0 || !answer.access_token) throw new ProviderError('wecom', String(answer.errcode), 'refused');
    this.fetched++;
    this.tokens.set(key, { token: answer.access_token, expiresAt: now + Math.max(0, (answer.expires_in ?? 7200) - TOKEN_MARGIN_SECONDS) * 1000 });
    return answer.access_token;
  }

  forget(base: string, credentials: WecomCredentials): void {
    this.tokens.delete(`${base}|${credentials.corpId}|${credentials.agentId}`);
  }
}

async function call<T>(fetcher: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(url, init);
  } catch (error) {
    throw new ProviderError('wecom', error instanceof Error ? error.name : 'fetch_failed', 'unreachable');
  }
  if (response.status >= 500) throw new ProviderError('wecom', `http_${response.status}`, 'unreachable');
  return (await response.json().catch(() => ({ errcode: -1 }))) as T;
}

export interface TextCard {
  /** At most 128 bytes. */
  title: string;
  /** At most 512 bytes. */
  description: string;
  url: string;
}

/** WeCom's byte limits, cut at a character boundary. */
export function cutBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

export function textcardBody(credentials: WecomCredentials, touser: string[], card: TextCard) {
  return {
    touser: touser.join('|'),
    msgtype: 'textcard',
    agentid: credentials.agentId,
    textcard: { title: cutBytes(card.title, 128), description: cutBytes(card.description, 512), url: card.url, btntxt: '详情' },
    enable_id_trans: 0,
    // the provider's own guard: the same card to the same people within half an hour is not sent again
    enable_duplicate_check: 1,
    duplicate_check_interval: 1800,
  };
}

/** Sends a textcard; a rejected token is fetched again once. Answers the msgid. */
export async function sendTextCard(fetcher: typeof fetch, base: string, tokens: WecomTokenCache, credentials: WecomCredentials, touser: string[], card: TextCard, now: number): Promise<{ messageId: string; invalid: number }> {
  for (let attempt = 0; ; attempt++) {
    const token = await tokens.token(fetcher, base, credentials, now);
    const answer = await call<{ errcode: number; msgid?: string; invaliduser?: string }>(fetcher, `${base}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(textcardBody(credentials, touser, card)),
    });
    if (answer.errcode === 0) return { messageId: answer.msgid ?? '', invalid: answer.invaliduser ? answer.invaliduser.split('|').filter(Boolean).length : 0 };
    if (TOKEN_REJECTED.has(answer.errcode) && attempt === 0) {
      tokens.forget(base, credentials);
      continue;
    }
    // 45009: the API's call frequency limit; 45033: too many concurrent calls
    throw new ProviderError('wecom', String(answer.errcode), answer.errcode === 45009 || answer.errcode === 45033 ? 'rate_limited' : 'refused');
  }
}
