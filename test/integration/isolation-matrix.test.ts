import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPagePaths, publicPaths } from '../../functions/api/app.js';
import { isConsolePath } from '../../functions/console/paths.js';
import { rowsOf } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Principal } from '../../shared/auth/principal.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { matrixEntries, type MatrixEntry, type MatrixFixture } from '../support/matrix/index.js';

let h: Harness;
let fx: MatrixFixture;
const cityANames = ['荔湾区', '沙面', '越秀区', '石滩'];

let countEveryTable: ReturnType<typeof sql> | undefined;

/** Rows per table of the public schema, counted in one statement (the table list is read once: routes create no tables). */
async function rowCounts(): Promise<Record<string, number>> {
  if (!countEveryTable) {
    const tables = await h.asOwner<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    countEveryTable = sql.raw(tables.map(({ table_name }) => `select '${table_name}' as table_name, count(*)::int as n from "${table_name}"`).join('\nunion all '));
  }
  const rows = await h.asOwner<{ table_name: string; n: number }>(countEveryTable);
  return Object.fromEntries(rows.map(({ table_name, n }) => [table_name, n]));
}

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const adminA = await h.cityToken('4401');
  const adminB = await h.cityToken('4403');
  for (const [token, file] of [[adminA, 'divisions-4401.csv'], [adminB, 'divisions-4403.csv']] as const) {
    const res = await h.request('POST', '/v1/divisions/import', { token, body: readFileSync(`test/fixtures/${file}`, 'utf8'), contentType: 'text/csv' });
    expect(res.status).toBe(200);
  }
  fx = { h, cityA: { code: '4401', adminToken: adminA, ids: {} }, cityB: { code: '4403', adminToken: adminB }, provinceToken: await h.provinceToken() };
  for (const entry of matrixEntries) Object.assign(fx.cityA.ids, (await entry.setup?.(fx)) ?? {});
});

afterAll(async () => {
  await h?.close();
});

