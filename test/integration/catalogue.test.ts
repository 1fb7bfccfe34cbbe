import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseError } from '../support/errors.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

interface TableSecurity {
  table_name: string;
  has_tenant_id: boolean;
  rls_enabled: boolean;
  rls_forced: boolean;
  owner: string;
}

describe('the table catalogue', () => {
  it('forces row-level security on every table, and every table with tenant_id has it', async () => {
    const tables = await h.asOwner<TableSecurity>(sql`
      select c.relname as table_name, c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
             pg_get_userbyid(c.relowner) as owner,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant_id
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by 1`);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables.filter((t) => t.has_tenant_id).length).toBeGreaterThanOrEqual(2);
    for (const t of tables) {
      expect({ table: t.table_name, enabled: t.rls_enabled, forced: t.rls_forced }).toEqual({ table: t.table_name, enabled: true, forced: true });
      expect(t.owner, `${t.table_name} must not be owned by the runtime role`).not.toBe('shequ_app');
    }
  });

  it('gives every table with tenant_id a policy on tenant_id with USING and WITH CHECK', async () => {
    const policies = await h.asOwner<{ table_name: string; cmd: string; qual: string | null; with_check: string | null; has_tenant_id: boolean }>(sql`
      select c.relname as table_name, p.polcmd::text as cmd,
             pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as with_check,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant_id
      from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public'`);
    const tenantTables = await h.asOwner<{ table_name: string }>(sql`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'tenant_id'`);
    for (const { table_name } of tenantTables) {
      const own = policies.filter((p) => p.table_name === table_name && p.cmd === '*');
      expect(own.length, `${table_name} needs a FOR ALL policy`).toBeGreaterThan(0);
      for (const p of own) {
        expect(p.qual, `${table_name} USING`).toMatch(/tenant_id = \( SELECT NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)/);
        expect(p.with_check, `${table_name} WITH CHECK`).toMatch(/tenant_id = \( SELECT NULLIF\(current_setting\('app\.tenant_id'::text, true\), ''::text\)/);
      }
    }
  });

  it('keeps the runtime role without BYPASSRLS, superuser or login', async () => {
    const [role] = await h.asOwner<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>(
      sql`select rolbypassrls, rolsuper, rolcanlogin from pg_roles where rolname = 'shequ_app'`,
    );
    expect(role).toEqual({ rolbypassrls: false, rolsuper: false, rolcanlogin: false });
  });

  it('indexes start with tenant_id on tenant tables, but for the cross-tenant reads the province is allowed', async () => {
    const indexes = await h.asOwner<{ table_name: string; index_name: string; first_column: string }>(sql`
      select t.relname as table_name, i.relname as index_name, a.attname as first_column
      from pg_index x
      join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public' and not x.indisprimary
        and exists (select 1 from pg_attribute b where b.attrelid = t.oid and b.attname = 'tenant_id')`);
    expect(indexes.length).toBeGreaterThan(0);
    // divisions is the one city table the province reads across tenants (divisions_province_read): the two permissive
    // policies are OR-ed, which no tenant-led index serves, so its reads by code, prefix and parent have indexes of
    // their own (migration 0039); only a table with such a policy may have them
    const untenanted = ['divisions.divisions_code_prefix', 'divisions.divisions_parent'];
    const crossTenant = await h.asOwner<{ tablename: string }>(sql`select tablename from pg_policies where schemaname = 'public' and policyname like '%_province_read'`);
    for (const name of untenanted) expect(crossTenant.map((t) => t.tablename)).toContain(name.split('.')[0]);
    for (const ix of indexes) {
      const name = `${ix.table_name}.${ix.index_name}`;
      if (!untenanted.includes(name)) expect(ix.first_column, name).toBe('tenant_id');
    }
    expect(indexes.filter((ix) => untenanted.includes(`${ix.table_name}.${ix.index_name}`))).toHaveLength(untenanted.length);
  });
});

describe('the runtime role', () => {
  it('sees nothing when no tenant is set, and only its own tenant when one is', async () => {
    await h.onboard('4401', '广州市');
    await h.onboard('4403', '深圳市');
    const asRole = async (tenant: string) =>
      h.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${tenant}, true), set_config('role', 'shequ_app', true)`);
        const { rows } = (await tx.execute(sql`select distinct tenant_id from divisions order by 1`)) as unknown as { rows: { tenant_id: string }[] };
        return rows.map((r) => r.tenant_id);
      });
    expect(await asRole('')).toEqual([]);
    expect(await asRole('4401')).toEqual(['4401']);
    expect(await asRole('4403')).toEqual(['4403']);
  });

  it('cannot write a row for another tenant', async () => {
    const message = await databaseError(() =>
      h.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('role', 'shequ_app', true)`);
        await tx.execute(sql`insert into divisions (id, tenant_id, code, name, level, created_at, updated_at)
          values (gen_random_uuid(), '4403', '440399', '越界区', 'county', now(), now())`);
      }),
    );
    expect(message).toMatch(/row-level security/);
  });

  it('cannot update or delete the audit log', async () => {
    const [entry] = await h.asOwner<{ id: string; tenant_id: string }>(sql`select id, tenant_id from audit_log where tenant_id = '4401' limit 1`);
    expect(entry).toBeDefined();
    for (const statement of [sql`update audit_log set action = 'forged' where id = ${entry!.id}`, sql`delete from audit_log where id = ${entry!.id}`]) {
      const message = await databaseError(() =>
        h.database.db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('role', 'shequ_app', true)`);
          await tx.execute(statement);
        }),
      );
      expect(message).toMatch(/permission denied/);
    }
    const [after] = await h.asOwner<{ action: string }>(sql`select action from audit_log where id = ${entry!.id}`);
    expect(after!.action).toBe('tenant.created');
  });
});
