import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox } from '../support/conferences.js';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { createHarness, sql, type Harness } from '../support/harness.js';
import { runTrainingWorker, trainingSweep } from '../support/training.js';

type Json = Record<string, any>;
let h: Harness;
let admin: string;
let street: string;
let district: string;
let committeeId: string;
const member: Record<string, string> = {};
const mail = mailbox();
const STREET = '440103001';
const COMMUNITY = '440103001001';
const DISTRICT = '440103';
const ELECTION_DAY = '2026-11-20';

const dayOf = (n: number) => new Date(Date.parse(`${ELECTION_DAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const at = (day: string) => h.clock.set(`${day}T02:00:00Z`);
const call = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json, type: res.headers.get('content-type') };
};
const ok = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const notifications = () => h.asOwner<{ reason_code: string; recipient: string; title: string; body: string; email_to: string | null }>(
  sql`select reason_code, recipient, title, body, email_to from notifications where tenant_id = '4401' and reason_code like 'training.%' order by created_at, recipient, title`,
);
const tally = (rows: { reason_code: string; recipient: string }[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) out[`${r.reason_code} → ${r.recipient}`] = (out[`${r.reason_code} → ${r.recipient}`] ?? 0) + 1;
  return out;
};
const trainingRowCounts = async () => Object.fromEntries(
  await Promise.all(['training_sessions', 'training_enrolments', 'training_completions', 'training_obligations', 'audit_log'].map(async (t) => [t, (await h.asOwner<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n] as const)),
);
const enrolledOf = async (sessionId: string) => (await h.asOwner<{ enrolled: number }>(sql`select enrolled from training_sessions where id = ${sessionId}`))[0]!.enrolled;
const compliance = async (unit: string) => (await ok(admin, 'GET', `/v1/training/compliance?unit=${unit}`)) as { asOf: string; unit: Json; children: Json[] };
const figures = (f: Json) => [f.members, f.trainedOnTime, f.trainedLate, f.pending, f.overdue];

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken('4401');
  street = await h.cityToken('4401', 'street_officer', STREET);
  district = await h.cityToken('4401', 'district_officer', DISTRICT);
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  await ok(admin, 'PATCH', '/v1/training/settings/4401', { unitEmails: { [STREET]: 'shamian@example.gov.cn', [DISTRICT]: 'liwan@example.gov.cn' } });
});

afterAll(async () => {
  await h?.close();
});

describe('obligations from a certified election', () => {
  it('creates one obligation per member, due a year after the election, once however often the message comes', async () => {
    at(dayOf(5));
    const election = await certifiedElection(h, street, electionPlan(COMMUNITY, { electionDate: ELECTION_DAY }));
    committeeId = election.committeeId;
    const delivered = await runTrainingWorker(h, mail);
    expect(delivered.map((m) => m.type)).toEqual(['committee.term_started']);
    const [again] = await h.asOwner<{ id: string; body: Json }>(sql`select id, body from outbox where message_type = 'committee.term_started'`);
    await h.asOwner(sql`update outbox set sent_at = null where id = ${again!.id}`);
    await runTrainingWorker(h, mail);
    await h.asOwner(sql`delete from processed_messages where message_key = ${again!.id}`);
    await h.asOwner(sql`update outbox set sent_at = null where id = ${again!.id}`);
    await runTrainingWorker(h, mail);

    const { items } = await ok(street, 'GET', `/v1/training/obligations?parent=${STREET}`);
    expect(items).toHaveLength(7);
    expect(new Set(items.map((o: Json) => o.dueOn))).toEqual(new Set(['2027-11-20']));
    expect(items.every((o: Json) => o.status === 'pending' && o.electionDate === ELECTION_DAY && o.committeeName === '沙面社区居民委员会')).toBe(true);
    for (const o of items as Json[]) member[o.memberName] = o.memberId;
    expect(Object.keys(member).sort()).toEqual(['冯委三', '吴副二', '王委二', '蔡委四', '郑委一', '陈主任', '黄副一'].sort());
  });
});

describe('programme, plan, sessions, enrolment and attendance', () => {
  let session: Json;
  it('lets the city publish a programme with materials and the street plan sessions', async () => {
    at(dayOf(30));
    const programme = await ok(admin, 'POST', '/v1/training/programmes', {
      city: '4401', year: 2027, title: '2027年社区居委会成员轮训方案', materials: [{ title: '居委会成员履职手册', kind: 'handbook', ref: 'https://mzj.gz.gov.cn/px/handbook.pdf' }],
    });
    expect(programme.materials).toEqual([expect.objectContaining({ kind: 'handbook', kindLabel: '工作手册' })]);
    await ok(admin, 'POST', `/v1/training/programmes/${programme.id}/materials`, { title: '政策汇编', kind: 'policy_document', ref: '穗民〔2027〕5号' });
    const plan = await ok(street, 'POST', '/v1/training/plans', { programmeId: programme.id, unitCode: STREET, title: '沙面街道2027年居委会成员培训计划' });
    session = await ok(street, 'POST', `/v1/training/plans/${plan.id}/sessions`, { sessionDate: '2027-01-10', startTime: '09:00', place: '沙面街道党群服务中心', capacity: 2, trainer: '李老师', audience: '新一届居委会成员' });
    await ok(street, 'POST', `/v1/training/plans/${plan.id}/sessions`, { sessionDate: '2027-09-15', startTime: '14:30', place: '荔湾区社区学院', capacity: 30, trainer: '王老师', audience: '未参训成员' });
    await ok(street, 'POST', `/v1/training/plans/${plan.id}/sessions`, { sessionDate: '2027-11-05', place: '沙面街道党群服务中心', capacity: 30, trainer: '李老师', audience: '未参训成员' });
    const listed = await ok(street, 'GET', `/v1/training/sessions?unit=${STREET}&withSeats=true`);
    expect(listed.items.map((s: Json) => [s.sessionDate, s.seatsLeft])).toEqual([['2027-01-10', 2], ['2027-09-15', 30], ['2027-11-05', 30]]);
    expect((await ok(district, 'GET', `/v1/training/plans?unit=${DISTRICT}`)).items[0].sessions).toHaveLength(3);
  });

  it('enrols up to capacity even when requests race, and refuses the next one with nothing written', async () => {
    for (const name of ['郑委一', '王委二']) await ok(street, 'POST', `/v1/training/sessions/${session.id}/enrolments`, { memberId: member[name] });
    const plan = (await ok(street, 'GET', `/v1/training/plans?unit=${STREET}`)).items[0];
    const small = await ok(street, 'POST', `/v1/training/plans/${plan.id}/sessions`, { sessionDate: '2027-06-01', place: '沙面社区活动室', capacity: 2, trainer: '李老师', audience: '新一届居委会成员' });
    const before = await trainingRowCounts();
    const results = await Promise.all(['陈主任', '黄副一', '冯委三', '蔡委四'].map((name) => call(street, 'POST', `/v1/training/sessions/${small.id}/enrolments`, { memberId: member[name] })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
    const full = results.find((r) => r.status === 409)!;
    expect(full.type).toMatch(/application\/problem\+json/);
    expect(full.body).toMatchObject({ code: 'training_session_full', title: '培训班名额已满' });
    expect(await enrolledOf(small.id)).toBe(2);
    expect(await trainingRowCounts()).toEqual({ ...before, training_enrolments: before.training_enrolments! + 2, audit_log: before.audit_log! + 2 });
    const detail = await ok(street, 'GET', `/v1/training/sessions/${small.id}`);
    expect(detail.enrolments).toHaveLength(2);
    expect(detail.seatsLeft).toBe(0);
  });

  it('refuses attendance for a member not enrolled, before the day, and a completion dated in the future: nothing written', async () => {
    const before = await trainingRowCounts();
    at('2027-01-10');
    const notEnrolled = await call(street, 'POST', `/v1/training/sessions/${session.id}/attendance`, { memberId: member['冯委三'], attended: true });
    expect(notEnrolled.status).toBe(422);
    expect(notEnrolled.body).toMatchObject({ code: 'training_not_enrolled', title: '该成员未报名此培训班', errors: [{ path: 'body.memberId' }] });
    at('2027-01-09');
    const early = await call(street, 'POST', `/v1/training/sessions/${session.id}/attendance`, { memberId: member['郑委一'], attended: true });
    expect(early.status).toBe(422);
    const future = await call(street, 'POST', '/v1/training/completions', { memberId: member['蔡委四'], completedOn: '2027-01-10', title: '网络培训', provider: '省民政厅', evidenceRef: '证书1号' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([{ path: 'body.completedOn', code: 'date_in_future', params: { day: '2027-01-09' }, message: '不能晚于 2027-01-09' }]);
    const noMember = await call(street, 'POST', `/v1/training/sessions/${session.id}/enrolments`, {});
    expect(noMember.body.errors).toEqual([expect.objectContaining({ path: 'body.memberId' })]);
    expect(await trainingRowCounts()).toEqual(before);
  });

  it('completes training by attendance on the session day; an absence completes nothing', async () => {
    at('2027-01-10');
    await ok(street, 'POST', `/v1/training/sessions/${session.id}/attendance`, { memberId: member['郑委一'], attended: true });
    await ok(street, 'POST', `/v1/training/sessions/${session.id}/attendance`, { memberId: member['王委二'], attended: false });
    const met = await ok(street, 'GET', `/v1/training/obligations?parent=${COMMUNITY}&status=met`);
    expect(met.items.map((o: Json) => [o.memberName, o.completedOn])).toEqual([['郑委一', '2027-01-10']]);
  });

  it('closes the obligation of a member who leaves as not applicable', async () => {
    at('2027-03-01');
    await ok(street, 'PATCH', `/v1/committees/${committeeId}/members/${member['吴副二']}`, { leftOn: '2027-03-01', departureReason: 'resigned' });
    const gone = await ok(street, 'GET', `/v1/training/obligations?parent=${COMMUNITY}&status=not_applicable`);
    expect(gone.items.map((o: Json) => o.memberName)).toEqual(['吴副二']);
  });
});

describe('the reminder timeline, election on day 0', () => {
  const sweepTwice = async (day: string) => {
    const key = crypto.randomUUID();
    await trainingSweep(h, '4401', day, key, mail);
    const after = await notifications();
    const mails = mail.sent.length;
    await trainingSweep(h, '4401', day, key, mail);
    await trainingSweep(h, '4401', day, crypto.randomUUID(), mail);
    expect(await notifications()).toEqual(after);
    expect(mail.sent.length).toBe(mails);
    return after;
  };
  let seen = 0;
  const newSince = (rows: Awaited<ReturnType<typeof notifications>>) => {
    const fresh = rows.slice(seen);
    seen = rows.length;
    return fresh;
  };

  it('sends nothing before the first stage', async () => {
    expect(newSince(await sweepTwice(dayOf(200)))).toEqual([]);
  });

  it('day 275: 90 days before due, the member and the street, naming member, masked phone, committee, due date and sessions with seats', async () => {
    const fresh = newSince(await sweepTwice(dayOf(275)));
    const pending = 5;
    expect(tally(fresh)).toEqual({ [`training.due_90d → ${COMMUNITY}`]: pending, [`training.due_90d → ${STREET}`]: pending });
    const chair = fresh.find((n) => n.title.includes('陈主任'))!;
    expect(chair.title).toBe('培训提醒：陈主任（沙面社区居民委员会）');
    expect(chair.body).toContain('须于2027-11-20前完成培训');
    expect(chair.body).toMatch(/手机 139\*{4}\d{4}/);
    expect(chair.body).not.toMatch(/139\d{8}/);
    expect(chair.body).toContain('2027-09-15 14:30 沙面街道2027年居委会成员培训计划，地点：荔湾区社区学院，余30个名额');
    expect(fresh.filter((n) => n.email_to === 'shamian@example.gov.cn')).toHaveLength(pending);
    expect(mail.sent.filter((m) => m.to === 'shamian@example.gov.cn').length).toBe(pending);
    expect(figures((await compliance(STREET)).unit)).toEqual([6, 1, 0, 5, 0]);
  });

  it('day 335: 30 days before', async () => {
    const fresh = newSince(await sweepTwice(dayOf(335)));
    expect(tally(fresh)).toEqual({ [`training.due_30d → ${COMMUNITY}`]: 5, [`training.due_30d → ${STREET}`]: 5 });
    expect(fresh[0]!.body).toContain('2027-11-05');
  });

  it('day 358: 7 days before', async () => {
    const fresh = newSince(await sweepTwice(dayOf(358)));
    expect(tally(fresh)).toEqual({ [`training.due_7d → ${COMMUNITY}`]: 5, [`training.due_7d → ${STREET}`]: 5 });
    expect(fresh[0]!.body).toContain('近期暂无尚有名额的培训班');
    const c = await compliance(STREET);
    expect(figures(c.unit)).toEqual([6, 1, 0, 5, 0]);
    expect(c.unit.onTimeRate).toBeCloseTo(1 / 6, 4);
  });

  it('day 366: overdue, the street only', async () => {
    const fresh = newSince(await sweepTwice(dayOf(366)));
    expect(tally(fresh)).toEqual({ [`training.overdue_w0 → ${STREET}`]: 5 });
    expect(fresh[0]!.title).toMatch(/^培训逾期：/);
    const c = await compliance(DISTRICT);
    expect(figures(c.unit)).toEqual([6, 1, 0, 0, 5]);
    expect(c.children.find((u) => u.code === STREET)).toMatchObject({ name: '沙面街道', members: 6, overdue: 5 });
    expect(c.children.find((u) => u.code === '440103002')).toMatchObject({ members: 0, onTimeRate: null });
  });

  it('day 373: a week later the street again, for those still untrained; training taken late elsewhere counts as late', async () => {
    at(dayOf(372));
    const done = await ok(street, 'POST', '/v1/training/completions', { memberId: member['蔡委四'], completedOn: dayOf(370), title: '省民政厅社区工作者网络培训班', provider: '广东省民政厅', evidenceRef: '结业证书 粤民培〔2027〕118号' });
    expect(done.obligationsMet).toBe(1);
    const fresh = newSince(await sweepTwice(dayOf(373)));
    expect(tally(fresh)).toEqual({ [`training.overdue_w1 → ${STREET}`]: 4 });
    expect(fresh.some((n) => n.title.includes('蔡委四'))).toBe(false);
    const c = await compliance(COMMUNITY);
    expect(figures(c.unit)).toEqual([6, 1, 1, 0, 4]);
    expect(c.children).toEqual([]);
  });

  it('day 396: 31 days overdue, the street weekly and the district', async () => {
    const fresh = newSince(await sweepTwice(dayOf(396)));
    expect(tally(fresh)).toEqual({ [`training.overdue_w4 → ${STREET}`]: 4, [`training.escalated_w0 → ${DISTRICT}`]: 4 });
    expect(fresh.find((n) => n.recipient === DISTRICT)!.title).toMatch(/^培训逾期督办：/);
    expect(fresh.filter((n) => n.recipient === DISTRICT).every((n) => n.email_to === 'liwan@example.gov.cn')).toBe(true);
    expect(figures((await compliance(STREET)).unit)).toEqual([6, 1, 1, 0, 4]);
  });

  it('sent every stage once: no (obligation, stage) twice, and the inboxes show them', async () => {
    const [dupes] = await h.asOwner<{ n: number }>(sql`select count(*)::int as n from (select obligation_id, stage from training_reminders group by 1, 2 having count(*) > 1) x`);
    expect(dupes!.n).toBe(0);
    const inbox = await ok(street, 'GET', '/v1/notifications?limit=200');
    expect(inbox.items.length).toBe(5 + 5 + 5 + 5 + 4 + 4);
    const memberInbox = await ok(await h.cityToken('4401', 'committee_member', COMMUNITY), 'GET', '/v1/notifications?limit=200');
    expect(memberInbox.items.length).toBe(15);
    const overdue = await ok(district, 'GET', `/v1/training/obligations?parent=${DISTRICT}&status=overdue`);
    expect(overdue.items.map((o: Json) => o.memberName).sort()).toEqual(['冯委三', '王委二', '陈主任', '黄副一'].sort());
  });
});

describe('settings and scope', () => {
  it('validates stages and mailboxes by field, and changes stages for later sweeps', async () => {
    const bad = await call(admin, 'PATCH', '/v1/training/settings/4401', { reminders: { beforeDueDays: [60, 60], overdueEveryDays: 0, escalateAfterDays: 30 }, unitEmails: { 440301001: 'x@example.cn' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['body.reminders.beforeDueDays', 'body.reminders.overdueEveryDays', 'body.unitEmails.440301001']);
    const good = await ok(admin, 'PATCH', '/v1/training/settings/4401', { reminders: { beforeDueDays: [14, 60], overdueEveryDays: 14, escalateAfterDays: 60 } });
    expect(good.reminders).toEqual({ beforeDueDays: [60, 14], overdueEveryDays: 14, escalateAfterDays: 60 });
    expect((await call(street, 'PATCH', '/v1/training/settings/4401', { reminders: good.reminders })).status).toBe(403);
  });

  it('keeps a street officer to the street', async () => {
    const other = await h.cityToken('4401', 'street_officer', '440103002');
    expect((await call(other, 'GET', `/v1/training/obligations?parent=${STREET}`)).status).toBe(404);
    expect((await ok(other, 'GET', '/v1/training/obligations')).items).toEqual([]);
  });
});

describe('a plan and a programme by id', () => {
  it('reads one plan as the list shows it, for my unit, below and above; another street or city gets 404', async () => {
    const programme = await ok(admin, 'POST', '/v1/training/programmes', { city: '4401', year: 2028, title: '2028年按编号读取测试方案', materials: [{ title: '测试手册', kind: 'handbook', ref: 'doc-1' }] });
    const otherStreet = await h.cityToken('4401', 'street_officer', '440103002');
    const cityB = await h.cityToken('4403');
    const districtPlan = await ok(district, 'POST', '/v1/training/plans', { programmeId: programme.id, unitCode: DISTRICT, title: '荔湾区2028年培训计划' });
    const streetPlan = await ok(street, 'POST', '/v1/training/plans', { programmeId: programme.id, unitCode: STREET, title: '沙面街道2028年培训计划' });
    const otherPlan = await ok(otherStreet, 'POST', '/v1/training/plans', { programmeId: programme.id, unitCode: '440103002', title: '另一街道2028年培训计划' });
    await ok(street, 'POST', `/v1/training/plans/${streetPlan.id}/sessions`, { sessionDate: '2028-03-01', place: '沙面街道党群服务中心', capacity: 20, trainer: '李老师', audience: '居委会成员' });

    const one = await ok(street, 'GET', `/v1/training/plans/${streetPlan.id}`);
    const listed = (await ok(street, 'GET', '/v1/training/plans')).items.find((p: Json) => p.id === streetPlan.id);
    expect(one).toEqual(listed);
    expect(one.sessions.map((s: Json) => s.sessionDate)).toEqual(['2028-03-01']);
    expect((await ok(street, 'GET', `/v1/training/plans/${districtPlan.id}`)).unitCode).toBe(DISTRICT);
    expect((await ok(district, 'GET', `/v1/training/plans/${otherPlan.id}`)).title).toBe('另一街道2028年培训计划');
    expect((await call(street, 'GET', `/v1/training/plans/${otherPlan.id}`)).status).toBe(404);
    expect((await call(otherStreet, 'GET', `/v1/training/plans/${streetPlan.id}`)).status).toBe(404);
    expect((await call(cityB, 'GET', `/v1/training/plans/${streetPlan.id}`)).status).toBe(404);
    const bad = await call(street, 'GET', '/v1/training/plans/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['path.id']);
  });

  it('reads one programme of the city with its materials; city B gets 404', async () => {
    const { items } = await ok(street, 'GET', '/v1/training/programmes');
    const listed = items.find((p: Json) => p.title === '2028年按编号读取测试方案');
    expect(await ok(street, 'GET', `/v1/training/programmes/${listed.id}`)).toEqual(listed);
    expect(listed.materials).toEqual([expect.objectContaining({ title: '测试手册', kindLabel: '工作手册' })]);
    expect((await call(await h.cityToken('4403'), 'GET', `/v1/training/programmes/${listed.id}`)).status).toBe(404);
    expect((await call(street, 'GET', '/v1/training/programmes/019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d11')).status).toBe(404);
    expect((await call(street, 'GET', '/v1/training/programmes/x')).body.errors.map((e: Json) => e.path)).toEqual(['path.id']);
  });
});
