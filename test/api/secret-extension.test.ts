import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecretFromExtension } from '../../functions/api/production.js';

let server: Server;
let port: string;
const seen: { url?: string; token?: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ url: request.url, token: request.headers['x-aws-parameters-secrets-token'] as string | undefined });
    const secretId = new URL(request.url ?? '/', 'http://localhost').searchParams.get('secretId');
    if (request.headers['x-aws-parameters-secrets-token'] !== 'session') return void response.writeHead(403).end('{}');
    if (secretId === 'empty') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"Name":"empty"}');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Name: secretId, SecretString: `postgres://u:p@db/${secretId}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = String((server.address() as { port: number }).port);
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the secret through the Parameters and Secrets extension (node:http, no fetch)', () => {
  it('asks the extension on localhost with the session token and returns the SecretString', async () => {
    const arn = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:shequ/db-AbC';
    await expect(readSecretFromExtension(port, 'session')(arn)).resolves.toBe(`postgres://u:p@db/${arn}`);
    expect(seen.at(-1)).toEqual({ url: `/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, token: 'session' });
  });

  it('fails on a refusal, a secret without a string, and an extension that is not there', async () => {
    await expect(readSecretFromExtension(port, 'wrong')('x')).rejects.toThrow(/answered 403 for x/);
    await expect(readSecretFromExtension(port, 'session')('empty')).rejects.toThrow(/has no SecretString/);
    await expect(readSecretFromExtension('9', 'session')('x')).rejects.toThrow();
  });
});
