import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * The real division lists the demo onboards (db/seed/divisions, NBS 统计用区划代码 2023) go through the app cleanly:
 * every row accepted, the hierarchy the city really has, and a second import that changes nothing.
 */

type Counts = { created: number; updated: number; unchanged: number };
interface ImportReport {
  rows: number;
  cityRows: number;
  created: number;
  updated: number;
  unchanged: number;
  byLevel: Record<string, Counts>;
  byKind: Record<string, Counts>;
}

const cities = [
  { code: '4419', name: '东莞市', districts: false },
  { code: '4404', name: '珠海市', districts: true },
  { code: '4420', name: '中山市', districts: false },
] as const;

const seed = (code: string) => readFileSync(new URL(`../../db/seed/divisions/${code}.csv`, import.meta.url), 'utf8');

let h: Harness;
const first = new Map<string, ImportReport>();

async function importList(code: string): Promise<{ status: number; body: ImportReport }> {
  const res = await h.request('POST', '/v1/divisions/import', { token: await h.cityToken(code), body: seed(code), contentType: 'text/csv' });
  return { status: res.status, body: (await res.json()) as ImportReport };
}

async function get<T>(code: string, path: string): Promise<T> {
  const res = await h.request('GET', path, { token: await h.cityToken(code) });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  h = await createHarness();
  for (const city of cities) {
    await h.onboard(city.code, city.name);
    const { status, body } = await importList(city.code);
    expect(status, `${city.code}: ${JSON.stringify(body)}`).toBe(200);
    first.set(city.code, body);
  }
});

afterAll(async () => {
  await h?.close();
});

describe('seed division lists (统计用区划代码 2023)', () => {
  it.each(cities)('$code $name: the header is the published one and every code belongs to the city', ({ code }) => {
    const [header, ...lines] = seed(code).trim().split('\n');
    expect(header).toBe('统计用区划代码,名称');
    expect(lines.length).toBeGreaterThan(100);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${code}\\d{8},[^,]+$`));
  });

  it.each(cities)('$code $name: the first import is clean and creates every row but the city itself', ({ code }) => {
    const r = first.get(code)!;
    expect(r.cityRows).toBe(1);
    expect(r.created).toBe(r.rows - r.cityRows);
    expect(r.updated).toBe(0);
    expect(r.unchanged).toBe(0);
  });

  it.each(cities)('$code $name: counts per level and kind are plausible and non-zero', ({ code, districts }) => {
    const r = first.get(code)!;
    const level = (l: string) => r.byLevel[l]?.created ?? 0;
    const kind = (k: string) => r.byKind[k]?.created ?? 0;
    if (districts) expect(level('county')).toBeGreaterThanOrEqual(2);
    else expect(level('county')).toBe(0);
    expect(level('township')).toBeGreaterThanOrEqual(15);
    expect(level('township')).toBeLessThanOrEqual(80);
    expect(level('village')).toBeGreaterThanOrEqual(200);
    expect(level('village')).toBeLessThanOrEqual(1500);
    // every street/town has communities or villages below it: at least a few per township on average
    expect(level('village') / level('township')).toBeGreaterThan(5);
    expect(kind('subdistrict')).toBeGreaterThan(0);
    expect(kind('town')).toBeGreaterThan(0);
    expect(kind('residents_committee')).toBeGreaterThan(50);
    expect(kind('villagers_committee')).toBeGreaterThan(50);
    // the name rule recognises almost every row; the rest are development zones and the like (其他)
    expect(kind('other')).toBeLessThan((r.rows * 5) / 100);
  });

  it('东莞 has no districts: its streets and towns hang directly under 4419', async () => {
    const children = await get<{ items: Array<{ code: string; name: string; level: string; kind: string | null; parentCode: string }> }>(
      '4419', '/v1/divisions?parent=4419&limit=1000',
    );
    expect(children.items.length).toBe(first.get('4419')!.byLevel.township!.created);
    expect(children.items.every((d) => d.level === 'township' && d.parentCode === '4419')).toBe(true);
    expect(children.items.find((d) => d.code === '441900003')).toMatchObject({ name: '东城街道', kind: 'subdistrict' });
    expect(children.items.find((d) => d.code === '441900121')).toMatchObject({ name: '虎门镇', kind: 'town' });
    const counties = await get<{ items: unknown[] }>('4419', '/v1/divisions?level=county');
    expect(counties.items).toEqual([]);
    const village = await get<{ parentCode: string; level: string; kind: string }>('4419', '/v1/divisions/441900003001');
    expect(village).toMatchObject({ parentCode: '441900003', level: 'village', kind: 'residents_committee' });
  });

  it('珠海 has districts: its streets and towns hang under 香洲区, 斗门区 and 金湾区', async () => {
    const districts = await get<{ items: Array<{ code: string; name: string; parentCode: string }> }>('4404', '/v1/divisions?parent=4404');
    expect(districts.items.map((d) => `${d.code} ${d.name}`)).toEqual(['440402 香洲区', '440403 斗门区', '440404 金湾区']);
    const streets = await get<{ items: Array<{ parentCode: string }> }>('4404', '/v1/divisions?level=township&limit=1000');
    expect(streets.items.every((d) => ['440402', '440403', '440404'].includes(d.parentCode))).toBe(true);
  });

  it.each(cities)('$code $name: the summary agrees with the import report', async ({ code }) => {
    const r = first.get(code)!;
    const s = await get<{ total: number; byLevel: Record<string, number>; byKind: Record<string, number> }>(code, `/v1/divisions/${code}/summary`);
    expect(s.total).toBe(r.created);
    for (const [level, c] of Object.entries(r.byLevel)) expect(s.byLevel[level], level).toBe(c.created);
    for (const [kind, c] of Object.entries(r.byKind)) expect(s.byKind[kind], kind).toBe(c.created);
  });

  it.each(cities)('$code $name: importing the same list again changes nothing', async ({ code }) => {
    const { status, body } = await importList(code);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: first.get(code)!.rows, created: 0, updated: 0, unchanged: first.get(code)!.created });
  });
});
