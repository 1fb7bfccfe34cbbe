import { createHmac, randomUUID } from 'node:crypto';
import { ProviderError } from './provider.js';

/**
 * Alibaba Cloud SMS (短信服务) SendSms, the RPC API version 2017-05-25, signed with HMAC-SHA1 signature version 1.0
 * as its documentation describes: every parameter but Signature, sorted by name, each name and value percent-encoded
 * (RFC 3986: unreserved A-Z a-z 0-9 - _ . ~ kept, everything else %XX in upper case, so space is %20, * is %2A and ~
 * stays), joined by & into the canonicalized query; StringToSign = METHOD & percentEncode('/') & percentEncode(query);
 * Signature = Base64(HMAC-SHA1(AccessKeySecret + '&', StringToSign)).
 */
export interface SmsCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** 短信签名, approved in the console, e.g. 广州市民政局. */
  signName: string;
  /** The approved template, e.g. SMS_480125001: `您有一条${kind}：${title}，请登录系统办理：${link}`. */
  templateCode: string;
}

export const SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com/';

export const percentEncode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const canonicalizedQuery = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k]!)}`)
    .join('&');

export const stringToSign = (method: 'GET' | 'POST', params: Record<string, string>) => `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;

export const rpcSignature = (method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string) =>
  createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');

/** Timestamp as the API wants it: ISO 8601 in UTC without milliseconds. */
export const rpcTimestamp = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

export interface SendSmsInput {
  phoneNumbers: string[];
  /** Values for the template's variables; each at most 35 characters (the provider's rule for a notice template). */
  templateParam: Record<string, string>;
  /** Our idempotency key, echoed in delivery receipts (OutId). */
  outId: string;
  at: Date;
  nonce?: string;
}

/** The signed parameters of one SendSms call, as the form body of a POST. */
export function sendSmsParams(credentials: SmsCredentials, input: SendSmsInput): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: credentials.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: input.outId,
    PhoneNumbers: input.phoneNumbers.join(','),
    RegionId: 'cn-hangzhou',
    SignName: credentials.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: input.nonce ?? randomUUID(),
    SignatureVersion: '1.0',
    TemplateCode: credentials.templateCode,
    TemplateParam: JSON.stringify(input.templateParam),
    Timestamp: rpcTimestamp(input.at),
    Version: '2017-05-25',
  };
  return { ...params, Signature: rpcSignature('POST', params, credentials.accessKeySecret) };
}

export interface SmsAnswer {
  Code: string;
  Message?: string;
  BizId?: string;
  RequestId?: string;
}

/** Sends one SMS to up to 1000 numbers; answers the provider's BizId. */
export async function sendSms(fetcher: typeof fetch, endpoint: string, credentials: SmsCredentials, input: SendSmsInput): Promise<{ messageId: string }> {
  const body = new URLSearchParams(sendSmsParams(credentials, input));
  let response: Response;
  try {
    response = await fetcher(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: body.toString() });
  } catch (error) {
    throw new ProviderError('sms', error instanceof Error ? error.name : 'fetch_failed', 'unreachable');
  }
  const answer = (await response.json().catch(() => ({ Code: `http_${response.status}` }))) as SmsAnswer;
  if (answer.Code === 'OK') return { messageId: answer.BizId ?? answer.RequestId ?? input.outId };
  if (answer.Code === 'isv.BUSINESS_LIMIT_CONTROL' || answer.Code === 'Throttling.User') throw new ProviderError('sms', answer.Code, 'rate_limited');
  throw new ProviderError('sms', answer.Code || `http_${response.status}`, response.status >= 500 ? 'unreachable' : 'refused');
}
