import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerVerbs } from '../../functions/workers/registry.js';
import { processMessages } from '../../shared/workers/process.js';
import { mailbox, runConferenceWorker } from '../support/conferences.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

let h: Harness;
let street: string;
let district: string;
let admin: string;
const mail = mailbox();
const STREET = '440103001';
const units: Record<string, string> = {};

type Json = Record<string, any>;
const call = async (token: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await h.request(method, path, { token, json });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? (JSON.parse(text) as Json) : { text } };
};
const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const worker = () => runConferenceWorker(h, mail);
const sweep = async (asOf: string) => {
  h.clock.set(asOf);
  const id = crypto.randomUUID();
  const failures = await processMessages('conferenceScheduling', [{ messageId: id, key: id, body: { version: 1, type: 'conference.sweep', tenant: '4401', asOf: new Date(asOf).toISOString() } }], workerVerbs.conferenceScheduling, {
    db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, mail,
  });
  expect([...failures.values()]).toEqual([]);
};
const occurrences = async (series: string, from = '2026-11-01') => (await ok(street, 'GET', `/v1/conferences/occurrences?series=${series}&from=${from}&to=2029-01-01`)).items as Json[];
const linkIn = (to: string, subject: RegExp) => {
  const found = mail.sent.filter((m) => m.to === to && subject.test(m.subject)).at(-1);
  return found?.link ?? null;
};

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken('4401');
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  street = await h.cityToken('4401', 'street_officer', STREET);
  district = await h.cityToken('4401', 'district_officer', '440103');
  for (const [key, name, type, email] of [['hospital', '荔湾区人民医院', 'enterprise', 'hospital@example.cn'], ['school', '沙面小学', 'enterprise', 'school@example.cn'], ['garrison', '沙面驻军某部', 'military', 'garrison@example.cn']] as const) {
    units[key] = (await ok(street, 'POST', '/v1/member-units', { name, type, email, contactPerson: '王主任', phone: '13800138000', sharedResources: [{ name: '篮球场', openHours: '周末 08:00-18:00' }] })).id;
  }
});

afterAll(async () => {
  await h?.close();
});

describe('member units', () => {
  it('keeps the phone sealed and shows it masked, in full only to an officer who asks (audited)', async () => {
    const unit = await ok(street, 'GET', `/v1/member-units/${units.hospital}`);
    expect(unit).toMatchObject({ phone: '138****8000', typeLabel: '企事业单位', sharedResources: [{ name: '篮球场' }] });
    expect((await ok(street, 'GET', `/v1/member-units/${units.hospital}?reveal=true`)).phone).toBe('13800138000');
    const [stored] = await h.asOwner<{ phone_sealed: string }>(sql`select phone_sealed from member_units where id = ${units.hospital}`);
    expect(stored!.phone_sealed).not.toContain('13800138000');
    const bad = await call(street, 'POST', '/v1/member-units', { name: '坏号码单位', type: 'other', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'body.phone' })]);
  });
});

