import { createHash, createHmac } from 'node:crypto';
import type { KmsApi } from './kms.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface KmsHttpOptions {
  region: string;
  credentials: () => Promise<AwsCredentials> | AwsCredentials;
  /** Defaults to https://kms.<region>.amazonaws.com (amazonaws.com.cn in the China regions). */
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** AWS Signature Version 4 headers for a POST with a JSON body (the whole of what the KMS JSON API needs). */
export function signKmsRequest(input: { url: URL; region: string; target: string; body: string; credentials: AwsCredentials; at: Date }): Record<string, string> {
  const amzDate = input.at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    host: input.url.host,
    'x-amz-date': amzDate,
    'x-amz-target': input.target,
  };
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', input.url.pathname || '/', '', ...names.map((n) => `${n}:${headers[n]!.trim()}`), '', signedHeaders, sha256(input.body)].join('\n');
  const scope = `${day}/${input.region}/kms/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), 'kms'), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

/** KMS over its HTTPS JSON API, signed here, so the API needs no KMS SDK package. */
export function kmsHttpApi(options: KmsHttpOptions): KmsApi {
  const url = new URL(options.endpoint ?? `https://kms.${options.region}.amazonaws.com${options.region.startsWith('cn-') ? '.cn' : ''}/`);
  const send = async <T>(action: string, payload: unknown): Promise<T> => {
    const body = JSON.stringify(payload);
    const headers = signKmsRequest({ url, region: options.region, target: `TrentService.${action}`, body, credentials: await options.credentials(), at: options.now?.() ?? new Date() });
    delete headers.host;
    const res = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body });
    const text = await res.text();
    if (!res.ok) {
      const type = (() => {
        try {
          return String((JSON.parse(text) as { __type?: string }).__type ?? '');
        } catch {
          return '';
        }
      })();
      throw new Error(`KMS ${action} failed: HTTP ${res.status} ${type}`.trim());
    }
    return JSON.parse(text) as T;
  };
  return {
    generateDataKey: (input) => send('GenerateDataKey', input),
    decrypt: (input) => send('Decrypt', input),
  };
}
