import type { MatrixEntry, MatrixFixture } from './types.js';

const funded = { department: '市卫生健康委员会', title: '协助开展家庭医生签约服务宣传', basis: '《关于推进家庭医生签约服务的指导意见》', appliesTo: ['440103001'], startsOn: '2026-07-01', fundingBasis: 'per_community', fundsYuan: '12000', fundingDocument: '穗财社〔2026〕12号' };
const demand = { department: '区市场监督管理局', request: '要求社区每周上报辖区餐饮店巡查台账', demandedOn: '2026-11-20', unitCode: '440103001001' };

/** City A (4401) with a duty on its register and an unregistered demand logged by 沙面街道. */
async function dutyData(fx: MatrixFixture): Promise<Record<string, string>> {
  const res = await fx.h.request('POST', '/v1/duties', { token: fx.cityA.adminToken, json: funded });
  if (res.status !== 201) throw new Error(`duty failed: ${res.status} ${await res.text()}`);
  const logged = await fx.h.request('POST', '/v1/unregistered-demands', { token: fx.cityA.adminToken, json: demand });
  if (logged.status !== 201) throw new Error(`demand failed: ${logged.status} ${await logged.text()}`);
  return { dutyId: ((await res.json()) as { id: string }).id };
}

const dutyId = (fx: MatrixFixture) => fx.cityA.ids.dutyId;

/** Another city's register and demands are not found; city A's units are not on its map, so its writes are refused. */
export const dutyEntries: MatrixEntry[] = [
  { method: 'GET', route: '/v1/duties', owner: 'city', setup: dutyData, request: () => ({ path: '/v1/duties?unit=440103' }) },
  { method: 'POST', route: '/v1/duties', owner: 'city', request: () => ({ path: '/v1/duties', json: { ...funded, title: '越权事项' } }), refusedWith: [400, 403, 404] },
  { method: 'GET', route: '/v1/duties/departments', owner: 'city', request: () => ({ path: '/v1/duties/departments?unit=440103' }) },
  { method: 'GET', route: '/v1/duties/:id', owner: 'city', request: (fx) => ({ path: `/v1/duties/${dutyId(fx)}` }) },
  { method: 'PATCH', route: '/v1/duties/:id', owner: 'city', request: (fx) => ({ path: `/v1/duties/${dutyId(fx)}`, json: { title: '越权修改' } }) },
  { method: 'POST', route: '/v1/duties/:id/end', owner: 'city', request: (fx) => ({ path: `/v1/duties/${dutyId(fx)}/end`, json: { endedOn: '2026-12-31' } }) },
  { method: 'GET', route: '/v1/unregistered-demands', owner: 'city', request: () => ({ path: '/v1/unregistered-demands?unit=440103' }) },
  { method: 'POST', route: '/v1/unregistered-demands', owner: 'city', request: () => ({ path: '/v1/unregistered-demands', json: demand }) },
];
