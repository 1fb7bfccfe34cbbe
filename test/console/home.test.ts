import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionPlan, planElection, sheetFor, winningVotes } from '../support/elections.js';
import { runTrainingWorker } from '../support/training.js';
import { createConsoleHarness, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminToken: string;
let streetToken: string;
let districtToken: string;
let street: Browser;
let district: Browser;
const STREET = '440103001';

interface Todo {
  asOf: string;
  unit: { code: string; name: string; kind: string | null };
  items: { kind: string; count: number; label: string }[];
  training: { code: string; name: string; members: number; overdue: number }[];
  vacancies: { code: string; name: string; committees: number; seats: number; serving: number; open: number }[];
}
const todo = (token: string, unit?: string) => ok<Todo>(h, token, 'GET', `/v1/todo${unit ? `?unit=${unit}` : ''}`);
const countOf = (t: Todo, kind: string) => t.items.find((i) => i.kind === kind)?.count;

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  adminToken = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminToken, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  const other = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: other, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  districtToken = await h.cityToken('4401', 'district_officer', '440103');
  street = h.browser(streetToken);
  district = h.browser(districtToken);
});

afterAll(async () => {
  await h?.close();
});

describe('待办 (GET /v1/todo)', () => {
  it('starts empty, names the unit, and leaves out what the role does not act on', async () => {
    const t = await todo(streetToken);
    expect(t.unit).toEqual({ code: STREET, name: '沙面街道', level: 'township', kind: 'subdistrict' });
    expect(t.items.map((i) => i.kind)).toEqual(['elections_to_certify', 'training_overdue', 'invitations_unanswered', 'resolutions_overdue', 'committee_vacancies']);
    expect(t.items.every((i) => i.count === 0)).toBe(true);
    // only the approver decides a plan (a city with districts leaves it to them); only the city's admin writes reports
    expect((await todo(districtToken)).items.map((i) => i.kind)).toContain('plans_awaiting_approval');
    expect((await todo(adminToken)).items.map((i) => i.kind)).toEqual(expect.arrayContaining(['reports_due', 'reports_returned', 'elections_to_certify']));
    expect((await todo(adminToken)).items.map((i) => i.kind)).not.toContain('plans_awaiting_approval');
    const auditor = await todo(await h.cityToken('4401', 'auditor', '4401'));
    expect(auditor.items.map((i) => i.kind)).toEqual(['training_overdue', 'committee_vacancies']);
  });

  it('counts a counted election until it is certified, and a submitted plan for its approver only', async () => {
    const planned = await planElection(h, streetToken, electionPlan('440103001001'));
    expect(countOf(await todo(streetToken), 'elections_to_certify')).toBe(0);
    expect((await h.request('POST', `/v1/elections/${planned.id}/results`, { token: streetToken, json: sheetFor(planned, winningVotes) })).status).toBe(201);
    expect(countOf(await todo(streetToken), 'elections_to_certify')).toBe(1);
    expect(countOf(await todo(adminToken), 'elections_to_certify')).toBe(1);
    // a street beside it does not see it
    expect(countOf(await todo(await h.cityToken('4401', 'street_officer', '440103002')), 'elections_to_certify')).toBe(0);
    expect((await h.request('POST', `/v1/elections/${planned.id}/certify`, { token: streetToken, json: {} })).status).toBe(200);
    expect(countOf(await todo(streetToken), 'elections_to_certify')).toBe(0);

    const plan = await ok<{ id: string }>(h, streetToken, 'POST', '/v1/adjustment-plans', { title: '沙面街道社区更名方案', reason: '居民意见', effectiveDate: '2027-01-01', changes: [{ kind: 'rename', code: '440103001001', name: '沙面新' }] });
    expect(countOf(await todo(districtToken), 'plans_awaiting_approval')).toBe(0);
    await ok(h, streetToken, 'POST', `/v1/adjustment-plans/${plan.id}/submit`);
    expect(countOf(await todo(districtToken), 'plans_awaiting_approval')).toBe(1);
    expect(countOf(await todo(await h.cityToken('4401', 'district_officer', '440104')), 'plans_awaiting_approval')).toBe(0);
  });

  it('counts members overdue for training by the injected clock, and the seats of the new committee', async () => {
    await runTrainingWorker(h);
    const before = await todo(streetToken);
    expect(countOf(before, 'training_overdue')).toBe(0);
    expect(before.training.find((u) => u.code === '440103001001')).toMatchObject({ name: '沙面社区居委会', members: 7, overdue: 0 });
    expect(before.vacancies.find((u) => u.code === '440103001001')).toMatchObject({ committees: 1, seats: 7, serving: 7, open: 0 });
    // one year after the election (2026-11-20) the obligation is due: the day after, all seven are overdue
    h.clock.set('2027-11-21T02:00:00Z');
    const after = await todo(streetToken);
    expect(after.asOf).toBe('2027-11-21');
    expect(countOf(after, 'training_overdue')).toBe(7);
    expect(countOf(await todo(districtToken), 'training_overdue')).toBe(7);
    expect(countOf(await todo(await h.cityToken('4401', 'street_officer', '440103002')), 'training_overdue')).toBe(0);
    h.clock.set('2026-11-25T02:00:00Z');
  });

  it('a member who leaves opens a seat', async () => {
    const committees = await ok<{ items: { id: string; communityCode: string }[] }>(h, streetToken, 'GET', '/v1/committees?community=440103001001');
    const id = committees.items[0]!.id;
    const members = await ok<{ items: { id: string; position: string }[] }>(h, streetToken, 'GET', `/v1/committees/${id}/members`);
    const member = members.items.find((m) => m.position === 'member')!;
    await ok(h, streetToken, 'PATCH', `/v1/committees/${id}/members/${member.id}`, { leftOn: '2026-11-24', departureReason: 'resigned' });
    const t = await todo(streetToken);
    expect(countOf(t, 'committee_vacancies')).toBe(1);
    expect(t.vacancies.find((u) => u.code === '440103001001')).toMatchObject({ seats: 7, serving: 6, open: 1 });
  });

  it('refuses another city’s unit and a unit the caller does not cover', async () => {
    expect((await h.request('GET', '/v1/todo?unit=440103001', { token: await h.cityToken('4403') })).status).toBe(404);
    expect((await h.request('GET', '/v1/todo?unit=440104', { token: streetToken })).status).toBe(404);
    expect((await h.request('GET', '/v1/todo?unit=440103001', { token: await h.provinceToken() })).status).toBe(404);
  });

  it('gives the province its own kinds', async () => {
    const t = await todo(await h.provinceToken());
    expect(t.unit.name).toBe('广东省');
    expect(t.items.map((i) => i.kind)).toEqual(['reports_to_review', 'reports_overdue', 'spot_check_findings']);
  });
});

