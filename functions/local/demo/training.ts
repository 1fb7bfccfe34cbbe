import { addDays, addMonths } from './dates.js';
import { CITY, DISTRICT, STREET, communities, type CommitteesResult } from './committees.js';
import { DemoError, Tally, type DemoContext } from './client.js';

/**
 * The city's training programme, a street's plan with a session today (attendance recorded) and one next week
 * (members enrolled), and completions that leave a realistic mix: on time, late, still due, and overdue.
 */

interface Obligation { id: string; memberId: string; memberName: string; communityCode: string; electionDate: string; dueOn: string; status: string }
interface Plan { id: string; title: string; unitCode: string; sessions: Array<{ id: string; audience: string; sessionDate: string }> }
interface SessionDetail { id: string; enrolments: Array<{ memberId: string; attended: boolean | null }> }

/** Per community: which members (by their order) completed, and how. */
const completionPlan: Record<string, { onTime: number[]; late?: number[]; atSessionToday?: number[]; enrolNextWeek?: number[] }> = {
  '440402001001': { onTime: [0, 1, 2], late: [3] },
  '440402002001': { onTime: [0, 1, 2, 3, 4] },
  '440402001003': { onTime: [0, 1, 2, 3], enrolNextWeek: [4, 5, 6] },
  '440402001002': { onTime: [0, 1], atSessionToday: [5, 6], enrolNextWeek: [2, 3, 4] },
  '440402002003': { onTime: [0, 1, 2] },
};

async function obligations(ctx: DemoContext, token: string, expected: number): Promise<Obligation[]> {
  for (let attempt = 0; ; attempt++) {
    const page = await ctx.client.get<{ items: Obligation[] }>('training obligations', `/v1/training/obligations?parent=${DISTRICT}&size=200`, token);
    if (page.items.length >= expected) return page.items;
    if (attempt >= 60) throw new DemoError(`training obligations: ${page.items.length} of ${expected} after waiting; is the stack's training worker running?`);
    await ctx.settle();
  }
}

