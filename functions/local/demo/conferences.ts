import { addDays, addMonths } from './dates.js';
import { CITY, OTHER_STREET, STREET } from './committees.js';
import { DemoError, Tally, type DemoContext } from './client.js';

/**
 * Member units of two streets and their joint conferences (社区工作联席会议): a monthly series in 翠香街道 and a
 * quarterly one in 梅华街道, begun a year ago. The year's meetings are recorded after the fact (POST
 * /v1/conferences/series/{id}/held-meetings) with minutes, attendance and resolutions, each closing the ones carried
 * from earlier meetings; the API schedules the coming year's and invites every unit. A scheduled meeting that has
 * started gets its minutes the next time the demo runs.
 */

interface MemberUnit { id: string; name: string }
interface Series { id: string; title: string; firstStartLocal: string }
interface Occurrence { id: string; startsAt: string; startsAtLocal: string; status: string }
interface OccurrenceDetail extends Occurrence { invitations: Array<{ memberUnitId: string }>; resolutions: Array<{ id: string; status: string }> }
interface Resolution { id: string; title: string; status: string; occurrenceId: string; dueDate: string }

type UnitSpec = { name: string; type: 'agency' | 'organisation' | 'military' | 'enterprise' | 'other'; contactPerson: string; phone: string; email: string; sharedResources?: Array<{ name: string; openHours?: string; description?: string }> };

const streets: Array<{ code: string; name: string; rrule: string; venue: string; units: UnitSpec[]; resolutions: string[] }> = [
  {
    code: STREET, name: '翠香街道', rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', venue: '翠香街道办事处三楼会议室',
    units: [
      { name: '香洲区翠香社区卫生服务中心', type: 'organisation', contactPerson: '何医生', phone: '0756-2100001', email: 'cx-health@example.cn', sharedResources: [{ name: '健康讲座室', openHours: '周三 14:00-17:00' }] },
      { name: '翠香派出所', type: 'agency', contactPerson: '钟警官', phone: '0756-2100002', email: 'cx-police@example.cn' },
      { name: '香洲区翠香小学', type: 'organisation', contactPerson: '彭老师', phone: '0756-2100003', email: 'cx-school@example.cn', sharedResources: [{ name: '学校操场', openHours: '周六、周日 07:00-09:00、17:00-20:00', description: '节假日向社区居民开放' }] },
      { name: '驻翠香某部队营区', type: 'military', contactPerson: '罗干事', phone: '0756-2100004', email: 'cx-barracks@example.cn' },
      { name: '珠海嘉园物业服务有限公司翠香项目部', type: 'enterprise', contactPerson: '曾经理', phone: '0756-2100005', email: 'cx-property@example.cn' },
      { name: '翠香街道总工会', type: 'organisation', contactPerson: '谢主席', phone: '0756-2100006', email: 'cx-union@example.cn', sharedResources: [{ name: '职工活动室', openHours: '工作日 18:00-21:00' }] },
    ],
    resolutions: ['开放翠香小学操场供居民晨练', '紫荆园小区加装电梯协调会', '老旧小区消防通道清理专项行动', '社区长者饭堂助餐点扩容', '夏季防溺水宣传进校园', '职工活动室错时向居民开放'],
  },
  {
    code: OTHER_STREET, name: '梅华街道', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=20', venue: '梅华街道办事处二楼会议室',
    units: [
      { name: '梅华街道社区卫生服务站', type: 'organisation', contactPerson: '黄医生', phone: '0756-2200001', email: 'mh-health@example.cn' },
      { name: '梅华街道综合执法队', type: 'agency', contactPerson: '林队长', phone: '0756-2200002', email: 'mh-enforcement@example.cn' },
      { name: '珠海安居物业管理有限公司梅华分公司', type: 'enterprise', contactPerson: '吴经理', phone: '0756-2200003', email: 'mh-property@example.cn' },
    ],
    resolutions: ['南虹小区停车秩序整治', '社区公共空间适老化改造', '垃圾分类督导志愿服务排班'],
  },
];

/** The 15th (or 20th) of this month a year ago at 09:30: the first meeting of a new series. */
const firstMeeting = (today: string, day: number) => `${addMonths(`${today.slice(0, 8)}${String(day).padStart(2, '0')}`, -12)}T09:30`;

/** The days the rule says meetings were due before today, from the series' first: every month's, or every third. */
function pastMeetingDays(firstStartLocal: string, rrule: string, today: string): string[] {
  const step = Number(/INTERVAL=(\d+)/.exec(rrule)?.[1] ?? 1);
  const days: string[] = [];
  for (let day = firstStartLocal.slice(0, 10); day < today; day = addMonths(day, step)) days.push(day);
  return days;
}

async function occurrencesOf(ctx: DemoContext, token: string, seriesId: string): Promise<Occurrence[]> {
  for (let attempt = 0; ; attempt++) {
    const { items } = await ctx.client.get<{ items: Occurrence[] }>('meetings', `/v1/conferences/occurrences?series=${seriesId}&from=${addDays(ctx.today, -400)}&to=${addDays(ctx.today, 400)}`, token);
    if (items.length) return items;
    if (attempt >= 60) throw new DemoError('no meetings scheduled after waiting; is the stack\'s conference-scheduling worker running?');
    await ctx.settle();
  }
}

