import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseError } from '../support/errors.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let shamian: string;
let hongqiao: string;
const memberUnitId = '01a2130c-0000-7000-8000-0000000000a1';
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  shamian = await h.cityToken('4401', 'committee_member', '440103001001');
  hongqiao = await h.cityToken('4401', 'committee_member', '440104001001');
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
  await h.asOwner(sql`insert into member_units (id, tenant_id, street_code, name, type, created_by, created_at, updated_at)
    values (${memberUnitId}, '4401', '440103001', '沙面小学', 'organisation', 'test', now(), now())`);
});
afterAll(async () => {
  await h?.close();
});

describe('facilities', () => {
  it('registers places with area, address and hours, remote services with a contact, and member units’ facilities opened to residents', async () => {
    const centre = await h.request('POST', '/v1/facilities', { token: shamian, json: { unitCode: '440103001001', kind: 'service_centre', name: '沙面社区服务中心', areaM2: 320.5, address: '沙面北街45号', openingHours: '周一至周日 08:30-21:00' } });
    expect(await json(centre)).toMatchObject({ kindLabel: '社区服务中心', areaM2: 320.5, openedBy: null });
    const playground = await json<{ id: string }>(await h.request('POST', '/v1/facilities', { token: shamian, json: { unitCode: '440103001001', kind: 'playground', name: '沙面小学操场', address: '沙面南街1号', areaM2: 1800, openingHours: '周末 07:00-18:00', openedBy: memberUnitId } }));
    expect(await json(await h.request('GET', `/v1/facilities/${playground.id}`, { token: admin }))).toMatchObject({ openedBy: { memberUnitId, name: '沙面小学' } });
    await h.request('POST', '/v1/facilities', { token: admin, json: { unitCode: '440103001', kind: 'hotline', name: '沙面街道服务热线', contact: '020-81234567' } });
    const noAddress = await h.request('POST', '/v1/facilities', { token: shamian, json: { unitCode: '440103001001', kind: 'green_space', name: '小绿地' } });
    expect(noAddress.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(noAddress)).errors.map((e) => e.path)).toEqual(['body.address']);
    const unknownUnit = await h.request('PATCH', `/v1/facilities/${playground.id}`, { token: shamian, json: { openedBy: '01a2130c-0000-7000-8000-0000000000ff' } });
    expect((await json<{ errors: { path: string }[] }>(unknownUnit)).errors.map((e) => e.path)).toEqual(['body.openedBy']);
    expect((await h.request('GET', `/v1/facilities/${playground.id}`, { token: hongqiao })).status).toBe(404);
    const list = await json<{ items: { kind: string }[] }>(await h.request('GET', '/v1/facilities?unit=440103', { token: admin }));
    expect(list.items.map((f) => f.kind)).toEqual(['hotline', 'playground', 'service_centre']);
  });
});

describe('service units and their registration authority', () => {
  const unit = (body: Record<string, unknown>) =>
    h.request('POST', '/v1/service-units', { token: shamian, json: { unitCode: '440103001001', services: ['日间照料'], targets: ['elderly', 'disabled'], funding: 'non_state', profitStatus: 'non_profit', ...body } });

  it.each([
    ['exactly two-thirds', 2_000_000, 3_000_000, 'civil_affairs'],
    ['one yuan under two-thirds', 1_999_999, 3_000_000, 'undetermined'],
  ])('%s of non-state assets → %s', async (_label, nonState, total, authority) => {
    const res = await unit({ name: `长者服务站${nonState}`, nonStateAssetsYuan: nonState, totalAssetsYuan: total });
    expect(await json(res)).toMatchObject({ registrationAuthority: authority });
  });

  it('government funding → managed like social welfare; for-profit → industry and commerce; recomputed on change', async () => {
    const gov = await json<{ id: string; registrationAuthorityLabel: string }>(await unit({ name: '街道托老所', funding: 'government', nonStateAssetsYuan: 0, totalAssetsYuan: 500_000 }));
    expect(gov.registrationAuthorityLabel).toBe('参照社会福利事业单位管理');
    const changed = await h.request('PATCH', `/v1/service-units/${gov.id}`, { token: shamian, json: { funding: 'non_state', profitStatus: 'for_profit', nonStateAssetsYuan: 500_000 } });
    expect(await json(changed)).toMatchObject({ registrationAuthority: 'industry_commerce' });
    const bad = await unit({ name: '坏数据', nonStateAssetsYuan: 10, totalAssetsYuan: 5 });
    expect((await json<{ errors: { path: string }[] }>(bad)).errors.map((e) => e.path)).toEqual(['body.nonStateAssetsYuan']);
  });
});

