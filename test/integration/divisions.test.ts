import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
const csv4401 = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
const importCsv = (token: string, body: string) => h.request('POST', '/v1/divisions/import', { token, body, contentType: 'text/csv; charset=utf-8' });
const count = async () => (await h.asOwner<{ n: number }>(sql`select count(*)::int as n from divisions where tenant_id = '4401'`))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4419', '东莞市');
  admin = await h.cityToken('4401');
});
afterAll(async () => {
  await h?.close();
});

describe('importing a division list', () => {
  it('imports the published CSV and reports per level and kind', async () => {
    const res = await importCsv(admin, csv4401);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      rows: 15,
      cityRows: 1,
      created: 14,
      updated: 0,
      unchanged: 0,
      heldByPlans: 0,
      byLevel: {
        county: { created: 3, updated: 0, unchanged: 0 },
        township: { created: 4, updated: 0, unchanged: 0 },
        village: { created: 7, updated: 0, unchanged: 0 },
      },
      byKind: {
        district: { created: 3, updated: 0, unchanged: 0 },
        subdistrict: { created: 3, updated: 0, unchanged: 0 },
        town: { created: 1, updated: 0, unchanged: 0 },
        residents_committee: { created: 5, updated: 0, unchanged: 0 },
        villagers_committee: { created: 2, updated: 0, unchanged: 0 },
      },
    });
  });

  it('is idempotent: the same list again is all unchanged', async () => {
    const res = await importCsv(admin, csv4401);
    expect(await res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 14 });
    expect(await count()).toBe(15);
  });

  it('updates a renamed unit and honours a kind column', async () => {
    const res = await h.request('POST', '/v1/divisions/import', {
      token: admin,
      json: { rows: [{ code: '440103002002', name: '西关社区居委会' }, { code: '440118100201', name: '三江村委会', kind: 'residents_committee' }, { code: '440104001001', name: '新流花社区' }] },
    });
    expect(await res.json()).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const renamed = await h.request('GET', '/v1/divisions/440104001001', { token: admin });
    expect(await renamed.json()).toMatchObject({ name: '新流花社区', kind: 'residents_committee' });
  });

  it('is atomic: one bad row rejects the list with every problem by row, and writes nothing', async () => {
    const before = await count();
    const auditBefore = (await h.asOwner<{ n: number }>(sql`select count(*)::int as n from audit_log where tenant_id = '4401'`))[0]!.n;
    const bad = 'code,name\n440105,海珠区\n440105001,赤岗街道\n440303,罗湖区\n4401050019,长码\n440105002,\n440105001,赤岗街道\n';
    const res = await importCsv(admin, bad);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { code: string; rows: { row: number; field: string; reason: string }[] };
    expect(problem.code).toBe('import_rejected');
    expect(problem.rows.map((r) => [r.row, r.field])).toEqual([[4, 'code'], [5, 'code'], [6, 'name'], [7, 'code']]);
    expect(problem.rows[0]!.reason).toBe('不在 4401 市范围内');
    expect(await count()).toBe(before);
    expect((await h.asOwner<{ n: number }>(sql`select count(*)::int as n from audit_log where tenant_id = '4401'`))[0]!.n).toBe(auditBefore);
  });

  it('refuses a list without the code column, an empty list and an unsupported media type', async () => {
    expect((await importCsv(admin, 'id,name\n1,x')).status).toBe(400);
    expect((await importCsv(admin, 'code,name\n')).status).toBe(400);
    const xml = await h.request('POST', '/v1/divisions/import', { token: admin, body: '<rows/>', contentType: 'application/xml' });
    expect(xml.status).toBe(415);
    expect(await xml.json()).toMatchObject({ code: 'unsupported_media_type' });
    const malformed = await h.request('POST', '/v1/divisions/import', { token: admin, body: '{"rows":[', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
  });

  it('only lets the city admin import', async () => {
    for (const [role, unit] of [['district_officer', '440103'], ['street_officer', '440103001'], ['auditor', '4401']] as const) {
      const res = await importCsv(await h.cityToken('4401', role, unit), csv4401);
      expect(res.status, role).toBe(403);
    }
  });

  it('hangs the streets of a city without districts directly under the city', async () => {
    const dg = await h.cityToken('4419');
    const res = await importCsv(dg, '统计用区划代码,名称\n441900000000,东莞市\n441900003000,东城街道\n441900003001,东泰社区居委会\n441900101000,石碣镇\n');
    expect(await res.json()).toMatchObject({ created: 3, cityRows: 1, byLevel: { township: { created: 2 }, village: { created: 1 } } });
    const streets = await h.request('GET', '/v1/divisions?parent=4419', { token: dg });
    const page = (await streets.json()) as { items: { code: string; level: string; kind: string }[] };
    expect(page.items.map((d) => [d.code, d.level, d.kind])).toEqual([['441900003', 'township', 'subdistrict'], ['441900101', 'township', 'town']]);
    expect((await h.request('GET', '/v1/divisions?level=county', { token: dg })).status).toBe(200);
    expect(((await (await h.request('GET', '/v1/divisions?level=county', { token: dg })).json()) as { items: unknown[] }).items).toEqual([]);
  });
});

