import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let shamianStreet: string;
let shamian: string;
let otherStreet: string;
let otherCommittee: string;
let volunteerId: string;
const shamianUnit = '01a2130c-0000-7000-8000-0000000000b1';
const otherStreetUnit = '01a2130c-0000-7000-8000-0000000000b2';
const retiredUnit = '01a2130c-0000-7000-8000-0000000000b3';
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
const entry = (token: string, body: Record<string, unknown>) =>
  h.request('POST', `/v1/volunteers/${volunteerId}/ledger`, { token, json: { communityCode: '440103001001', service: '陪伴独居老人', serviceDate: '2026-11-20', ...body } });
const deposit = async (minutes: number) => (await json<{ entry: { id: string } }>(await entry(shamian, { kind: 'deposit', minutes }))).entry.id;
const balance = async () => (await json<{ balanceMinutes: number }>(await h.request('GET', `/v1/volunteers/${volunteerId}`, { token: admin }))).balanceMinutes;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  shamianStreet = await h.cityToken('4401', 'street_officer', '440103001');
  shamian = await h.cityToken('4401', 'committee_member', '440103001001');
  otherStreet = await h.cityToken('4401', 'street_officer', '440103002');
  otherCommittee = await h.cityToken('4401', 'committee_member', '440104001001');
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
  await h.asOwner(sql`insert into member_units (id, tenant_id, street_code, name, type, active, created_by, created_at, updated_at) values
    (${shamianUnit}, '4401', '440103001', '沙面小学', 'organisation', true, 'test', now(), now()),
    (${otherStreetUnit}, '4401', '440103002', '岭南中学', 'organisation', true, 'test', now(), now()),
    (${retiredUnit}, '4401', '440103001', '已撤并单位', 'organisation', false, 'test', now(), now())`);
  const v = await json<{ id: string }>(await h.request('POST', '/v1/volunteers', { token: shamian, json: { cardNumber: 'SM-2026-0100', name: '陈静', communityCode: '440103001001' } }));
  volunteerId = v.id;
});
afterAll(async () => {
  await h?.close();
});