describe('首页', () => {
  it('shows the to-do counts with links, the unit by name and the role by its kind, breadcrumbs and the menu', async () => {
    const home = await street.get('/console/home');
    expect(home.status).toBe(200);
    const text = textOf(home.html);
    expect(text).toContain('沙面街道 · 街道工作人员');
    expect(text).not.toContain(`单位 ${STREET}`);
    expect(home.html).toMatch(/<a href="\/console\/elections\?status=counted"><b>0<\/b>/);
    expect(home.html).toMatch(/<li class="todo-item due"><a href="\/console\/divisions"><b>1<\/b><span class="todo-unit">个<\/span><span class="todo-label">居委会空缺职位<\/span>/);
    expect(home.html).toContain('aria-label="主菜单"');
    expect(home.html).toMatch(/<a href="\/console\/home" aria-current="page">首页（待办）<\/a>/);
    expect(home.html, 'home is the root of the breadcrumbs').not.toContain('aria-label="面包屑"');
    expect(home.html).toContain('<link rel="icon" type="image/svg+xml" href="/console/favicon.svg"/>');
    // the figures, each with its table
    expect(text).toContain('成员培训完成率');
    expect(text).toMatch(/成员培训完成情况（人） 单位 应培训 按时完成 逾期完成 待培训 已逾期 完成率 沙面社区居委会 6 0 0 6 0 0%/);
    expect(text).toMatch(/居委会职数与在任（个、人） 单位 居委会 职数 在任 空缺 沙面社区居委会 1 7 6 1/);
    expect(text).toContain('联席会议召开情况');
    // two charts (training, vacancies), each drawn wide and narrow; no conference yet, so no third
    expect((home.html.match(/<svg/g) ?? []).length).toBe(4);
    expect(text).toContain('尚未设立联席会议。');
  });

  it('shows the approver its plan waiting, with the district named by its kind', async () => {
    const home = await district.get('/console/home');
    expect(textOf(home.html)).toContain('荔湾区 · 区工作人员');
    expect(home.html).toMatch(/<li class="todo-item due"><a href="\/console\/plans\?status=submitted"><b>1<\/b>/);
  });

  it('puts a page under its area in the menu and the breadcrumbs', async () => {
    const page = await street.get('/console/training/plans');
    expect(page.html).toMatch(/<nav class="crumbs" aria-label="面包屑"><ol><li><a href="\/console\/home">首页<\/a><\/li><li><a href="\/console\/training">成员培训<\/a><\/li><li aria-current="page">培训计划与培训班<\/li>/);
    expect(page.html).toMatch(/<a href="\/console\/training\/plans" aria-current="page">培训计划与培训班<\/a>/);
  });

  it('serves its icon without a session', async () => {
    const res = await h.console.request('/console/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });

  it('gives the province its to-do list on the dashboard', async () => {
    const page = await h.browser(await h.provinceToken()).get('/console/province');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('待审核的城市报告');
    expect(textOf(page.html)).toContain('广东省 · 省民政厅管理员');
  });
});
