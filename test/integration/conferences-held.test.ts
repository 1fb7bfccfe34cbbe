import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConferenceWorker } from '../support/conferences.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let street: string;
const STREET = '440103001';
const units: Record<string, string> = {};
let seriesId: string;

type Json = Record<string, any>;
const call = async (token: string, method: string, path: string, json?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }> => {
  const res = await h.request(method, path, { token, json, headers });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const held = (json: unknown, token = street, id = seriesId) => call(token, 'POST', `/v1/conferences/series/${id}/held-meetings`, json);
const counts = async () =>
  (await h.asOwner<{ o: number; i: number; r: number; a: number }>(sql`select
    (select count(*)::int from conference_occurrences) as o, (select count(*)::int from conference_invitations) as i,
    (select count(*)::int from conference_resolutions) as r, (select count(*)::int from audit_log where action = 'conference_occurrence.held_recorded') as a`))[0]!;

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const admin = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  street = await h.cityToken('4401', 'street_officer', STREET);
  h.clock.set('2026-12-07T02:00:00Z');
  for (const [key, name] of [['hospital', '荔湾区人民医院'], ['school', '沙面小学']] as const) units[key] = (await ok(street, 'POST', '/v1/member-units', { name, type: 'enterprise' })).id;
});

afterAll(async () => {
  await h?.close();
});

describe('a series set up after its first meeting', () => {
  it('says its first meeting is past (catalogue code, Chinese, English on request) and names its convener', async () => {
    const created = await ok(street, 'POST', '/v1/conferences/series', {
      title: '沙面街道社区工作联席会议', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', firstStartLocal: '2026-11-15T09:30', venue: '沙面街道办事处三楼会议室', defaultInvitees: [units.hospital, units.school],
    });
    seriesId = created.id;
    expect(created).toMatchObject({ convenerUnit: STREET, convenerName: '沙面街道', status: 'active', statusLabel: '定期召开', nextMeetings: ['2027-02-15T09:30:00+08:00', '2027-05-15T09:30:00+08:00', '2027-08-15T09:30:00+08:00', '2027-11-15T09:30:00+08:00'] });
    expect(created.pastFirstMeeting).toEqual({ startsLocal: '2026-11-15T09:30', messageCode: 'first_meeting_past', message: '首次会议时间（2026-11-15 09:30）已过：系统只排定今后的会议。如该次会议已经召开，请补录会议纪要。' });
    const english = await call(street, 'GET', `/v1/conferences/series/${seriesId}`, undefined, { 'accept-language': 'en' });
    expect(english.body.pastFirstMeeting.message).toMatch(/^the first meeting \(2026-11-15 09:30\) is past/);
    await runConferenceWorker(h);
    expect((await ok(street, 'GET', `/v1/conferences/occurrences?series=${seriesId}&from=2026-01-01&to=2028-01-01`)).items.map((o: Json) => o.startsAtLocal.slice(0, 10))).toEqual(['2027-02-15', '2027-05-15', '2027-08-15', '2027-11-15']);
  });

  it('refuses a meeting in the future (400 naming startsLocal, in Chinese) and writes nothing', async () => {
    const before = await counts();
    const future = await held({ startsLocal: '2026-12-07T10:30', minutes: '会议议定开放篮球场。', attendance: [{ memberUnitId: units.hospital, attended: true }] });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ code: 'validation_failed', messageCode: 'held_meeting_in_future', detail: '只能补录已经召开的会议' });
    expect(future.body.errors).toEqual([{ path: 'body.startsLocal', code: 'must_not_be_after', params: { time: '2026-12-07 10:00' }, message: '不能晚于当前时间（2026-12-07 10:00）' }]);
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when part of the minutes is wrong: a unit outside the street, a resolution due in the past', async () => {
    const before = await counts();
    const other = await ok(await h.cityToken('4401', 'street_officer', '440103002'), 'POST', '/v1/member-units', { name: '岭南街道某单位', type: 'other' });
    const bad = await held({
      startsLocal: '2026-11-15T09:30', minutes: '会议纪要', attendance: [{ memberUnitId: units.hospital, attended: true }, { memberUnitId: other.id, attended: true }],
      resolutions: [{ title: '开放篮球场', ownerMemberUnitId: units.hospital, dueDate: '2026-12-01' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.attendance.1.memberUnitId', code: 'not_member_unit_of', message: '不是沙面街道辖区内的成员单位' })]);
    const late = await held({ startsLocal: '2026-11-15T09:30', minutes: '会议纪要', attendance: [{ memberUnitId: units.hospital, attended: true }], resolutions: [{ title: '开放篮球场', ownerMemberUnitId: units.hospital, dueDate: '2026-12-01' }] });
    expect(late.status).toBe(400);
    expect(late.body.errors.map((e: Json) => e.path)).toEqual(['body.resolutions.0.dueDate']);
    expect(await counts()).toEqual(before);
  });

  it('records the first meeting after the fact with attendance, minutes and a resolution, audited; the notice goes', async () => {
    const before = await counts();
    const res = await held({
      startsLocal: '2026-11-15T09:30', minutes: '会议议定医院篮球场周末向居民开放。', attendance: [{ memberUnitId: units.hospital, attended: true }, { memberUnitId: units.school, attended: false }],
      resolutions: [{ title: '医院篮球场周末向居民开放', ownerMemberUnitId: units.hospital, dueDate: '2027-01-31' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      seriesId, status: 'held', statusLabel: '已召开', startsAtLocal: '2026-11-15T09:30:00+08:00', venue: '沙面街道办事处三楼会议室', convenerName: '沙面街道', minutes: '会议议定医院篮球场周末向居民开放。',
      quorum: { invited: 2, required: 2, attended: 1, met: false },
      resolutions: [{ title: '医院篮球场周末向居民开放', ownerName: '荔湾区人民医院', status: 'open', statusLabel: '办理中' }],
    });
    expect(Date.parse(res.body.endsAt) - Date.parse(res.body.startsAt)).toBe(120 * 60_000);
    expect(res.body.invitations.map((i: Json) => [i.memberUnitName, i.attended]).sort()).toEqual([['沙面小学', false], ['荔湾区人民医院', true]]);
    expect(await counts()).toEqual({ o: before.o + 1, i: before.i + 2, r: before.r + 1, a: before.a + 1 });
    expect((await ok(street, 'GET', `/v1/conferences/series/${seriesId}`)).pastFirstMeeting).toBeNull();
    const cadence = await ok(street, 'GET', `/v1/conferences/cadence?unit=${STREET}`);
    expect(cadence.items[0]).toMatchObject({ seriesId, lastHeldAt: '2026-11-15T01:30:00.000Z', status: 'ok', held: 1, expected: 1 });
    // the next scheduled meeting carries the resolution onto its agenda
    const next = (await ok(street, 'GET', `/v1/conferences/occurrences?series=${seriesId}`)).items[0];
    expect((await ok(street, 'GET', `/v1/conferences/occurrences/${next.id}`)).agenda).toEqual([expect.objectContaining({ kind: 'carried_resolution', title: '医院篮球场周末向居民开放' })]);
  });

  it('refuses a second meeting at the same time (409 on startsLocal), and a meeting already scheduled there', async () => {
    const again = await held({ startsLocal: '2026-11-15T10:00', minutes: '重复补录', attendance: [] });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'body.startsLocal', code: 'meeting_already_at' })]);
    h.clock.set('2027-02-15T03:00:00Z');
    const scheduled = await held({ startsLocal: '2027-02-15T09:30', minutes: '应在原会议录入', attendance: [] });
    expect(scheduled.status).toBe(409);
    expect(scheduled.body.errors[0].message).toBe('该时间已有本联席会议的会议（2027-02-15 09:30），请在该次会议页面录入纪要');
  });

  it('is refused to an auditor (403) and to another city, which sees no such series (404)', async () => {
    const auditor = await held({ startsLocal: '2026-10-10T09:00', minutes: '越权纪要', attendance: [] }, await h.cityToken('4401', 'auditor'));
    expect(auditor.status).toBe(403);
    const before = await counts();
    const foreign = await held({ startsLocal: '2026-10-10T09:00', minutes: '越权纪要', attendance: [] }, await h.cityToken('4403', 'city_admin'));
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('沙面');
    expect(await counts()).toEqual(before);
  });
});

