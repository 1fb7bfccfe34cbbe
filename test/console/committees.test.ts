import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeDetailView, CommitteeMemberView, VacanciesView } from '../../shared/committees/schemas.js';
import type { CommunityView } from '../../shared/communities/schemas.js';
import { certifiedElection, testIdNumber, testPhone } from '../support/elections.js';
import { sql } from '../support/harness.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let streetToken: string;
let street: Browser;
let auditor: Browser;
let resident: Browser;
let adminB: Browser;
let committeeId: string;
const COMMUNITY = '440103001001';
const STREET = '440103001';
const detail = () => ok<CommitteeDetailView>(h, streetToken, 'GET', `/v1/committees/${committeeId}`);
const memberId = async (name: string) => (await detail()).members.find((m) => m.name === name)!.id;
/** The forms of a page, by action, leaving out the sign-out form every page has. */
const formActions = (html: string) => [...html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g)].map((m) => m[1]!).filter((a) => a !== '/console/logout');

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const a = await h.cityToken('4401');
  const b = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: a, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: b, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  street = h.browser(streetToken);
  auditor = h.browser(await h.cityToken('4401', 'auditor'));
  resident = h.browser(await h.cityToken('4401', 'committee_member', COMMUNITY));
  adminB = h.browser(b);
  await ok(h, streetToken, 'PATCH', `/v1/communities/${COMMUNITY}`, { type: 'geographic', households: 1800, population: 5200, officeAddress: '沙面北街 45 号' });
  committeeId = (await certifiedElection(h, streetToken)).committeeId;
});

afterAll(async () => {
  await h?.close();
});

