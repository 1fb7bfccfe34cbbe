import type { MatrixEntry, MatrixFixture } from './types.js';

const STREET = '440103001';

async function trainingData({ h, cityA }: MatrixFixture): Promise<Record<string, string>> {
  const street = await h.cityToken(cityA.code, 'street_officer', STREET);
  const post = async (token: string, path: string, json: unknown) => {
    const res = await h.request('POST', path, { token, json });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const programme = await post(cityA.adminToken, '/v1/training/programmes', { city: cityA.code, year: 2027, title: '矩阵培训方案', materials: [] });
  const plan = await post(street, '/v1/training/plans', { programmeId: programme.id, unitCode: STREET, title: '矩阵培训计划' });
  const session = await post(street, `/v1/training/plans/${plan.id}/sessions`, { sessionDate: '2026-12-20', place: '沙面街道党群服务中心', capacity: 30, trainer: '李老师', audience: '居委会成员' });
  return { trainingProgrammeId: programme.id, trainingPlanId: plan.id, trainingSessionId: session.id };
}

const ids = (fx: MatrixFixture) => fx.cityA.ids;

export const trainingEntries: MatrixEntry[] = [
  { method: 'POST', route: '/v1/training/programmes', owner: 'city', setup: trainingData, request: () => ({ path: '/v1/training/programmes', json: { city: '4401', year: 2028, title: '越权方案' } }) },
  { method: 'GET', route: '/v1/training/programmes', owner: 'city', request: () => ({ path: '/v1/training/programmes?unit=4401' }) },
  { method: 'GET', route: '/v1/training/programmes/:id', owner: 'city', request: (fx) => ({ path: `/v1/training/programmes/${ids(fx).trainingProgrammeId}` }) },
  { method: 'POST', route: '/v1/training/programmes/:id/materials', owner: 'city', request: (fx) => ({ path: `/v1/training/programmes/${ids(fx).trainingProgrammeId}/materials`, json: { title: '越权教材', kind: 'other', ref: 'x' } }) },
  { method: 'POST', route: '/v1/training/plans', owner: 'city', request: (fx) => ({ path: '/v1/training/plans', json: { programmeId: ids(fx).trainingProgrammeId, unitCode: STREET, title: '越权计划' } }) },
  { method: 'GET', route: '/v1/training/plans', owner: 'city', request: () => ({ path: `/v1/training/plans?unit=${STREET}` }) },
  { method: 'GET', route: '/v1/training/plans/:id', owner: 'city', request: (fx) => ({ path: `/v1/training/plans/${ids(fx).trainingPlanId}` }) },
  { method: 'POST', route: '/v1/training/plans/:id/sessions', owner: 'city', request: (fx) => ({ path: `/v1/training/plans/${ids(fx).trainingPlanId}/sessions`, json: { sessionDate: '2026-12-21', place: '越权', capacity: 5, trainer: '越权', audience: '越权' } }) },
  { method: 'GET', route: '/v1/training/sessions', owner: 'city', request: () => ({ path: `/v1/training/sessions?unit=${STREET}&from=2026-01-01` }) },
  { method: 'GET', route: '/v1/training/sessions/:id', owner: 'city', request: (fx) => ({ path: `/v1/training/sessions/${ids(fx).trainingSessionId}` }) },
  { method: 'POST', route: '/v1/training/sessions/:id/enrolments', owner: 'city', request: (fx) => ({ path: `/v1/training/sessions/${ids(fx).trainingSessionId}/enrolments`, json: { memberId: ids(fx).memberId } }) },
  { method: 'POST', route: '/v1/training/sessions/:id/attendance', owner: 'city', request: (fx) => ({ path: `/v1/training/sessions/${ids(fx).trainingSessionId}/attendance`, json: { memberId: ids(fx).memberId, attended: true } }) },
  { method: 'POST', route: '/v1/training/completions', owner: 'city', request: (fx) => ({ path: '/v1/training/completions', json: { memberId: ids(fx).memberId, completedOn: '2026-11-21', title: '越权', provider: '越权', evidenceRef: '越权' } }) },
  { method: 'GET', route: '/v1/training/obligations', owner: 'city', request: () => ({ path: `/v1/training/obligations?parent=${STREET}` }) },
  { method: 'GET', route: '/v1/training/compliance', owner: 'city', request: () => ({ path: '/v1/training/compliance?unit=4401' }) },
  { method: 'GET', route: '/v1/training/settings/:city', owner: 'city', request: () => ({ path: '/v1/training/settings/4401' }) },
  { method: 'PATCH', route: '/v1/training/settings/:city', owner: 'city', request: () => ({ path: '/v1/training/settings/4401', json: { unitEmails: { 4401: 'x@example.cn' } } }) },
];
