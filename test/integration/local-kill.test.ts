import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from '../../db/client.js';
import { loadDevIdentity, type DevClaims } from '../../functions/local/identity.js';
import { localSqsClient } from '../../functions/local/sqs.js';
import { electionPlan, sheetFor, winningVotes, type ElectionBody } from '../support/elections.js';
import { sql } from '../support/harness.js';
import { eventually } from '../support/queues.js';

type Json = Record<string, any>;

const dataDir = mkdtempSync(join(tmpdir(), 'shequ-kill-'));
const COMMUNITIES = ['440103001001', '440103002001', '440103002002', '440104001001', '440118100001'];
let children: ChildProcess[] = [];

/**
 * Where the stack keeps its data: PGlite under DATA_DIR, as `npm start` does by default; on the server tiers
 * (TEST_DATABASE_URL) a database of its own there, through the pg driver.
 */
interface StackDatabase {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function stackDatabase(): Promise<StackDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { env: {}, open: () => openDatabase({ dataDir: join(dataDir, 'pglite') }), drop: async () => {} };
  const name = `shequ_kill_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), DATABASE_DRIVER: 'pg' },
    open: () => openDatabase({ url: url.toString(), driver: 'pg' }),
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

let database: StackDatabase;

beforeAll(async () => {
  database = await stackDatabase();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Stack {
  child: ChildProcess;
  output: () => string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** `npm start` as one node process (tsx as a loader, so the pid is the server's and SIGKILL reaches it). */
async function start(ports: { api: number; sqs: number }, consumers: 'run' | 'paused'): Promise<Stack> {
  const env: Record<string, string | undefined> = { ...process.env, ...database.env, DATA_DIR: dataDir, PORT: String(ports.api), SQS_PORT: String(ports.sqs), CHANNEL_STANDIN_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', LOCAL_QUEUE_CONSUMERS: consumers };
  if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`the stack exited: ${output}`);
    const res = await fetch(`http://127.0.0.1:${ports.api}/openapi.json`);
    expect(res.status).toBe(200);
  }, 120_000, 250);
  return { child, output: () => output, exited };
}

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children = [];
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local stack after a kill -9', () => {
  it('makes every effect of messages relayed but not consumed once after a restart', async () => {
    const ports = { api: await freePort(), sqs: await freePort() };
    const base = `http://127.0.0.1:${ports.api}`;
    const first = await start(ports, 'paused');
    const identity = await loadDevIdentity(dataDir, 'shequ-local');
    const token = (claims: DevClaims) => identity.issue(claims);
    const province = await token({ sub: 'test-province', scope: 'province', role: 'province_admin', unit: '44' });
    const admin = await token({ sub: 'test-admin', tenant: '4401', role: 'city_admin', unit: '4401' });
    const call = async (bearer: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Json> => {
      const res = await fetch(`${base}${path}`, {
        method, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const json = (await res.json()) as Json;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const obligations = async () => ((await call(admin, 'GET', '/v1/training/obligations?parent=4401&size=200')).items as Json[]).length;

    // Prepare: five elections certified while the consumers are paused; the relay sends their messages to the emulator.
    await call(province, 'POST', '/v1/tenants', { code: '4401', name: '广州市' });
    await call(admin, 'POST', '/v1/divisions/import', readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), 'text/csv');
    // The child runs on the system clock, so the election is dated from it.
    const electionDate = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
    for (const community of COMMUNITIES) {
      const street = await token({ sub: `test-street-${community}`, tenant: '4401', role: 'street_officer', unit: community.slice(0, 9) });
      const planned = (await call(street, 'POST', '/v1/elections', electionPlan(community, { electionDate }))) as ElectionBody;
      const counted = (await call(street, 'POST', `/v1/elections/${planned.id}/results`, sheetFor(planned, winningVotes))) as ElectionBody;
      await call(street, 'POST', `/v1/elections/${counted.id}/certify`, {});
    }
    await eventually(async () => expect((await call(province, 'GET', '/__local/outbox')).pending).toEqual([]));
    const sqs = localSqsClient(`http://127.0.0.1:${ports.sqs}`);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'training-reminders' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    sqs.destroy();
    expect(Attributes?.ApproximateNumberOfMessages).toBe('5');
    expect(await obligations()).toBe(0);

    // Act: kill -9 between relay and consume, then start again with the consumers running.
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const second = await start(ports, 'run');

    // Assert: every member's obligation appears, and each message was processed once.
    await eventually(async () => expect(await obligations()).toBe(35), 30_000, 250);
    expect(second.output()).toMatch(/outbox redrive: messages marked sent but never processed were published again.*"training-reminders":5/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const stored = await database.open();
    try {
      const counts = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await stored.db.execute(query))[0]!.n;
      expect(await counts(sql`select count(*)::int as n from training_obligations where tenant_id = '4401'`)).toBe(35);
      expect(await counts(sql`select count(distinct (member_id, term_id))::int as n from training_obligations where tenant_id = '4401'`)).toBe(35);
      expect(await counts(sql`select count(*)::int as n from processed_messages where tenant_id = '4401' and message_type = 'committee.term_started'`)).toBe(5);
      expect(await counts(sql`select count(*)::int as n from outbox where tenant_id = '4401' and message_type = 'committee.term_started'`)).toBe(5);
    } finally {
      await stored.close();
    }
  }, 300_000);
});
