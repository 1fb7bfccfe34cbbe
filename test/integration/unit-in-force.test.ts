import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const dongguan = ['统计用区划代码,名称,城乡分类代码', '441900000000,东莞市,', '441900003000,东城街道,', '441900003001,东城社区居委会,111', '441900004000,南城街道,', '441900004001,南城社区居委会,111'].join('\n');
const auditRows = async () => (await h.asOwner<{ n: number }>(sql`select count(*)::int as n from audit_log where tenant_id = '4419'`))[0]!.n;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4419', '东莞市');
  admin = await h.cityToken('4419');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: dongguan, contentType: 'text/csv' })).status).toBe(200);
});
afterAll(async () => {
  await h?.close();
});

describe('a principal’s unit is its city or a division of it in force', () => {
  it('441900, the placeholder county of a city without districts, is not on the map and its token reads nothing (403 unit_unknown)', async () => {
    expect((await h.request('GET', '/v1/divisions/441900', { token: admin })).status).toBe(404);
    const placeholder = await h.cityToken('4419', 'district_officer', '441900');
    const before = await auditRows();
    for (const path of ['/v1/committees?reveal=true', '/v1/member-units?reveal=true', '/v1/volunteers', '/v1/divisions/441900003']) {
      const res = await h.request('GET', path, { token: placeholder });
      expect(await json(res), path).toMatchObject({ status: 403, code: 'unit_unknown', title: '令牌所属单位不是本市现行区划' });
    }
    expect(await auditRows()).toBe(before);
  });

  it.each([
    ['a community not on the list', 'committee_member', '441900003099'],
    ['a street not on the list', 'street_officer', '441900099'],
  ] as const)('%s is refused too', async (_label, role, unit) => {
    const res = await h.request('GET', '/v1/volunteers', { token: await h.cityToken('4419', role, unit) });
    expect(await json(res)).toMatchObject({ status: 403, code: 'unit_unknown' });
  });

  it('a street and a community in force, and the city itself, are served', async () => {
    for (const [role, unit] of [['street_officer', '441900003'], ['committee_member', '441900004001'], ['auditor', '4419']] as const) {
      expect((await h.request('GET', '/v1/volunteers', { token: await h.cityToken('4419', role, unit) })).status, unit).toBe(200);
    }
  });

  it('a street that ends is refused from the day it ends (once the minute a known unit is remembered has passed)', async () => {
    const street = await h.cityToken('4419', 'street_officer', '441900004');
    expect((await h.request('GET', '/v1/volunteers', { token: street })).status).toBe(200);
    await h.asOwner(sql`update divisions set valid_to = '2026-11-25' where tenant_id = '4419' and code like '441900004%'`);
    expect((await h.request('GET', '/v1/volunteers', { token: street })).status).toBe(200);
    h.clock.advance(61_000);
    expect(await json(await h.request('GET', '/v1/volunteers', { token: street }))).toMatchObject({ status: 403, code: 'unit_unknown' });
  });
});
