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
    expect(textOf(list.html)).toMatch(/沙面街道2027年居委会成员培训计划 街道（镇） 440103001 .*2027年 2027年社区居委会成员轮训方案 1 0/);
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
    expect(textOf(marked.html)).toContain(`${members[0]!.name} 440103001001`);
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
      expect(page.html).toContain('未找到该记录');
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
});