describe('居委会页面', () => {
  it('is linked from the community page and shows the term, masked members, vacancies and the three systems', async () => {
    const community = await street.get(`/console/communities/${COMMUNITY}`);
    expect(community.html).toContain(`href="/console/committees/${committeeId}"`);
    const page = await street.get(`/console/committees/${committeeId}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('沙面社区居民委员会');
    expect(text).toMatch(/第 1 届，\d{4}-\d{2}-\d{2} 起，任期至 \d{4}-\d{2}-\d{2} · 在任 7 人/);
    expect(text).toContain('制度未建全');
    expect(text).toContain('街道尚未提出职数');
    expect(text).toMatch(/陈主任 主任 \d{4}-\d{2}-\d{2} 起 至 \d{4}-\d{2}-\d{2} 139\*\*\*\*0000 440\*+\d{3}[\dX]/);
    expect(page.html).not.toContain(testPhone(0));
    expect(page.html).not.toContain(testIdNumber(1975, 0, 'female'));
    expect(text).toMatch(/主任 1 1 — 副主任 2 2 — 委员 4 4 —/);
    for (const label of ['社区居民代表议事制度', '社区居民委员会工作制度', '社区居民委员会民主监督制度']) expect(text).toMatch(new RegExp(`${label} 未建立`));
    expect(text).toContain('尚未设立专门工作委员会');
    expect(text).toContain('尚未聘用社会工作者');
  });

  it('is not found for a malformed id', async () => {
    const page = await street.get('/console/committees/not-a-committee');
    expect(page.status).toBe(404);
    expect(textOf(page.html)).toContain('未找到');
  });
});

describe('职数', () => {
  it('refuses a size outside 5–9 beside the field, in Chinese, keeping what was typed', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/size`, { 'size.size': '11', 'size.representatives': '41', 'size.consenting': '30', 'size.agreedOn': '2026-10-10' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.html, 'size.size')).toBe('居委会由 5 至 9 人组成');
    expect(bad.html).toContain('value="11"');
    expect(bad.html).toContain('value="41"');
    expect((await detail()).proposedSize).toBeNull();
  });

  it('asks for most representatives’ consent and for a date, each beside its field', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/size`, { 'size.size': '7', 'size.representatives': '41', 'size.consenting': '20', 'size.agreedOn': '2026-10-10' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.html, 'size.consenting')).toBe('须经过半数居民代表同意：41 人中至少 21 人');
    expect(fieldError(bad.html, 'size.size')).toBeUndefined();
    const noDate = await street.post(`/console/committees/${committeeId}/size`, { 'size.size': '7', 'size.representatives': '41', 'size.consenting': '30', 'size.agreedOn': '' });
    expect(noDate.status).toBe(400);
    expect(fieldError(noDate.html, 'size.agreedOn')).toBe('日期格式应为 YYYY-MM-DD');
  });

  it('records the size, which the API then returns', async () => {
    const saved = await street.follow(await street.post(`/console/committees/${committeeId}/size`, { 'size.size': '7', 'size.representatives': '41', 'size.consenting': '30', 'size.agreedOn': '2026-10-10' }));
    expect(saved.html).toContain('职数已记录');
    expect(textOf(saved.html)).toContain('街道提出职数 7 人，居民代表 41 名中 30 名同意（2026-10-10）');
    expect((await detail()).proposedSize).toEqual({ size: 7, representatives: 41, consenting: 30, agreedOn: '2026-10-10' });
  });
});

describe('成员', () => {
  it('puts a wrong ID number beside its field and keeps the typed values', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/members`, {
      'm.name': '补选人', 'm.position': 'member', 'm.gender': 'male', 'm.birthYear': '1990', 'm.idNumber': '440103199001011234', 'm.keepsJob': 'on', 'm.joinedOn': '2026-11-25',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'm.idNumber')).toBe('校验码不符（GB 11643）');
    expect(bad.html).toContain('value="补选人"');
    expect(bad.html).toContain('value="440103199001011234"');
    expect((await detail()).members).toHaveLength(7);
  });

  it('adds a member by by-election; the API then lists them, masked', async () => {
    const added = await street.follow(await street.post(`/console/committees/${committeeId}/members`, {
      'm.name': '补选人', 'm.position': 'member', 'm.gender': 'male', 'm.birthYear': '1990', 'm.phone': testPhone(99), 'm.idNumber': testIdNumber(1990, 99, 'male'),
      'm.partyMember': 'on', 'm.keepsJob': 'on', 'm.allowance': '1200', 'm.joinedOn': '2026-11-25',
    }));
    expect(added.html).toContain('已补选成员');
    expect(textOf(added.html)).toMatch(/补选人 委员 2026-11-25 起/);
    expect(added.html).not.toContain(testPhone(99));
    const member = (await detail()).members.find((m) => m.name === '补选人')!;
    expect(member).toMatchObject({ position: 'member', partyMember: true, keepsJob: true, allowanceYuanPerMonth: 1200, joinedOn: '2026-11-25', phone: '139****0099' });
  });

  it('refuses a second chair beside the position', async () => {
    const id = await memberId('郑委一');
    const bad = await street.post(`/console/committees/${committeeId}/members/${id}`, { 'e.position': 'chair', 'e.keepsJob': 'on' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.html, 'e.position')).toBe('居委会须有主任 1 名，现有 2 名');
    expect(bad.html).toMatch(/<option value="chair" selected/);
  });

  it('edits a member: position, allowance and party membership', async () => {
    const id = await memberId('郑委一');
    const form = await street.get(`/console/committees/${committeeId}/members/${id}`);
    expect(form.status).toBe(200);
    expect(textOf(form.html)).toContain('郑委一（委员）');
    const saved = await street.follow(await street.post(`/console/committees/${committeeId}/members/${id}`, { 'e.position': 'vice_chair', 'e.allowance': '800', 'e.partyMember': 'on', 'e.keepsJob': 'on' }));
    expect(saved.html).toContain('成员信息已更新');
    const member = await ok<CommitteeMemberView>(h, streetToken, 'GET', `/v1/committees/${committeeId}/members/${id}`);
    expect(member).toMatchObject({ position: 'vice_chair', allowanceYuanPerMonth: 800, partyMember: true, keepsJob: true });
  });

  it('records a departure, which opens a vacancy; a departure without its reason is refused beside the field', async () => {
    const id = await memberId('黄副一');
    const bad = await street.post(`/console/committees/${committeeId}/members/${id}/leave`, { 'l.leftOn': '2026-11-25', 'l.departureReason': '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'l.departureReason')).toBe('请选择');
    expect(bad.html).toContain('value="2026-11-25"');
    const left = await street.follow(await street.post(`/console/committees/${committeeId}/members/${id}/leave`, { 'l.leftOn': '2026-11-25', 'l.departureReason': 'resigned' }));
    expect(left.html).toContain('已记录成员离任');
    expect(textOf(left.html)).toContain('黄副一 副主任 2026-11-25 辞职');
    const vacancies = await ok<VacanciesView>(h, streetToken, 'GET', `/v1/committees/${committeeId}/vacancies`);
    expect(vacancies.departures).toEqual([expect.objectContaining({ name: '黄副一', departureReason: 'resigned', leftOn: '2026-11-25' })]);
    expect((await detail()).members.map((m) => m.name)).not.toContain('黄副一');
  });
});

