import { addDays, addMonths } from './dates.js';
import { CITY, DISTRICT } from './committees.js';
import { Tally, type DemoContext } from './client.js';

/**
 * The reform in 珠海: pilots as the policy asks (香洲区 as the pilot district, two streets or towns in each other
 * district), demonstration units, an urban-village pilot, and self-inspections against the province's checklist
 * (香洲区's submitted, the city's still a draft). The province's checklist is published first if it has none.
 */

export const checklist = {
  title: '城市社区建设检查验收清单',
  items: [
    { code: 'A1', title: '社区规模调整到位，居委会一般管辖1000至3000户' },
    { code: 'A2', title: '社区居委会依法选举产生，成员5至9人' },
    { code: 'A3', title: '新一届居委会成员一年内轮训一遍' },
    { code: 'B1', title: '建立社区工作联席会议制度并定期召开' },
    { code: 'B2', title: '社区服务设施和志愿者队伍建设' },
    { code: 'C1', title: '建立居民代表议事、居委会工作、民主监督三项制度' },
  ],
};

const pilots = [
  { unitCode: DISTRICT, note: '全区整体试点' },
  { unitCode: '440403001', note: '斗门区试点街道' },
  { unitCode: '440403107', note: '斗门区试点镇' },
  { unitCode: '440404100', note: '金湾区试点镇' },
  { unitCode: '440404103', note: '金湾区试点镇' },
];

const demonstrations = [
  { level: 'committee', unitCode: '440402001001', designatedBy: '珠海市人民政府', documentNumber: '珠府〔{y}〕18号', monthsAgo: 2 },
  { level: 'street', unitCode: '440402001', designatedBy: '广东省民政厅', documentNumber: '粤民发〔{y}〕12号', monthsAgo: 1 },
] as const;

const results = { A1: 'met', A2: 'met', A3: 'partly_met', B1: 'met', B2: 'met', C1: 'partly_met' } as Record<string, 'met' | 'partly_met'>;
const notes: Record<string, string> = {
  A3: '部分成员逾期未参加轮训，已督促街道补训',
  C1: '个别社区民主监督制度尚待印发',
};

interface Inspection { id: string; unitCode: string; status: string; items: Array<{ code: string; result: string | null }> }

export async function demoReform(ctx: DemoContext): Promise<Tally> {
  const { client, today } = ctx;
  const tally = new Tally();
  const province = await client.province();
  const admin = await client.city(CITY);

  const published = await client.call('GET', '/v1/province/inspection-checklist', { token: province });
  if (published.status === 200) tally.found();
  else {
    await client.expect('publishing the inspection checklist', 'PUT', '/v1/province/inspection-checklist', province, checklist, [200, 201]);
    tally.made();
  }

  const designated = (await client.get<{ items: Array<{ unitCode: string }> }>('pilots', `/v1/reform/pilots?unit=${CITY}`, admin)).items;
  for (const p of pilots) {
    if (designated.some((d) => d.unitCode === p.unitCode)) tally.found();
    else {
      await client.post(`pilot ${p.unitCode}`, '/v1/reform/pilots', admin, p);
      tally.made();
    }
  }
  const check = await client.get<{ satisfied: boolean; unmet: Array<{ message: string }> }>('the pilot rules', `/v1/reform/pilots/check?unit=${CITY}`, admin);

  const village = await client.get<{ urbanVillagePilot: boolean }>('community 山场', '/v1/communities/440402001012', admin);
  if (village.urbanVillagePilot) tally.found();
  else {
    await client.expect('urban-village pilot 山场', 'PATCH', '/v1/communities/440402001012', admin, { urbanVillagePilot: true, urbanVillageOpenIssues: ['collective_assets', 'housing_titles'] }, [200]);
    tally.made();
  }

  const demos = (await client.get<{ items: Array<{ unitCode: string; level: string }> }>('demonstrations', `/v1/reform/demonstrations?unit=${CITY}`, admin)).items;
  for (const d of demonstrations) {
    if (demos.some((x) => x.unitCode === d.unitCode && x.level === d.level)) tally.found();
    else {
      const designatedOn = addMonths(today, -d.monthsAgo);
      await client.post(`demonstration ${d.unitCode}`, '/v1/reform/demonstrations', admin, {
        level: d.level, unitCode: d.unitCode, designatedOn, designatedBy: d.designatedBy, documentNumber: d.documentNumber.replace('{y}', designatedOn.slice(0, 4)),
      });
      tally.made();
    }
  }

  const inspections = (await client.get<{ items: Inspection[] }>('self-inspections', `/v1/reform/self-inspections?unit=${CITY}`, admin)).items;
  for (const [unitCode, submit] of [[DISTRICT, true], [CITY, false]] as const) {
    const officer = unitCode === CITY ? admin : await client.city(CITY, 'district_officer', unitCode);
    let inspection = inspections.find((i) => i.unitCode === unitCode);
    if (inspection) tally.found();
    else {
      inspection = await client.post<Inspection>(`self-inspection of ${unitCode}`, '/v1/reform/self-inspections', officer, { unitCode });
      tally.made();
    }
    if (inspection.status === 'submitted') continue;
    const toAnswer = submit ? inspection.items : inspection.items.slice(0, 3);
    for (const item of toAnswer) {
      if (item.result) {
        tally.found();
        continue;
      }
      await client.expect(`self-inspection item ${item.code}`, 'PUT', `/v1/reform/self-inspections/${inspection.id}/items/${item.code}`, officer, {
        result: results[item.code] ?? 'met',
        ...(notes[item.code] ? { note: notes[item.code] } : {}),
        evidence: [{ title: '自查台账', reference: `${unitCode === CITY ? '珠海市' : '香洲区'}自查材料第${item.code}项（${addDays(today, -3)}）` }],
      }, [200]);
      tally.made();
    }
    if (submit) {
      await client.post(`submitting the self-inspection of ${unitCode}`, `/v1/reform/self-inspections/${inspection.id}/submit`, officer);
      tally.made();
    }
  }
  tally.note(`pilot rules ${check.satisfied ? 'met' : `not met: ${check.unmet.map((u) => u.message).join('；')}`}`);
  return tally;
}