export async function demoConferences(ctx: DemoContext): Promise<Tally> {
  const { client } = ctx;
  const tally = new Tally();
  let scheduled = 0;
  let held = 0;
  let openResolutions = 0;
  for (const spec of streets) {
    const officer = await client.city(CITY, 'street_officer', spec.code);
    const listed = await client.get<{ items: MemberUnit[] }>(`member units of ${spec.name}`, `/v1/member-units?unit=${spec.code}`, officer);
    const units: MemberUnit[] = [];
    for (const u of spec.units) {
      const existing = listed.items.find((m) => m.name === u.name);
      if (existing) {
        tally.found();
        units.push(existing);
      } else {
        units.push(await client.post<MemberUnit>(`member unit ${u.name}`, '/v1/member-units', officer, { street: spec.code, ...u }));
        tally.made();
      }
    }

    const title = `${spec.name}社区工作联席会议`;
    const series = await client.get<{ items: Series[] }>(`series of ${spec.name}`, `/v1/conferences/series?unit=${spec.code}`, officer);
    let s = series.items.find((x) => x.title === title);
    if (s) tally.found();
    else {
      s = await client.post<Series>(`the series ${title}`, '/v1/conferences/series', officer, {
        convenerUnit: spec.code, title, rrule: spec.rrule, firstStartLocal: firstMeeting(ctx.today, Number(/BYMONTHDAY=(\d+)/.exec(spec.rrule)![1])),
        durationMinutes: 120, venue: spec.venue, quorumPercent: 50, defaultInvitees: units.map((u) => u.id),
        agenda: '一、通报上次会议决定事项办理情况\n二、辖区共建项目协调\n三、资源共享事项\n四、其他事项',
      });
      tally.made();
    }

    const meetings = await occurrencesOf(ctx, officer, s.id);
    scheduled += meetings.filter((m) => m.status === 'scheduled').length;
    // the year before the demo: each meeting recorded after the fact, as a street catching up its records would
    // (a day the API has scheduled a meeting for gets that meeting's minutes below instead)
    const recorded = new Set(meetings.filter((m) => m.status !== 'cancelled').map((m) => m.startsAtLocal.slice(0, 10)));
    const invitees = units.map((u) => u.id);
    for (const [n, day] of pastMeetingDays(s.firstStartLocal, spec.rrule, ctx.today).entries()) {
      if (recorded.has(day)) continue;
      const carried = (await client.get<{ items: Resolution[] }>('open resolutions', `/v1/conferences/resolutions?series=${s.id}&status=open`, officer)).items;
      await client.post(`the meeting of ${title} on ${day}`, `/v1/conferences/series/${s.id}/held-meetings`, officer, {
        startsLocal: `${day}T09:30`,
        minutes: `${day} ${title}（补录）。街道办事处主持，通报上次会议决定事项办理情况，研究辖区共建与资源共享事项，形成决定事项如下。`,
        attendance: invitees.map((id, i) => ({ memberUnitId: id, attended: (i + n) % invitees.length !== 0 })),
        resolutions: [{ title: spec.resolutions[n % spec.resolutions.length]!, ownerMemberUnitId: invitees[n % invitees.length]!, dueDate: addDays(ctx.today, 14 + n * 7), public: n % 2 === 0 }],
        closeResolutions: carried.slice(0, Math.max(carried.length - 1, 0)).map((r) => ({ id: r.id, note: '已办结，经会议确认' })),
      });
      tally.made();
      held++;
    }
    for (const [n, m] of meetings.sort((a, b) => a.startsAt.localeCompare(b.startsAt)).entries()) {
      if (m.status !== 'scheduled' || new Date(m.startsAt) > ctx.now) {
        if (m.status === 'held') tally.found();
        continue;
      }
      const detail = await client.get<OccurrenceDetail>('a meeting', `/v1/conferences/occurrences/${m.id}`, officer);
      const carried = (await client.get<{ items: Resolution[] }>('open resolutions', `/v1/conferences/resolutions?series=${s.id}&status=open`, officer)).items
        .filter((r) => r.occurrenceId !== m.id);
      const invited = detail.invitations.map((i) => i.memberUnitId);
      const due = addDays(ctx.today, 30 + n * 7);
      await client.post(`minutes of ${title} ${m.startsAtLocal}`, `/v1/conferences/occurrences/${m.id}/minutes`, officer, {
        minutes: `${m.startsAtLocal.slice(0, 10)} ${title}。街道办事处主持，通报上次会议决定事项办理情况，研究辖区共建与资源共享事项，形成决定事项如下。`,
        attendance: invited.map((id, i) => ({ memberUnitId: id, attended: i !== invited.length - 1 })),
        resolutions: [{ title: spec.resolutions[n % spec.resolutions.length]!, ownerMemberUnitId: invited[n % Math.max(invited.length, 1)], dueDate: due, public: n % 2 === 0 }].filter((r) => r.ownerMemberUnitId),
        closeResolutions: carried.slice(0, Math.max(carried.length - 1, 0)).map((r) => ({ id: r.id, note: '已办结，经会议确认' })),
      });
      tally.made();
      held++;
    }
    openResolutions += (await client.get<{ items: Resolution[] }>('open resolutions', `/v1/conferences/resolutions?series=${s.id}&status=open`, officer)).items.length;
  }
  tally.note(`meetings: ${scheduled} scheduled, ${held} held meetings recorded now; open resolutions ${openResolutions}`);
  return tally;
}
