import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3ArchiveStore } from '../../shared/tenant-export/s3-store.js';

/**
 * The S3 export store with the real SDK: only the HTTP exchange with S3 itself is replaced (AWS is the edge this
 * machine cannot reach), so the request the SDK signs and sends, and the link it presigns, are the real ones.
 */
/** The parts of the SDK's HTTP request the assertions read. */
interface SentRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
}

const response = (statusCode: number, headers: Record<string, string>, body: string) => ({ response: { statusCode, headers, body: Readable.from(body ? [Buffer.from(body)] : []) } });

function recordingClient() {
  const sent: SentRequest[] = [];
  const client = new S3Client({
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example/secret/key/example/secret/key0000' },
    requestHandler: {
      handle: async (request: SentRequest) => {
        sent.push(request);
        return response(200, { etag: '"e"' }, '');
      },
    } as never,
  });
  return { client, sent };
}

describe('s3ArchiveStore', () => {
  const body = new TextEncoder().encode('age-encryption.org/v1\n-> X25519 example\n');
  const sha256 = createHash('sha256').update(body).digest('hex');
  const archive = { tenant: '4401', filename: 'shequ-4401-20261125T020000Z.age', body, sha256 };

  it('puts the archive under the city with its SHA-256 for S3 to check, and presigns a 15-minute GET that names the file', async () => {
    const { client, sent } = recordingClient();
    const signedAt = new Date('2026-11-25T02:00:00Z');
    const link = await s3ArchiveStore({ bucket: 'shequ-exports-example', client, now: () => signedAt }).put(archive);

    expect(sent).toHaveLength(1);
    const put = sent[0]!;
    expect(put.method).toBe('PUT');
    expect(`${put.hostname}${put.path}`).toBe('shequ-exports-example.s3.ap-southeast-1.amazonaws.com/4401/shequ-4401-20261125T020000Z.age');
    expect(put.headers['x-amz-checksum-sha256']).toBe(Buffer.from(sha256, 'hex').toString('base64'));
    expect(put.headers['content-type']).toBe('application/octet-stream');
    expect(put.headers['content-disposition']).toBe('attachment; filename="shequ-4401-20261125T020000Z.age"');
    expect(put.headers['x-amz-meta-sha256']).toBe(sha256);
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEEXAMPLE00\/20261125\/ap-southeast-1\/s3\/aws4_request/);

    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://shequ-exports-example.s3.ap-southeast-1.amazonaws.com/4401/shequ-4401-20261125T020000Z.age');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261125T020000Z');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="shequ-4401-20261125T020000Z.age"');
    expect(link.expiresAt.toISOString()).toBe('2026-11-25T02:15:00.000Z');
    // presigning sends nothing
    expect(sent).toHaveLength(1);
  });

  it('fails the export when S3 refuses the write, so no link to a missing archive is handed out', async () => {
    const client = new S3Client({
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example/secret/key/example/secret/key0000' },
      maxAttempts: 1,
      requestHandler: {
        handle: async () => response(400, { 'content-type': 'application/xml' }, '<Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum.</Message></Error>'),
      } as never,
    });
    await expect(s3ArchiveStore({ bucket: 'shequ-exports-example', client }).put(archive)).rejects.toMatchObject({ name: 'BadDigest' });
  });
});
