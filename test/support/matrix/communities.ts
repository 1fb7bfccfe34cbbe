import type { MatrixEntry, MatrixFixture } from './types.js';

const planBody = { title: '沙面街道社区调整方案', reason: '新建住宅小区入住', effectiveDate: '2027-01-01', changes: [{ kind: 'create', code: '440103001009', name: '白鹅潭', households: 1500 }] };

async function submittedPlan(fx: MatrixFixture): Promise<Record<string, string>> {
  const street = await fx.h.cityToken(fx.cityA.code, 'street_officer', '440103001');
  const created = await fx.h.request('POST', '/v1/adjustment-plans', { token: street, json: planBody });
  if (created.status !== 201) throw new Error(`plan setup failed: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const submitted = await fx.h.request('POST', `/v1/adjustment-plans/${id}/submit`, { token: street });
  if (submitted.status !== 200) throw new Error(`plan submit failed: ${submitted.status} ${await submitted.text()}`);
  return { planId: id };
}

export const communityEntries: MatrixEntry[] = [
  { method: 'GET', route: '/v1/communities', owner: 'city', request: () => ({ path: '/v1/communities?parent=440103001' }) },
  { method: 'GET', route: '/v1/communities/:code', owner: 'city', request: () => ({ path: '/v1/communities/440103001001' }) },
  { method: 'PATCH', route: '/v1/communities/:code', owner: 'city', request: () => ({ path: '/v1/communities/440103001001', json: { households: 1800, type: 'geographic' } }) },
  { method: 'POST', route: '/v1/adjustment-plans', owner: 'city', request: () => ({ path: '/v1/adjustment-plans', json: planBody }) },
  { method: 'GET', route: '/v1/adjustment-plans', owner: 'city', request: () => ({ path: '/v1/adjustment-plans?street=440103001' }) },
  { method: 'GET', route: '/v1/adjustment-plans/:id', owner: 'city', setup: submittedPlan, request: (fx) => ({ path: `/v1/adjustment-plans/${fx.cityA.ids.planId}` }) },
  { method: 'POST', route: '/v1/adjustment-plans/:id/submit', owner: 'city', request: (fx) => ({ path: `/v1/adjustment-plans/${fx.cityA.ids.planId}/submit` }) },
  { method: 'POST', route: '/v1/adjustment-plans/:id/approve', owner: 'city', request: (fx) => ({ path: `/v1/adjustment-plans/${fx.cityA.ids.planId}/approve`, json: {} }) },
  { method: 'POST', route: '/v1/adjustment-plans/:id/reject', owner: 'city', request: (fx) => ({ path: `/v1/adjustment-plans/${fx.cityA.ids.planId}/reject`, json: { comment: '越权退回' } }) },
  { method: 'GET', route: '/v1/province/settings', owner: 'province', request: () => ({ path: '/v1/province/settings' }) },
  { method: 'PATCH', route: '/v1/province/settings', owner: 'province', request: () => ({ path: '/v1/province/settings', json: { committeeTermYears: 3 } }) },
];
