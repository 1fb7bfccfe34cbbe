import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let province: string;
beforeAll(async () => {
  h = await createHarness();
  province = await h.provinceToken();
});
afterAll(async () => {
  await h?.close();
});

describe('tenants', () => {
  it('onboards a city of the configured province with the root of its division tree', async () => {
    const res = await h.request('POST', '/v1/tenants', { token: province, json: { code: '4401', name: '广州市' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ code: '4401', name: '广州市', status: 'active' });
    const root = await h.request('GET', '/v1/divisions/4401', { token: await h.cityToken('4401') });
    expect(await root.json()).toMatchObject({ code: '4401', name: '广州市', level: 'city', parentCode: null });
  });

  it('refuses a duplicate with 409', async () => {
    const res = await h.request('POST', '/v1/tenants', { token: province, json: { code: '4401', name: '广州市' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'tenant_exists' });
  });

  it.each([
    [{ code: '3301', name: '杭州市' }, 'code'],
    [{ code: '4400', name: '广东省' }, 'code'],
    [{ code: '440', name: '短码' }, 'body.code'],
    [{ code: '4402' }, 'body.name'],
    [{ code: '4402', name: '韶关市', extra: 1 }, 'body.extra'],
  ])('names the field in a validation error: %j', async (body, path) => {
    const res = await h.request('POST', '/v1/tenants', { token: province, json: body });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.path)).toContain(path);
  });

  it('lists and reads tenants for province readers only', async () => {
    const officer = await h.provinceToken('province_officer');
    const list = await h.request('GET', '/v1/tenants', { token: officer });
    expect(((await list.json()) as { items: { code: string }[] }).items.map((t) => t.code)).toEqual(['4401']);
    expect((await h.request('GET', '/v1/tenants/4401', { token: officer })).status).toBe(200);
    expect((await h.request('GET', '/v1/tenants/4499', { token: officer })).status).toBe(404);
    expect((await h.request('POST', '/v1/tenants', { token: officer, json: { code: '4402', name: '韶关市' } })).status).toBe(403);
  });

  it('locks a deactivated city out with 403 and lets it back in when activated', async () => {
    const city = await h.cityToken('4401');
    expect((await h.request('GET', '/v1/divisions', { token: city })).status).toBe(200);
    expect((await h.request('POST', '/v1/tenants/4401/deactivate', { token: province })).status).toBe(200);
    const refused = await h.request('GET', '/v1/divisions', { token: city });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'tenant_inactive' });
    expect((await h.request('POST', '/v1/tenants/4401/activate', { token: province })).status).toBe(200);
    expect((await h.request('GET', '/v1/divisions', { token: city })).status).toBe(200);
  });

  it('refuses a token for a city that was never onboarded', async () => {
    const res = await h.request('GET', '/v1/divisions', { token: await h.cityToken('4402') });
    expect(res.status).toBe(403);
  });

  it('offboards only a deactivated tenant, deleting every row it owns in every table', async () => {
    await h.onboard('4403', '深圳市');
    const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
    expect((await h.request('POST', '/v1/divisions/import', { token: await h.cityToken('4401'), body: csv, contentType: 'text/csv' })).status).toBe(200);
    const otherBefore = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4403'`);

    const active = await h.request('DELETE', '/v1/tenants/4401', { token: province });
    expect(active.status).toBe(409);
    expect(await active.json()).toMatchObject({ code: 'tenant_active' });

    await h.request('POST', '/v1/tenants/4401/deactivate', { token: province });
    const res = await h.request('DELETE', '/v1/tenants/4401', { token: province });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { removed: Record<string, number> };
    expect(report.removed.divisions).toBe(15);
    expect(report.removed.tenants).toBe(1);

    const tenantTables = await h.asOwner<{ table_name: string }>(
      sql`select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id'`,
    );
    expect(tenantTables.length).toBeGreaterThanOrEqual(2);
    for (const { table_name } of tenantTables) {
      const [left] = await h.asOwner<{ n: number }>(sql.raw(`select count(*)::int as n from "${table_name}" where tenant_id = '4401'`));
      expect(left!.n, `${table_name} rows of 4401 left`).toBe(0);
    }
    expect(await h.asOwner(sql`select code from tenants where code = '4401'`)).toEqual([]);
    expect(await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4403'`)).toEqual(otherBefore);
    const [trail] = await h.asOwner<{ action: string; tenant_id: string | null }>(
      sql`select action, tenant_id from audit_log where entity_id = '4401' and action = 'tenant.offboarded'`,
    );
    expect(trail).toEqual({ action: 'tenant.offboarded', tenant_id: null });
  });

  it('records who did what in the audit log, with the server’s request id', async () => {
    const res = await h.request('POST', '/v1/tenants', { token: province, json: { code: '4404', name: '珠海市' }, headers: { 'x-request-id': 'req-onboard-4404' } });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{24}$/);
    const rows = await h.asOwner<{ actor: string; actor_role: string; action: string; entity: string; request_id: string; tenant_id: string | null }>(
      sql`select actor, actor_role, action, entity, request_id, tenant_id from audit_log where entity_id = '4404' order by tenant_id nulls first`,
    );
    expect(rows).toEqual([
      { actor: 'test-province_admin', actor_role: 'province_admin', action: 'tenant.created', entity: 'tenant', request_id: requestId, tenant_id: null },
      { actor: 'test-province_admin', actor_role: 'province_admin', action: 'tenant.created', entity: 'tenant', request_id: requestId, tenant_id: '4404' },
    ]);
  });
});
