import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let street: string;
let district: string;
let otherDistrict: string;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  street = await h.cityToken('4401', 'street_officer', '440103001');
  district = await h.cityToken('4401', 'district_officer', '440103');
  otherDistrict = await h.cityToken('4401', 'district_officer', '440104');
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401-plans.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  for (const [code, households] of [['440103001001', 4200], ['440103001002', 1200], ['440103001003', 900], ['440103001004', 2000], ['440103001005', 1500], ['440103001006', 1100]] as const) {
    const r = await h.request('PATCH', `/v1/communities/${code}`, { token: street, json: { households, sizeExceptionReason: households > 3000 || households < 1000 ? '历史形成，待调整' : null } });
    expect(r.status, code).toBe(200);
  }
});
afterAll(async () => {
  await h?.close();
});

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

describe('community profiles', () => {
  it.each([
    [999, 422],
    [1000, 200],
    [3000, 200],
    [3001, 422],
  ])('%i households without a reason → %i', async (households, status) => {
    const res = await h.request('PATCH', '/v1/communities/440103001005', { token: street, json: { households, sizeExceptionReason: null } });
    expect(res.status).toBe(status);
    if (status === 422) {
      const problem = await json<{ code: string; rule: string; errors: { path: string; code: string; message: string }[] }>(res);
      expect(problem).toMatchObject({ code: 'rule_violation', rule: 'community_size' });
      expect(problem.errors[0]).toMatchObject({ path: 'body.sizeExceptionReason', code: 'size_needs_reason', params: { min: 1000, max: 3000, households } });
      expect(problem.errors[0]!.message).toContain('一般管辖 1000 至 3000 户');
    }
  });

  it('accepts an out-of-range size with a reason and filters by size status', async () => {
    const ok = await h.request('PATCH', '/v1/communities/440103001005', { token: street, json: { households: 3500, sizeExceptionReason: '大型单位宿舍区' } });
    expect(await json(ok)).toMatchObject({ households: 3500, sizeStatus: 'above', sizeExceptionReason: '大型单位宿舍区' });
    const codes = async (q: string) => (await json<{ items: { code: string }[] }>(await h.request('GET', `/v1/communities?${q}`, { token: admin }))).items.map((c) => c.code);
    expect(await codes('sizeStatus=above')).toEqual(['440103001001', '440103001005']);
    expect(await codes('sizeStatus=below')).toEqual(['440103001003']);
    expect(await codes('parent=440103001&sizeStatus=within')).toEqual(['440103001002', '440103001004', '440103001006']);
    expect(await codes('parent=440104')).toEqual(['440104001001']);
  });

  it('asks for a new reason when the size crosses to the other side of the range, and clears it back in range (#22)', async () => {
    const code = '440103001005';
    const patch = (body: Record<string, unknown>) => h.request('PATCH', `/v1/communities/${code}`, { token: street, json: body });
    expect(await json(await patch({ households: 3500, sizeExceptionReason: '大型单位宿舍区' }))).toMatchObject({ sizeStatus: 'above', sizeExceptionReason: '大型单位宿舍区' });
    // same side: the reason still explains it
    expect(await json(await patch({ households: 3600 }))).toMatchObject({ sizeStatus: 'above', sizeExceptionReason: '大型单位宿舍区' });
    // above → below: the old reason explains the other side; carrying it over, or sending it back unchanged as a form does, is refused
    for (const body of [{ households: 500 }, { households: 500, sizeExceptionReason: '大型单位宿舍区' }]) {
      const stale = await patch(body);
      expect(stale.status).toBe(422);
      const problem = await json<{ rule: string; errors: { path: string; code: string; message: string }[] }>(stale);
      expect(problem).toMatchObject({ rule: 'community_size' });
      expect(problem.errors).toEqual([expect.objectContaining({ path: 'body.sizeExceptionReason', code: 'size_reason_other_side' })]);
      expect(problem.errors[0]!.message).toContain('须重新说明理由');
    }
    expect(await json(await h.request('GET', `/v1/communities/${code}`, { token: street }))).toMatchObject({ households: 3600, sizeExceptionReason: '大型单位宿舍区' });
    expect(await json(await patch({ households: 500, sizeExceptionReason: '山区，居住分散' }))).toMatchObject({ sizeStatus: 'below', sizeExceptionReason: '山区，居住分散' });
    // back in range: nothing to explain, the reason is cleared
    expect(await json(await patch({ households: 1500 }))).toMatchObject({ sizeStatus: 'within', sizeExceptionReason: null });
    expect(await json(await patch({ households: 1500, sizeExceptionReason: '山区，居住分散' }))).toMatchObject({ sizeStatus: 'within', sizeExceptionReason: null });
  });

  it('keeps a full profile: type, population, area, office, service centre, urban-village pilot and its open issues', async () => {
    const res = await h.request('PATCH', '/v1/communities/440103001004', {
      token: street,
      json: { type: 'geographic', population: 5600, areaKm2: 0.42, officeAddress: '沙面北街 45 号', hasServiceCentre: true, urbanVillagePilot: true, urbanVillageOpenIssues: ['collective_assets', 'homesteads'] },
    });
    expect(await json(res)).toMatchObject({ type: 'geographic', population: 5600, areaKm2: 0.42, hasServiceCentre: true, urbanVillagePilot: true, urbanVillageOpenIssues: ['collective_assets', 'homesteads'] });
    const pilots = await json<{ items: { code: string }[] }>(await h.request('GET', '/v1/communities?urbanVillagePilot=true&type=geographic', { token: admin }));
    expect(pilots.items.map((c) => c.code)).toEqual(['440103001004']);
    const refused = await h.request('PATCH', '/v1/communities/440103001006', { token: street, json: { urbanVillageOpenIssues: ['land'] } });
    expect(refused.status).toBe(422);
    const bad = await h.request('PATCH', '/v1/communities/440103001006', { token: street, json: { type: 'rural', households: -1 } });
    expect(bad.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path).sort()).toEqual(['body.households', 'body.type']);
  });

  it('is not a community: a villagers committee and a street are 404', async () => {
    expect((await h.request('GET', '/v1/communities/440103001201', { token: admin })).status).toBe(404);
    expect((await h.request('PATCH', '/v1/communities/440103001201', { token: admin, json: { households: 1200 } })).status).toBe(404);
  });
});