describe('volunteers and the time bank (劳动储蓄)', () => {
  let volunteerId: string;
  const entry = (token: string, body: Record<string, unknown>) =>
    h.request('POST', `/v1/volunteers/${volunteerId}/ledger`, { token, json: { communityCode: '440103001001', service: '陪伴独居老人', serviceDate: '2026-11-20', ...body } });

  it('registers a volunteer with a service card and shows the phone masked', async () => {
    const org = await json<{ id: string }>(await h.request('POST', '/v1/volunteer-organisations', { token: shamian, json: { unitCode: '440103001001', name: '沙面志愿服务队' } }));
    const res = await h.request('POST', '/v1/volunteers', { token: shamian, json: { cardNumber: 'SM-2026-0001', name: '陈静', phone: '138 1234 1234', communityCode: '440103001001', organisationId: org.id } });
    const text = await res.text();
    expect(text).not.toContain('13812341234');
    const v = JSON.parse(text) as { id: string; phone: string; balanceMinutes: number };
    expect(v).toMatchObject({ phone: '138****1234', balanceMinutes: 0 });
    volunteerId = v.id;
    // the organisation counts the volunteer who joined it
    const orgs = await json<{ items: { id: string; volunteers: number }[] }>(await h.request('GET', '/v1/volunteer-organisations', { token: shamian }));
    expect(orgs.items.find((o) => o.id === org.id)?.volunteers).toBe(1);
    const [stored] = await h.asOwner<{ row: string }>(sql`select row_to_json(v)::text as row from volunteers v where id = ${v.id}`);
    expect(stored!.row).not.toContain('13812341234');
    expect(stored!.row).toContain('"phone_sealed"');
    const dup = await h.request('POST', '/v1/volunteers', { token: shamian, json: { cardNumber: 'SM-2026-0001', name: '重复', communityCode: '440103001001' } });
    expect(dup.status).toBe(409);
    const badPhone = await h.request('POST', '/v1/volunteers', { token: shamian, json: { cardNumber: 'SM-2026-0002', name: '王', phone: '12345', communityCode: '440103001001' } });
    expect((await json<{ errors: { path: string }[] }>(badPhone)).errors.map((e) => e.path)).toEqual(['body.phone']);
  });

  it('names the volunteer’s community as it stands today, also when an approved plan ends it later', async () => {
    const named = async () => (await json<{ communityName: string | null }>(await h.request('GET', `/v1/volunteers/${volunteerId}`, { token: shamian }))).communityName;
    const before = await named();
    expect(before).toBeTruthy();
    // as a plan approved today for next year leaves it: the version in force today gets an end date
    await h.asOwner(sql`update divisions set valid_to = '2099-01-01' where code = '440103001001' and valid_to is null`);
    try {
      expect(await named()).toBe(before);
    } finally {
      await h.asOwner(sql`update divisions set valid_to = null where code = '440103001001' and valid_to = '2099-01-01'`);
    }
  });

  it('banks deposits confirmed by the community, draws them in another community by a unit over both, corrects by a new entry', async () => {
    const deposit = await json<{ entry: { id: string }; balanceMinutes: number }>(await entry(shamian, { kind: 'deposit', minutes: 180 }));
    expect(deposit.balanceMinutes).toBe(180);
    const found = await json<{ items: { id: string }[] }>(await h.request('GET', '/v1/volunteers?card=SM-2026-0001', { token: hongqiao }));
    expect(found.items.map((v) => v.id)).toEqual([volunteerId]);
    h.clock.advance(60_000);
    expect((await entry(hongqiao, { kind: 'draw', minutes: 60, communityCode: '440104001001', service: '上门家政' })).status).toBe(404);
    const drawn = await json(await entry(admin, { kind: 'draw', minutes: 60, communityCode: '440104001001', service: '上门家政' }));
    expect(drawn).toMatchObject({ balanceMinutes: 120 });
    h.clock.advance(60_000);
    expect(await json(await entry(shamian, { kind: 'correction', minutes: -30, correctsEntryId: deposit.entry.id, service: '登记多记半小时' }))).toMatchObject({ balanceMinutes: 90 });
    expect((await entry(hongqiao, { kind: 'deposit', minutes: 30 })).status).toBe(404);
    expect((await entry(shamian, { kind: 'correction', minutes: 10 })).status).toBe(400);
    const ledger = await json<{ balanceHours: number; bankedMinutes: number; drawnMinutes: number; entries: { kind: string; minutes: number }[] }>(await h.request('GET', `/v1/volunteers/${volunteerId}/ledger`, { token: admin }));
    expect(ledger.entries.map((e) => [e.kind, e.minutes])).toEqual([['deposit', 180], ['draw', -60], ['correction', -30]]);
    expect(ledger.balanceHours).toBe(1.5);
    // the correction counts with the deposit it corrects
    expect([ledger.bankedMinutes, ledger.drawnMinutes]).toEqual([150, 60]);
  });

  it('never lets the balance go below zero: an overdraw is refused, and of two draws at once exactly one succeeds', async () => {
    const over = await entry(shamian, { kind: 'draw', minutes: 91 });
    expect(await json(over)).toMatchObject({ status: 422, code: 'insufficient_balance' });
    const [a, b] = await Promise.all([entry(shamian, { kind: 'draw', minutes: 60 }), entry(admin, { kind: 'draw', minutes: 60, communityCode: '440104001001' })]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    expect(await json(await h.request('GET', `/v1/volunteers/${volunteerId}`, { token: admin }))).toMatchObject({ balanceMinutes: 30 });
    const [row] = await h.asOwner<{ n: number; balance: number }>(sql`select count(*)::int as n, (select balance_minutes from volunteer_balances where volunteer_id = ${volunteerId}) as balance
      from time_bank_entries where volunteer_id = ${volunteerId}`);
    expect(row).toEqual({ n: 4, balance: 30 });
  });

  it('the database itself keeps the ledger append-only and the balance non-negative', async () => {
    const asApp = (query: ReturnType<typeof sql>) => () => h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.tenant_id', '4401', true), set_config('role', 'shequ_app', true)`);
      await tx.execute(query);
    });
    expect(await databaseError(asApp(sql`update time_bank_entries set minutes = 1000 where volunteer_id = ${volunteerId}`))).toContain('permission denied');
    expect(await databaseError(asApp(sql`delete from time_bank_entries where volunteer_id = ${volunteerId}`))).toContain('permission denied');
    expect(await databaseError(asApp(sql`update volunteer_balances set balance_minutes = 1000`))).toContain('permission denied');
    expect(await databaseError(asApp(sql`insert into time_bank_entries (id, tenant_id, volunteer_id, kind, minutes, community_code, service, service_date, recorded_by, recorded_at)
      values (gen_random_uuid(), '4401', ${volunteerId}, 'draw', -31, '440103001001', 'x', '2026-11-25', 'x', now())`))).toContain('volunteer_balances_non_negative');
  });
});

describe('figures for reports', () => {
  it('counts facilities by kind, service units by authority and target, volunteers and hours', async () => {
    const figures = await json(await h.request('GET', '/v1/services/figures', { token: admin }));
    expect(figures).toMatchObject({
      scope: '4401',
      facilities: { service_centre: { count: 1, areaM2: 320.5 }, playground: { count: 1, areaM2: 1800, openedByMemberUnits: 1 }, hotline: { count: 1, areaM2: 0 } },
      serviceUnits: { total: 3, byAuthority: { civil_affairs: 1, undetermined: 1, industry_commerce: 1 }, byTarget: { elderly: 3, disabled: 3 } },
      volunteers: { organisations: 1, volunteers: 1 },
      timeBank: { depositedHours: 2.5, drawnHours: 2, balanceHours: 0.5 },
    });
    expect(await json(await h.request('GET', '/v1/services/figures?unit=440104', { token: admin }))).toMatchObject({ facilities: {}, volunteers: { volunteers: 0 }, timeBank: { drawnHours: 1 } });
  });
});
