import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, runConferenceWorker } from '../support/conferences.js';
import { certifiedElection } from '../support/elections.js';
import { runTrainingWorker } from '../support/training.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: Browser;
let streetA: Browser;
let auditorA: Browser;
let adminB: Browser;
let streetToken: string;
let adminToken: string;
const mail = mailbox();
const STREET = '440103001';
const ids: { programme?: string; plan?: string; session?: string; unit?: string; series?: string; occurrences?: string[] } = {};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  adminToken = await h.cityToken('4401');
  const b = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminToken, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: b, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  adminA = h.browser(adminToken);
  streetA = h.browser(streetToken);
  auditorA = h.browser(await h.cityToken('4401', 'auditor', '4401'));
  adminB = h.browser(b);
  await certifiedElection(h, streetToken);
  await runTrainingWorker(h);
});

afterAll(async () => {
  await h?.close();
});

const compliance = async () => (await ok<{ unit: { trainedOnTime: number; pending: number } }>(h, streetToken, 'GET', `/v1/training/compliance?unit=${STREET}`)).unit;

describe('培训方案、计划与培训班', () => {
  it('the city publishes a programme with a material, then adds another; a wrong year is shown beside its field', async () => {
    const empty = await adminA.get('/console/training/programmes');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('本市尚未发布培训方案');
    const bad = await adminA.post('/console/training/programmes', { year: '1999', title: '2027年社区居委会成员轮训方案', summary: '', 'materials.0.title': '', 'materials.0.kind': 'textbook', 'materials.0.ref': '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'year')).toBe('不能小于 2000');
    expect(bad.html).toContain('value="2027年社区居委会成员轮训方案"');
    const made = await adminA.follow(
      await adminA.post('/console/training/programmes', {
        year: '2027', title: '2027年社区居委会成员轮训方案', summary: '新一届成员一年内轮训一遍',
        'materials.0.title': '社区居委会成员履职手册', 'materials.0.kind': 'handbook', 'materials.0.ref': 'https://mzj.gz.gov.cn/training/2027/handbook.pdf',
      }),
    );
    expect(made.html).toContain('已发布培训方案：2027年社区居委会成员轮训方案');
    expect(textOf(made.html)).toMatch(/社区居委会成员履职手册 工作手册/);
    ids.programme = /action="\/console\/training\/programmes\/([0-9a-f-]{36})\/materials"/.exec(made.html)![1]!;
    const blank = await adminA.post(`/console/training/programmes/${ids.programme}/materials`, { [`m-${ids.programme}.title`]: '', [`m-${ids.programme}.kind`]: 'slides', [`m-${ids.programme}.ref`]: '课件第1号' });
    expect(blank.status).toBe(400);
    expect(fieldError(blank.html, `m-${ids.programme}.title`)).toBe('此项不能为空');
    expect(blank.html).toContain('value="课件第1号"');
    const added = await adminA.follow(await adminA.post(`/console/training/programmes/${ids.programme}/materials`, { [`m-${ids.programme}.title`]: '换届后履职课件', [`m-${ids.programme}.kind`]: 'slides', [`m-${ids.programme}.ref`]: '课件第1号' }));
    expect(added.html).toContain('已添加教材：换届后履职课件');
    const api = await ok<{ items: { materials: { title: string; kind: string }[] }[] }>(h, streetToken, 'GET', '/v1/training/programmes');
    expect(api.items[0]!.materials.map((m) => m.kind).sort()).toEqual(['handbook', 'slides']);
  });

  it('shows the programmes to the street without the city’s forms', async () => {
    const page = await streetA.get('/console/training/programmes');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('换届后履职课件');
    expect(page.html).not.toContain('action="/console/training/programmes"');
    expect(page.html).not.toContain('/materials"');
  });

  it('the street draws up a plan and schedules a session; a capacity of 0 is refused beside its field', async () => {
    const bad = await streetA.post('/console/training/plans', { programmeId: ids.programme!, unitCode: '440103002', title: '越界计划' });
    expect(bad.status).toBe(404);
    const made = await streetA.follow(await streetA.post('/console/training/plans', { programmeId: ids.programme!, unitCode: STREET, title: '沙面街道2027年居委会成员培训计划' }));
    expect(made.html).toContain('培训计划已保存');
    ids.plan = /action="\/console\/training\/plans\/([0-9a-f-]{36})\/sessions"/.exec(made.html)![1]!;
    const zero = await streetA.post(`/console/training/plans/${ids.plan}/sessions`, { sessionDate: '2026-12-10', startTime: '09:00', place: '沙面街道党群服务中心三楼会议室', capacity: '0', trainer: '市民政局 李老师', audience: '新一届居委会成员' });
    expect(zero.status).toBe(400);
    expect(fieldError(zero.html, 'capacity')).toBe('不能小于 1');
    expect(zero.html).toContain('value="沙面街道党群服务中心三楼会议室"');
    const session = await streetA.follow(await streetA.post(`/console/training/plans/${ids.plan}/sessions`, { sessionDate: '2026-12-10', startTime: '09:00', place: '沙面街道党群服务中心三楼会议室', capacity: '3', trainer: '市民政局 李老师', audience: '新一届居委会成员' }));
    expect(session.html).toContain('已开设 2026-12-10 的培训班');
    ids.session = /action="\/console\/training\/sessions\/([0-9a-f-]{36})\/enrolments"/.exec(session.html)![1]!;
    const list = await streetA.get('/console/training/plans');
    expect(textOf(list.html)).toMatch(/沙面街道2027年居委会成员培训计划 沙面街道 .*2027年 2027年社区居委会成员轮训方案 1 0/);
    const plan = await streetA.get(`/console/training/plans/${ids.plan}`);
    expect(textOf(plan.html)).toMatch(/2026-12-10 09:00 沙面街道党群服务中心三楼会议室 市民政局 李老师 0 \/ 3 报名中/);
  });

  it('enrols committee members, then marks who attended: their training counts in compliance', async () => {
    const page = await streetA.get(`/console/training/sessions/${ids.session}`);
    expect(textOf(page.html)).toContain('名额 3，已报名 0，剩余 3');
    const members = [...page.html.matchAll(/<option value="([0-9a-f-]{36})"[^>]*>([^（<]+)（/g)].map((m) => ({ id: m[1]!, name: m[2]! }));
    expect(members).toHaveLength(7);
    for (const m of members.slice(0, 2)) {
      const enrolled = await streetA.follow(await streetA.post(`/console/training/sessions/${ids.session}/enrolments`, { memberId: m.id }));
      expect(enrolled.html).toContain(`${m.name}已报名`);
    }
    const none = await streetA.post(`/console/training/sessions/${ids.session}/enrolments`, { memberId: '' });
    expect(none.status).toBe(400);
    expect(fieldError(none.html, 'memberId')).toBeTruthy();
    const before = await streetA.get(`/console/training/sessions/${ids.session}`);
    expect(textOf(before.html)).toContain('名额 3，已报名 2，剩余 1');
    expect(before.html).not.toContain('/attendance"');
    expect(textOf(before.html)).toContain('培训当天起可登记出席情况');
    expect((await compliance()).trainedOnTime).toBe(0);

    h.clock.set('2026-12-10T04:00:00Z');
    const day = await streetA.get(`/console/training/sessions/${ids.session}`);
    expect(day.html).toContain('保存签到');
    const marked = await streetA.follow(await streetA.post(`/console/training/sessions/${ids.session}/attendance`, { [`attended.${members[0]!.id}`]: '1' }));
    expect(marked.html).toContain('已登记出席 1 人、缺席 1 人');
    expect(textOf(marked.html)).toContain(`${members[0]!.name} 沙面社区居委会`);
    expect(textOf(marked.html)).toContain('已出席，培训完成');
    expect((await compliance()).trainedOnTime).toBe(1);
    const summary = await streetA.get('/console/training');
    expect(textOf(summary.html)).toMatch(/按期完成 1/);
  });

  it('records training completed elsewhere; a future date is refused beside its field', async () => {
    const form = await streetA.get('/console/training/completions/new');
    const memberId = /<option value="([0-9a-f-]{36})"/.exec(form.html)![1]!;
    const fields = { memberId, completedOn: '2027-01-01', title: '省民政厅社区工作者网络培训班', provider: '广东省民政厅', evidenceRef: '粤民培〔2026〕118号' };
    const future = await streetA.post('/console/training/completions/new', fields);
    expect(future.status).toBe(400);
    expect(fieldError(future.html, 'completedOn')).toBeTruthy();
    expect(future.html).toContain('value="粤民培〔2026〕118号"');
    const done = await streetA.follow(await streetA.post('/console/training/completions/new', { ...fields, completedOn: '2026-12-01' }));
    expect(done.html).toContain('已登记外部培训“省民政厅社区工作者网络培训班”，1 项培训任务已完成');
    expect((await compliance()).trainedOnTime).toBe(2);
  });

  it('an auditor sees the plans and the session without a form', async () => {
    for (const path of ['/console/training/programmes', '/console/training/plans', `/console/training/plans/${ids.plan}`, `/console/training/sessions/${ids.session}`, '/console/training/completions/new']) {
      const page = await auditorA.get(path);
      expect(page.status, path).toBe(200);
      expect(page.html, path).not.toMatch(/<form[^>]+method="post"[^>]+action="\/console\/training/);
    }
    expect(textOf((await auditorA.get(`/console/training/plans/${ids.plan}`)).html)).toContain('沙面街道党群服务中心三楼会议室');
  });
});

describe('city B and city A’s training records', () => {
  it('gets the not-found page for A’s plan and session and cannot act on them', async () => {
    for (const path of [`/console/training/plans/${ids.plan}`, `/console/training/sessions/${ids.session}`]) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('未找到');
      expect(page.html).not.toContain('沙面');
    }
    await adminB.get('/console/training/programmes');
    const enrol = await adminB.post(`/console/training/sessions/${ids.session}/enrolments`, { memberId: '00000000-0000-4000-8000-000000000000' });
    expect(enrol.status).toBe(404);
    const attend = await adminB.post(`/console/training/sessions/${ids.session}/attendance`, {});
    expect(attend.status).toBe(404);
    const schedule = await adminB.post(`/console/training/plans/${ids.plan}/sessions`, { sessionDate: '2026-12-20', place: '越权地点', capacity: '5', trainer: 'B', audience: 'B' });
    expect(schedule.status).toBe(404);
    const material = await adminB.post(`/console/training/programmes/${ids.programme}/materials`, { [`m-${ids.programme}.title`]: '越权教材', [`m-${ids.programme}.kind`]: 'other', [`m-${ids.programme}.ref`]: 'x' });
    expect(material.status).toBe(404);
    const plans = await ok<{ items: { sessions: unknown[] }[] }>(h, streetToken, 'GET', '/v1/training/plans');
    expect(plans.items[0]!.sessions).toHaveLength(1);
    const programmes = await ok<{ items: { materials: unknown[] }[] }>(h, streetToken, 'GET', '/v1/training/programmes');
    expect(programmes.items[0]!.materials).toHaveLength(2);
    const session = await ok<{ enrolled: number }>(h, streetToken, 'GET', `/v1/training/sessions/${ids.session}`);
    expect(session.enrolled).toBe(2);
  });

  it('another street of city A gets the not-found page for the street’s plan; the plan page names its programme', async () => {
    const otherStreet = h.browser(await h.cityToken('4401', 'street_officer', '440103002'));
    const page = await otherStreet.get(`/console/training/plans/${ids.plan}`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('沙面街道2027年居委会成员培训计划');
    const own = await streetA.get(`/console/training/plans/${ids.plan}`);
    expect(textOf(own.html)).toMatch(/依据：\s*2027年 2027年社区居委会成员轮训方案/);
    expect(textOf((await streetA.get(`/console/training/sessions/${ids.session}`)).html)).toMatch(/培训计划：\s*沙面街道2027年居委会成员培训计划/);
  });
});

describe('成员单位名录', () => {
  it('registers member units; a one-character name and a wrong phone are refused beside their fields', async () => {
    const empty = await streetA.get('/console/conferences/member-units');
    expect(empty.status).toBe(200);
    expect(empty.html).toContain('暂无登记的成员单位');
    const bad = await streetA.post('/console/conferences/member-units', { name: '医', type: 'enterprise', contactPerson: '', phone: '', email: 'hospital@example.cn', resources: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'name')).toBe('至少 2 个字符');
    expect(bad.html).toContain('value="hospital@example.cn"');
    const phone = await streetA.post('/console/conferences/member-units', { name: '荔湾区人民医院', type: 'enterprise', contactPerson: '李主任', phone: '12345', email: '', resources: '' });
    expect(phone.status).toBe(400);
    expect(fieldError(phone.html, 'phone')).toBe('手机号为 11 位（13x–19x），座机须带区号，例如 020-12345678');
    const made = await streetA.follow(
      await streetA.post('/console/conferences/member-units', {
        name: '荔湾区人民医院', type: 'enterprise', contactPerson: '李主任', phone: '13800138000', email: 'hospital@example.cn', resources: '职工篮球场，周六、周日 08:00-18:00\n报告厅',
      }),
    );
    expect(made.html).toContain('已登记成员单位：荔湾区人民医院');
    await streetA.follow(await streetA.post('/console/conferences/member-units', { name: '沙面小学', type: 'organisation', contactPerson: '', phone: '', email: 'school@example.cn', resources: '' }));
    await streetA.follow(await streetA.post('/console/conferences/member-units', { name: '武警广州支队某中队', type: 'military', contactPerson: '', phone: '', email: '', resources: '' }));
    const list = await streetA.get('/console/conferences/member-units');
    const text = textOf(list.html);
    expect(text).toMatch(/荔湾区人民医院 企事业单位 沙面街道 440103001 李主任 138\*+8000 hospital@example\.cn 职工篮球场、报告厅 参加/);
    expect(text).toMatch(/武警广州支队某中队 部队/);
    expect(list.html).not.toContain('13800138000');
    const military = await streetA.get('/console/conferences/member-units?type=military');
    expect(textOf(military.html)).toContain('成员单位（1）');
    const units = await ok<{ items: { id: string; name: string; sharedResources: { name: string; openHours?: string }[] }[] }>(h, streetToken, 'GET', '/v1/member-units');
    const hospital = units.items.find((u) => u.name === '荔湾区人民医院')!;
    ids.unit = hospital.id;
    expect(hospital.sharedResources).toEqual([{ name: '职工篮球场', openHours: '周六、周日 08:00-18:00' }, { name: '报告厅' }]);
  });

  it('edits a member unit and stops inviting it', async () => {
    const form = await streetA.get(`/console/conferences/member-units/${ids.unit}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('现为 138****8000；留空则不变');
    const saved = await streetA.follow(
      await streetA.post(`/console/conferences/member-units/${ids.unit}`, { name: '荔湾区人民医院', type: 'agency', contactPerson: '王科长', phone: '', email: 'hospital@example.cn', resources: '职工篮球场，周六、周日 08:00-18:00', active: '1' }),
    );
    expect(saved.html).toContain('已保存：荔湾区人民医院');
    const unit = await ok<{ type: string; contactPerson: string; phone: string; active: boolean }>(h, streetToken, 'GET', `/v1/member-units/${ids.unit}`);
    expect(unit).toMatchObject({ type: 'agency', contactPerson: '王科长', active: true });
    expect(unit.phone).toMatch(/^138\*+8000$/);
    const military = (await ok<{ items: { id: string; name: string }[] }>(h, streetToken, 'GET', '/v1/member-units?type=military')).items[0]!;
    await streetA.follow(await streetA.post(`/console/conferences/member-units/${military.id}`, { name: military.name, type: 'military', contactPerson: '', phone: '', email: '', resources: '' }));
    expect((await ok<{ active: boolean }>(h, streetToken, 'GET', `/v1/member-units/${military.id}`)).active).toBe(false);
  });

  it('an auditor reads the register without forms or edit links', async () => {
    const page = await auditorA.get('/console/conferences/member-units');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('荔湾区人民医院');
    expect(page.html).not.toContain('method="post" novalidate action="/console/conferences/member-units"');
    expect(page.html).not.toContain(`href="/console/conferences/member-units/${ids.unit}"`);
  });
});

describe('联席会议设置与单次会议', () => {
  // the clock stands at 2026-12-10 (the training session's day)
  it('convenes a quarterly series with its invitees; a rule of more than 100 meetings a year is refused beside it', async () => {
    const empty = await streetA.get('/console/conferences/series');
    expect(empty.html).toContain('尚未设立联席会议');
    const units = (await ok<{ items: { id: string; name: string; active: boolean }[] }>(h, streetToken, 'GET', '/v1/member-units?active=true')).items;
    expect(units.map((u) => u.name).sort()).toEqual(['沙面小学', '荔湾区人民医院'].sort());
    const invitees = Object.fromEntries(units.map((u) => [`invitee.${u.id}`, '1']));
    const fields = { title: '沙面街道社区工作联席会议', frequency: 'custom', rrule: 'FREQ=DAILY', firstStartLocal: '2026-12-15T09:30', durationMinutes: '120', venue: '沙面街道办事处三楼会议室', agenda: '辖区单位设施向居民开放', quorumPercent: '50', ...invitees };
    const dense = await streetA.post('/console/conferences/series', fields);
    expect(dense.status).toBe(422);
    expect(fieldError(dense.html, 'rrule')).toBe('该规则每年会产生超过 100 次会议');
    expect(dense.html).toContain('value="沙面街道办事处三楼会议室"');
    expect(dense.html).toMatch(new RegExp(`name="invitee\\.${units[0]!.id}" value="1" checked`));
    const made = await streetA.follow(await streetA.post('/console/conferences/series', { ...fields, frequency: 'FREQ=MONTHLY;INTERVAL=3', rrule: '' }));
    expect(made.html).toContain('已设立联席会议');
    ids.series = /action="\/console\/conferences\/series\/([0-9a-f-]{36})"/.exec(made.html)![1]!;
    const text = textOf(made.html);
    expect(text).toContain('每季度一次，首次 2026-12-15 09:30，每次 120 分钟 · 沙面街道办事处三楼会议室');
    expect(text).toContain('接下来的会议： 2026-12-15 09:30 、 2027-03-15 09:30');
    expect(text).toMatch(/受邀成员单位：(沙面小学、荔湾区人民医院|荔湾区人民医院、沙面小学)/);
    await runConferenceWorker(h, mail);
    const list = await streetA.get('/console/conferences/series');
    expect(textOf(list.html)).toMatch(/沙面街道社区工作联席会议 沙面街道 440103001 每季度一次 沙面街道办事处三楼会议室 2026-12-15 09:30 定期召开/);
    const calendar = await streetA.get('/console/conferences?month=2026-12');
    expect(calendar.html).toMatch(/aria-label="2026-12-15 09:30 沙面街道社区工作联席会议"/);
  });

  it('edits the series: a new title reaches the coming meetings', async () => {
    const page = await streetA.get(`/console/conferences/series/${ids.series}`);
    expect(page.html).toMatch(/<option value="FREQ=MONTHLY;INTERVAL=3" selected/);
    const unchanged = await streetA.follow(await streetA.post(`/console/conferences/series/${ids.series}`, formFields(page.html)));
    expect(unchanged.html).toContain('未作修改');
    const saved = await streetA.follow(await streetA.post(`/console/conferences/series/${ids.series}`, { ...formFields(page.html), title: '沙面街道社区共建联席会议', quorumPercent: '60' }));
    expect(saved.html).toContain('已保存调整');
    const series = await ok<{ title: string; quorumPercent: number; rrule: string; revision: number }>(h, streetToken, 'GET', `/v1/conferences/series/${ids.series}`);
    expect(series).toMatchObject({ title: '沙面街道社区共建联席会议', quorumPercent: 60, revision: 2 });
    await runConferenceWorker(h, mail);
    const occurrences = (await ok<{ items: { id: string; title: string; startsAtLocal: string }[] }>(h, streetToken, 'GET', `/v1/conferences/occurrences?series=${ids.series}`)).items;
    expect(occurrences[0]!.title).toBe('沙面街道社区共建联席会议');
    ids.occurrences = occurrences.map((o) => o.id);
  });

  it('moves one meeting (a past time is refused beside the field) and cancels another (a reason is required)', async () => {
    const [first, second] = ids.occurrences!;
    const page = await streetA.get(`/console/conferences/${second}`);
    expect(page.html).toContain('调整或取消本次会议');
    const past = await streetA.post(`/console/conferences/${second}/move`, { startsLocal: '2026-11-01T09:00', durationMinutes: '90', venue: '沙面街道办事处三楼会议室', moveReason: '与区里会议冲突' });
    expect(past.status).toBe(400);
    expect(fieldError(past.html, 'startsLocal')).toBe('须晚于当前时间（2026-12-10 12:00）');
    expect(past.html).toContain('value="与区里会议冲突"');
    const moved = await streetA.follow(await streetA.post(`/console/conferences/${second}/move`, { startsLocal: '2027-03-18T14:30', durationMinutes: '90', venue: '沙面街道党群服务中心', moveReason: '与区里会议冲突' }));
    expect(moved.html).toContain('本次会议已调整至 2027/03/18 14:30');
    expect(textOf(moved.html)).toContain('变更说明：与区里会议冲突');
    const after = await ok<{ startsAtLocal: string; venue: string; endsAt: string; startsAt: string }>(h, streetToken, 'GET', `/v1/conferences/occurrences/${second}`);
    expect(after.startsAtLocal.slice(0, 16)).toBe('2027-03-18T14:30');
    expect(after.venue).toBe('沙面街道党群服务中心');
    expect(Date.parse(after.endsAt) - Date.parse(after.startsAt)).toBe(90 * 60_000);

    const blank = await streetA.post(`/console/conferences/${first}/cancel`, { cancelReason: '' });
    expect(blank.status).toBe(400);
    expect(fieldError(blank.html, 'cancelReason')).toBe('至少 2 个字符');
    const cancelled = await streetA.follow(await streetA.post(`/console/conferences/${first}/cancel`, { cancelReason: '遇台风预警，延期召开' }));
    expect(cancelled.html).toContain('本次会议已取消');
    expect(cancelled.html).not.toContain('调整或取消本次会议');
    expect((await ok<{ status: string }>(h, streetToken, 'GET', `/v1/conferences/occurrences/${first}`)).status).toBe('cancelled');
  });

  it('an auditor sees the series and a meeting without the forms', async () => {
    const series = await auditorA.get(`/console/conferences/series/${ids.series}`);
    expect(series.status).toBe(200);
    expect(textOf(series.html)).toContain('沙面街道社区共建联席会议');
    expect(series.html).not.toContain('保存调整');
    expect(series.html).not.toContain('/end"');
    const list = await auditorA.get('/console/conferences/series');
    expect(list.html).not.toContain('action="/console/conferences/series"');
    const meeting = await auditorA.get(`/console/conferences/${ids.occurrences![2]}`);
    expect(meeting.status).toBe(200);
    expect(meeting.html).not.toContain('调整或取消本次会议');
  });
});

describe('city B and city A’s conference records', () => {
  it('gets the not-found page for A’s member unit, series and meeting, and its posts change nothing', async () => {
    for (const path of [`/console/conferences/member-units/${ids.unit}`, `/console/conferences/series/${ids.series}`, `/console/conferences/${ids.occurrences![2]}`]) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('未找到');
      for (const name of ['沙面', '荔湾区人民医院']) expect(page.html, `${path} ${name}`).not.toContain(name);
    }
    await adminB.get('/console/conferences/member-units');
    const edit = await adminB.post(`/console/conferences/member-units/${ids.unit}`, { name: '被篡改的单位', type: 'other', contactPerson: '', phone: '', email: '', resources: '' });
    expect(edit.status).toBe(404);
    const series = await adminB.post(`/console/conferences/series/${ids.series}`, { title: '越权修改', frequency: 'FREQ=MONTHLY', firstStartLocal: '2027-01-01T09:00', durationMinutes: '60', venue: '越权地点', quorumPercent: '50' });
    expect(series.status).toBe(404);
    const end = await adminB.post(`/console/conferences/series/${ids.series}/end`, {});
    expect(end.status).toBe(404);
    const cancel = await adminB.post(`/console/conferences/${ids.occurrences![2]}/cancel`, { cancelReason: '越权取消' });
    expect(cancel.status).toBe(404);
    const move = await adminB.post(`/console/conferences/${ids.occurrences![2]}/move`, { startsLocal: '2027-07-01T09:00', moveReason: '越权调整' });
    expect(move.status).toBe(404);
    expect((await ok<{ name: string; type: string }>(h, streetToken, 'GET', `/v1/member-units/${ids.unit}`)).name).toBe('荔湾区人民医院');
    expect((await ok<{ title: string; status: string }>(h, streetToken, 'GET', `/v1/conferences/series/${ids.series}`))).toMatchObject({ title: '沙面街道社区共建联席会议', status: 'active' });
    expect((await ok<{ status: string; changeReason: string | null }>(h, streetToken, 'GET', `/v1/conferences/occurrences/${ids.occurrences![2]}`))).toMatchObject({ status: 'scheduled', changeReason: null });
  });
});

describe('培训提醒设置', () => {
  const settings = (token: string, city = '4401') => ok<{ reminders: { beforeDueDays: number[]; overdueEveryDays: number; escalateAfterDays: number }; unitEmails: Record<string, string> }>(h, token, 'GET', `/v1/training/settings/${city}`);

  it('shows the city’s settings to an auditor and a street without the forms', async () => {
    for (const b of [auditorA, streetA]) {
      const page = await b.get('/console/training/settings');
      expect(page.status).toBe(200);
      expect(textOf(page.html)).toContain('期限前 90、30、7 天，提醒成员本人');
      expect(page.html).toMatch(/<a href="\/console\/training\/settings" aria-current="page">提醒设置<\/a>/);
      expect(page.html).not.toMatch(/<form[^>]+method="post"[^>]+action="\/console\/training\/settings/);
    }
    const refused = await streetA.post('/console/training/settings', { beforeDueDays: '1', overdueEveryDays: '1', escalateAfterDays: '1' });
    expect(refused.status).toBe(403);
    expect((await settings(streetToken)).reminders.beforeDueDays).toEqual([90, 30, 7]);
  });

  it('the city admin changes the reminder stages; a repeated day and an interval of 0 are refused beside their fields', async () => {
    const bad = await adminA.post('/console/training/settings', { beforeDueDays: '60、60', overdueEveryDays: '0', escalateAfterDays: '21' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'beforeDueDays')).toBe('每个天数只能出现一次');
    expect(fieldError(bad.html, 'overdueEveryDays')).toBe('须为 1 至 90 的整数天');
    expect(bad.html).toContain('value="60、60"');
    expect(bad.html).toContain('value="21"');
    expect((await settings(adminToken)).reminders.overdueEveryDays).toBe(7);
    const saved = await adminA.follow(await adminA.post('/console/training/settings', { beforeDueDays: '14, 60', overdueEveryDays: '3', escalateAfterDays: '21' }));
    expect(saved.html).toContain('已保存培训提醒设置');
    expect(textOf(saved.html)).toContain('逾期满 21 天仍未完成的，报区（县）督办');
    expect((await settings(adminToken)).reminders).toEqual({ beforeDueDays: [60, 14], overdueEveryDays: 3, escalateAfterDays: 21 });
  });

  it('registers a street’s mailbox (another city’s street is refused beside the code) and removes it', async () => {
    const foreign = await adminA.post('/console/training/settings/mailboxes', { unit: '440304001', email: 'futian@example.gov.cn' });
    expect(foreign.status).toBe(400);
    expect(fieldError(foreign.html, 'unit')).toBe('不是 4401 市的单位');
    expect(foreign.html).toContain('value="futian@example.gov.cn"');
    const badMail = await adminA.post('/console/training/settings/mailboxes', { unit: STREET, email: 'shamian' });
    expect(badMail.status).toBe(400);
    expect(fieldError(badMail.html, 'email')).toBe('电子邮箱格式不正确');
    const added = await adminA.follow(await adminA.post('/console/training/settings/mailboxes', { unit: STREET, email: 'shamian@example.gov.cn' }));
    expect(added.html).toContain(`已登记 ${STREET} 的提醒邮箱`);
    expect(textOf(added.html)).toMatch(/沙面街道 440103001 街道（镇） shamian@example\.gov\.cn/);
    expect((await settings(adminToken)).unitEmails).toEqual({ [STREET]: 'shamian@example.gov.cn' });
    const removed = await adminA.follow(await adminA.post('/console/training/settings/mailboxes/remove', { unit: STREET }));
    expect(removed.html).toContain(`已删除 ${STREET} 的提醒邮箱`);
    expect((await settings(adminToken)).unitEmails).toEqual({});
  });

  it('city B sees and changes only its own settings', async () => {
    const page = await adminB.get('/console/training/settings');
    expect(textOf(page.html)).toContain('期限前 90、30、7 天');
    await adminB.follow(await adminB.post('/console/training/settings', { beforeDueDays: '5', overdueEveryDays: '1', escalateAfterDays: '0' }));
    const mailbox = await adminB.post('/console/training/settings/mailboxes', { unit: STREET, email: 'x@example.cn' });
    expect(fieldError(mailbox.html, 'unit')).toBe('不是 4403 市的单位');
    expect((await settings(adminToken)).reminders).toEqual({ beforeDueDays: [60, 14], overdueEveryDays: 3, escalateAfterDays: 21 });
    expect((await h.request('GET', '/v1/training/settings/4401', { token: await h.cityToken('4403') })).status).toBe(404);
  });
});

describe('日历订阅', () => {
  const created: { url?: string; id?: string; memberFeed?: string } = {};

  it('a street officer gets a feed URL shown once, which a calendar app can read without signing in', async () => {
    const page = await streetA.get('/console/conferences/feeds');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<a href="\/console\/conferences\/feeds" aria-current="page">日历订阅<\/a>/);
    expect(page.html).toContain(`value="${STREET}"`);
    const made = await streetA.post('/console/conferences/feeds', { scope: 'unit', unit: STREET, memberUnit: '' });
    expect(made.status).toBe(200);
    expect(textOf(made.html)).toContain('只显示这一次');
    created.url = /id="feed-url"[^>]*value="([^"]+)"/.exec(made.html)![1]!;
    created.id = /<a href="#feed-([0-9a-f-]{36})">/.exec(made.html)![1]!;
    expect(created.url).toMatch(/^http:\/\/localhost\/ical\/4401\.[A-Za-z0-9_-]{43}\.ics$/);
    const ics = await h.request('GET', new URL(created.url).pathname);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const again = await streetA.get('/console/conferences/feeds');
    expect(again.html).not.toContain(new URL(created.url).pathname);
    const member = await streetA.post('/console/conferences/feeds', { scope: 'member_unit', unit: STREET, memberUnit: ids.unit! });
    expect(textOf(member.html)).toContain('某成员单位受邀参加的会议');
    created.memberFeed = /<a href="#feed-([0-9a-f-]{36})">/.exec(member.html)![1]!;
  });

  it('refuses a street outside the officer’s area and a malformed code beside the field, keeping the input', async () => {
    const other = await streetA.post('/console/conferences/feeds', { scope: 'unit', unit: '440103002', memberUnit: '' });
    expect(other.status).toBe(404);
    expect(fieldError(other.html, 'unit')).toBe('未找到该单位，或不在您的管辖范围内');
    expect(other.html).toContain('value="440103002"');
    const short = await streetA.post('/console/conferences/feeds', { scope: 'unit', unit: '4401', memberUnit: '' });
    expect(short.status).toBe(400);
    expect(fieldError(short.html, 'unit')).toBe('请从列表中选择街道（镇）或区（县）');
    const none = await streetA.post('/console/conferences/feeds', { scope: 'member_unit', unit: STREET, memberUnit: '' });
    expect(fieldError(none.html, 'memberUnit')).toBe('请选择成员单位');
  });

  it('revokes a feed only once confirmed on its page; the calendar app then gets nothing', async () => {
    const unconfirmed = await streetA.post(`/console/conferences/feeds/${created.id}/revoke`, {});
    expect(unconfirmed.location).toBe(`/console/conferences/feeds/${created.id}/revoke`);
    expect((await h.request('GET', new URL(created.url!).pathname)).status).toBe(200);
    const revoked = await streetA.follow(await streetA.post(`/console/conferences/feeds/${created.id}/revoke`, { confirm: 'yes' }));
    expect(revoked.html).toContain('已停用订阅链接');
    expect((await h.request('GET', new URL(created.url!).pathname)).status).toBe(404);
  });

  it('an auditor sees no forms; city B cannot revoke A’s feed', async () => {
    const page = await auditorA.get('/console/conferences/feeds');
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<form[^>]+method="post"[^>]+action="\/console\/conferences\/feeds/);
    expect((await auditorA.post('/console/conferences/feeds', { scope: 'unit', unit: STREET })).status).toBe(403);
    await adminB.get('/console/conferences/feeds');
    const revoke = await adminB.post(`/console/conferences/feeds/${created.memberFeed}/revoke`, { confirm: 'yes' });
    expect(revoke.status).toBe(404);
    expect(textOf(revoke.html)).toContain('未找到该订阅链接（或不在您的管辖范围内）');
    const feed = await adminB.post('/console/conferences/feeds', { scope: 'member_unit', memberUnit: ids.unit! });
    expect(feed.status).toBe(404);
    expect(feed.html).not.toContain('/ical/');
    // A's member-unit feed still works: revoke it as A to prove it was live
    const live = await streetA.follow(await streetA.post(`/console/conferences/feeds/${created.memberFeed}/revoke`, { confirm: 'yes' }));
    expect(live.html).toContain('已停用订阅链接');
  });
});

describe('联席会议召开情况', () => {
  it('lists each street’s series with when it last met and is next due; a lapsed series is flagged', async () => {
    const page = await streetA.get('/console/conferences/cadence');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<a href="\/console\/conferences\/cadence" aria-current="page">召开情况<\/a>/);
    expect(textOf(page.html)).toMatch(/沙面街道 440103001 沙面街道社区共建联席会议 尚未到期 0 \/ 0 — 每季度 尚未召开 2027\/03\/15/);
    h.clock.set('2027-04-01T04:00:00Z');
    const late = await adminA.get('/console/conferences/cadence');
    const text = textOf(late.html);
    expect(text).toMatch(/沙面街道社区共建联席会议 逾期未召开 0 \/ 1 — 每季度 尚未召开 2027\/03\/15/);
    expect(text).toMatch(/逾期未召开 1/);
    expect(text).toMatch(/未设立联席会议的街道（镇）（3）/);
    expect(text).toContain('岭南街道 440103002');
    const district = await adminA.get('/console/conferences/cadence?unit=440104');
    expect(district.html).toMatch(/<option value="440104" selected/);
    expect(textOf(district.html)).toContain('越秀区范围内没有定期召开的联席会议');
    expect(textOf(district.html)).toContain('洪桥街道 440104001');
  });

  it('city B gets the not-found page for A’s street', async () => {
    const page = await adminB.get('/console/conferences/cadence?unit=440103001');
    expect(page.status).toBe(404);
    expect(page.html).toContain('未找到');
    expect(page.html).not.toContain('沙面');
  });
});

describe('成员单位：删除联系电话', () => {
  it('a blank phone keeps it, the box removes it; a typed phone with the box ticked is refused beside the phone', async () => {
    const form = await streetA.get(`/console/conferences/member-units/${ids.unit}`);
    expect(form.html).toContain('删除联系电话（138****8000）');
    const fields = { name: '荔湾区人民医院', type: 'agency', contactPerson: '王科长', email: 'hospital@example.cn', resources: '', active: '1' };
    const both = await streetA.post(`/console/conferences/member-units/${ids.unit}`, { ...fields, phone: '13900139000', removePhone: '1' });
    expect(both.status).toBe(400);
    expect(fieldError(both.html, 'phone')).toBe('已勾选“删除联系电话”：请清空此栏，或取消勾选');
    expect(both.html).toContain('value="13900139000"');
    expect(both.html).toMatch(/name="removePhone" value="1" checked/);
    await streetA.follow(await streetA.post(`/console/conferences/member-units/${ids.unit}`, { ...fields, phone: '' }));
    expect((await ok<{ phone: string | null }>(h, streetToken, 'GET', `/v1/member-units/${ids.unit}`)).phone).toMatch(/^138\*+8000$/);
    const saved = await streetA.follow(await streetA.post(`/console/conferences/member-units/${ids.unit}`, { ...fields, phone: '', removePhone: '1' }));
    expect(saved.html).toContain('已保存：荔湾区人民医院');
    expect((await ok<{ phone: string | null }>(h, streetToken, 'GET', `/v1/member-units/${ids.unit}`)).phone).toBeNull();
    const after = await streetA.get(`/console/conferences/member-units/${ids.unit}`);
    expect(after.html).not.toContain('删除联系电话（');
  });

  it('city B cannot remove A’s phone', async () => {
    await ok(h, streetToken, 'PATCH', `/v1/member-units/${ids.unit}`, { phone: '13800138000' });
    const refused = await adminB.post(`/console/conferences/member-units/${ids.unit}`, { name: '荔湾区人民医院', type: 'agency', phone: '', removePhone: '1' });
    expect(refused.status).toBe(404);
    expect((await ok<{ phone: string | null }>(h, streetToken, 'GET', `/v1/member-units/${ids.unit}`)).phone).toMatch(/^138\*+8000$/);
  });
});

describe('日历订阅：已生成的链接', () => {
  let live: { id: string; path: string };

  it('lists the feeds newest first with what each covers and who made it, revoked ones marked, never an address', async () => {
    live = await ok<{ id: string; path: string }>(h, streetToken, 'POST', '/v1/conferences/calendar-feeds', { scope: 'member_unit', subject: ids.unit });
    const page = await streetA.get('/console/conferences/feeds');
    expect(page.status).toBe(200);
    const rows = [...page.html.matchAll(/<tr id="feed-([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(live.id);
    const text = textOf(page.html);
    expect(text).toContain('已生成的订阅链接（3）');
    expect(text).toMatch(/成员单位：荔湾区人民医院 440103001 2027\/04\/01 12:00 生成 我 有效 停用/);
    expect(text).toMatch(/召集单位：沙面街道 440103001 \d{4}\/\d\d\/\d\d \d\d:\d\d 生成 我 已停用 \d{4}\/\d\d\/\d\d —/);
    expect(page.html).not.toContain('/ical/');
    expect(page.html).not.toContain(live.path.slice('/ical/'.length, -'.ics'.length));
    expect(page.html.match(/href="\/console\/conferences\/feeds\/[0-9a-f-]{36}\/revoke"/g)).toEqual([`href="/console/conferences/feeds/${live.id}/revoke"`]);
  });

  it('an auditor sees neither list nor forms; city B sees none of A’s feeds and cannot revoke one', async () => {
    const auditor = await auditorA.get('/console/conferences/feeds');
    expect(auditor.status).toBe(200);
    expect(auditor.html).not.toContain('已生成的订阅链接');
    expect(auditor.html).not.toMatch(/<form[^>]+method="post"[^>]+action="\/console\/conferences\/feeds/);
    const b = await adminB.get('/console/conferences/feeds');
    expect(textOf(b.html)).toContain('已生成的订阅链接（0）');
    for (const name of ['沙面', '荔湾区人民医院', live.id]) expect(b.html).not.toContain(name);
    const refused = await adminB.post(`/console/conferences/feeds/${live.id}/revoke`, { confirm: 'yes' });
    expect(refused.status).toBe(404);
    expect(textOf(refused.html)).toContain('未找到该订阅链接（或不在您的管辖范围内）');
    const list = await ok<{ items: { id: string; revoked: boolean }[] }>(h, streetToken, 'GET', '/v1/conferences/calendar-feeds');
    expect(list.items.find((f) => f.id === live.id)).toMatchObject({ revoked: false });
    expect((await h.request('GET', live.path)).status).toBe(200);
  });

  it('revokes from its confirmation page; the API then lists it revoked and the calendar app gets nothing', async () => {
    const confirm = await streetA.get(`/console/conferences/feeds/${live.id}/revoke`);
    expect(textOf(confirm.html)).toMatch(/订阅内容 某成员单位受邀参加的会议 成员单位 荔湾区人民医院 440103001 生成时间 2027\/04\/01 12:00 生成人 我/);
    expect((await h.request('GET', live.path)).status).toBe(200);
    const done = await streetA.follow(await streetA.post(`/console/conferences/feeds/${live.id}/revoke`, { confirm: 'yes' }));
    expect(done.html).toContain('已停用订阅链接（某成员单位受邀参加的会议：荔湾区人民医院）');
    expect(textOf(done.html)).toMatch(/成员单位：荔湾区人民医院 440103001 2027\/04\/01 12:00 生成 我 已停用 2027\/04\/01 —/);
    expect(done.html).not.toContain(`href="/console/conferences/feeds/${live.id}/revoke"`);
    const list = await ok<{ items: { id: string; revoked: boolean }[] }>(h, streetToken, 'GET', '/v1/conferences/calendar-feeds');
    expect(list.items.find((f) => f.id === live.id)).toMatchObject({ revoked: true });
    expect((await h.request('GET', live.path)).status).toBe(404);
  });
});

describe('召开情况：已召开 / 应召开', () => {
  it('counts a held meeting, a missed one and not the cancelled one, over the last 12 months by default', async () => {
    // December's meeting was cancelled, March's (moved to the 18th) passed without minutes; June's is held on its day
    h.clock.set('2027-06-15T04:00:00Z');
    await ok(h, streetToken, 'POST', `/v1/conferences/occurrences/${ids.occurrences![2]}/minutes`, { minutes: '六月例会', attendance: [] });
    h.clock.set('2027-07-01T02:00:00Z');
    const page = await streetA.get('/console/conferences/cadence');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('统计 2026-07-02 至 2027-07-01（含）');
    expect(page.html).toContain('id="f-from" name="from" type="date" value="2026-07-02"');
    expect(text).toMatch(/已召开 \/ 应召开 1 \/ 2/);
    expect(text).toMatch(/沙面街道社区共建联席会议 按期召开 1 \/ 2 1 次 每季度 2027\/06\/15 2027\/09\/15/);
  });

  it('takes a window, keeps the dates, and shows a refused window beside its field in Chinese', async () => {
    const spring = await streetA.get('/console/conferences/cadence?unit=&from=2027-01-01&to=2027-03-31');
    expect(spring.status).toBe(200);
    expect(textOf(spring.html)).toMatch(/沙面街道社区共建联席会议 按期召开 0 \/ 1 — 每季度/);
    expect(spring.html).toContain('value="2027-01-01"');
    const backwards = await streetA.get('/console/conferences/cadence?unit=&from=2027-05-01&to=2027-04-01');
    expect(backwards.status).toBe(400);
    expect(fieldError(backwards.html, 'from')).toBe('应不晚于 2027-04-01');
    expect(backwards.html).toContain('value="2027-05-01"');
    expect(backwards.html).toContain('value="2027-04-01"');
    const badDate = await streetA.get('/console/conferences/cadence?unit=&to=2027-02-30');
    expect(badDate.status).toBe(400);
    expect(fieldError(badDate.html, 'to')).toBe('日期格式应为 YYYY-MM-DD');
  });

  it('city B gets the not-found page for A’s street with a window too', async () => {
    const page = await adminB.get('/console/conferences/cadence?unit=440103001&from=2027-01-01&to=2027-03-31');
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('沙面');
  });
});

/** The values a browser would send for the page's series form: text inputs, the selected options, textareas and ticked boxes. */
function formFields(html: string): Record<string, string> {
  const form = /<form[^>]+action="\/console\/conferences\/series\/[0-9a-f-]{36}"[\s\S]*?<\/form>/.exec(html)![0];
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(attrs) && !/ checked/.test(attrs)) continue;
    out[name] = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) out[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]!] = m[2]!;
  return out;
}
