import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzFixture, describeRequest, sendFuzzRequest, type FuzzFixture } from '../support/fuzz-fixture.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { personalDataIn } from '../support/personal-data.js';
import { operationsOf, personalFields, validRequestArbitrary, type Operation } from '../support/openapi-requests.js';

const WRITES_PER_OPERATION = Number(process.env.PII_WRITES ?? 25);
const serverUrl = process.env.TEST_DATABASE_URL;


let h: Harness;
let fx: FuzzFixture;
let operations: Operation[];
const sent = { phones: new Set<string>(), ids: new Set<string>() };
const personalOperations: { name: string; fields: string[]; accepted: number; tried: number }[] = [];
const writes = { tried: 0, accepted: 0, operations: 0 };

function collectSent(body: string | undefined): void {
  if (!body) return;
  const found = personalDataIn(body.replace(/\\u[0-9a-f]{4}/gi, ' '));
  for (const p of found.phones) sent.phones.add(p);
  for (const id of found.ids) sent.ids.add(id.toUpperCase());
}

beforeAll(async () => {
  h = await createHarness();
  fx = await buildFuzzFixture(h);
  operations = operationsOf(fx.doc);
  const cityCallers = fx.callers.filter((c) => c.role !== 'province_admin' && c.role !== 'auditor');
  const province = fx.callers.find((c) => c.role === 'province_admin')!;

  for (const op of operations.filter((o) => o.method !== 'GET' && o.body)) {
    const fields = Object.values(op.body!.content).flatMap((schema) => personalFields(fx.doc, schema).map((f) => `${f.path.join('.')} (${f.kind})`));
    if (fields.length === 0) continue;
    const entry = { name: `${op.method} ${op.path}`, fields: [...new Set(fields)], accepted: 0, tried: 0 };
    personalOperations.push(entry);
    const requests = fc.sample(validRequestArbitrary(fx.doc, op, fx.pool), { numRuns: WRITES_PER_OPERATION * 4, seed: 7 });
    for (const [i, req] of requests.entries()) {
      if (entry.accepted >= WRITES_PER_OPERATION) break;
      let res: Response | undefined;
      let caller = cityCallers[0]!;
      for (const c of [...cityCallers.slice(i % cityCallers.length), ...cityCallers.slice(0, i % cityCallers.length)]) {
        caller = c;
        res = await sendFuzzRequest(h, req, c.token);
        if (res.status !== 403) break;
      }
      entry.tried++;
      if (!res) continue;
      if (res.status < 300) {
        entry.accepted++;
        collectSent(req.body);
        if (res.headers.get('content-type')?.includes('json')) fx.pool.harvestResponse(op, await res.json());
      } else if (res.status >= 500) throw new Error(`${describeRequest(req, caller.role)} → ${res.status} ${await res.text()}`);
    }
  }

  for (const op of operations.filter((o) => o.method !== 'GET')) {
    writes.operations++;
    const requests = fc.sample(validRequestArbitrary(fx.doc, op, fx.pool), { numRuns: WRITES_PER_OPERATION, seed: 11 });
    for (const [i, req] of requests.entries()) {
      const caller = op.path.startsWith('/v1/tenants') || op.path.startsWith('/v1/province') ? province : cityCallers[i % cityCallers.length]!;
      const res = await sendFuzzRequest(h, req, caller.token);
      writes.tried++;
      if (res.status < 300) {
        writes.accepted++;
        collectSent(req.body);
        if (res.headers.get('content-type')?.includes('json')) fx.pool.harvestResponse(op, await res.json().catch(() => null));
      }
      await fx.repair();
    }
  }
}, 600_000);

afterAll(async () => {
  await h?.close();
});

