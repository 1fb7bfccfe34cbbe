import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../functions/local/host-guard.js';
import { startLocalStack, type LocalStack } from '../../functions/local/stack.js';
import { loadEnv } from '../../shared/env.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let stack: LocalStack;
let port: number;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'shequ-host-guard-'));
  port = await freePort();
  const env = loadEnv({ ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, PORT: String(port), SQS_PORT: String(await freePort()), CHANNEL_STANDIN_PORT: String(await freePort()), LOG_LEVEL: 'warn', HOST: '127.0.0.1' });
  stack = await startLocalStack(env);
}, 60_000);
afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A request to the stack on 127.0.0.1 carrying the Host (and Origin) a browser would send for `host`. */
function send(method: string, path: string, host: string, body?: string): Promise<{ status: number; type: string; text: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host, origin: `http://${host}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text, cookies: res.headers['set-cookie'] ?? [] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local stack answers only to loopback Host names (DNS rebinding)', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST'])('serves the sign-in page to Host %s with any port', async (name) => {
    const res = await send('GET', '/console/login', `${name}:${port}`);
    expect(res.status).toBe(200);
  });

  it('refuses a page on attacker.example:PORT re-pointed at 127.0.0.1: 421, a Chinese problem, no sign-in cookie', async () => {
    const host = `attacker.example:${port}`;
    const page = await send('GET', '/console/login', host);
    expect(page.status).toBe(421);
    expect(page.type).toContain('application/problem+json');
    expect(JSON.parse(page.text)).toMatchObject({ status: 421, code: 'host_not_allowed', detail: expect.stringMatching(/本地开发环境/) });
    expect(page.cookies).toEqual([]);
    const signIn = await send('POST', '/console/login', host, 'level=province&role=province_admin&_csrf=x');
    expect(signIn.status).toBe(421);
    expect(signIn.cookies).toEqual([]);
    expect((await send('GET', '/.well-known/jwks.json', host)).status).toBe(421);
    expect((await send('GET', '/v1/tenants', host)).status).toBe(421);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['localhost:3000', true],
    ['localhost.:3000', true],
    ['127.0.0.1:3000', true],
    ['127.255.255.254', true],
    ['[::1]:3000', true],
    ['[::1]', true],
    [undefined, false],
    ['', false],
    ['attacker.example:3000', false],
    ['localhost.attacker.example', false],
    ['127.0.0.1.attacker.example', false],
    ['127.0.0.256', false],
    ['127.1', false],
    ['0.0.0.0:3000', false],
    ['10.0.0.1', false],
    ['[::ffff:7f00:1]', false],
    ['[::2]', false],
    ['localhost:3000@attacker.example', false],
    ['user@localhost', false],
  ] as const)('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
