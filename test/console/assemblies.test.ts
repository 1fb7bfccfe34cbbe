import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssemblyDetailView, MeetingDetailView } from '../../shared/assemblies/schemas.js';
import { certifiedElection } from '../support/elections.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

/** #22 §2: the residents' meeting's pages, reached from the community page, in Chinese and by name. */
type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let streetToken: string;
let street: Browser;
let resident: Browser;
let assemblyId: string;
let meetingId: string;
const COMMUNITY = '440103001001';
const STREET = '440103001';
const detail = () => ok<AssemblyDetailView>(h, streetToken, 'GET', `/v1/assemblies/${assemblyId}`);

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  const a = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: a, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  street = h.browser(streetToken);
  resident = h.browser(await h.cityToken('4401', 'committee_member', COMMUNITY));
  await certifiedElection(h, streetToken);
});

afterAll(async () => {
  await h?.close();
});

describe('社区居民会议页面', () => {
  it('is reached from the community page; registers the body and its representatives', async () => {
    const community = await resident.get(`/console/communities/${COMMUNITY}`);
    expect(community.html).toContain(`href="/console/communities/${COMMUNITY}/assembly"`);
    const entry = await resident.get(`/console/communities/${COMMUNITY}/assembly`);
    expect(entry.status).toBe(200);
    expect(textOf(entry.html)).toContain('本社区尚未登记社区居民会议');
    const created = await resident.post(`/console/communities/${COMMUNITY}/assembly`, { kind: 'residents_meeting' });
    assemblyId = /\/console\/assemblies\/([0-9a-f-]{36})/.exec(created.location ?? '')![1]!;
    const page = await resident.follow(created);
    expect(textOf(page.html)).toContain('已登记沙面社区居民会议');
    expect(textOf(page.html)).toContain('尚未登记居民代表');
    for (const [name, kind, constituency] of [['陈一', 'household_group', '第一居民小组'], ['林二', 'building', '沙面北街5号楼'], ['黄三', 'unit', '沙面小学']]) {
      const added = await resident.post(`/console/assemblies/${assemblyId}/representatives`, { 'r.name': name!, 'r.constituencyKind': kind!, 'r.constituency': constituency!, 'r.fromOn': '2026-11-01' });
      expect(added.status).toBe(303);
    }
    const missing = await resident.post(`/console/assemblies/${assemblyId}/representatives`, { 'r.name': '', 'r.constituencyKind': 'building', 'r.constituency': '', 'r.fromOn': '2026-11-01' });
    expect(missing.status).toBe(400);
    expect(fieldError(missing.html, 'r.name')).toBeTruthy();
    const text = textOf((await resident.get(`/console/assemblies/${assemblyId}`)).html);
    expect(text).toContain('社区居民会议 · 今日在任居民代表 3 人');
    expect(text).toContain('林二 楼栋：沙面北街5号楼 2026-11-01 — 在任');
    expect(text).toContain('黄三 驻区单位：沙面小学');
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  it('records a meeting with attendance and shows the quorum; refuses a decision at a meeting without one', async () => {
    const reps = (await detail()).representatives;
    const short = await resident.post(`/console/assemblies/${assemblyId}/meetings`, { 'm.heldOn': '2026-11-20', 'm.kind': 'regular', [`present.${reps[0]!.id}`]: 'on' });
    const shortPage = await resident.follow(short);
    expect(textOf(shortPage.html)).toContain('已记录会议：在任代表 3 人，出席 1 人，未达法定人数，不能作出决定');
    expect(textOf(shortPage.html)).toContain('本次会议未达法定人数，不能作出决定');
    const held = await resident.post(`/console/assemblies/${assemblyId}/meetings`, { 'm.heldOn': '2026-11-24', 'm.kind': 'work_report', [`present.${reps[0]!.id}`]: 'on', [`present.${reps[1]!.id}`]: 'on' });
    meetingId = /meetings\/([0-9a-f-]{36})/.exec(held.location ?? '')![1]!;
    const meeting = await resident.follow(held);
    expect(textOf(meeting.html)).toContain('2026-11-24 述职评议会 · 当日在任居民代表 3 人，出席 2 人 达到法定人数');
    const list = textOf((await resident.get(`/console/assemblies/${assemblyId}`)).html);
    expect(list).toContain('2026-11-24 述职评议会 3 2 达到法定人数 0');
    expect(list).toContain('2026-11-20 例会 3 1 未达法定人数 0');
  });

  it('records decisions with their votes, adopted or not, and puts an impossible tally beside the field', async () => {
    const base = `/console/assemblies/${assemblyId}/meetings/${meetingId}`;
    await resident.follow(await resident.post(`${base}/decisions`, { 'd.matter': '增设电动自行车集中充电点', 'd.votesFor': '2', 'd.votesAgainst': '0', 'd.abstentions': '0', 'd.public': 'on' }));
    await resident.follow(await resident.post(`${base}/decisions`, { 'd.matter': '调整垃圾投放时间', 'd.votesFor': '1', 'd.votesAgainst': '1', 'd.abstentions': '0' }));
    const over = await resident.post(`${base}/decisions`, { 'd.matter': '票数过多', 'd.votesFor': '3', 'd.votesAgainst': '0', 'd.abstentions': '0' });
    expect(over.status).toBe(422);
    expect(fieldError(over.html, 'd.votesFor')).toBe('赞成、反对、弃权票合计 3，超过出席代表 2 人');
    const text = textOf((await resident.get(base)).html);
    expect(text).toContain('增设电动自行车集中充电点 2 0 0 通过 公开');
    expect(text).toContain('调整垃圾投放时间 1 1 0 未通过 不公开');
  });

  it('lets the street record the committee’s 述职 and rate each member; the committee itself only reads them', async () => {
    const base = `/console/assemblies/${assemblyId}/meetings/${meetingId}`;
    expect(textOf((await resident.get(base)).html)).not.toContain('记录居委会述职');
    expect(textOf((await street.get(base)).html)).toContain('记录居委会述职');
    const reported = await street.post(`${base}/work-reports`, { 'w.year': '2026' });
    const page = await street.follow(reported);
    expect(textOf(page.html)).toContain('已记录居委会述职，请录入对各成员的评议');
    expect(textOf(page.html)).toContain('沙面社区居民委员会（第 1 届）2026 年度述职');
    const m = await ok<MeetingDetailView>(h, streetToken, 'GET', `/v1/assemblies/${assemblyId}/meetings/${meetingId}`);
    const report = m.workReports[0]!;
    const fields = Object.fromEntries(report.evaluations.map((e, i) => [`rating.${e.memberId}`, i < 5 ? 'satisfied' : i < 6 ? 'basically_satisfied' : 'dissatisfied']));
    await street.follow(await street.post(`${base}/work-reports/${report.id}/evaluations`, fields));
    const read = textOf((await resident.get(base)).html);
    expect(read).toMatch(/陈主任 主任 满意/);
    expect(read).toContain('基本满意');
    expect(read).toContain('不满意');
    const figures = await ok(h, streetToken, 'GET', `/v1/assemblies/evaluation-figures?year=2026`);
    expect(figures.unit).toMatchObject({ reported: 1, membersEvaluated: 7, satisfied: 5, basicallySatisfied: 1, dissatisfied: 1 });
  });

  it('links the committee page to the body and no longer requires the typed number of representatives', async () => {
    const { items } = await ok<{ items: { id: string }[] }>(h, streetToken, 'GET', `/v1/committees?parent=${COMMUNITY}`);
    const committee = await street.get(`/console/committees/${items[0]!.id}`);
    expect(committee.html).toContain(`href="/console/communities/${COMMUNITY}/assembly"`);
    const saved = await street.post(`/console/committees/${items[0]!.id}/size`, { 'size.size': '7', 'size.representatives': '', 'size.consenting': '2', 'size.agreedOn': '2026-11-24' });
    expect(textOf((await street.follow(saved)).html)).toContain('居民代表 3 名中 2 名同意（2026-11-24）');
    const entry = await street.get(`/console/communities/${COMMUNITY}/assembly`);
    expect(entry.status).toBe(303);
    expect(entry.location).toBe(`/console/assemblies/${assemblyId}`);
  });
});