describe('the cadence of a series entered after its first meeting (issue #22)', () => {
  it('counts the meetings its rule says were due before it was entered, and those recorded after the fact as held', async () => {
    const other = await h.cityToken('4401', 'street_officer', '440103002');
    h.clock.set('2027-06-10T02:00:00Z');
    // monthly on the 5th since January: five meetings (Jan–May) were due before it was entered in June; the 5 June one too
    const s = await ok(other, 'POST', '/v1/conferences/series', { title: '岭南街道社区工作联席会议', rrule: 'FREQ=MONTHLY;BYMONTHDAY=5', firstStartLocal: '2027-01-05T09:00', venue: '岭南街道办事处会议室' });
    await runConferenceWorker(h);
    const cadence = async () => (await ok(other, 'GET', '/v1/conferences/cadence?unit=440103002&from=2027-01-01')).items[0] as Json;
    expect(await cadence()).toMatchObject({ seriesId: s.id, expected: 6, held: 0, heldOnTime: 0, status: 'overdue' });
    // February's, recorded on its day; March's, held two days late and recorded after the fact
    await ok(other, 'POST', `/v1/conferences/series/${s.id}/held-meetings`, { startsLocal: '2027-02-05T09:00', minutes: '二月例会。', attendance: [] });
    await ok(other, 'POST', `/v1/conferences/series/${s.id}/held-meetings`, { startsLocal: '2027-03-07T09:00', minutes: '三月例会（推迟两天）。', attendance: [] });
    expect(await cadence()).toMatchObject({ expected: 6, held: 2 });
    // a window before the series was entered counts what the rule set in it
    const q1 = (await ok(other, 'GET', '/v1/conferences/cadence?unit=440103002&from=2027-01-01&to=2027-03-31')).items[0] as Json;
    expect(q1).toMatchObject({ expected: 3, held: 2 });
  });
});
