import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerVerbs } from '../../functions/workers/registry.js';
import { processMessages } from '../../shared/workers/process.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
let shamian: string;
let hongqiao: string;
let auditor: string;
let unitId: string;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  shamian = await h.cityToken('4401', 'committee_member', '440103001001');
  hongqiao = await h.cityToken('4401', 'committee_member', '440104001001');
  auditor = await h.cityToken('4401', 'auditor');
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
  const unit = await h.request('POST', '/v1/service-units', {
    token: shamian,
    json: { unitCode: '440103001001', name: '沙面长者饭堂', services: ['助餐'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 200, totalAssetsYuan: 300 },
  });
  unitId = (await json<{ id: string }>(unit)).id;
});
afterAll(async () => {
  await h?.close();
});

/** The daily certification sweep of Guangzhou at 08:40 Asia/Shanghai on `day`, the clock set there; `key` as the relay gives it. */
async function sweep(day: string, key: string = crypto.randomUUID()): Promise<void> {
  const asOf = new Date(`${day}T08:40:00+08:00`);
  h.clock.set(asOf);
  const failures = await processMessages('serviceReminders', [{ messageId: crypto.randomUUID(), key, body: { version: 1, type: 'certification.sweep', tenant: '4401', asOf: asOf.toISOString() } }], workerVerbs.serviceReminders, {
    db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, personalData: h.personalData,
  });
  expect([...failures.values()]).toEqual([]);
}

const reminders = () =>
  h.asOwner<{ recipient: string; reason_code: string; title: string }>(sql`select recipient, reason_code, title from notifications where reason_code like 'certification.%' order by created_at, recipient`);