describe('time bank: who may credit, draw and correct, and by how much', () => {
  it('a unit outside the volunteer’s community neither credits nor draws for them (404), a unit over it does', async () => {
    await deposit(30);
    expect((await entry(otherCommittee, { kind: 'deposit', minutes: 90_000, communityCode: '440104001001' })).status).toBe(404);
    expect((await entry(otherCommittee, { kind: 'draw', minutes: 30, communityCode: '440104001001' })).status).toBe(404);
    expect((await entry(otherStreet, { kind: 'deposit', minutes: 60, communityCode: '440103002001' })).status).toBe(404);
    expect((await entry(shamianStreet, { kind: 'draw', minutes: 10 })).status).toBe(201);
    expect(await balance()).toBe(20);
  });

  it('another street cannot void a deposit (403), even naming its own community; the recording unit or one above it can', async () => {
    const id = await deposit(60);
    const voided = await entry(otherStreet, { kind: 'correction', minutes: -60, correctsEntryId: id, communityCode: '440103002001' });
    expect(await json(voided)).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await entry(otherCommittee, { kind: 'correction', minutes: -60, correctsEntryId: id, communityCode: '440104001001' })).status).toBe(403);
    const elsewhere = await entry(shamianStreet, { kind: 'correction', minutes: -60, correctsEntryId: id, communityCode: '440103001002' });
    expect((await json<{ errors: { path: string }[] }>(elsewhere)).errors.map((e) => e.path)).toEqual(['body.communityCode']);
    expect(await json(await entry(shamianStreet, { kind: 'correction', minutes: -60, correctsEntryId: id }))).toMatchObject({ balanceMinutes: 20 });
  });

  it('a correction of a 60-minute deposit lies between -60 and -1: +100,000 and -61 are refused (422), nothing minted', async () => {
    const id = await deposit(60);
    for (const minutes of [100_000, 1, -61]) {
      expect(await json(await entry(shamian, { kind: 'correction', minutes, correctsEntryId: id }))).toMatchObject({ status: 422, code: 'ledger_correction_out_of_bounds' });
    }
    expect(await balance()).toBe(80);
    expect(await json(await entry(shamian, { kind: 'correction', minutes: -15, correctsEntryId: id }))).toMatchObject({ balanceMinutes: 65 });
  });

  it('an entry is corrected at most once (409), also when two corrections race; a correction is not itself corrected', async () => {
    const id = await deposit(60);
    const [a, b] = await Promise.all([entry(shamian, { kind: 'correction', minutes: -10, correctsEntryId: id }), entry(shamianStreet, { kind: 'correction', minutes: -20, correctsEntryId: id })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(await json(loser)).toMatchObject({ code: 'ledger_entry_already_corrected', errors: [{ path: 'body.correctsEntryId' }] });
    const again = await entry(admin, { kind: 'correction', minutes: -5, correctsEntryId: id });
    expect(await json(again)).toMatchObject({ status: 409, code: 'ledger_entry_already_corrected' });
    const winner = await json<{ entry: { id: string } }>(a.status === 201 ? a : b);
    const chained = await entry(shamian, { kind: 'correction', minutes: 10, correctsEntryId: winner.entry.id });
    expect(await json(chained)).toMatchObject({ status: 422, code: 'ledger_correction_out_of_bounds' });
    const [row] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from time_bank_entries where corrects_entry_id = ${id}`);
    expect(row!.n).toBe(1);
  });

  it('a draw of 60 is given back by +1…+60, never more', async () => {
    const drawn = await json<{ entry: { id: string } }>(await entry(shamian, { kind: 'draw', minutes: 60 }));
    const before = await balance();
    expect((await json(await entry(shamian, { kind: 'correction', minutes: 61, correctsEntryId: drawn.entry.id }))).code).toBe('ledger_correction_out_of_bounds');
    expect((await json(await entry(shamian, { kind: 'correction', minutes: -60, correctsEntryId: drawn.entry.id }))).code).toBe('ledger_correction_out_of_bounds');
    expect(await json(await entry(shamian, { kind: 'correction', minutes: 60, correctsEntryId: drawn.entry.id }))).toMatchObject({ balanceMinutes: before + 60 });
  });

  it('the issue’s sequence ends at the deposit: no balance of 210,030 from a 30-minute deposit', async () => {
    const id = await deposit(30);
    const before = await balance();
    await entry(otherCommittee, { kind: 'correction', minutes: 100_000, correctsEntryId: id, communityCode: '440104001001' });
    await entry(shamian, { kind: 'correction', minutes: 100_000, correctsEntryId: id });
    await entry(shamian, { kind: 'correction', minutes: 100_000, correctsEntryId: id });
    expect((await entry(otherCommittee, { kind: 'draw', minutes: 90_000, communityCode: '440104001001' })).status).toBe(404);
    expect(await balance()).toBe(before);
  });
});

describe('facilities: openedBy is a member unit of the facility’s street', () => {
  const facility = (token: string, body: Record<string, unknown>) =>
    h.request('POST', '/v1/facilities', { token, json: { unitCode: '440103001001', kind: 'playground', name: `操场${Math.random()}`, address: '沙面南街1号', ...body } });

  it('another street’s member unit is refused (400 body.openedBy) and its name never echoed; an inactive one too', async () => {
    const other = await facility(shamian, { openedBy: otherStreetUnit });
    expect(other.status).toBe(400);
    const text = await other.text();
    expect(text).not.toContain('岭南中学');
    expect((JSON.parse(text) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.openedBy']);
    expect((await facility(shamian, { openedBy: retiredUnit })).status).toBe(400);
    expect((await facility(admin, { unitCode: '440103002001', openedBy: otherStreetUnit })).status).toBe(201);
  });

  it('its own street’s member unit is taken; a PATCH to another street’s is refused and leaves the facility as it was', async () => {
    const created = await json<{ id: string; openedBy: { name: string } }>(await facility(shamian, { openedBy: shamianUnit }));
    expect(created.openedBy.name).toBe('沙面小学');
    const patched = await h.request('PATCH', `/v1/facilities/${created.id}`, { token: shamianStreet, json: { openedBy: otherStreetUnit } });
    expect(patched.status).toBe(400);
    expect(await json(await h.request('GET', `/v1/facilities/${created.id}`, { token: shamian }))).toMatchObject({ openedBy: { memberUnitId: shamianUnit, name: '沙面小学' } });
    expect((await h.request('PATCH', `/v1/facilities/${created.id}`, { token: shamianStreet, json: { name: '沙面小学操场' } })).status).toBe(200);
  });
});
