import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { publicDecisions } from '../../shared/assemblies/service.js';
import { certifiedElection } from '../support/elections.js';
import { createHarness, type Harness } from '../support/harness.js';

/**
 * #22 §2: the community's residents' meeting (社区居民会议 / 社区成员代表会议) with its register of representatives,
 * its meetings (quorum: more than half of the representatives in force that day), its decisions (adopted when more
 * than half of those present vote for), the committee's yearly 述职 and the meeting's 评议 of each member, and the
 * committee-size consent counted against the register.
 */
type Json = Record<string, any>;
let h: Harness;
let admin: string;
let street: string;
let committeeToken: string;
let assemblyId: string;
let committeeId: string;
const COMMUNITY = '440103001001';
const STREET = '440103001';
const rep: Record<string, string> = {};
const meeting: Record<string, string> = {};

const call = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const codes = (body: Json) => (body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  street = await h.cityToken('4401', 'street_officer', STREET);
  committeeToken = await h.cityToken('4401', 'committee_member', COMMUNITY);
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  committeeId = (await certifiedElection(h, street)).committeeId;
  const created = await ok(committeeToken, 'POST', '/v1/assemblies', { communityCode: COMMUNITY, kind: 'residents_meeting' });
  assemblyId = created.id;
  expect(created).toMatchObject({ name: '沙面社区居民会议', kindLabel: '社区居民会议', communityName: '沙面社区居委会', committeeId, representativesInForce: 0 });
  // five representatives from 1 November; one more from 24 November; one whose mandate ended on 10 November
  const add = async (name: string, constituencyKind: string, constituency: string, fromOn: string) => {
    const detail = await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/representatives`, { name, constituencyKind, constituency, fromOn });
    rep[name] = (detail.representatives as Json[]).find((r) => r.name === name)!.id;
  };
  await add('陈一', 'household_group', '第一居民小组', '2026-11-01');
  await add('林二', 'household_group', '第二居民小组', '2026-11-01');
  await add('黄三', 'building', '沙面北街5号楼', '2026-11-01');
  await add('吴四', 'building', '沙面南街2号楼', '2026-11-01');
  await add('周五', 'unit', '沙面小学', '2026-11-01');
  await add('郑六', 'household_group', '第三居民小组', '2026-11-24');
  await add('王七', 'unit', '沙面派出所', '2026-10-01');
  await ok(committeeToken, 'PATCH', `/v1/assemblies/${assemblyId}/representatives/${rep['王七']}`, { endedOn: '2026-11-10' });
});

afterAll(async () => {
  await h?.close();
});

describe('the register and quorum', () => {
  it('counts the representatives in force on a day; an ended mandate no longer counts, nor one that has not begun', async () => {
    const detail = await ok(admin, 'GET', `/v1/assemblies/${assemblyId}`);
    expect(detail.representativesInForce).toBe(6);
    expect((detail.representatives as Json[]).find((r) => r.name === '王七')).toMatchObject({ endedOn: '2026-11-10', inForce: false, constituencyKindLabel: '驻区单位' });
    const again = await call(committeeToken, 'PATCH', `/v1/assemblies/${assemblyId}/representatives/${rep['王七']}`, { endedOn: '2026-11-11' });
    expect(again.status).toBe(409);
  });

  it('is quorate with more than half of those in force that day present, and not with exactly half', async () => {
    // 20 November: five in force (王七 ended on the 10th, 郑六 begins on the 24th); three present is more than half
    const quorate = await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings`, { heldOn: '2026-11-20', kind: 'regular', present: [rep['陈一'], rep['林二'], rep['黄三']] });
    expect(quorate).toMatchObject({ representativesInForce: 5, present: 3, quorate: true, kindLabel: '例会' });
    meeting.quorate = quorate.id;
    // 24 November: six in force; three present is exactly half, no quorum
    const short = await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings`, { heldOn: '2026-11-24', kind: 'regular', present: [rep['陈一'], rep['林二'], rep['郑六']] });
    expect(short).toMatchObject({ representativesInForce: 6, present: 3, quorate: false });
    meeting.short = short.id;
  });

  it('refuses as present someone not in force on the meeting day, naming the entry', async () => {
    const res = await call(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings`, { heldOn: '2026-11-20', kind: 'regular', present: [rep['陈一'], rep['王七'], rep['郑六']] });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['body.present.1 assembly_present_not_in_force', 'body.present.2 assembly_present_not_in_force']);
    expect(res.body.errors[1].message).toBe('郑六 在 2026-11-20 不是在任居民代表');
    const future = await call(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings`, { heldOn: '2026-11-26', kind: 'regular', present: [] });
    expect(codes(future.body)).toEqual(['body.heldOn assembly_not_after_today']);
  });
});

describe('decisions', () => {
  it('adopts a matter when more than half of those present vote for it, and not otherwise', async () => {
    const adopted = await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/decisions`, { matter: '增设沙面北街电动自行车集中充电点', votesFor: 2, votesAgainst: 1, abstentions: 0, public: true });
    expect(adopted).toMatchObject({ adopted: true, heldOn: '2026-11-20', public: true });
    const split = await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/decisions`, { matter: '调整垃圾分类投放时间', votesFor: 1, votesAgainst: 1, abstentions: 1, public: true });
    expect(split.adopted).toBe(false);
    await ok(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/decisions`, { matter: '内部事项', votesFor: 3, votesAgainst: 0, abstentions: 0, public: false });
    const detail = await ok(admin, 'GET', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}`);
    expect((detail.decisionList as Json[]).map((d) => [d.matter, d.adopted])).toEqual([['增设沙面北街电动自行车集中充电点', true], ['调整垃圾分类投放时间', false], ['内部事项', true]]);
    expect((detail.attendees as Json[]).map((a) => a.name).sort()).toEqual(['林二', '陈一', '黄三'].sort());
  });

  it('records no decision at a meeting without quorum, and no more votes than those present', async () => {
    const none = await call(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.short}/decisions`, { matter: '无法定人数时的表决', votesFor: 3, votesAgainst: 0, abstentions: 0, public: true });
    expect(none.status).toBe(422);
    expect(codes(none.body)).toEqual(['meetingId assembly_no_quorum']);
    expect(none.body.errors[0].message).toContain('出席代表 3 人，未超过在任代表 6 人的半数');
    const over = await call(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/decisions`, { matter: '票数过多', votesFor: 3, votesAgainst: 1, abstentions: 0, public: false });
    expect(over.status).toBe(422);
    expect(codes(over.body)).toEqual(['body.votesFor assembly_votes_exceed_present']);
  });

  it('publishes only adopted decisions marked public (publicDecisions, for the community’s public page)', async () => {
    const principal = { kind: 'city' as const, subject: 'test', tenant: '4401', role: 'city_admin' as const, unit: '4401' };
    const published = await withTenant(h.database.db, principal, (tx) => publicDecisions(tx, COMMUNITY));
    expect(published.map((d) => ({ heldOn: d.heldOn, matter: d.matter, votesFor: d.votesFor, votesAgainst: d.votesAgainst, abstentions: d.abstentions })))
      .toEqual([{ heldOn: '2026-11-20', matter: '增设沙面北街电动自行车集中充电点', votesFor: 2, votesAgainst: 1, abstentions: 0 }]);
  });
});

describe('the committee-size consent reads its denominator from the register', () => {
  it('counts the representatives in force on the day of consent and refuses a typed number that differs', async () => {
    // 20 November: five in force; 3 of 5 is a majority
    const agreed = await ok(street, 'PUT', `/v1/committees/${committeeId}/size`, { size: 7, consenting: 3, agreedOn: '2026-11-20' });
    expect(agreed.proposedSize).toEqual({ size: 7, representatives: 5, consenting: 3, agreedOn: '2026-11-20' });
    // 24 November: six in force; 3 of 6 is not more than half
    const half = await call(street, 'PUT', `/v1/committees/${committeeId}/size`, { size: 7, consenting: 3, agreedOn: '2026-11-24' });
    expect(half.status).toBe(422);
    expect(codes(half.body)).toEqual(['consenting majority_of_representatives']);
    const typed = await call(street, 'PUT', `/v1/committees/${committeeId}/size`, { size: 7, representatives: 41, consenting: 30, agreedOn: '2026-11-20' });
    expect(typed.status).toBe(422);
    expect(codes(typed.body)).toEqual(['representatives assembly_register_count_differs']);
    expect(typed.body.errors[0].message).toContain('2026-11-20 在任居民代表为 5 人');
    expect((await ok(street, 'PUT', `/v1/committees/${committeeId}/size`, { size: 7, representatives: 5, consenting: 3, agreedOn: '2026-11-20' })).proposedSize.representatives).toBe(5);
  });

  it('takes a typed number only where the community keeps no register, and asks for one there', async () => {
    const other = await ok(street, 'POST', '/v1/committees', { communityCode: '440103002001' }).catch(async () => ok(admin, 'POST', '/v1/committees', { communityCode: '440103002001' }));
    const missing = await call(admin, 'PUT', `/v1/committees/${other.id}/size`, { size: 7, consenting: 30, agreedOn: '2026-11-20' });
    expect(missing.status).toBe(422);
    expect(codes(missing.body)).toEqual(['representatives assembly_register_needed']);
    const typed = await ok(admin, 'PUT', `/v1/committees/${other.id}/size`, { size: 7, representatives: 41, consenting: 30, agreedOn: '2026-11-20' });
    expect(typed.proposedSize).toEqual({ size: 7, representatives: 41, consenting: 30, agreedOn: '2026-11-20' });
  });
});

describe('述职 and 评议', () => {
  let reportId: string;
  it('records the committee’s 述职 at a quorate meeting, with its members of the term to evaluate', async () => {
    const short = await call(street, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.short}/work-reports`, { year: 2026 });
    expect(short.status).toBe(422);
    expect(codes(short.body)).toEqual(['meetingId assembly_no_quorum']);
    // the committee does not record its own 述职 or 评议 (议行分设)
    expect((await call(committeeToken, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/work-reports`, { year: 2026 })).status).toBe(403);
    const report = await ok(street, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/work-reports`, { year: 2026 });
    reportId = report.id;
    expect(report).toMatchObject({ committeeId, committeeName: '沙面社区居民委员会', termNumber: 1, year: 2026 });
    expect(report.evaluations).toHaveLength(7);
    expect(report.evaluations[0]).toMatchObject({ positionLabel: '主任', rating: null });
    expect((await call(street, 'POST', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}/work-reports`, { year: 2026 })).status).toBe(409);
  });

  it('records a rating per member, replaces a corrected one, refuses someone not on the committee, and counts them per unit and year', async () => {
    const report = await ok(admin, 'GET', `/v1/assemblies/${assemblyId}/meetings/${meeting.quorate}`);
    const members = (report.workReports[0].evaluations as Json[]).map((e) => e.memberId as string);
    const ratings = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'basically_satisfied', 'dissatisfied', 'dissatisfied'];
    await ok(street, 'PUT', `/v1/assemblies/${assemblyId}/work-reports/${reportId}/evaluations`, { items: members.map((memberId, i) => ({ memberId, rating: ratings[i] })) });
    const corrected = await ok(street, 'PUT', `/v1/assemblies/${assemblyId}/work-reports/${reportId}/evaluations`, { items: [{ memberId: members[6], rating: 'satisfied' }] });
    expect((corrected.evaluations as Json[]).map((e) => e.ratingLabel)).toEqual(['满意', '满意', '满意', '基本满意', '基本满意', '不满意', '满意']);
    const stranger = await call(street, 'PUT', `/v1/assemblies/${assemblyId}/work-reports/${reportId}/evaluations`, { items: [{ memberId: assemblyId, rating: 'satisfied' }] });
    expect(stranger.status).toBe(400);
    expect(codes(stranger.body)).toEqual(['body.items.0.memberId assembly_evaluation_not_member']);

    const figures = await ok(admin, 'GET', `/v1/assemblies/evaluation-figures?unit=440103&year=2026`);
    expect(figures.unit).toMatchObject({ code: '440103', name: '荔湾区', committees: 2, reported: 1, membersEvaluated: 7, satisfied: 4, basicallySatisfied: 2, dissatisfied: 1 });
    expect(figures.children).toEqual([
      expect.objectContaining({ code: STREET, name: '沙面街道', committees: 1, reported: 1, membersEvaluated: 7, satisfied: 4 }),
      expect.objectContaining({ code: '440103002', name: '岭南街道', committees: 1, reported: 0, membersEvaluated: 0 }),
    ]);
    expect(figures.notReported).toEqual([expect.objectContaining({ communityCode: '440103002001', name: '和平社区居民委员会' })]);
    expect(figures.rule).toMatchObject({ code: 'assembly.rule.figures', params: { year: '2026' } });
    const lastYear = await ok(admin, 'GET', `/v1/assemblies/evaluation-figures?unit=440103&year=2025`);
    expect(lastYear.unit).toMatchObject({ committees: 2, reported: 0, membersEvaluated: 0 });
  });

  it('gives the city report the count of committees that reported in the period, with its rule', async () => {
    const province = await h.provinceToken();
    await ok(province, 'POST', '/v1/report-templates', {
      code: 'work_reports_annual', title: '居委会述职情况年报', periodType: 'annual', onTimeDays: 0,
      indicators: [
        { code: 'residents_committees', label: '社区居民委员会', unit: '个', aggregation: 'sum', source: 'computed:residents_committees' },
        { code: 'committees_reported', label: '已向居民会议述职的居委会', unit: '个', aggregation: 'sum', source: 'computed:committees_reported' },
        { code: 'committees_reported_rate', label: '已完成年度述职的居委会比例', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'committees_reported', denominator: 'residents_committees' },
      ],
      rules: [],
      periods: [{ period: '2026', opensOn: '2026-11-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }],
    });
    const template = ((await ok(province, 'GET', '/v1/report-templates')).items as Json[]).find((t) => t.code === 'work_reports_annual')!;
    const report = await ok(admin, 'POST', '/v1/reports', { templateId: template.id, period: '2026' });
    expect(report.figures.committees_reported.value).toBe(1);
    expect(report.figures.committees_reported.basis).toMatchObject({ code: 'assembly.rule.reported', params: { from: '2026-01-01', to: '2026-12-31' } });
    expect(report.figures.committees_reported_rate.value).toBe(Math.round((1 / report.figures.residents_committees.value) * 10_000) / 100);
  });
});