describe('制度建设、专门工作委员会、社会工作者', () => {
  it('asks for the document number beside its field, then records the system', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/systems/committee_work`, { 'sys.committee_work.adoptedOn': '2026-11-22', 'sys.committee_work.documentRef': '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'sys.committee_work.documentRef')).toBe('此项不能为空');
    expect(bad.html).toContain('value="2026-11-22"');
    const saved = await street.follow(await street.post(`/console/committees/${committeeId}/systems/committee_work`, { 'sys.committee_work.adoptedOn': '2026-11-22', 'sys.committee_work.documentRef': '沙面社居〔2026〕3号' }));
    expect(saved.html).toContain('制度建立情况已记录');
    expect(textOf(saved.html)).toContain('社区居民委员会工作制度 已建立 2026-11-22 沙面社居〔2026〕3号');
    expect((await detail()).systems.find((s) => s.system === 'committee_work')).toMatchObject({ adoptedOn: '2026-11-22', documentRef: '沙面社居〔2026〕3号' });
  });

  it('sets up a working committee and refuses the same name twice beside the field', async () => {
    await resident.get(`/console/committees/${committeeId}`);
    const saved = await resident.follow(await resident.post(`/console/committees/${committeeId}/working-committees`, { 'wc.name': '人民调解委员会', 'wc.establishedOn': '2026-11-22' }));
    expect(saved.html).toContain('已设立专门工作委员会');
    expect(textOf(saved.html)).toContain('人民调解委员会 2026-11-22');
    const twice = await resident.post(`/console/committees/${committeeId}/working-committees`, { 'wc.name': '人民调解委员会', 'wc.establishedOn': '2026-11-23' });
    expect(twice.status).toBe(409);
    expect(fieldError(twice.html, 'wc.name')).toBe('已有同名的专门工作委员会');
    expect((await detail()).workingCommittees.map((w) => w.name)).toEqual(['人民调解委员会']);
  });

  it('records a hired social worker, phone masked; a wrong phone is refused beside the field', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/social-workers`, { 'sw.name': '社工甲', 'sw.role': '社区社工', 'sw.phone': '12345', 'sw.hiredOn': '2026-11-22' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'sw.phone')).toBe('手机号为 11 位（13x–19x），座机须带区号，例如 020-12345678');
    expect(bad.html).toContain('value="12345"');
    const saved = await street.follow(await street.post(`/console/committees/${committeeId}/social-workers`, { 'sw.name': '社工甲', 'sw.role': '社区社工', 'sw.phone': testPhone(98), 'sw.hiredOn': '2026-11-22' }));
    expect(saved.html).toContain('已登记社会工作者');
    expect(textOf(saved.html)).toContain('社工甲 社区社工 139****0098 2026-11-22');
    expect(saved.html).not.toContain(testPhone(98));
    expect((await detail()).socialWorkers).toEqual([expect.objectContaining({ name: '社工甲', role: '社区社工', hiredOn: '2026-11-22' })]);
  });
});