describe('the cross-tenant matrix', () => {
  it('covers every route of the app', () => {
    const routes = new Set(
      h.app.routes
        .filter((r) => r.method !== 'ALL' && (!(publicPaths as readonly string[]).includes(r.path) || (publicPagePaths as readonly string[]).includes(r.path)) && !isConsolePath(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    const covered = new Set(matrixEntries.map((e) => `${e.method} ${e.route}`));
    expect([...routes].filter((r) => !covered.has(r)), 'routes missing from the matrix').toEqual([]);
    expect([...covered].filter((r) => !routes.has(r)), 'matrix entries with no route').toEqual([]);
  });

  const label = (e: MatrixEntry) => `${e.method} ${e.route}`;

  describe.each(matrixEntries.filter((e) => e.owner === 'city').map((e) => [label(e), e] as const))('%s', (_name, entry) => {
    it.each([
      ['another city', () => fx.cityB.adminToken],
      ['another city’s auditor', () => h.cityToken('4403', 'auditor')],
      ['the province', () => fx.provinceToken],
    ])('refuses %s and changes nothing', async (_who, tokenOf) => {
      const before = await rowCounts();
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path, { token: await tokenOf(), json: req.json, body: req.body, contentType: req.contentType });
      expect(entry.refusedWith ?? [403, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const text = await res.text();
      for (const name of cityANames) expect(text).not.toContain(name);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe.each(matrixEntries.filter((e) => e.owner === 'province').map((e) => [label(e), e] as const))('%s', (_name, entry) => {
    it.each([
      ['a city admin', () => fx.cityA.adminToken],
      ['another city’s admin', () => fx.cityB.adminToken],
    ])('refuses %s and changes nothing', async (_who, tokenOf) => {
      const before = await rowCounts();
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path, { token: await tokenOf(), json: req.json, body: req.body, contentType: req.contentType });
      expect(res.status).toBe(403);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe.each(matrixEntries.filter((e) => e.owner === 'public' && !e.crossed).map((e) => [label(e), e] as const))('%s', (_name, entry) => {
    it.each([
      ['without a token', () => undefined],
      ['with another city’s token', () => fx.cityB.adminToken],
    ])('refuses city A’s data through city B’s address %s and changes nothing', async (_who, tokenOf) => {
      const before = await rowCounts();
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path, { token: tokenOf(), json: req.json, body: req.body, contentType: req.contentType });
      expect(entry.refusedWith ?? [404]).toContain(res.status);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const text = await res.text();
      for (const name of cityANames) expect(text).not.toContain(name);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe.each(matrixEntries.filter((e) => e.owner === 'public' && e.crossed).map((e) => [label(e), e] as const))('%s (public, no token)', (_name, entry) => {
    it('shows city A’s published page under city A’s path', async () => {
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('沙面');
    });

    it('answers 404 across the cities, showing nothing of city A, and changes nothing', async () => {
      const requests = entry.crossed?.(fx) ?? [];
      expect(requests.length).toBeGreaterThan(0);
      for (const req of requests) {
        for (const token of [undefined, fx.cityA.adminToken, fx.cityB.adminToken]) {
          const before = await rowCounts();
          const res = await h.request(entry.method, req.path, { token });
          expect(res.status, req.path).toBe(404);
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
          const text = await res.text();
          for (const name of [...cityANames, '松园', '桂园']) expect(text).not.toContain(name);
          expect(await rowCounts()).toEqual(before);
        }
      }
    });
  });

  describe('the database, read as the province', () => {
    const province: Principal = { kind: 'province', subject: 'matrix', role: 'province_admin', unit: '44' };
    /**
     * City tables the province reads by policy: its cities' divisions (names and codes, no personal data, migration 0037)
     * is the one read of a city's working data; the rest are what cities hand to the province (submitted reports and
     * self-inspections) or the province's own rows.
     */
    const provinceReads = ['divisions'];
    const provinceOwnedOrHandedOver = new Set(['report_snapshots', 'report_snapshot_values', 'inspection_submissions', 'inspection_submission_units']);

    it('sees city rows only in the divisions table among city-owned tables, and writes none there', async () => {
      const tables = await h.asOwner<{ table_name: string }>(
        sql`select c.table_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
            where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE' order by 1`,
      );
      const owned = await rowCounts();
      const seen = await withTenant(h.database.db, province, async (tx) => {
        const out: string[] = [];
        for (const { table_name } of tables) {
          if (!owned[table_name]) continue;
          const [row] = rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from "${table_name}" where tenant_id = '${fx.cityA.code}'`)));
          if (row!.n > 0) out.push(table_name);
        }
        return out;
      });
      // tables with rows of city A in the fixture, so the expectation below is not vacuous
      expect(tables.map((t) => t.table_name).filter((t) => owned[t])).toEqual(expect.arrayContaining(['divisions', 'committees', 'elections', 'volunteers']));
      expect(seen.filter((t) => !provinceOwnedOrHandedOver.has(t))).toEqual(provinceReads);

      const before = await rowCounts();
      const changed = await withTenant(h.database.db, province, async (tx) =>
        rowsOf(await tx.execute(sql`update divisions set name = name || '改' where tenant_id = ${fx.cityA.code} returning code`)),
      );
      expect(changed).toEqual([]);
      await expect(
        withTenant(h.database.db, province, (tx) => tx.execute(sql`insert into divisions (id, tenant_id, code, name, level, created_at, updated_at) values (gen_random_uuid(), ${fx.cityA.code}, '440199', '伪造区', 'district', now(), now())`)),
      ).rejects.toThrow();
      expect(await rowCounts()).toEqual(before);
    });

    it('reads the names, codes and levels of its cities’ divisions', async () => {
      const rows = await withTenant(h.database.db, province, async (tx) =>
        rowsOf<{ code: string; name: string; level: string }>(await tx.execute(sql`select code, name, level from divisions where code = '440103'`)),
      );
      expect(rows).toEqual([{ code: '440103', name: '荔湾区', level: 'county' }]);
    });
  });

  it('refuses every non-public route without a token', async () => {
    for (const entry of matrixEntries.filter((e) => e.owner !== 'public')) {
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path, { json: req.json, body: req.body, contentType: req.contentType });
      expect(res.status, label(entry)).toBe(401);
    }
  });
});
