import type { MatrixEntry, MatrixFixture } from './types.js';

const COMMUNITY = '440103001001';

async function consultationData({ h, cityA }: MatrixFixture): Promise<Record<string, string>> {
  const res = await h.request('POST', `/v1/public/cities/${cityA.code}/communities/${COMMUNITY}/consultations`, {
    json: { category: '政策咨询', text: '矩阵测试：请问居住证如何办理？', phone: '13800001111' },
    headers: { 'x-forwarded-for': '203.0.113.200' },
  });
  if (res.status !== 201) throw new Error(`consultation: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const list = await h.request('GET', '/v1/consultations', { token: cityA.adminToken });
  const { items } = (await list.json()) as { items: { id: string }[] };
  return { consultationId: items[0]!.id, consultationToken: token };
}

const ids = (fx: MatrixFixture) => fx.cityA.ids;
/** City A's private link with city B's code in front: the token's city picks whose rows are searched. */
const crossCityToken = (fx: MatrixFixture) => ids(fx).consultationToken!.replace(/^4401\./, '4403.');

export const consultationEntries: MatrixEntry[] = [
  { method: 'GET', route: '/v1/consultations', owner: 'city', setup: consultationData, request: () => ({ path: '/v1/consultations?unit=440103001' }) },
  { method: 'GET', route: '/v1/consultations/figures', owner: 'city', request: () => ({ path: '/v1/consultations/figures?unit=440103' }) },
  { method: 'GET', route: '/v1/consultations/settings/:city', owner: 'city', request: () => ({ path: '/v1/consultations/settings/4401' }) },
  { method: 'PATCH', route: '/v1/consultations/settings/:city', owner: 'city', request: () => ({ path: '/v1/consultations/settings/4401', json: { answerWorkingDays: 1 } }) },
  { method: 'GET', route: '/v1/consultations/calendar/:city', owner: 'city', request: () => ({ path: '/v1/consultations/calendar/4401?year=2026' }) },
  { method: 'PUT', route: '/v1/consultations/calendar/:city/:day', owner: 'city', request: () => ({ path: '/v1/consultations/calendar/4401/2026-12-31', json: { kind: 'holiday', name: '越权' } }) },
  { method: 'GET', route: '/v1/consultations/:id', owner: 'city', request: (fx) => ({ path: `/v1/consultations/${ids(fx).consultationId}?reveal=true` }) },
  { method: 'POST', route: '/v1/consultations/:id/assign', owner: 'city', request: (fx) => ({ path: `/v1/consultations/${ids(fx).consultationId}/assign`, json: { assignee: '越权' } }) },
  { method: 'POST', route: '/v1/consultations/:id/answer', owner: 'city', request: (fx) => ({ path: `/v1/consultations/${ids(fx).consultationId}/answer`, json: { answer: '越权答复' } }) },
  { method: 'POST', route: '/v1/consultations/:id/close', owner: 'city', request: (fx) => ({ path: `/v1/consultations/${ids(fx).consultationId}/close` }) },
  {
    method: 'GET', route: '/v1/public/cities/:cityCode/communities/:communityCode/consultation-categories', owner: 'public',
    request: () => ({ path: `/v1/public/cities/4403/communities/${COMMUNITY}/consultation-categories` }),
  },
  {
    method: 'POST', route: '/v1/public/cities/:cityCode/communities/:communityCode/consultations', owner: 'public',
    request: () => ({ path: `/v1/public/cities/4403/communities/${COMMUNITY}/consultations`, json: { category: '政策咨询', text: '越权提交的咨询内容' } }),
  },
  { method: 'GET', route: '/v1/public/consultations/:token', owner: 'public', request: (fx) => ({ path: `/v1/public/consultations/${crossCityToken(fx)}` }) },
  { method: 'POST', route: '/v1/public/consultations/:token/rating', owner: 'public', request: (fx) => ({ path: `/v1/public/consultations/${crossCityToken(fx)}/rating`, json: { rating: 'dissatisfied' } }) },
];
