import { addMonths } from './dates.js';
import { election, type DemoCommunity } from './committees.js';
import { DemoError, Tally, type DemoContext } from './client.js';

/**
 * Enough in 东莞 and 中山 for the province to compare cities: three certified elections in one street each, some of
 * the new members trained, a service centre and a few volunteers. 珠海 is the city filled in every module.
 */

const profile = { type: 'geographic', households: 2000, population: 5600, officeAddress: '', hasServiceCentre: true } as const;

export const otherCities = [
  {
    code: '4419', name: '东莞市', street: '441900003', streetName: '东城街道', cardPrefix: 'DG-DC',
    communities: [['441900003001', '岗贝社区', 14], ['441900003002', '花园新村社区', 9], ['441900003003', '东泰社区', 5]],
    trained: { '441900003001': 5, '441900003002': 6 } as Record<string, number>,
    volunteers: ['叶淑珍', '莫伟明', '袁晓燕', '卢振辉'],
  },
  {
    code: '4420', name: '中山市', street: '442000001', streetName: '石岐街道', cardPrefix: 'ZS-SQ',
    communities: [['442000001007', '桂园社区', 13], ['442000001008', '民族社区', 8], ['442000001016', '太平社区', 3]],
    trained: { '442000001007': 3, '442000001008': 4 } as Record<string, number>,
    volunteers: ['苏美玲', '潘国华', '古丽华'],
  },
] as const;

interface Obligation { memberId: string; memberName: string; communityCode: string; electionDate: string; status: string }

export async function demoOtherCity(ctx: DemoContext, cityCode: string): Promise<Tally> {
  const city = otherCities.find((c) => c.code === cityCode)!;
  const { client } = ctx;
  const tally = new Tally();
  const street = await client.city(city.code, 'street_officer', city.street);

  for (const [i, [code, name, monthsAgo]] of city.communities.entries()) {
    const community: DemoCommunity = { code, name, electedMonthsAgo: monthsAgo, target: 'certified', profile: { ...profile, officeAddress: `${city.streetName}${name}居委会` } };
    await election(ctx, street, community, 40 + Number(city.code.slice(2)) + i, tally);
  }

  let obligations: Obligation[] = [];
  for (let attempt = 0; obligations.length < city.communities.length * 7; attempt++) {
    if (attempt > 60) throw new DemoError(`training obligations of ${city.name}: ${obligations.length} after waiting; is the stack's training worker running?`);
    if (attempt) await ctx.settle();
    obligations = (await client.get<{ items: Obligation[] }>('training obligations', `/v1/training/obligations?parent=${city.street}&size=200`, street)).items;
  }
  for (const [code, trained] of Object.entries(city.trained)) {
    const members = obligations.filter((o) => o.communityCode === code).sort((a, b) => a.memberName.localeCompare(b.memberName, 'zh-CN') || a.memberId.localeCompare(b.memberId));
    for (const o of members.slice(0, trained)) {
      if (o.status !== 'pending' && o.status !== 'overdue') {
        tally.found();
        continue;
      }
      const completedOn = addMonths(o.electionDate, 2);
      await client.post(`training completion of ${o.memberName}`, '/v1/training/completions', street, {
        memberId: o.memberId, completedOn, title: `${city.streetName}居委会成员轮训班`, provider: `${city.name}民政局`, evidenceRef: `${city.name}民政局培训结业名册 ${completedOn.slice(0, 7)}`,
      });
      tally.made();
    }
  }

  const centre = `${city.streetName}社区服务中心`;
  const facilities = (await client.get<{ items: Array<{ name: string }> }>('facilities', `/v1/facilities?unit=${city.street}`, street)).items;
  if (facilities.some((f) => f.name === centre)) tally.found();
  else {
    await client.post(`facility ${centre}`, '/v1/facilities', street, { unitCode: city.street, kind: 'service_centre', name: centre, address: `${city.streetName}办事处一楼`, areaM2: 600 });
    tally.made();
  }
  const volunteers = (await client.get<{ items: Array<{ cardNumber: string }> }>('volunteers', `/v1/volunteers?unit=${city.street}`, street)).items;
  for (const [i, name] of city.volunteers.entries()) {
    const cardNumber = `${city.cardPrefix}-${String(i + 1).padStart(4, '0')}`;
    if (volunteers.some((v) => v.cardNumber === cardNumber)) tally.found();
    else {
      await client.post(`volunteer ${name}`, '/v1/volunteers', street, { cardNumber, name, communityCode: city.communities[i % city.communities.length]![0] });
      tally.made();
    }
  }
  return tally;
}
