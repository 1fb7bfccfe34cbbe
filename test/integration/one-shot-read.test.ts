import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTripReadOf, openDatabase, rowsOf } from '../../db/client.js';
import { divisions } from '../../db/schema/index.js';
import { readAsTenant, readRowsAsTenant, withTenant, type Reader } from '../../db/tenant.js';
import type { Principal } from '../../shared/auth/principal.js';
import { AppError } from '../../shared/errors.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { roundTripCounter } from '../support/round-trips.js';

let h: Harness;
const city = (tenant: string): Principal => ({ kind: 'city', subject: 'test', tenant, role: 'city_admin', unit: tenant });
beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  for (const [tenant, csv] of [['4401', 'code,name\n440103,荔湾区\n'], ['4403', 'code,name\n440303,罗湖区\n']] as const) {
    const res = await h.request('POST', '/v1/divisions/import', { token: await h.cityToken(tenant), body: csv, contentType: 'text/csv' });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await h?.close();
});

const byCode = (code: string) => (tx: Reader) => tx.select({ code: divisions.code, tenantId: divisions.tenantId }).from(divisions).where(eq(divisions.code, code));

describe('readAsTenant: one statement as the tenant in one round trip', () => {
  it('answers as withTenant does, under the same RLS: a city reads its rows and none of another city', async () => {
    expect(await readAsTenant(h.database.db, city('4401'), byCode('440103'))).toEqual([{ code: '440103', tenantId: '4401' }]);
    expect(await readAsTenant(h.database.db, city('4401'), byCode('440303'))).toEqual([]);
    const all = await readAsTenant(h.database.db, city('4403'), (tx) => tx.select({ tenantId: divisions.tenantId }).from(divisions));
    expect(new Set(all.map((r) => r.tenantId))).toEqual(new Set(['4403']));
    expect(await readAsTenant(h.database.db, city('4403'), byCode('440303'))).toEqual(await withTenant(h.database.db, city('4403'), byCode('440303')));
  });

  it('leaves no tenant setting and no role behind on the connection', async () => {
    for (let i = 0; i < 5; i++) {
      await readAsTenant(h.database.db, city('4401'), byCode('440103'));
      const [after] = await h.asOwner<{ tenant: string | null; scope: string | null; role: string }>(
        sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.scope', true) as scope, current_user as role`,
      );
      expect(after?.tenant ?? '').toBe('');
      expect(after?.scope ?? '').toBe('');
      expect(after?.role).not.toBe('shequ_app');
    }
  });

  it('refuses a deactivated city with tenant_inactive and returns none of its rows', async () => {
    await h.asOwner(sql`update tenants set status = 'inactive' where code = '4403'`);
    try {
      const error = await readAsTenant(h.database.db, city('4403'), byCode('440303')).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('tenant_inactive');
      const never = await readAsTenant(h.database.db, city('4499'), byCode('440303')).catch((e: AppError) => e.code);
      expect(never).toBe('tenant_inactive');
    } finally {
      await h.asOwner(sql`update tenants set status = 'active' where code = '4403'`);
    }
  });

  it("runs the statement after the settings, as the runtime role, in the settings' transaction (the database's one-trip transport itself)", async () => {
    const send = oneTripReadOf(h.database.db);
    expect(send).toBeDefined();
    const preamble = { sql: "select set_config('app.tenant_id', $1, true), set_config('role', 'shequ_app', true)", params: ['4403'] };
    const { rows } = await send!(preamble, { sql: 'select current_setting($1, true) as tenant, current_user as role, count(*)::int as n, txid_current_if_assigned() is null as read_only from divisions', params: ['app.tenant_id'] }, 'object');
    // as withTenant counts them under RLS, fewer than the owner (a superuser, outside RLS) counts
    const [own] = await withTenant(h.database.db, city('4403'), async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from divisions`)));
    const [every] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions`);
    expect(own!.n).toBeLessThan(every!.n);
    expect(rows).toEqual([{ tenant: '4403', role: 'shequ_app', n: own!.n, read_only: true }]);
    const [after] = await h.asOwner<{ tenant: string | null; role: string }>(sql`select current_setting('app.tenant_id', true) as tenant, current_user as role`);
    expect(after?.tenant ?? '').toBe('');
    expect(after?.role).not.toBe('shequ_app');
  });

  it('travels in one round trip on the server (withTenant takes four)', async (context) => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl || !h.database.label.startsWith('pg:')) return context.skip();
    const url = new URL(serverUrl);
    url.pathname = `/${h.database.label.slice('pg:'.length)}`;
    const counter = await roundTripCounter(url.toString());
    const single = await openDatabase({ url: counter.url, driver: 'pg', maxConnections: 1 });
    try {
      expect(await readAsTenant(single.db, city('4401'), byCode('440103'))).toEqual([{ code: '440103', tenantId: '4401' }]);
      counter.reset();
      for (let i = 0; i < 5; i++) expect(await readAsTenant(single.db, city('4401'), byCode('440103'))).toEqual([{ code: '440103', tenantId: '4401' }]);
      expect(counter.count()).toBe(5);
      counter.reset();
      expect(await readRowsAsTenant(single.db, city('4401'), sql`select code from divisions where code = ${'440103'}`)).toEqual([{ code: '440103' }]);
      expect(counter.count()).toBe(1);
      counter.reset();
      expect(await withTenant(single.db, city('4401'), byCode('440103'))).toEqual([{ code: '440103', tenantId: '4401' }]);
      expect(counter.count()).toBe(4);
    } finally {
      await single.close();
      await counter.close();
    }
  });

  it('takes the ordinary path, with the same answer, for a second statement or a value it cannot inline', async () => {
    const two = await readAsTenant(h.database.db, city('4401'), async (tx) => {
      const first = await tx.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, '440103'));
      const second = rowsOf<{ tenant: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as tenant`));
      return { first, second };
    });
    expect(two).toEqual({ first: [{ code: '440103' }], second: [{ tenant: '4401' }] });
    const json = await readAsTenant(h.database.db, city('4401'), async (tx) => rowsOf<{ j: unknown }>(await tx.execute(sql`select ${JSON.stringify({ a: "it's" })}::jsonb as j`)));
    expect(json).toEqual([{ j: { a: "it's" } }]);
    const array = await readAsTenant(h.database.db, city('4401'), async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select cardinality(${sql.param([1, 2, 3])}::int[]) as n`)));
    expect(array).toEqual([{ n: 3 }]);
    const nul = await readAsTenant(h.database.db, city('4401'), byCode('44\u00000103')).catch((e: Error) => e);
    expect(nul).toBeInstanceOf(Error);
  });

  it('keeps a hostile value inside its literal', async () => {
    const hostile = "440103' or '1'='1";
    expect(await readAsTenant(h.database.db, city('4401'), byCode(hostile))).toEqual([]);
    const [count] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where code = '440103'`);
    expect(count?.n).toBe(1);
  });

  it('rolls the whole message back on an error and leaves the connection usable', async () => {
    await expect(readAsTenant(h.database.db, city('4401'), (tx) => tx.execute(sql`select 1 / (select count(*) - count(*) from divisions)`))).rejects.toThrow();
    expect(await readAsTenant(h.database.db, city('4401'), byCode('440103'))).toEqual([{ code: '440103', tenantId: '4401' }]);
    const [status] = await h.asOwner<{ n: number }>(sql`select 1 as n`);
    expect(status?.n).toBe(1);
  });

  it('readRowsAsTenant: the same isolation, refusal, literal safety and fallback without a transaction object', async () => {
    const codeOf = (code: string) => sql`select code, tenant_id as "tenantId", created_at as "createdAt" from divisions where code = ${code}`;
    const [own] = await readRowsAsTenant<{ code: string; tenantId: string; createdAt: string }>(h.database.db, city('4401'), codeOf('440103'));
    expect(own).toMatchObject({ code: '440103', tenantId: '4401' });
    // timestamps come back as execute() gives them on every driver: text
    const [viaExecute] = await withTenant(h.database.db, city('4401'), async (tx) => rowsOf<{ createdAt: unknown }>(await tx.execute(codeOf('440103'))));
    expect(own?.createdAt).toEqual(viaExecute?.createdAt);
    expect(await readRowsAsTenant(h.database.db, city('4401'), codeOf('440303'))).toEqual([]);
    expect(await readRowsAsTenant(h.database.db, city('4401'), codeOf("440103' or '1'='1"))).toEqual([]);
    expect(await readRowsAsTenant(h.database.db, city('4499'), codeOf('440103')).catch((e: AppError) => e.code)).toBe('tenant_inactive');
    expect(await readRowsAsTenant(h.database.db, city('4401'), sql`select cardinality(${sql.param(['a', 'b'])}::text[]) as n`)).toEqual([{ n: 2 }]);
    const [after] = await h.asOwner<{ tenant: string | null }>(sql`select current_setting('app.tenant_id', true) as tenant`);
    expect(after?.tenant ?? '').toBe('');
  });

  it('serves the province scope too', async () => {
    const province: Principal = { kind: 'province', subject: 'test', role: 'province_admin', unit: '44' };
    const tenants = await readAsTenant(h.database.db, province, async (tx) => rowsOf<{ code: string }>(await tx.execute(sql`select code from tenants order by code`)));
    expect(tenants.map((t) => t.code)).toEqual(['4401', '4403']);
  });
});