export async function demoTraining(ctx: DemoContext, committees: CommitteesResult): Promise<Tally> {
  const { client, today } = ctx;
  const tally = new Tally();
  const admin = await client.city(CITY);
  const street = await client.city(CITY, 'street_officer', STREET);
  const district = await client.city(CITY, 'district_officer', DISTRICT);
  const year = Number(today.slice(0, 4));

  const programmeTitle = `${year}年珠海市社区居委会成员轮训方案`;
  const programmes = await client.get<{ items: Array<{ id: string; title: string }> }>('training programmes', `/v1/training/programmes?unit=${CITY}`, admin);
  let programme = programmes.items.find((p) => p.title === programmeTitle);
  if (programme) tally.found();
  else {
    programme = await client.post<{ id: string; title: string }>('the training programme', '/v1/training/programmes', admin, {
      city: CITY, year, title: programmeTitle,
      summary: '新一届社区居委会成员在选举后一年内轮训一遍：政策法规、居务公开、民主议事、社区服务与矛盾调解。',
      materials: [
        { title: '社区居委会成员履职手册', kind: 'handbook', ref: `珠民〔${year}〕培训1号` },
        { title: '城市社区建设政策文件汇编', kind: 'policy_document', ref: `珠民〔${year}〕培训2号` },
        { title: '居务公开与民主议事课件', kind: 'slides', ref: `珠民〔${year}〕培训3号` },
      ],
    });
    tally.made();
  }

  const planTitle = `翠香街道${year}年居委会成员培训计划`;
  const plans = await client.get<{ items: Plan[] }>('training plans', `/v1/training/plans?unit=${STREET}`, street);
  let plan = plans.items.find((p) => p.title === planTitle);
  if (plan) tally.found();
  else {
    plan = await client.post<Plan>('the street training plan', '/v1/training/plans', street, { programmeId: programme.id, unitCode: STREET, title: planTitle });
    tally.made();
  }
  const sessionSpecs = [
    { key: '集中轮训（第一期）', sessionDate: today, startTime: '09:00', place: '翠香街道党群服务中心三楼会议室', capacity: 40, trainer: '香洲区民政局基层政权股 陈老师', audience: '集中轮训（第一期）：本街道新一届居委会成员' },
    { key: '集中轮训（第二期）', sessionDate: addDays(today, 7), startTime: '14:30', place: '翠香街道党群服务中心三楼会议室', capacity: 40, trainer: '珠海市民政局 林老师', audience: '集中轮训（第二期）：尚未轮训的居委会成员' },
  ];
  const sessions: string[] = [];
  for (const { key, ...spec } of sessionSpecs) {
    const existing = plan.sessions.find((s) => s.audience.startsWith(key));
    if (existing) {
      tally.found();
      sessions.push(existing.id);
    } else {
      const created = await client.post<{ id: string }>(`training session ${key}`, `/v1/training/plans/${plan.id}/sessions`, street, spec);
      tally.made();
      sessions.push(created.id);
    }
  }

  const certified = [...committees.certified.keys()];
  const all = await obligations(ctx, admin, certified.length * 7);
  const byCommunity = new Map<string, Obligation[]>();
  for (const o of all) byCommunity.set(o.communityCode, [...(byCommunity.get(o.communityCode) ?? []), o]);
  const details = await Promise.all(sessions.map((id) => client.get<SessionDetail>('training session', `/v1/training/sessions/${id}`, street)));

  for (const code of certified) {
    const spec = completionPlan[code];
    if (!spec) continue;
    const community = communities.find((c) => c.code === code)!;
    const officer = await client.city(CITY, 'street_officer', code.slice(0, 9));
    const members = (byCommunity.get(code) ?? []).sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN') || a.memberId.localeCompare(b.memberId));
    const open = (o: Obligation) => o.status === 'pending' || o.status === 'overdue';
    for (const [i, o] of members.entries()) {
      const late = spec.late?.includes(i);
      if (spec.onTime.includes(i) || late) {
        if (!open(o)) {
          tally.found();
          continue;
        }
        const completedOn = late ? addDays(today, -20) : addMonths(o.electionDate, 3);
        await client.post(`training completion of ${o.memberName}`, '/v1/training/completions', officer, {
          memberId: o.memberId, completedOn, title: `${completedOn.slice(0, 4)}年香洲区社区居委会成员集中轮训班`, provider: '香洲区民政局', evidenceRef: `结业证书 香民培〔${completedOn.slice(0, 4)}〕${String(100 + i).padStart(3, '0')}号`,
        });
        tally.made();
      }
      for (const [which, indexes] of [[0, spec.atSessionToday], [1, spec.enrolNextWeek]] as const) {
        if (!indexes?.includes(i)) continue;
        const session = details[which]!;
        const enrolment = session.enrolments.find((e) => e.memberId === o.memberId);
        if (enrolment) tally.found();
        else {
          if (!open(o)) continue;
          await client.post(`enrolling ${o.memberName} (${community.name})`, `/v1/training/sessions/${session.id}/enrolments`, district, { memberId: o.memberId });
          tally.made();
        }
        if (which === 0 && enrolment?.attended !== true) {
          await client.post(`attendance of ${o.memberName}`, `/v1/training/sessions/${session.id}/attendance`, district, { memberId: o.memberId, attended: true });
          tally.made();
        }
      }
    }
  }
  const after = await client.get<{ items: Obligation[] }>('training obligations', `/v1/training/obligations?parent=${DISTRICT}&size=200`, admin);
  const byStatus = new Map<string, number>();
  for (const o of after.items) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  tally.note(`obligations: ${['met', 'late', 'pending', 'overdue'].map((s) => `${s} ${byStatus.get(s) ?? 0}`).join(', ')}`);
  return tally;
}