describe('撤销专门工作委员会、社会工作者解聘/离任', () => {
  const detailWithFormer = () => ok<CommitteeDetailView>(h, streetToken, 'GET', `/v1/committees/${committeeId}?includeFormer=true`);

  it('offers each active working committee a 撤销 form and each social worker a 解聘/离任 form, to the roles that may write only', async () => {
    const { workingCommittees: [wc], socialWorkers: [sw] } = await detail();
    const page = await street.get(`/console/committees/${committeeId}`);
    expect(formActions(page.html)).toEqual(expect.arrayContaining([`/console/committees/${committeeId}/working-committees/${wc!.id}/dissolve`, `/console/committees/${committeeId}/social-workers/${sw!.id}/leave`]));
    expect(textOf(page.html)).toContain('撤销：人民调解委员会');
    expect(textOf(page.html)).toContain('解聘/离任：社工甲（社区社工）');
    expect(page.html).toContain(`<label for="f-wcd-${wc!.id}-date">撤销日期`);
    expect(page.html).toContain(`<label for="f-swl-${sw!.id}-date">离任日期`);
    const seen = await auditor.get(`/console/committees/${committeeId}`);
    expect(textOf(seen.html)).toContain('人民调解委员会 2026-11-22');
    expect(formActions(seen.html)).toEqual([]);
  });

  it('refuses a dissolution before the set-up day or after today beside the date, in Chinese, keeping it; then dissolves and shows it apart', async () => {
    const [wc] = (await detail()).workingCommittees;
    const action = `/console/committees/${committeeId}/working-committees/${wc!.id}/dissolve`;
    const field = `wcd.${wc!.id}.date`;
    for (const [date, message] of [['2026-11-21', '应不早于设立日期 2026-11-22'], ['2026-11-26', '不能晚于今天（2026-11-25）'], ['', '日期格式应为 YYYY-MM-DD']] as const) {
      const bad = await street.post(action, { [field]: date });
      expect(bad.status, date).toBe(400);
      expect(fieldError(bad.html, field), date).toBe(message);
      expect(bad.html).toMatch(new RegExp(`<details class="card" open=""><summary[^>]*>撤销：人民调解委员会`));
      if (date) expect(bad.html).toContain(`value="${date}"`);
    }
    expect((await detail()).workingCommittees).toEqual([{ ...wc, dissolvedOn: null }]);
    const done = await resident.follow(await resident.post(action, { [field]: '2026-11-25' }));
    expect(done.html).toContain('已撤销专门工作委员会（2026-11-25）');
    const text = textOf(done.html);
    expect(text).toContain('现无专门工作委员会');
    expect(text).toContain('已撤销的专门工作委员会 名称 设立日期 撤销日期 人民调解委员会 2026-11-22 2026-11-25');
    expect(formActions(done.html)).not.toContain(action);
    expect((await detail()).workingCommittees).toEqual([]);
    expect((await detailWithFormer()).workingCommittees).toEqual([{ ...wc, dissolvedOn: '2026-11-25' }]);
    const again = await street.follow(await street.post(action, { [field]: '2026-11-25' }));
    expect(again.html).toContain('该专门工作委员会已撤销，未再次修改');
    const [audit] = await h.asOwner<{ action: string; actor_role: string }>(sql`select action, actor_role from audit_log where entity_id = ${wc!.id}`);
    expect(audit).toEqual({ action: 'committee.working_committee_dissolved', actor_role: 'committee_member' });
  });

  it('records a social worker leaving; a date before hiring is refused beside the field; the former worker is listed apart', async () => {
    const [sw] = (await detail()).socialWorkers;
    const action = `/console/committees/${committeeId}/social-workers/${sw!.id}/leave`;
    const field = `swl.${sw!.id}.date`;
    const bad = await street.post(action, { [field]: '2026-11-20' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, field)).toBe('应不早于入职日期 2026-11-22');
    expect(bad.html).toContain('value="2026-11-20"');
    expect((await detail()).socialWorkers).toEqual([sw]);
    const done = await street.follow(await street.post(action, { [field]: '2026-11-24' }));
    expect(done.html).toContain('已记录社会工作者解聘/离任（2026-11-24）');
    const text = textOf(done.html);
    expect(text).toContain('现无在聘社会工作者');
    expect(text).toContain('已离任的社会工作者 姓名 岗位 聘用日期 离任日期 社工甲 社区社工 2026-11-22 2026-11-24');
    expect(formActions(done.html)).not.toContain(action);
    expect((await detail()).socialWorkers).toEqual([]);
    expect((await detailWithFormer()).socialWorkers).toEqual([{ ...sw, leftOn: '2026-11-24' }]);
    const community = await street.get(`/console/communities/${COMMUNITY}`);
    expect(textOf(community.html)).not.toContain('社工甲');
  });
});

