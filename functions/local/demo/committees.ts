import { addDays, addMonths } from './dates.js';
import { slate } from './people.js';
import { Tally, type DemoContext } from './client.js';

/**
 * 珠海's communities in 翠香街道 and 梅华街道 (香洲区): community profiles, and elections in every state the API knows:
 * certified (a committee with members, whose training clock runs from the election day), counted and awaiting
 * certification, counted with a seat left for a further round, and planned. Each community is brought to its state
 * from wherever an earlier run left it.
 */

export const CITY = '4404';
export const DISTRICT = '440402';
export const STREET = '440402001';
export const OTHER_STREET = '440402002';

type Target = 'planned' | 'counted' | 'further_round_needed' | 'certified';

export interface DemoCommunity {
  code: string;
  name: string;
  /** The election day, in months from today (negative: in the past). */
  electedMonthsAgo: number;
  target: Target;
  profile: { type: 'geographic' | 'residential_complex' | 'work_unit' | 'mixed'; households: number; population: number; officeAddress: string; hasServiceCentre: boolean; sizeExceptionReason?: string };
}

export const communities: DemoCommunity[] = [
  { code: '440402001001', name: '紫荆社区', electedMonthsAgo: 14, target: 'certified', profile: { type: 'geographic', households: 2860, population: 8120, officeAddress: '翠香路紫荆园一号楼首层', hasServiceCentre: true } },
  { code: '440402001002', name: '翠香社区', electedMonthsAgo: 4, target: 'certified', profile: { type: 'mixed', households: 2310, population: 6480, officeAddress: '翠香路翠香市场二楼', hasServiceCentre: true } },
  { code: '440402001003', name: '为农社区', electedMonthsAgo: 11, target: 'certified', profile: { type: 'residential_complex', households: 1740, population: 4950, officeAddress: '为农街八巷社区楼', hasServiceCentre: false } },
  { code: '440402001004', name: '沿河社区', electedMonthsAgo: 0, target: 'counted', profile: { type: 'geographic', households: 1980, population: 5600, officeAddress: '沿河路沿河花园会所', hasServiceCentre: true } },
  { code: '440402001005', name: '银桦社区', electedMonthsAgo: 0, target: 'further_round_needed', profile: { type: 'work_unit', households: 1260, population: 3380, officeAddress: '银桦路银桦新村内', hasServiceCentre: false } },
  { code: '440402001006', name: '兴业社区', electedMonthsAgo: -1, target: 'planned', profile: { type: 'mixed', households: 3420, population: 9870, officeAddress: '兴业路兴业大厦裙楼', hasServiceCentre: true, sizeExceptionReason: '新建住宅小区集中入住，拟在下一次社区调整中拆分设立' } },
  { code: '440402002001', name: '南虹社区', electedMonthsAgo: 13, target: 'certified', profile: { type: 'geographic', households: 2150, population: 6010, officeAddress: '南虹路南虹小区内', hasServiceCentre: true } },
  { code: '440402002003', name: '翠东社区', electedMonthsAgo: 6, target: 'certified', profile: { type: 'residential_complex', households: 1890, population: 5230, officeAddress: '翠东路翠东花园会所', hasServiceCentre: true } },
];

/** Election day: this many months before today; counted ones a few days ago, a planned one in three weeks. */
export function electionDay(c: DemoCommunity, today: string): string {
  if (c.target === 'planned') return addDays(today, 21);
  if (c.electedMonthsAgo === 0) return addDays(today, c.target === 'counted' ? -6 : -3);
  return addMonths(today, -c.electedMonthsAgo);
}

interface Candidate { id: string; name: string; position: string }
interface Election {
  id: string;
  committeeId: string;
  status: Target;
  rounds: Array<{ candidates: Candidate[] }>;
}
interface CommitteeDetail {
  proposedSize: unknown;
  systems: Array<{ system: string; adoptedOn: string | null }>;
  workingCommittees: Array<{ name: string }>;
  socialWorkers: Array<{ name: string }>;
  members: Array<{ name: string; position: string }>;
  partyOrganisation: unknown;
}

/** Votes per candidate, in slate order: 1 chair, 2 vice-chairs, 5 member candidates for 4 seats. */
const votesInSlateOrder = [1532, 1418, 1307, 1603, 1496, 1455, 1212, 604];

/**
 * A sheet of 1,850 returned ballots (1,820 valid): everyone wins but the last member candidate, who falls short of the
 * 926 votes a majority of the ballots cast needs; for a further round the second vice-chair candidate falls short too.
 */
