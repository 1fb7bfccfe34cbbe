import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPaths } from '../../functions/api/app.js';
import { isConsolePath } from '../../functions/console/paths.js';
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
        .filter((r) => r.method !== 'ALL' && !(publicPaths as readonly string[]).includes(r.path) && !isConsolePath(r.path))
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

  it('refuses every non-public route without a token', async () => {
    for (const entry of matrixEntries) {
      const req = await entry.request(fx);
      const res = await h.request(entry.method, req.path, { json: req.json, body: req.body, contentType: req.contentType });
      expect(res.status, label(entry)).toBe(401);
    }
  });
});