describe('a quarterly series', () => {
  let seriesId: string;

  it('materialises 12 months across the year boundary in Asia/Shanghai', async () => {
    h.clock.set('2026-11-25T02:00:00Z');
    const created = await ok(street, 'POST', '/v1/conferences/series', {
      title: '沙面街道社区工作联席会议', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', firstStartLocal: '2026-12-15T09:30', venue: '沙面街道办事处三楼会议室',
      agenda: '共建共享项目\n辖区停车问题', defaultInvitees: [units.hospital, units.school, units.garrison],
    });
    seriesId = created.id;
    expect(created).toMatchObject({ revision: 1, materialisedRevision: null, nextMeetings: ['2026-12-15T09:30:00+08:00', '2027-03-15T09:30:00+08:00', '2027-06-15T09:30:00+08:00', '2027-09-15T09:30:00+08:00'] });
    expect(await worker()).toBe(1);
    const list = await occurrences(seriesId);
    expect(list.map((o) => o.startsAt)).toEqual(['2026-12-15T01:30:00.000Z', '2027-03-15T01:30:00.000Z', '2027-06-15T01:30:00.000Z', '2027-09-15T01:30:00.000Z']);
    expect(list[0]).toMatchObject({ startsAtLocal: '2026-12-15T09:30:00+08:00', quorum: { invited: 3, required: 2, pending: 3 } });
    expect((await ok(street, 'GET', `/v1/conferences/series/${seriesId}`)).materialisedRevision).toBe(1);

    await sweep('2027-01-10T00:10:00Z');
    await sweep('2027-01-10T00:20:00Z');
    const rolled = await occurrences(seriesId);
    expect(rolled.map((o) => o.startsAtLocal.slice(0, 10))).toEqual(['2026-12-15', '2027-03-15', '2027-06-15', '2027-09-15', '2027-12-15']);
  });

  it('mails invitations with private reply links; only token hashes are stored', async () => {
    const link = linkIn('hospital@example.cn', /会议邀请/);
    expect(link).toMatch(/^\/r\/4401\.[A-Za-z0-9_-]{43}$/);
    const token = link!.slice(3);
    const stored = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from conference_reply_tokens where token_hash = ${token}`);
    expect(stored[0]!.n).toBe(0);
    const leaks = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from notifications where body like ${`%${token}%`} or coalesce(link, '') like ${`%${token}%`}`);
    expect(leaks[0]!.n).toBe(0);
  });

  it('takes replies through the link, counts them toward quorum, and refuses forged, foreign and expired links', async () => {
    h.clock.set('2026-12-10T02:00:00Z');
    const hospital = linkIn('hospital@example.cn', /会议邀请/)!;
    const school = linkIn('school@example.cn', /会议邀请/)!;
    const page = await h.request('GET', hospital);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ conference: '沙面街道社区工作联席会议', memberUnit: '荔湾区人民医院', reply: 'pending', startsAtLocal: '2026-12-15T09:30:00+08:00' });
    expect((await h.request('POST', hospital, { json: { reply: 'accepted' } })).status).toBe(200);
    const delegated = await h.request('POST', school, { json: { reply: 'delegated' } });
    expect(delegated.status).toBe(400);
    expect(((await delegated.json()) as Json).errors).toEqual([expect.objectContaining({ path: 'body.delegateName' })]);
    expect((await h.request('POST', school, { json: { reply: 'delegated', delegateName: '李老师' } })).status).toBe(200);

    const [first] = await occurrences(seriesId);
    expect(first!.quorum).toMatchObject({ invited: 3, required: 2, accepted: 2, pending: 1, expected: true });
    const detail = await ok(street, 'GET', `/v1/conferences/occurrences/${first!.id}`);
    expect(detail.invitations.map((i: Json) => i.replyLabel).sort()).toEqual(['参加', '委托参加', '未答复'].sort());

    const forged = await h.request('GET', `/r/4401.${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await h.request('GET', `/r/4403.${hospital.slice(8)}`)).status).toBe(404);
    expect((await h.request('GET', '/r/not-a-token-at-all')).status).toBe(404);

    h.clock.set('2026-12-15T03:31:00Z');
    const late = await h.request('POST', hospital, { json: { reply: 'declined' } });
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ code: 'reply_link_expired', title: '答复链接已失效（会议已结束或已取消）' });
  });

  it('sends each reminder stage once per invitation under repeated sweeps, and none to who declined', async () => {
    h.clock.set('2027-03-01T00:00:00Z');
    await sweep('2027-03-01T00:00:00Z');
    const garrison = linkIn('garrison@example.cn', /会议邀请/);
    expect(garrison).toBeTruthy();
    expect((await h.request('POST', garrison!, { json: { reply: 'declined', comment: '演习' } })).status).toBe(200);
    const before = mail.sent.length;
    const reminded = (subject: string) => mail.sent.slice(before).filter((m) => m.subject.startsWith(subject)).map((m) => m.to).sort();
    // The daily sweep runs at 08:10; the meeting is at 09:30 on 15 March. Stages are calendar days in Asia/Shanghai (#22).
    await sweep('2027-03-07T00:10:00Z');
    expect(reminded('会议提醒（7天后召开）')).toEqual([]);
    await sweep('2027-03-08T00:10:00Z');
    expect(reminded('会议提醒（7天后召开）')).toEqual(['hospital@example.cn', 'school@example.cn']);
    for (const at of ['2027-03-08T08:00:00Z', '2027-03-10T02:00:00Z', '2027-03-13T00:10:00Z']) await sweep(at);
    expect(reminded('会议提醒（7天后召开）')).toEqual(['hospital@example.cn', 'school@example.cn']);
    expect(reminded('会议提醒（明天召开）')).toEqual([]);
    await sweep('2027-03-14T00:10:00Z');
    expect(reminded('会议提醒（明天召开）')).toEqual(['hospital@example.cn', 'school@example.cn']);
    for (const at of ['2027-03-14T12:00:00Z', '2027-03-15T00:10:00Z']) await sweep(at);
    expect(reminded('会议提醒（明天召开）')).toEqual(['hospital@example.cn', 'school@example.cn']);
    const rows = await h.asOwner<{ stage: string; n: number }>(sql`select stage, count(*)::int as n from conference_reminders group by stage order by stage`);
    expect(rows).toEqual([{ stage: 'invitation_1d', n: 2 }, { stage: 'invitation_7d', n: 2 }]);
  });

  it('records minutes and resolutions, carries open ones onto the next meeting until closed, and flags cadence', async () => {
    const [dec, mar, jun] = await occurrences(seriesId);
    h.clock.set('2026-12-15T04:00:00Z');
    const early = await call(street, 'POST', `/v1/conferences/occurrences/${mar!.id}/minutes`, { minutes: '太早', attendance: [] });
    expect(early.status).toBe(422);
    const held = await ok(street, 'POST', `/v1/conferences/occurrences/${dec!.id}/minutes`, {
      minutes: '议定开放辖区单位篮球场', attendance: [{ memberUnitId: units.hospital, attended: true }, { memberUnitId: units.school, attended: true }, { memberUnitId: units.garrison, attended: false }],
      resolutions: [{ title: '医院篮球场周末向居民开放', ownerMemberUnitId: units.hospital, dueDate: '2027-02-28' }, { title: '沙面街道牵头整治停车', ownerUnit: STREET, dueDate: '2027-06-30' }],
    });
    expect(held).toMatchObject({ status: 'held', quorum: { attended: 2, required: 2, met: true } });
    const [hospitalResolution, parking] = held.resolutions as Json[];

    const next = await ok(street, 'GET', `/v1/conferences/occurrences/${mar!.id}`);
    expect(next.agenda.filter((a: Json) => a.kind === 'carried_resolution').map((a: Json) => a.title)).toEqual(['医院篮球场周末向居民开放', '沙面街道牵头整治停车']);

    h.clock.set('2027-03-15T05:00:00Z');
    const cadenceOk = await ok(district, 'GET', '/v1/conferences/cadence?unit=440103');
    expect(cadenceOk.items).toEqual([expect.objectContaining({ seriesId, status: 'ok', flagged: false })]);
    expect(cadenceOk.streetsWithoutSeries).toEqual(['440103002']);
    await ok(street, 'POST', `/v1/conferences/occurrences/${mar!.id}/minutes`, { minutes: '篮球场已开放', attendance: [{ memberUnitId: units.hospital, attended: true }], closeResolutions: [{ id: hospitalResolution!.id, note: '已于3月1日开放' }] });
    const june = await ok(street, 'GET', `/v1/conferences/occurrences/${jun!.id}`);
    expect(june.agenda.filter((a: Json) => a.kind === 'carried_resolution').map((a: Json) => a.resolutionId)).toEqual([parking!.id]);
    const marchAgain = await ok(street, 'GET', `/v1/conferences/occurrences/${mar!.id}`);
    expect(marchAgain.agenda.filter((a: Json) => a.kind === 'carried_resolution')).toHaveLength(2);

    h.clock.set('2027-07-01T02:00:00Z');
    await sweep('2027-07-01T02:00:00Z');
    expect(mail.sent.some((m) => m.subject === '议定事项即将到期：医院篮球场周末向居民开放')).toBe(false);
    const inbox = await ok(street, 'GET', `/v1/notifications?unit=${STREET}`);
    expect(inbox.items.map((n: Json) => n.title)).toContain('议定事项已逾期：沙面街道牵头整治停车');

    h.clock.set('2027-07-20T02:00:00Z');
    const cadence = await ok(street, 'GET', `/v1/conferences/cadence?unit=${STREET}`);
    expect(cadence.items).toEqual([expect.objectContaining({ status: 'overdue', flagged: true, lastHeldAt: '2027-03-15T01:30:00.000Z', dueBy: '2027-06-15T16:00:00.000Z', period: { months: 3, days: 0 } })]);
  });

  it('reschedules future meetings only when the rule changes', async () => {
    h.clock.set('2027-07-20T02:00:00Z');
    const before = await occurrences(seriesId);
    const updated = await ok(street, 'PATCH', `/v1/conferences/series/${seriesId}`, { rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=20' });
    expect(updated).toMatchObject({ revision: 2, materialisedRevision: 1 });
    await worker();
    const after = await occurrences(seriesId);
    const past = (list: Json[]) => list.filter((o) => o.startsAt < '2027-07-20').map((o) => [o.id, o.startsAt, o.status]);
    expect(past(after)).toEqual(past(before));
    expect(after.filter((o) => o.startsAt > '2027-07-20' && o.status === 'scheduled').map((o) => o.startsAtLocal.slice(0, 10))).toEqual(['2027-09-20', '2027-12-20', '2028-03-20', '2028-06-20']);
    expect(after.filter((o) => o.startsAt > '2027-07-20' && o.status === 'cancelled').map((o) => o.startsAtLocal.slice(0, 10))).toEqual(['2027-09-15', '2027-12-15', '2028-03-15', '2028-06-15']);
  });

  it('moves and cancels one meeting, tells its invitees, and serves a calendar real clients parse (stable UID, SEQUENCE up)', async () => {
    h.clock.set('2027-08-25T02:00:00Z');
    await sweep('2027-08-25T02:00:00Z');
    const [sept, dec] = (await occurrences(seriesId, '2027-08-01')).filter((o) => o.status === 'scheduled');
    const ics1 = (await (await h.request('GET', `/v1/conferences/calendar?unit=${STREET}`, { token: street })).text());
    const moved = await ok(street, 'POST', `/v1/conferences/occurrences/${sept!.id}/move`, { startsLocal: '2027-09-22T14:30', reason: '与防汛会议冲突' });
    expect(moved).toMatchObject({ startsAtLocal: '2027-09-22T14:30:00+08:00', detached: true, sequence: sept!.sequence + 1 });
    await ok(street, 'POST', `/v1/conferences/occurrences/${dec!.id}/cancel`, { reason: '并入年终总结会' });
    await worker();
    expect(mail.sent.filter((m) => m.subject === '会议改期通知：沙面街道社区工作联席会议').map((m) => m.to).sort()).toEqual(['garrison@example.cn', 'hospital@example.cn', 'school@example.cn']);

    const res = await h.request('GET', `/v1/conferences/calendar?unit=${STREET}`, { token: street });
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics2 = await res.text();
    const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = (text: string) => new Map(events(text).map((e) => [e.uid, e]));
    const [a, b] = [byUid(ics1), byUid(ics2)];
    const uid = `${sept!.id}@shequ`;
    expect(a.get(uid)!.startDate.toString()).toBe('2027-09-20T09:30:00');
    expect(b.get(uid)!.startDate.toString()).toBe('2027-09-22T14:30:00');
    expect(b.get(uid)!.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    ICAL.TimezoneService.register(new ICAL.Component(ICAL.parse(ics2)).getFirstSubcomponent('vtimezone')!);
    expect(byUid(ics2).get(uid)!.startDate.toJSDate().toISOString()).toBe('2027-09-22T06:30:00.000Z');
    expect(b.get(uid)!.sequence).toBe(a.get(uid)!.sequence + 1);
    expect(b.get(uid)!.summary).toBe('沙面街道社区工作联席会议');
    expect(b.get(uid)!.location).toBe('沙面街道办事处三楼会议室');
    expect(b.get(`${dec!.id}@shequ`)!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());

    const feed = await ok(street, 'POST', '/v1/conferences/calendar-feeds', { scope: 'member_unit', subject: units.garrison });
    const subscribed = await h.request('GET', feed.url);
    expect(subscribed.status).toBe(200);
    expect(events(await subscribed.text()).map((e) => e.uid)).toContain(uid);
    await ok(street, 'DELETE', `/v1/conferences/calendar-feeds/${feed.id}`);
    expect((await h.request('GET', feed.url)).status).toBe(404);
  });

  it('refuses rules of more than 100 meetings a year, bad rules, double-booked venues and other streets', async () => {
    h.clock.set('2027-08-25T02:00:00Z');
    const base = { title: '临时会议', firstStartLocal: '2027-10-01T09:00', venue: '沙面街道办事处三楼会议室' };
    const daily = await call(street, 'POST', '/v1/conferences/series', { ...base, rrule: 'FREQ=DAILY' });
    expect(daily.status).toBe(422);
    expect(daily.body.errors).toEqual([{ path: 'body.rrule', code: 'too_many_meetings', params: { max: 100 }, message: '该规则每年会产生超过 100 次会议' }]);
    const garbage = await call(street, 'POST', '/v1/conferences/series', { ...base, rrule: 'FREQ=SOMETIMES' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].path).toBe('body.rrule');
    const clash = await call(district, 'POST', '/v1/conferences/series', { ...base, convenerUnit: '440103', rrule: 'FREQ=MONTHLY;BYMONTHDAY=20', firstStartLocal: '2027-12-20T10:00' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ rule: 'venue_double_booked', errors: [{ path: 'body.venue' }] });
    expect((await call(district, 'POST', '/v1/conferences/series', { ...base, convenerUnit: '440103', rrule: 'FREQ=MONTHLY;BYMONTHDAY=20', firstStartLocal: '2027-12-20T10:00', venue: '荔湾区政府第一会议室' })).status).toBe(201);
    const other = await h.cityToken('4401', 'street_officer', '440103002');
    expect((await call(other, 'GET', `/v1/conferences/series/${seriesId}`)).status).toBe(404);
    expect((await call(other, 'POST', '/v1/member-units', { street: STREET, name: '越界单位', type: 'other' })).status).toBe(404);
  });
});

describe('calendar feeds a user can see and manage', () => {
  it('returns an absolute url on the request’s own origin, and the relative path', async () => {
    h.clock.set('2027-08-25T02:00:00Z');
    const local = await ok(street, 'POST', '/v1/conferences/calendar-feeds', { scope: 'unit', subject: STREET });
    expect(local.path).toMatch(/^\/ical\/4401\.[A-Za-z0-9_-]{43}\.ics$/);
    expect(local.url).toBe(`http://localhost${local.path}`);
    const gateway = await ok(street, 'POST', 'https://api.shequ.example/v1/conferences/calendar-feeds', { scope: 'member_unit', subject: units.hospital });
    expect(gateway.url).toBe(`https://api.shequ.example${gateway.path}`);
    expect((await h.request('GET', gateway.path)).status).toBe(200);
  });

  it('lists the feeds newest first with what they cover and who made them, revoked ones marked, never a token or URL', async () => {
    const older = await ok(street, 'POST', '/v1/conferences/calendar-feeds', { scope: 'member_unit', subject: units.school });
    h.clock.set('2027-08-25T03:00:00Z');
    const newer = await ok(street, 'POST', '/v1/conferences/calendar-feeds', { scope: 'unit', subject: STREET });
    await ok(street, 'DELETE', `/v1/conferences/calendar-feeds/${older.id}`);
    const list = await ok(street, 'GET', '/v1/conferences/calendar-feeds');
    const items = list.items as Json[];
    expect(items[0]).toEqual({ id: newer.id, scope: 'unit', subject: STREET, subjectName: '沙面街道', streetCode: null, createdBy: expect.any(String), createdAt: '2027-08-25T03:00:00.000Z', revoked: false, revokedAt: null });
    expect(items.find((i) => i.id === older.id)).toMatchObject({ scope: 'member_unit', subject: units.school, subjectName: '沙面小学', streetCode: STREET, revoked: true, revokedAt: '2027-08-25T03:00:00.000Z' });
    expect(items.map((i) => i.createdAt)).toEqual([...items.map((i) => i.createdAt)].sort().reverse());
    const text = JSON.stringify(list);
    expect(text).not.toContain('/ical/');
    expect(text).not.toMatch(/4401\.[A-Za-z0-9_-]{43}/);
    const hashes = await h.asOwner<{ token_hash: string }>(sql`select token_hash from conference_calendar_feeds`);
    for (const { token_hash } of hashes) expect(text).not.toContain(token_hash);
    expect(Object.keys(items[0]!).sort()).toEqual(['createdAt', 'createdBy', 'id', 'revoked', 'revokedAt', 'scope', 'streetCode', 'subject', 'subjectName']);
  });

  it('shows each caller only the feeds it may revoke: the district sees its streets’, another street and another city see none', async () => {
    const ours = ((await ok(street, 'GET', '/v1/conferences/calendar-feeds')).items as Json[]).map((i) => i.id);
    expect(((await ok(district, 'GET', '/v1/conferences/calendar-feeds')).items as Json[]).map((i) => i.id)).toEqual(ours);
    expect(((await ok(admin, 'GET', `/v1/conferences/calendar-feeds?unit=${STREET}`)).items as Json[]).map((i) => i.id)).toEqual(ours);
    const other = await h.cityToken('4401', 'street_officer', '440103002');
    expect((await ok(other, 'GET', '/v1/conferences/calendar-feeds')).items).toEqual([]);
    expect((await call(other, 'GET', `/v1/conferences/calendar-feeds?unit=${STREET}`)).status).toBe(404);
    const cityB = await h.cityToken('4403');
    const theirs = await ok(cityB, 'POST', '/v1/conferences/calendar-feeds', { scope: 'unit', subject: '440303' });
    expect(((await ok(cityB, 'GET', '/v1/conferences/calendar-feeds')).items as Json[]).map((i) => i.id)).toEqual([theirs.id]);
    expect(((await ok(admin, 'GET', '/v1/conferences/calendar-feeds')).items as Json[]).map((i) => i.id)).not.toContain(theirs.id);
    expect((await call(cityB, 'GET', `/v1/conferences/calendar-feeds?unit=${STREET}`)).status).toBe(404);
    expect((await call(await h.cityToken('4401', 'auditor', '4401'), 'GET', '/v1/conferences/calendar-feeds')).status).toBe(403);
    const bad = await call(street, 'GET', '/v1/conferences/calendar-feeds?unit=44');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.unit' })]);
  });
});