describe('reading divisions', () => {
  it('pages through a list with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await h.request('GET', `/v1/divisions?limit=4${query}`, { token: admin });
      const page = (await res.json()) as { items: { code: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((d) => d.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(15);
    expect([...seen].sort()).toEqual(seen);
    const forged = await h.request('GET', '/v1/divisions?cursor=not-a-cursor', { token: admin });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ path: 'cursor' }] });
  });

  it('filters by parent, level, kind and name', async () => {
    const get = async (q: string) => ((await (await h.request('GET', `/v1/divisions?${q}`, { token: admin })).json()) as { items: { code: string }[] }).items.map((d) => d.code);
    expect(await get('parent=440103')).toEqual(['440103001', '440103002']);
    expect(await get('level=county')).toEqual(['440103', '440104', '440118']);
    expect(await get('kind=villagers_committee')).toEqual(['440118100202']);
    expect(await get('q=沙面')).toEqual(['440103001', '440103001001']);
    expect((await h.request('GET', '/v1/divisions?level=province', { token: admin })).status).toBe(400);
  });

  it('shows a division the same in a list as on its own', async () => {
    const list = (await (await h.request('GET', '/v1/divisions?limit=100', { token: admin })).json()) as { items: { code: string }[] };
    expect(list.items).toHaveLength(15);
    for (const item of list.items) {
      const one = await h.request('GET', `/v1/divisions/${item.code}`, { token: admin });
      expect(await one.json()).toEqual(item);
    }
    expect(list.items[0]).toEqual({ code: '4401', name: expect.any(String), level: 'city', kind: null, parentCode: null, validFrom: null, validTo: null, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
  });

  it('takes quotes, backslashes and LIKE wildcards in a name filter as plain text', async () => {
    for (const q of ["沙面'", '沙面\\', '%', '_', "'; select 1; --"]) {
      const res = await h.request('GET', `/v1/divisions?q=${encodeURIComponent(q)}`, { token: admin });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ items: [], nextCursor: null });
    }
  });

  it('summarises the subtree by level and kind', async () => {
    const res = await h.request('GET', '/v1/divisions/440103/summary', { token: admin });
    expect(await res.json()).toEqual({
      code: '440103', name: '荔湾区', level: 'county', total: 5,
      byLevel: { township: 2, village: 3 },
      byKind: { subdistrict: 2, residents_committee: 3 },
    });
  });

  it('follows "my unit and below" for officers', async () => {
    const street = await h.cityToken('4401', 'street_officer', '440103001');
    expect((await h.request('GET', '/v1/divisions/440103001001', { token: street })).status).toBe(200);
    expect((await h.request('GET', '/v1/divisions/440103002001', { token: street })).status).toBe(404);
    expect((await h.request('GET', '/v1/divisions/440103/summary', { token: street })).status).toBe(404);
    const list = (await (await h.request('GET', '/v1/divisions', { token: street })).json()) as { items: { code: string }[] };
    expect(list.items.map((d) => d.code)).toEqual(['440103001', '440103001001']);
    const district = await h.cityToken('4401', 'district_officer', '440104');
    expect((await h.request('GET', '/v1/divisions?parent=440103', { token: district })).status).toBe(404);
    const mine = (await (await h.request('GET', '/v1/divisions?parent=4401', { token: district })).json()) as { items: { code: string }[] };
    expect(mine.items.map((d) => d.code)).toEqual(['440104']);
  });

  it('returns 404 for a code that does not exist and 400 for one that cannot', async () => {
    expect((await h.request('GET', '/v1/divisions/440199', { token: admin })).status).toBe(404);
    const bad = await h.request('GET', '/v1/divisions/44x', { token: admin });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ path: 'path.code' }] });
  });
});