describe('service unit certification (行业管理和认证制度)', () => {
  it('a unit without a certificate shows none; recording one shows it valid, expiring within 60 days, then expired, by the injected clock', async () => {
    h.clock.set(new Date('2026-11-25T02:00:00Z'));
    expect((await json<{ certification: unknown }>(await h.request('GET', `/v1/service-units/${unitId}`, { token: admin }))).certification).toEqual({ status: 'none', statusLabel: '未认证', daysLeft: null, current: null });
    const recorded = await h.request('POST', `/v1/service-units/${unitId}/certifications`, {
      token: shamian, json: { certifyingBody: '广州市民政局', certificateNumber: '穗民认〔2025〕018号', certifiedOn: '2025-03-01', expiresOn: '2027-02-28' },
    });
    expect(recorded.status).toBe(201);
    expect(await json(recorded)).toMatchObject({ status: 'valid', statusLabel: '认证有效', daysLeft: 95, current: { certificateNumber: '穗民认〔2025〕018号', expiresOn: '2027-02-28' } });
    h.clock.set(new Date('2026-12-30T02:00:00Z'));
    const unit = await json<{ certification: { status: string; statusLabel: string; daysLeft: number } }>(await h.request('GET', `/v1/service-units/${unitId}`, { token: auditor }));
    expect(unit.certification).toMatchObject({ status: 'expiring', statusLabel: '认证即将到期（60日内）', daysLeft: 60 });
    h.clock.set(new Date('2027-03-01T02:00:00Z'));
    const list = await json<{ items: { id: string; certification: { status: string } }[] }>(await h.request('GET', '/v1/service-units?unit=440103', { token: admin }));
    expect(list.items.find((u) => u.id === unitId)!.certification.status).toBe('expired');
    h.clock.set(new Date('2026-11-25T02:00:00Z'));
  });

  it('refuses impossible dates with the field named, a renewal not after the current certificate, other units’ officers and readers', async () => {
    const post = (token: string, body: Record<string, unknown>) =>
      h.request('POST', `/v1/service-units/${unitId}/certifications`, { token, json: { certifyingBody: '广州市民政局', certificateNumber: 'X-1', ...body } });
    const backwards = await post(admin, { certifiedOn: '2026-10-01', expiresOn: '2026-09-30' });
    expect(backwards.status).toBe(400);
    expect((await json<{ errors: { path: string }[] }>(backwards)).errors.map((e) => e.path)).toEqual(['body.expiresOn']);
    const future = await post(admin, { certifiedOn: '2026-12-01', expiresOn: '2028-12-01' });
    expect((await json<{ errors: { path: string }[] }>(future)).errors.map((e) => e.path)).toEqual(['body.certifiedOn']);
    const earlier = await post(admin, { certifiedOn: '2025-01-01', expiresOn: '2028-12-01' });
    expect(earlier.status).toBe(422);
    expect((await json<{ errors: { path: string }[] }>(earlier)).errors.map((e) => e.path)).toEqual(['body.certifiedOn']);
    expect((await post(hongqiao, { certifiedOn: '2026-10-01', expiresOn: '2028-09-30' })).status).toBe(404);
    expect((await post(auditor, { certifiedOn: '2026-10-01', expiresOn: '2028-09-30' })).status).toBe(403);
  });

  it('reminds the community and its street once 30 days before expiry, never twice under redelivery or a repeated sweep, then once when lapsed', async () => {
    await sweep('2027-01-28'); // 31 days before 2027-02-28: nothing yet
    expect(await reminders()).toEqual([]);
    const key = crypto.randomUUID();
    await sweep('2027-01-29', key); // 30 days before
    const first = await reminders();
    expect(first.map((r) => [r.recipient, r.reason_code])).toEqual([['440103001', 'certification.due_30d'], ['440103001001', 'certification.due_30d']]);
    expect(first[0]!.title).toBe('服务单位认证即将到期：沙面长者饭堂');
    await sweep('2027-01-29', key); // the same message redelivered
    await sweep('2027-01-29'); // the sweep run again that day
    await sweep('2027-02-10'); // a later day of the same stage
    expect(await reminders()).toHaveLength(2);
    const inbox = await json<{ items: { title: string; reasonCode: string }[] }>(await h.request('GET', '/v1/notifications?unit=440103001', { token: admin }));
    expect(inbox.items.filter((n) => n.reasonCode.startsWith('certification.')).map((n) => n.title)).toContain('服务单位认证即将到期：沙面长者饭堂');
    await sweep('2027-02-28'); // the last valid day
    expect(await reminders()).toHaveLength(2);
    await sweep('2027-03-01'); // lapsed
    await sweep('2027-03-02');
    const all = await reminders();
    expect(all.filter((r) => r.reason_code === 'certification.expired').map((r) => r.recipient)).toEqual(['440103001', '440103001001']);
    expect(all).toHaveLength(4);
  });

  it('a renewal becomes current, its history keeps the old certificate, and its own reminders start afresh', async () => {
    h.clock.set(new Date('2027-03-05T02:00:00Z'));
    const renewed = await h.request('POST', `/v1/service-units/${unitId}/certifications`, {
      token: admin, json: { certifyingBody: '广州市民政局', certificateNumber: '穗民认〔2027〕006号', certifiedOn: '2027-03-04', expiresOn: '2029-03-03' },
    });
    expect(renewed.status).toBe(201);
    const view = await json<{ status: string; history: { certificateNumber: string }[] }>(renewed);
    expect(view.status).toBe('valid');
    expect(view.history.map((c) => c.certificateNumber)).toEqual(['穗民认〔2027〕006号', '穗民认〔2025〕018号']);
    expect(await json(await h.request('GET', `/v1/service-units/${unitId}/certifications`, { token: auditor }))).toMatchObject({ status: 'valid', current: { certificateNumber: '穗民认〔2027〕006号' } });
    await sweep('2027-03-06');
    expect(await reminders()).toHaveLength(4);
    await sweep('2029-02-01');
    expect((await reminders()).filter((r) => r.reason_code === 'certification.due_30d')).toHaveLength(4);
  });
});