function sheet(election: Election, furtherRound: boolean) {
  const candidates = election.rounds.at(-1)!.candidates;
  const votes = candidates.map((c, i) => ({ candidateId: c.id, votes: furtherRound && i === 2 ? 812 : votesInSlateOrder[i] ?? 500 }));
  return { ballotsIssued: 1910, ballotsReturned: 1850, validBallots: 1820, invalidBallots: 30, votes };
}

const order: Target[] = ['planned', 'counted', 'further_round_needed', 'certified'];

export async function election(ctx: DemoContext, token: string, c: DemoCommunity, seed: number, tally: Tally): Promise<Election> {
  const { client } = ctx;
  const listed = await client.get<{ items: Array<{ id: string }> }>(`elections of ${c.name}`, `/v1/elections?community=${c.code}`, token);
  let current: Election;
  if (listed.items[0]) {
    current = await client.get<Election>(`election of ${c.name}`, `/v1/elections/${listed.items[0].id}`, token);
    tally.found();
  } else {
    current = await client.post<Election>(`planning the election of ${c.name}`, '/v1/elections', token, {
      communityCode: c.code, electionDate: electionDay(c, ctx.today), mode: seed % 3 === 1 ? 'household_representatives' : 'all_residents',
      seats: { chair: 1, vice_chair: 2, member: 4 }, registeredVoters: 2400, candidates: slate(seed),
    });
    tally.made();
  }
  if (current.status === 'planned' && order.indexOf(c.target) > 0) {
    current = await client.post<Election>(`counting the votes of ${c.name}`, `/v1/elections/${current.id}/results`, token, sheet(current, c.target === 'further_round_needed'));
    tally.made();
  }
  if (current.status === 'counted' && c.target === 'certified') {
    current = await client.post<Election>(`certifying the election of ${c.name}`, `/v1/elections/${current.id}/certify`, token, {});
    tally.made();
  }
  return current;
}

async function profile(ctx: DemoContext, token: string, c: DemoCommunity, tally: Tally): Promise<void> {
  const now = await ctx.client.get<Record<string, unknown>>(`community ${c.name}`, `/v1/communities/${c.code}`, token);
  // 社区服务热线: an office line of 珠海 (0756), shown on the public page
  const wanted = { ...c.profile, serviceHotline: `0756-22${c.code.slice(7)}` };
  const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => now[k] !== v));
  if (!Object.keys(changed).length) return tally.found();
  await ctx.client.expect(`describing ${c.name}`, 'PATCH', `/v1/communities/${c.code}`, token, changed, [200]);
  tally.made();
}

const systems = [
  ['representatives_deliberation', '社区居民代表议事制度'],
  ['committee_work', '社区居民委员会工作制度'],
  ['democratic_supervision', '社区居民委员会民主监督制度'],
] as const;
const workingCommittees = ['人民调解委员会', '治安保卫委员会', '公共卫生委员会'];
const socialWorkers = [
  { name: '邓嘉怡', phone: '13900007001', role: '社区社工（长者服务）' },
  { name: '梁浩然', phone: '13900007002', role: '社区社工（青少年服务）' },
];

/** A certified committee's size agreement, its three written systems, working committees and social workers. */
async function committeeSetUp(ctx: DemoContext, token: string, c: DemoCommunity, committeeId: string, elected: string, tally: Tally): Promise<void> {
  const { client } = ctx;
  const base = `/v1/committees/${committeeId}`;
  const detail = await client.get<CommitteeDetail>(`committee of ${c.name}`, base, token);
  if (detail.proposedSize) tally.found();
  else {
    await client.expect(`committee size of ${c.name}`, 'PUT', `${base}/size`, token, { size: 7, representatives: 45, consenting: 38, agreedOn: addDays(elected, -40) }, [200]);
    tally.made();
  }
  for (const [system] of systems) {
    if (detail.systems.find((s) => s.system === system)?.adoptedOn) {
      tally.found();
      continue;
    }
    const short = c.name.slice(0, 2);
    await client.expect(`system ${system} of ${c.name}`, 'PUT', `${base}/systems/${system}`, token, { adoptedOn: addDays(elected, 20), documentRef: `${short}社居〔${elected.slice(0, 4)}〕${systems.findIndex(([s]) => s === system) + 1}号` }, [200]);
    tally.made();
  }
  for (const name of workingCommittees) {
    if (detail.workingCommittees.some((w) => w.name === name)) tally.found();
    else {
      await client.post(`working committee ${name} of ${c.name}`, `${base}/working-committees`, token, { name, establishedOn: addDays(elected, 30) });
      tally.made();
    }
  }
  // 社区党组织: in every other community the committee's chair is also the secretary (交叉任职)
  if (detail.partyOrganisation) tally.found();
  else {
    const chair = detail.members.find((m) => m.position === 'chair')?.name;
    const concurrent = Number(c.code.slice(-1)) % 2 === 1 && chair;
    await client.expect(`party organisation of ${c.name}`, 'PUT', `${base}/party-organisation`, token, {
      name: `中共${c.name.replace(/居民委员会$/, '')}委员会`, type: 'committee', secretaryName: concurrent ? chair : '吴志坚', establishedOn: addDays(elected, -400),
    }, [200]);
    tally.made();
  }
  for (const worker of socialWorkers) {
    if (detail.socialWorkers.some((w) => w.name === worker.name)) tally.found();
    else {
      await client.post(`social worker ${worker.name} of ${c.name}`, `${base}/social-workers`, token, { ...worker, hiredOn: addDays(elected, 45) });
      tally.made();
    }
  }
}