describe('角色', () => {
  it('shows an auditor the committee without any write form', async () => {
    const page = await auditor.get(`/console/committees/${committeeId}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('陈主任');
    expect(formActions(page.html)).toEqual([]);
    const member = await auditor.get(`/console/committees/${committeeId}/members/${await memberId('陈主任')}`);
    expect(member.status).toBe(200);
    expect(formActions(member.html)).toEqual([]);
    const community = await auditor.get(`/console/communities/${COMMUNITY}`);
    expect(community.html).not.toContain(`/console/communities/${COMMUNITY}/edit`);
    expect((await auditor.get(`/console/communities/${COMMUNITY}/edit`)).status).toBe(403);
  });

  it('lets the committee record its systems, working committees and social workers, but not its size or members', async () => {
    const page = await resident.get(`/console/committees/${committeeId}`);
    const actions = formActions(page.html);
    expect(actions).toContain(`/console/committees/${committeeId}/systems/democratic_supervision`);
    expect(actions).toContain(`/console/committees/${committeeId}/working-committees`);
    expect(actions).toContain(`/console/committees/${committeeId}/social-workers`);
    expect(actions).not.toContain(`/console/committees/${committeeId}/size`);
    expect(actions).not.toContain(`/console/committees/${committeeId}/members`);
  });
});

describe('社区概况', () => {
  it('refuses households outside 1000–3000 without a reason, beside the field, keeping the input', async () => {
    const form = await street.get(`/console/communities/${COMMUNITY}/edit`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="1800"');
    expect(form.html).toMatch(/<option value="geographic" selected/);
    const bad = await street.post(`/console/communities/${COMMUNITY}/edit`, { type: 'mixed', households: '5000', population: '12000', officeAddress: '沙面南街 1 号', sizeExceptionReason: '' });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.html, 'sizeExceptionReason')).toBe('社区一般管辖 1000 至 3000 户；5000 户超出此范围，须说明理由');
    expect(textOf(bad.html)).not.toMatch(/households|sizeExceptionReason/);
    expect(bad.html).toContain('value="5000"');
    expect(bad.html).toContain('value="沙面南街 1 号"');
    expect(bad.html).toMatch(/<option value="mixed" selected/);
    const issues = await street.post(`/console/communities/${COMMUNITY}/edit`, { households: '1800', 'issue.land': 'on' });
    expect(issues.status).toBe(422);
    expect(textOf(issues.html)).toContain('只有城中村改造试点社区才填写待解决问题');
    expect((await ok<CommunityView>(h, streetToken, 'GET', `/v1/communities/${COMMUNITY}`)).households).toBe(1800);
  });

  it('saves the profile, which the API then returns and the community page shows', async () => {
    const saved = await street.follow(await street.post(`/console/communities/${COMMUNITY}/edit`, {
      type: 'mixed', households: '3,200', population: '9000', areaKm2: '0.3', officeAddress: '沙面北街 45 号', hasServiceCentre: 'on',
      urbanVillagePilot: 'on', 'issue.homesteads': 'on', 'issue.schooling': 'on', sizeExceptionReason: '沙面岛为历史文化街区，不宜拆分',
    }));
    expect(saved.html).toContain('社区概况已保存');
    const text = textOf(saved.html);
    expect(text).toContain('综合型');
    expect(text).toContain('3,200 户');
    expect(text).toContain('待解决：宅基地、子女入学');
    const community = await ok<CommunityView>(h, streetToken, 'GET', `/v1/communities/${COMMUNITY}`);
    expect(community).toMatchObject({ type: 'mixed', households: 3200, population: 9000, areaKm2: 0.3, hasServiceCentre: true, urbanVillagePilot: true, urbanVillageOpenIssues: ['homesteads', 'schooling'], sizeStatus: 'above' });
  });
});

describe('另一城市', () => {
  it('gets the not-found page for city A’s committee, its members and its community, and cannot change them', async () => {
    await ok(h, streetToken, 'POST', `/v1/committees/${committeeId}/working-committees`, { name: '治安保卫委员会', establishedOn: '2026-11-20' });
    await ok(h, streetToken, 'POST', `/v1/committees/${committeeId}/social-workers`, { name: '社工乙', role: '养老服务社工', hiredOn: '2026-11-20' });
    const before = await detail();
    const [wc] = before.workingCommittees;
    const [sw] = before.socialWorkers;
    expect([wc?.name, sw?.name]).toEqual(['治安保卫委员会', '社工乙']);
    const chair = await memberId('陈主任');
    for (const path of [`/console/committees/${committeeId}`, `/console/committees/${committeeId}/members/${chair}`, `/console/communities/${COMMUNITY}`, `/console/communities/${COMMUNITY}/edit`]) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).not.toContain('陈主任');
      expect(page.html).not.toContain('沙面');
    }
    const posts: [string, Record<string, string>][] = [
      [`/console/committees/${committeeId}/size`, { 'size.size': '9', 'size.representatives': '10', 'size.consenting': '10', 'size.agreedOn': '2026-11-01' }],
      [`/console/committees/${committeeId}/members`, { 'm.name': '外市人', 'm.position': 'member', 'm.gender': 'male', 'm.birthYear': '1990', 'm.joinedOn': '2026-11-25' }],
      [`/console/committees/${committeeId}/members/${chair}`, { 'e.position': 'member' }],
      [`/console/committees/${committeeId}/members/${chair}/leave`, { 'l.leftOn': '2026-11-25', 'l.departureReason': 'removed' }],
      [`/console/committees/${committeeId}/systems/democratic_supervision`, { 'sys.democratic_supervision.adoptedOn': '2026-11-01', 'sys.democratic_supervision.documentRef': '外〔2026〕1号' }],
      [`/console/committees/${committeeId}/working-committees`, { 'wc.name': '外市委员会', 'wc.establishedOn': '2026-11-01' }],
      [`/console/committees/${committeeId}/social-workers`, { 'sw.name': '外市社工', 'sw.role': '社工', 'sw.hiredOn': '2026-11-01' }],
      [`/console/committees/${committeeId}/working-committees/${wc!.id}/dissolve`, { [`wcd.${wc!.id}.date`]: '2026-11-25' }],
      [`/console/committees/${committeeId}/social-workers/${sw!.id}/leave`, { [`swl.${sw!.id}.date`]: '2026-11-25' }],
      [`/console/communities/${COMMUNITY}/edit`, { households: '100', sizeExceptionReason: '外市' }],
    ];
    for (const [path, fields] of posts) {
      const page = await adminB.post(path, fields);
      expect(page.status, path).toBe(404);
      expect(page.html).not.toContain('陈主任');
      expect(page.html).not.toContain('治安保卫委员会');
    }
    expect(await detail()).toEqual(before);
    expect((await ok<CommunityView>(h, streetToken, 'GET', `/v1/communities/${COMMUNITY}`)).households).toBe(3200);
  });
});
