import { Tally, type DemoContext } from './client.js';
import { CITY, STREET } from './committees.js';
import { addDays, addMonths } from './dates.js';

/**
 * 翠香社区's residents' meeting (社区居民会议): nine representatives of its household groups, buildings and units, a
 * 述职评议会 a fortnight ago with seven present (quorate), two decisions (one adopted and public, one not adopted),
 * the committee's 述职 for the year and the meeting's 评议 of every member.
 */
const COMMUNITY = '440402001002';

const representatives: Array<[string, 'household_group' | 'building' | 'unit', string]> = [
  ['梁淑芬', 'household_group', '第一居民小组'], ['何志强', 'household_group', '第二居民小组'], ['罗美玲', 'household_group', '第三居民小组'],
  ['谢国华', 'building', '翠香花园1栋'], ['邓丽娟', 'building', '翠香花园5栋'], ['冯建平', 'building', '翠香市场宿舍楼'],
  ['曾小红', 'unit', '翠香小学'], ['蔡文辉', 'unit', '翠香派出所'], ['袁海燕', 'unit', '珠海市人民医院翠香门诊部'],
];
const ratingsInOrder = ['satisfied', 'satisfied', 'basically_satisfied', 'satisfied', 'satisfied', 'dissatisfied', 'satisfied'];

interface Assembly { id: string; communityCode: string; representatives: Array<{ id: string; name: string }>; meetings: Array<{ id: string; kind: string }> }
interface Meeting { id: string; heldOn: string; decisionList: Array<{ matter: string }>; workReports: Array<{ id: string; evaluations: Array<{ memberId: string; rating: string | null }> }> }

export async function demoAssemblies(ctx: DemoContext): Promise<Tally> {
  const { client } = ctx;
  const tally = new Tally();
  const street = await client.city(CITY, 'street_officer', STREET);
  const list = await client.get<{ items: Array<{ id: string; communityCode: string }> }>('residents’ meetings', `/v1/assemblies?unit=${COMMUNITY}`, street);
  let id = list.items.find((a) => a.communityCode === COMMUNITY)?.id;
  if (id) tally.found();
  else {
    id = (await client.post<Assembly>('翠香社区居民会议', '/v1/assemblies', street, { communityCode: COMMUNITY, kind: 'residents_meeting' })).id;
    tally.made();
  }
  const base = `/v1/assemblies/${id}`;
  let assembly = await client.get<Assembly>('翠香社区居民会议', base, street);
  for (const [name, constituencyKind, constituency] of representatives) {
    if (assembly.representatives.some((r) => r.name === name)) tally.found();
    else {
      assembly = await client.post<Assembly>(`representative ${name}`, `${base}/representatives`, street, { name, constituencyKind, constituency, fromOn: addMonths(ctx.today, -3) });
      tally.made();
    }
  }
  let meetingId = assembly.meetings.find((m) => m.kind === 'work_report')?.id;
  if (meetingId) tally.found();
  else {
    const present = assembly.representatives.filter((r) => representatives.slice(0, 7).some(([name]) => name === r.name)).map((r) => r.id);
    meetingId = (await client.post<Meeting>('the 述职评议会', `${base}/meetings`, street, { heldOn: addDays(ctx.today, -14), kind: 'work_report', present })).id;
    tally.made();
  }
  let meeting = await client.get<Meeting>('the 述职评议会', `${base}/meetings/${meetingId}`, street);
  const decisions = [
    { matter: '在翠香花园增设电动自行车集中充电点，费用由社区公益金列支', votesFor: 6, votesAgainst: 1, abstentions: 0, public: true },
    { matter: '将翠香市场周边临时停车时段延长至晚十时', votesFor: 3, votesAgainst: 3, abstentions: 1, public: true },
  ];
  for (const d of decisions) {
    if (meeting.decisionList.some((x) => x.matter === d.matter)) tally.found();
    else {
      await client.post(`decision ${d.matter}`, `${base}/meetings/${meetingId}/decisions`, street, d);
      tally.made();
    }
  }
  if (meeting.workReports.length) tally.found();
  else {
    await client.post('the committee’s 述职', `${base}/meetings/${meetingId}/work-reports`, street, { year: Number(meeting.heldOn.slice(0, 4)) });
    tally.made();
    meeting = await client.get<Meeting>('the 述职评议会', `${base}/meetings/${meetingId}`, street);
  }
  const report = meeting.workReports[0]!;
  if (report.evaluations.every((e) => e.rating !== null)) tally.found();
  else {
    const items = report.evaluations.map((e, i) => ({ memberId: e.memberId, rating: ratingsInOrder[i % ratingsInOrder.length] }));
    await client.expect('the 评议', 'PUT', `${base}/work-reports/${report.id}/evaluations`, street, { items }, [200]);
    tally.made();
  }
  tally.note(`翠香社区居民会议: ${representatives.length} representatives, a quorate 述职评议会 with 7 present, 2 decisions, 述职 and 评议 of ${report.evaluations.length} members`);
  return tally;
}