/** 居务公开: the city publishes the page of every community whose election is certified. */
async function publish(ctx: DemoContext, codes: Iterable<string>, tally: Tally): Promise<void> {
  const admin = await ctx.client.city(CITY, 'city_admin', CITY);
  for (const code of codes) {
    const now = await ctx.client.get<{ publishable: boolean }>(`community ${code}`, `/v1/communities/${code}`, admin);
    if (now.publishable) {
      tally.found();
      continue;
    }
    await ctx.client.expect(`publishing ${code}`, 'PUT', `/v1/communities/${code}/publication`, admin, { publishable: true }, [200]);
    tally.made();
  }
}

/** 兴业社区 is over 3,000 households: 翠香街道 proposes splitting it, and the plan waits for 香洲区's approval. */
async function adjustmentPlan(ctx: DemoContext, tally: Tally): Promise<void> {
  const street = await ctx.client.city(CITY, 'street_officer', STREET);
  const title = '翠香街道兴业社区拆分方案';
  const plans = await ctx.client.get<{ items: Array<{ id: string; title: string; status: string }> }>('adjustment plans', `/v1/adjustment-plans?street=${STREET}`, street);
  let plan = plans.items.find((p) => p.title === title);
  if (plan) tally.found();
  else {
    plan = await ctx.client.post<{ id: string; title: string; status: string }>('the adjustment plan', '/v1/adjustment-plans', street, {
      title, reason: '兴业社区管辖3420户，超过一般管辖规模，新建小区集中入住后服务半径过大', effectiveDate: `${addMonths(ctx.today, 2).slice(0, 8)}01`,
      changes: [{ kind: 'split', code: '440402001006', into: [{ code: '440402001031', name: '兴业东', households: 1780 }, { code: '440402001032', name: '兴业西', households: 1640 }] }],
    });
    tally.made();
  }
  if (plan.status === 'draft') {
    await ctx.client.post('submitting the adjustment plan', `/v1/adjustment-plans/${plan.id}/submit`, street);
    tally.made();
  }
}

export interface CommitteesResult {
  tally: Tally;
  /** Certified committees by community code, with their election day. */
  certified: Map<string, { committeeId: string; electionDate: string }>;
}

export async function demoCommittees(ctx: DemoContext): Promise<CommitteesResult> {
  const tally = new Tally();
  const certified = new Map<string, { committeeId: string; electionDate: string }>();
  const byState = new Map<string, number>();
  for (const [i, c] of communities.entries()) {
    const street = await ctx.client.city(CITY, 'street_officer', c.code.slice(0, 9));
    await profile(ctx, street, c, tally);
    const e = await election(ctx, street, c, i + 1, tally);
    byState.set(e.status, (byState.get(e.status) ?? 0) + 1);
    if (e.status === 'certified') {
      const day = electionDay(c, ctx.today);
      certified.set(c.code, { committeeId: e.committeeId, electionDate: day });
      if (i < 2) await committeeSetUp(ctx, street, c, e.committeeId, day, tally);
    }
  }
  await publish(ctx, certified.keys(), tally);
  await adjustmentPlan(ctx, tally);
  tally.note(`elections: ${order.map((s) => `${s} ${byState.get(s) ?? 0}`).join(', ')}`);
  return { tally, certified };
}