describe('cadence counts: meetings held against meetings called for', () => {
  const LINGNAN = '440103002';
  let other: string;
  let seriesId: string;

  it('counts by hand: a held, a late, a cancelled and two missed meetings', async () => {
    other = await h.cityToken('4401', 'street_officer', LINGNAN);
    h.clock.set('2027-08-25T02:00:00Z');
    seriesId = (await ok(other, 'POST', '/v1/conferences/series', { title: '岭南街道社区工作联席会议', rrule: 'FREQ=MONTHLY', firstStartLocal: '2027-09-05T09:00', venue: '岭南街道办事处会议室' })).id;
    await worker();
    const [sep, oct, nov] = (await ok(other, 'GET', `/v1/conferences/occurrences?series=${seriesId}&from=2027-09-01`)).items as Json[];
    // 5 Sep: held on the day
    h.clock.set('2027-09-05T03:00:00Z');
    await ok(other, 'POST', `/v1/conferences/occurrences/${sep!.id}/minutes`, { minutes: '九月例会', attendance: [] });
    // 5 Oct: cancelled; 5 Nov: moved to the 12th and held there (late)
    h.clock.set('2027-09-20T02:00:00Z');
    await ok(other, 'POST', `/v1/conferences/occurrences/${oct!.id}/cancel`, { reason: '国庆假期' });
    await ok(other, 'POST', `/v1/conferences/occurrences/${nov!.id}/move`, { startsLocal: '2027-11-12T09:00', reason: '与区里会议冲突' });
    h.clock.set('2027-11-12T04:00:00Z');
    await ok(other, 'POST', `/v1/conferences/occurrences/${nov!.id}/minutes`, { minutes: '十一月例会', attendance: [] });
    // 5 Dec and 5 Jan: nobody recorded minutes
    h.clock.set('2028-01-10T02:00:00Z');
    const report = await ok(other, 'GET', `/v1/conferences/cadence?unit=${LINGNAN}`);
    expect(report.window).toEqual({ from: '2027-01-11', to: '2028-01-10' });
    expect(report.items).toEqual([expect.objectContaining({ seriesId, expected: 4, held: 2, heldOnTime: 1, lastHeldAt: '2027-11-12T01:00:00.000Z' })]);
    expect(report).toMatchObject({ expected: 4, held: 2, heldOnTime: 1 });
  });

  it('takes a window: both ends inclusive, a meeting not yet started is not counted', async () => {
    const count = async (q: string) => ((await ok(other, 'GET', `/v1/conferences/cadence?unit=${LINGNAN}&${q}`)).items as Json[]).map((i) => [i.expected, i.held, i.heldOnTime]);
    expect(await count('from=2027-09-05&to=2027-09-05')).toEqual([[1, 1, 1]]);
    expect(await count('from=2027-09-06&to=2027-11-11')).toEqual([[0, 0, 0]]);
    expect(await count('from=2027-10-01&to=2027-11-30')).toEqual([[1, 1, 0]]);
    expect(await count('from=2027-12-01')).toEqual([[2, 0, 0]]);
    h.clock.set('2028-01-05T00:30:00Z');
    expect(await count('from=2027-12-01&to=2028-12-31')).toEqual([[1, 0, 0]]);
  });

  it('validates the window and names the field', async () => {
    for (const [q, path] of [['from=2027-02-30', 'query.from'], ['to=2027-13-01', 'query.to'], ['from=2027-12-01&to=2027-11-01', 'query.from'], ['from=2020-01-01&to=2027-12-31', 'query.from']] as const) {
      const res = await call(other, 'GET', `/v1/conferences/cadence?unit=${LINGNAN}&${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.errors, q).toEqual([expect.objectContaining({ path })]);
    }
  });
});