describe('personal data at rest, in logs and in queue bodies', () => {
  it('finds no plaintext phone or ID number in a dump of the database, the logs or the outbox bodies', async () => {
    let dump: string;
    let dumpedWith: string;
    if (serverUrl && h.database.label.startsWith('pg:')) {
      const url = new URL(serverUrl);
      url.pathname = `/${h.database.label.slice(3)}`;
      const run = spawnSync('pg_dump', ['--no-owner', '--no-privileges', '--dbname', url.toString()], { encoding: 'utf8', maxBuffer: 1 << 30 });
      expect(run.status, run.stderr).toBe(0);
      dump = run.stdout;
      dumpedWith = `pg_dump of ${h.database.label}`;
    } else {
      const tables = await h.asOwner<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
      const parts: string[] = [];
      for (const { table_name } of tables) {
        const rows = await h.asOwner<{ r: string }>(sql.raw(`select t::text as r from "${table_name}" t`));
        parts.push(`-- ${table_name}\n${rows.map((r) => r.r).join('\n')}`);
      }
      dump = parts.join('\n');
      dumpedWith = `every row of every table as text (PGlite; set TEST_DATABASE_URL for pg_dump)`;
    }
    const outbox = await h.asOwner<{ body: unknown }>(sql`select body from outbox`);
    const queueBodies = outbox.map((o) => JSON.stringify(o.body)).join('\n');
    const logs = h.logs.join('\n');

    const findings = {
      database: personalDataIn(dump),
      logs: personalDataIn(logs),
      queueBodies: personalDataIn(queueBodies),
    };
    const seeded = [...sent.phones, ...sent.ids];
    const seededFound = Object.fromEntries(
      Object.entries({ database: dump, logs, queueBodies }).map(([where, text]) => [where, seeded.filter((value) => text.toUpperCase().includes(value.toUpperCase()))]),
    );

    const fieldCount = personalOperations.reduce((n, o) => n + o.fields.length, 0);
    const banner = fieldCount === 0
      ? '!!! NO PERSONAL-DATA FIELDS (phone, idNumber…) FOUND IN /openapi.json: the scan below only proves the routes that exist store no such values !!!'
      : `${fieldCount} personal-data field(s) in ${personalOperations.length} operation(s):\n${personalOperations.map((o) => `  ${o.name}: ${o.fields.join(', ')}; ${o.accepted}/${o.tried} accepted`).join('\n')}`;
    console.log(
      [
        `PII scan: ${banner}`,
        `  ${writes.operations} write operations exercised with ${writes.tried} schema-valid requests (${writes.accepted} accepted)`,
        `  ${sent.phones.size} phone numbers and ${sent.ids.size} ID numbers were sent in accepted requests`,
        `  scanned: ${dumpedWith} (${(dump.length / 1024).toFixed(0)} KiB), ${h.logs.length} log lines, ${outbox.length} outbox bodies`,
        `  plaintext found: database ${findings.database.phones.length + findings.database.ids.length}, logs ${findings.logs.phones.length + findings.logs.ids.length}, queue bodies ${findings.queueBodies.phones.length + findings.queueBodies.ids.length}`,
      ].join('\n'),
    );
    const where = (value: string) => {
      const at = dump.indexOf(value);
      const table = dump.slice(0, at).match(/(?:^|\n)(?:COPY public\.|-- )"?([a-z_]+)"?[^\n]*\n(?![\s\S]*\n(?:COPY public\.|-- )[a-z_"])/);
      return `${value} in ${table?.[1] ?? 'the dump'}`;
    };
    expect({ ...findings, database: [...findings.database.phones, ...findings.database.ids].map(where) }).toEqual({
      database: [],
      logs: { phones: [], ids: [] },
      queueBodies: { phones: [], ids: [] },
    });
    expect(seededFound).toEqual({ database: [], logs: [], queueBodies: [] });
  });

  it('recognises what it looks for', () => {
    expect(personalDataIn('call 13812345678, id 11010519491231002X; not 440103001001, 1764000000000, 018f3c2a-1381-2345-6781-13812345678a or dd584ec2a1ed17526781420c')).toEqual({
      phones: ['13812345678'],
      ids: ['11010519491231002X'],
    });
  });
});
