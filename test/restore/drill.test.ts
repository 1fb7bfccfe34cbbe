import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as age from 'age-encryption';
import { is } from 'drizzle-orm';
import pg from 'pg';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import type { PersonalDataVault } from '../../shared/personal-data/envelope.js';
import { databaseKeyStore } from '../../shared/personal-data/service.js';
import { decryptWith, encryptTo } from '../../shared/tenant-export/age.js';
import { packArchive, unpackArchive } from '../../shared/tenant-export/archive.js';
import { canonicalSession, digestRows, notArchived, readTenantRows, tenantCatalogue, type TableDigest } from '../../shared/tenant-export/catalogue.js';
import { RestoreRefused, restoreTenantArchive } from '../../shared/tenant-export/restore.js';
import type { ArchiveManifest } from '../../shared/tenant-export/schemas.js';
import { buildFuzzFixture } from '../support/fuzz-fixture.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

const CITY = '4401';
let source: Harness;
let target: Harness;
let identity: string;
let recipient: string;
let before: Record<string, TableDigest>;
let ownerCounts: Record<string, number>;
let archive: Uint8Array;
let manifest: ArchiveManifest;
let member: { path: string; phone: string | null; idNumber: string | null };
let exportMs: number;

/** Counts and checksums of a tenant's tables, read straight from a database (not through the export route). */
async function tenantDigests(db: Db, vault: PersonalDataVault, tenant: string): Promise<Record<string, TableDigest>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true), set_config('app.scope', 'province', true)`);
    await canonicalSession(tx);
    const catalogue = await tenantCatalogue(tx);
    const rows = await readTenantRows(tx, catalogue, tenant, () => vault.cipherFor(tenant, databaseKeyStore(tx, new Date()), { create: false }));
    return Object.fromEntries(await Promise.all(catalogue.tables.map(async (t) => [t.name, await digestRows(rows.get(t.name)!)] as const)));
  });
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function tenantRowCounts(h: Harness, tenant: string): Promise<Record<string, number>> {
  const tables = await h.asOwner<{ table_name: string }>(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by 1`);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(`"${table_name}"`)} where tenant_id = ${tenant}`);
    counts[table_name] = row!.n;
  }
  return counts;
}

beforeAll(async () => {
  const t0 = performance.now();
  source = await createHarness();
  const t1 = performance.now();
  await buildFuzzFixture(source);
  const t2 = performance.now();
  identity = await age.generateIdentity();
  recipient = await age.identityToRecipient(identity);
  const registered = await source.request('PUT', `/v1/tenants/${CITY}/export-recipient`, { token: await source.cityToken(CITY), json: { recipient } });
  expect(registered.status).toBe(200);

  const [m] = await source.asOwner<{ id: string; committee_id: string }>(sql`select id, committee_id from committee_members where tenant_id = ${CITY} and phone_sealed is not null and id_number_sealed is not null order by id limit 1`);
  const path = `/v1/committees/${m!.committee_id}/members/${m!.id}?reveal=true`;
  const shown = (await (await source.request('GET', path, { token: await source.cityToken(CITY) })).json()) as { phone: string | null; idNumber: string | null };
  member = { path, phone: shown.phone, idNumber: shown.idNumber };

  before = await tenantDigests(source.database.db, source.personalData, CITY);
  ownerCounts = await tenantRowCounts(source, CITY);
  const started = performance.now();
  const res = await source.request('GET', `/v1/tenants/${CITY}/export`, { token: await source.provinceToken() });
  exportMs = Math.round(performance.now() - started);
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/octet-stream');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="shequ-4401-\d{8}T\d{6}Z\.age"$/);
  archive = new Uint8Array(await res.arrayBuffer());
  expect(res.headers.get('x-archive-sha256')).toMatch(/^[0-9a-f]{64}$/);
  manifest = (await unpackArchive(await decryptWith(identity, archive))).manifest;
  target = await createHarness();
  console.log(`drill set-up: source database ${Math.round(t1 - t0)} ms, seeding every module ${Math.round(t2 - t1)} ms, export ${exportMs} ms, target database ${Math.round(performance.now() - t2 - exportMs)} ms`);
}, 240_000);

afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('tenant export', () => {
  it('holds every tenant table of the Drizzle schema, so a new table cannot be left out', () => {
    const tenantTables = (Object.values(schema) as unknown[])
      .filter((v): v is PgTable => is(v, PgTable))
      .map((t) => getTableConfig(t))
      .filter((c) => c.columns.some((col) => col.name === 'tenant_id'))
      .map((c) => c.name)
      .sort();
    const archived = manifest.tables.filter((t) => t.scope === 'tenant' && t.name !== 'tenants').map((t) => t.name);
    expect([...archived, ...Object.keys(notArchived)].sort()).toEqual(tenantTables);
    expect(manifest.tables[0]!.name).toBe('tenants');
    expect(manifest.tables.filter((t) => t.scope === 'province').map((t) => t.name).sort()).toEqual(['inspection_checklists', 'report_templates']);
  });

  it('has the counts and checksums of the tenant’s tables as they were before the export, and every row the owner sees', () => {
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, { rows: t.rows, sha256: t.sha256 }]))).toEqual(before);
    for (const t of manifest.tables.filter((x) => x.scope === 'tenant' && x.name !== 'tenants')) expect(t.rows, t.name).toBe(ownerCounts[t.name]);
    const populated = manifest.tables.filter((t) => t.rows > 0).map((t) => t.name);
    console.log(`archive of ${CITY}: ${archive.length} bytes, ${manifest.tables.length} tables (${populated.length} with rows), ${manifest.tables.reduce((n, t) => n + t.rows, 0)} rows, export ${exportMs} ms`);
    expect(populated.length).toBeGreaterThanOrEqual(25);
  });

  it('carries personal fields in plain text only inside the age file, and records the export in both trails', async () => {
    const { rows } = await unpackArchive(await decryptWith(identity, archive));
    const opened = rows.get('committee_members')!.flatMap((r) => Object.values(r.sealed ?? {}));
    expect(opened).toContain(member.phone);
    expect(opened).toContain(member.idNumber);
    expect(Buffer.from(archive).includes(Buffer.from(member.phone!))).toBe(false);
    expect(Buffer.from(archive).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    const audits = await source.asOwner<{ tenant_id: string | null; detail: { archiveSha256: string } }>(sql`select tenant_id, detail from audit_log where action = 'tenant.exported' order by tenant_id nulls first`);
    expect(audits.map((a) => a.tenant_id)).toEqual([null, CITY]);
    expect(source.logs.join('\n')).not.toContain(member.phone!);
  });

  it('refuses other roles, cities without a registered key and malformed recipients, naming the field', async () => {
    expect((await source.request('GET', `/v1/tenants/${CITY}/export`, { token: await source.provinceToken('province_officer') })).status).toBe(403);
    expect((await source.request('GET', `/v1/tenants/${CITY}/export`, { token: await source.cityToken(CITY) })).status).toBe(403);
    const noKey = await source.request('GET', '/v1/tenants/4403/export', { token: await source.provinceToken() });
    expect(noKey.status).toBe(409);
    expect(((await noKey.json()) as { detail: string }).detail).toContain('export-recipient');
    expect((await source.request('GET', '/v1/tenants/4499/export', { token: await source.provinceToken() })).status).toBe(404);
    for (const bad of ['age1xyz', `${recipient.slice(0, -1)}${recipient.endsWith('q') ? 'p' : 'q'}`]) {
      const res = await source.request('PUT', `/v1/tenants/${CITY}/export-recipient`, { token: await source.cityToken(CITY), json: { recipient: bad } });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.recipient']);
    }
    expect((await source.request('PUT', `/v1/tenants/${CITY}/export-recipient`, { token: await source.provinceToken(), json: { recipient } })).status).toBe(403);
  });
});

describe('the restore drill: export, offboard, restore into a fresh database, compare', () => {
  it('offboards the city: none of its rows is left', async () => {
    const token = await source.provinceToken();
    expect((await source.request('POST', `/v1/tenants/${CITY}/deactivate`, { token })).status).toBe(200);
    expect((await source.request('DELETE', `/v1/tenants/${CITY}`, { token })).status).toBe(200);
    expect(Object.values(await tenantRowCounts(source, CITY)).every((n) => n === 0)).toBe(true);
  });

  it('refuses a wrong identity, an altered file and a load that fails, and writes nothing', async () => {
    const restore = (bytes: Uint8Array, id = identity) => restoreTenantArchive({ db: target.database.db, vault: target.personalData, archive: bytes, identity: id, clock: target.clock, actor: 'test' });
    await expect(restore(archive, await age.generateIdentity())).rejects.toThrow(/cannot be opened/);

    const { manifest: m, rows } = await unpackArchive(await decryptWith(identity, archive));
    const divisions = rows.get('divisions')!;
    divisions[1] = { row: divisions[1]!.row.replace(/"name": "([^"]*)"/, '"name": "$1改"') };
    await expect(restore(await encryptTo(recipient, await packArchive(m, rows)))).rejects.toThrow(RestoreRefused);

    divisions[1] = divisions[0]!;
    const divisionsDigest = await digestRows(divisions);
    const resealed = { ...m, tables: m.tables.map((t) => (t.name === 'divisions' ? { ...t, ...divisionsDigest } : t)) };
    await expect(restore(await encryptTo(recipient, await packArchive(resealed, rows)))).rejects.toThrow(/insert into "divisions"/);

    expect(await target.asOwner(sql`select code from tenants where code = ${CITY}`)).toEqual([]);
    expect(Object.values(await tenantRowCounts(target, CITY)).every((n) => n === 0)).toBe(true);
  });

  it('restores every table with the same counts and checksums, and the city works on the new database', async () => {
    const report = await restoreTenantArchive({ db: target.database.db, vault: target.personalData, archive, identity, clock: target.clock, actor: 'restore-drill' });
    console.log(`restore of ${CITY}: ${report.tables.length} tables, ${report.rows} rows, ${report.ms} ms (${target.database.label})`);
    expect(report.tables.filter((t) => !t.match)).toEqual([]);
    expect(await tenantDigests(target.database.db, target.personalData, CITY)).toEqual(before);

    const shown = (await (await target.request('GET', member.path, { token: await target.cityToken(CITY) })).json()) as { phone: string | null; idNumber: string | null };
    expect(shown).toMatchObject({ phone: member.phone, idNumber: member.idNumber });
    const [sealed] = await target.asOwner<{ key_id: string }>(sql`select key_id from tenant_data_keys where tenant_id = ${CITY}`);
    const [row] = await target.asOwner<{ phone_sealed: string }>(sql`select phone_sealed from committee_members where tenant_id = ${CITY} and phone_sealed is not null limit 1`);
    expect(row!.phone_sealed.split('.')[1]).toBe(sealed!.key_id);
    const [audit] = await target.asOwner<{ tenant_id: string | null; actor: string }>(sql`select tenant_id, actor from audit_log where action = 'tenant.restored'`);
    expect(audit).toEqual({ tenant_id: null, actor: 'restore-drill' });
  });

  it('refuses to restore over a tenant that exists', async () => {
    await expect(restoreTenantArchive({ db: target.database.db, vault: target.personalData, archive, identity, clock: target.clock, actor: 'test' })).rejects.toThrow(/already exists/);
  });

  it('npm run restore: exits 1 on a wrong identity; prints the table-by-table comparison and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shequ-restore-cli-'));
    writeFileSync(join(dir, 'archive.age'), archive);
    writeFileSync(join(dir, 'city.key'), `# created: 2026-11-25T00:00:00Z\n# public key: ${recipient}\n${identity}\n`);
    writeFileSync(join(dir, 'other.key'), `${await age.generateIdentity()}\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const server = process.env.TEST_DATABASE_URL;
    const database = `shequ_restore_cli_${Date.now().toString(36)}`;
    const databaseUrl = server ? Object.assign(new URL(server), { pathname: `/${database}` }).toString() : undefined;
    if (server) await onServer(server, `create database ${database}`);
    const run = (key: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'functions/local/restore.ts', join(dir, 'archive.age'), '--identity', join(dir, key), ...(databaseUrl ? ['--database-url', databaseUrl] : [])], { env, encoding: 'utf8', timeout: 120_000 });
    const refused = run('other.key');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/cannot be opened with this identity/);
    const restored = run('city.key');
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/committee_members\s+\d+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+yes/);
    expect(restored.stdout).toContain(`restored ${CITY} 广州市`);
    if (server) await onServer(server, `drop database ${database} with (force)`);
  });
});