describe('adjustment plans', () => {
  const propose = (body: Record<string, unknown>) =>
    h.request('POST', '/v1/adjustment-plans', { token: street, json: { title: '沙面街道社区调整方案', reason: '人口变化', effectiveDate: '2027-01-01', ...body } });
  const run = async (changes: unknown[], effectiveDate = '2027-01-01') => {
    const created = await propose({ changes, effectiveDate });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = await json<{ id: string }>(created);
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/submit`, { token: street })).status).toBe(200);
    const approved = await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: district, json: { comment: '同意' } });
    expect(approved.status, await approved.clone().text()).toBe(200);
    return json<{ id: string; status: string; touched: string[] }>(approved);
  };
  const at = async (code: string, asOf: string) => h.request('GET', `/v1/divisions/${code}?asOf=${asOf}`, { token: admin });
  const names = async (parent: string, asOf: string) =>
    (await json<{ items: { code: string; name: string }[] }>(await h.request('GET', `/v1/divisions?parent=${parent}&asOf=${asOf}`, { token: admin }))).items.map((d) => `${d.code} ${d.name}`);

  it('splits one community into two, its households divided, effective on the date', async () => {
    const plan = await run([{ kind: 'split', code: '440103001001', into: [{ code: '440103001011', name: '沙面北', households: 2100 }, { code: '440103001012', name: '沙面南', households: 2100 }] }]);
    expect(plan).toMatchObject({ status: 'approved', touched: ['440103001001'] });
    expect((await at('440103001001', '2026-12-31')).status).toBe(200);
    expect((await at('440103001001', '2027-01-01')).status).toBe(404);
    expect(await json(await at('440103001011', '2027-01-01'))).toMatchObject({ name: '沙面北社区居民委员会', validFrom: '2027-01-01', validTo: null });
    expect((await at('440103001011', '2026-12-31')).status).toBe(404);
    const community = await json(await h.request('GET', '/v1/communities/440103001012?asOf=2027-01-02', { token: admin }));
    expect(community).toMatchObject({ households: 2100, sizeStatus: 'within' });
  });

  it('merges two communities into a new one and renames another', async () => {
    await run([
      { kind: 'merge', codes: ['440103001002', '440103001003'], into: { code: '440103001013', name: '东西桥' } },
      { kind: 'rename', code: '440103001004', name: '白鹤洞' },
    ], '2027-03-01');
    expect(await names('440103001', '2027-02-28')).toEqual(expect.arrayContaining(['440103001002 东桥社区居委会', '440103001003 西桥社区居委会', '440103001004 白鹤社区居委会']));
    const after = await names('440103001', '2027-03-01');
    expect(after).toEqual(expect.arrayContaining(['440103001013 东西桥社区居民委员会', '440103001004 白鹤洞社区居民委员会']));
    expect(after.some((n) => n.startsWith('440103001002') || n.startsWith('440103001003'))).toBe(false);
    const merged = await json(await h.request('GET', '/v1/communities/440103001013?asOf=2027-03-01', { token: admin }));
    expect(merged).toMatchObject({ households: 2100 });
    const history = await h.asOwner<{ name: string; valid_from: string | null; valid_to: string | null }>(
      sql`select name, valid_from::text, valid_to::text from divisions where tenant_id = '4401' and code = '440103001004' order by valid_from nulls first`,
    );
    expect(history).toEqual([
      { name: '白鹤社区居委会', valid_from: null, valid_to: '2027-03-01' },
      { name: '白鹤洞社区居民委员会', valid_from: '2027-03-01', valid_to: null },
    ]);
  });

  it('re-parents to another street of the district, creates and dissolves', async () => {
    await run([
      { kind: 'reparent', code: '440103001006', toStreet: '440103002' },
      { kind: 'create', code: '440103001014', name: '白鹅潭', households: 1600 },
      { kind: 'dissolve', code: '440103001005' },
    ], '2027-06-01');
    expect(await json(await at('440103001006', '2027-06-01'))).toMatchObject({ parentCode: '440103002' });
    expect(await json(await at('440103001006', '2027-05-31'))).toMatchObject({ parentCode: '440103001' });
    expect(await json(await at('440103001014', '2027-06-01'))).toMatchObject({ name: '白鹅潭社区居民委员会', parentCode: '440103001' });
    expect((await at('440103001005', '2027-06-01')).status).toBe(404);
    h.clock.set('2027-06-02T02:00:00Z');
    const dissolved = await h.request('PATCH', '/v1/communities/440103001005', { token: admin, json: { households: 1200 } });
    expect(dissolved.status).toBe(422);
    expect(await json(dissolved)).toMatchObject({ rule: 'community_dissolved' });
    const reimport = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401-plans.csv', 'utf8'), contentType: 'text/csv' });
    expect(await json(reimport)).toMatchObject({ created: 0, updated: 0 });
    expect((await at('440103001005', '2027-06-02')).status).toBe(404);
    h.clock.set('2026-11-25T02:00:00Z');
  });

  it('reports every problem of a plan at once', async () => {
    const res = await propose({
      changes: [
        { kind: 'create', code: '440103001001', name: '重复' },
        { kind: 'rename', code: '440103002001', name: '别街' },
        { kind: 'split', code: '440103001004', into: [{ code: '440103001021', name: 'a', households: 1 }, { code: '440103001022', name: 'b', households: 1 }] },
        { kind: 'reparent', code: '440103001004', toStreet: '440104001' },
      ],
    });
    expect(res.status).toBe(422);
    const problem = await json<{ errors: { path: string }[] }>(res);
    expect(problem.errors.map((e) => e.path)).toEqual(['body.changes.0.code', 'body.changes.1.code', 'body.changes.2.into', 'body.changes.3.toStreet']);
  });

  it('refuses a past effective date and a malformed change with field paths', async () => {
    const past = await propose({ effectiveDate: '2026-01-01', changes: [{ kind: 'dissolve', code: '440103001004' }] });
    expect(past.status).toBe(400);
    const malformed = await propose({ changes: [{ kind: 'teleport', code: '1' }] });
    expect(malformed.status).toBe(400);
  });

  it('lets only the plan’s own district approve: another district gets 404, the street 403', async () => {
    const created = await propose({ changes: [{ kind: 'rename', code: '440103001014', name: '白鹅潭新' }], effectiveDate: '2027-09-01' });
    const { id } = await json<{ id: string }>(created);
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: district, json: {} })).status).toBe(409);
    await h.request('POST', `/v1/adjustment-plans/${id}/submit`, { token: street });
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: otherDistrict, json: {} })).status).toBe(404);
    expect((await h.request('GET', `/v1/adjustment-plans/${id}`, { token: otherDistrict })).status).toBe(404);
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: street, json: {} })).status).toBe(403);
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: admin, json: {} })).status).toBe(403);
    const rejected = await h.request('POST', `/v1/adjustment-plans/${id}/reject`, { token: district, json: { comment: '名称需征求居民意见' } });
    expect(await json(rejected)).toMatchObject({ status: 'rejected', decisionComment: '名称需征求居民意见' });
    expect((await h.request('POST', `/v1/adjustment-plans/${id}/approve`, { token: district, json: {} })).status).toBe(409);
  });

  it('refuses a plan that conflicts with an approved one on the same communities', async () => {
    const first = await propose({ changes: [{ kind: 'rename', code: '440103001014', name: '鹅潭' }], effectiveDate: '2027-10-01' });
    const second = await propose({ changes: [{ kind: 'dissolve', code: '440103001014' }], effectiveDate: '2027-08-01' });
    const ids = [(await json<{ id: string }>(first)).id, (await json<{ id: string }>(second)).id];
    for (const id of ids) await h.request('POST', `/v1/adjustment-plans/${id}/submit`, { token: street });
    expect((await h.request('POST', `/v1/adjustment-plans/${ids[0]}/approve`, { token: district, json: {} })).status).toBe(200);
    const clash = await h.request('POST', `/v1/adjustment-plans/${ids[1]}/approve`, { token: district, json: {} });
    expect(clash.status).toBe(409);
    expect((await json<{ detail: string }>(clash)).detail).toContain(ids[0]);
  });

  it('holds a plan’s new communities to the size rule: out of range needs a reason per community (#22)', async () => {
    const changes = [
      { kind: 'split', code: '440103001012', into: [{ code: '440103001031', name: '沙面南东', households: 800 }, { code: '440103001032', name: '沙面南西', households: 1300 }] },
      { kind: 'create', code: '440103001033', name: '新港', households: 3200 },
      { kind: 'create', code: '440103001034', name: '新湾', households: 1200 },
    ];
    const refused = await propose({ changes, effectiveDate: '2028-01-01' });
    expect(refused.status).toBe(422);
    const problem = await json<{ rule: string; errors: { path: string; code: string; message: string }[] }>(refused);
    expect(problem.rule).toBe('adjustment_plan');
    expect(problem.errors.map((e) => [e.path, e.code])).toEqual([
      ['body.changes.0.into.0.sizeExceptionReason', 'size_needs_reason'],
      ['body.changes.1.sizeExceptionReason', 'size_needs_reason'],
    ]);
    expect(problem.errors[0]!.message).toContain('800 户');
    const reasoned = structuredClone(changes) as typeof changes & { sizeExceptionReason?: string }[];
    (reasoned[0]!.into![0] as Record<string, unknown>)['sizeExceptionReason'] = '老旧小区，楼栋分散';
    (reasoned[1] as Record<string, unknown>)['sizeExceptionReason'] = '新建大型楼盘';
    const plan = await run(reasoned, '2028-01-01');
    expect(plan.status).toBe('approved');
    const east = await json(await h.request('GET', '/v1/communities/440103001031?asOf=2028-01-01', { token: admin }));
    expect(east).toMatchObject({ name: '沙面南东社区居民委员会', households: 800, sizeStatus: 'below', sizeExceptionReason: '老旧小区，楼栋分散' });
    expect(await json(await h.request('GET', '/v1/communities/440103001033?asOf=2028-01-01', { token: admin }))).toMatchObject({ sizeStatus: 'above', sizeExceptionReason: '新建大型楼盘' });
    expect(await json(await h.request('GET', '/v1/communities/440103001034?asOf=2028-01-01', { token: admin }))).toMatchObject({ sizeStatus: 'within', sizeExceptionReason: null });
  });

  it('refuses a merge whose sum is out of range without a reason', async () => {
    const res = await propose({ changes: [{ kind: 'merge', codes: ['440103001013', '440103001004'], into: { code: '440103001035', name: '大桥' } }], effectiveDate: '2028-06-01' });
    expect(res.status).toBe(422);
    expect((await json<{ errors: { path: string; code: string }[] }>(res)).errors).toEqual([expect.objectContaining({ path: 'body.changes.0.into.sizeExceptionReason', code: 'size_needs_reason' })]);
  });

  it('lists plans within the unit only', async () => {
    const mine = await json<{ items: { streetCode: string }[] }>(await h.request('GET', '/v1/adjustment-plans', { token: street }));
    expect(mine.items.length).toBeGreaterThan(0);
    const other = await json<{ items: unknown[] }>(await h.request('GET', '/v1/adjustment-plans', { token: otherDistrict }));
    expect(other.items).toEqual([]);
  });
});

describe('authority inside a city', () => {
  it.each([
    ['GET', '/v1/communities/440104001001', undefined],
    ['PATCH', '/v1/communities/440104001001', { households: 1500 }],
    ['GET', '/v1/divisions/440104001', undefined],
    ['GET', '/v1/divisions/440104/summary', undefined],
    ['GET', '/v1/communities?parent=440104', undefined],
    ['GET', '/v1/adjustment-plans?street=440104001', undefined],
  ])('street A’s officer gets 404 for %s %s in street B', async (method, path, body) => {
    const res = await h.request(method, path, { token: street, json: body });
    expect(res.status).toBe(404);
  });

  it('a committee member sees only their community and edits nothing', async () => {
    const member = await h.cityToken('4401', 'committee_member', '440103001004');
    expect((await h.request('GET', '/v1/communities/440103001004', { token: member })).status).toBe(200);
    expect((await h.request('GET', '/v1/communities/440103001006', { token: member })).status).toBe(404);
    expect((await h.request('PATCH', '/v1/communities/440103001004', { token: member, json: { population: 1 } })).status).toBe(403);
  });
});

describe('province settings', () => {
  it('moves the household bounds for every city', async () => {
    const province = await h.provinceToken();
    const res = await h.request('PATCH', '/v1/province/settings', { token: province, json: { communityHouseholds: { min: 800, max: 3500 } } });
    expect(await json(res)).toEqual({ communityHouseholds: { min: 800, max: 3500 }, committeeTermYears: 5, noticeEmail: null });
    expect((await h.request('PATCH', '/v1/communities/440104001001', { token: admin, json: { households: 3400, sizeExceptionReason: null } })).status).toBe(200);
    const bad = await h.request('PATCH', '/v1/province/settings', { token: province, json: { communityHouseholds: { min: 4000, max: 3000 } } });
    expect(bad.status).toBe(400);
  });
});
