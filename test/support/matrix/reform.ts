import type { MatrixEntry, MatrixFixture } from './types.js';

async function expectStatus(res: Response, status: number, what: string): Promise<Record<string, unknown>> {
  if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>);
}

/** City A (4401) with a pilot, a draft and a submitted self-inspection, services and a volunteer with hours; a spot check. */
async function reformData(fx: MatrixFixture): Promise<Record<string, string>> {
  const { h } = fx;
  const admin = fx.cityA.adminToken;
  const post = (path: string, json: unknown, token = admin) => h.request('POST', path, { token, json });
  await expectStatus(await h.request('PUT', '/v1/province/inspection-checklist', { token: fx.provinceToken, json: { title: '城市社区建设检查验收清单', items: [{ code: 'A1', title: '社区规模调整到位' }, { code: 'A2', title: '居委会依法选举产生' }] } }), 200, 'checklist');
  const pilot = await expectStatus(await post('/v1/reform/pilots', { unitCode: '440103' }), 201, 'pilot');
  const draft = await expectStatus(await post('/v1/reform/self-inspections', { unitCode: '440103' }), 201, 'draft self-inspection');
  const city = await expectStatus(await post('/v1/reform/self-inspections', { unitCode: '4401' }), 201, 'city self-inspection');
  for (const item of ['A1', 'A2']) {
    await expectStatus(await h.request('PUT', `/v1/reform/self-inspections/${city.id}/items/${item}`, { token: admin, json: { result: 'met' } }), 200, 'item');
  }
  await expectStatus(await post(`/v1/reform/self-inspections/${city.id}/submit`, {}), 200, 'submit');
  const [submission] = ((await expectStatus(await h.request('GET', '/v1/province/inspection-submissions?city=4401', { token: fx.provinceToken }), 200, 'submissions')).items as { id: string }[]);
  const spotCheck = await expectStatus(await post('/v1/province/spot-checks', { title: '2027年抽查', seed: 7, sample: { county: 1, township: 1, village: 1 } }, fx.provinceToken), 201, 'spot check');
  const facility = await expectStatus(await post('/v1/facilities', { unitCode: '440103001001', kind: 'service_centre', name: '沙面社区服务中心', address: '沙面北街1号', areaM2: 320 }), 201, 'facility');
  const serviceUnit = await expectStatus(await post('/v1/service-units', { unitCode: '440103001001', name: '沙面长者饭堂', services: ['助餐'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 200, totalAssetsYuan: 300 }), 201, 'service unit');
  const organisation = await expectStatus(await post('/v1/volunteer-organisations', { unitCode: '440103001', name: '沙面街道志愿者协会' }), 201, 'organisation');
  const volunteer = await expectStatus(await post('/v1/volunteers', { cardNumber: 'SM-0001', name: '李红', phone: '13812341234', communityCode: '440103001001', organisationId: organisation.id }), 201, 'volunteer');
  await expectStatus(await post(`/v1/service-units/${serviceUnit.id}/certifications`, { certifyingBody: '广州市民政局', certificateNumber: '穗民认〔2025〕018号', certifiedOn: '2025-03-01', expiresOn: '2027-02-28' }), 201, 'certification');
  await expectStatus(await post(`/v1/volunteers/${volunteer.id}/ledger`, { kind: 'deposit', minutes: 120, communityCode: '440103001001', service: '陪伴独居老人', serviceDate: '2026-11-20' }), 201, 'deposit');
  return {
    pilotId: String(pilot.id),
    inspectionId: String(draft.id),
    submissionId: submission!.id,
    spotCheckId: String(spotCheck.id),
    sampledCode: (spotCheck.sample as { code: string }[])[0]!.code,
    facilityId: String(facility.id),
    serviceUnitId: String(serviceUnit.id),
    volunteerId: String(volunteer.id),
  };
}

const ids = (fx: MatrixFixture) => fx.cityA.ids;

export const reformEntries: MatrixEntry[] = [
  { method: 'GET', route: '/v1/reform/programme', owner: 'city', setup: reformData, request: () => ({ path: '/v1/reform/programme?unit=440103' }) },
  { method: 'GET', route: '/v1/reform/pilots', owner: 'city', request: () => ({ path: '/v1/reform/pilots?unit=4401' }) },
  { method: 'POST', route: '/v1/reform/pilots', owner: 'city', request: () => ({ path: '/v1/reform/pilots', json: { unitCode: '440104001' } }) },
  { method: 'DELETE', route: '/v1/reform/pilots/:id', owner: 'city', request: (fx) => ({ path: `/v1/reform/pilots/${ids(fx).pilotId}` }) },
  { method: 'GET', route: '/v1/reform/pilots/check', owner: 'city', request: () => ({ path: '/v1/reform/pilots/check?unit=4401' }) },
  { method: 'GET', route: '/v1/reform/demonstrations', owner: 'city', request: () => ({ path: '/v1/reform/demonstrations?unit=4401' }) },
  { method: 'POST', route: '/v1/reform/demonstrations', owner: 'city', request: () => ({ path: '/v1/reform/demonstrations', json: { level: 'committee', unitCode: '440103001001', designatedOn: '2026-11-01', designatedBy: '广州市人民政府' } }) },
  { method: 'GET', route: '/v1/reform/self-inspections', owner: 'city', request: () => ({ path: '/v1/reform/self-inspections?unit=4401' }) },
  { method: 'POST', route: '/v1/reform/self-inspections', owner: 'city', request: () => ({ path: '/v1/reform/self-inspections', json: { unitCode: '440104' } }) },
  { method: 'GET', route: '/v1/reform/self-inspections/:id', owner: 'city', request: (fx) => ({ path: `/v1/reform/self-inspections/${ids(fx).inspectionId}` }) },
  { method: 'PUT', route: '/v1/reform/self-inspections/:id/items/:itemCode', owner: 'city', request: (fx) => ({ path: `/v1/reform/self-inspections/${ids(fx).inspectionId}/items/A1`, json: { result: 'not_met', note: '越权' } }) },
  { method: 'POST', route: '/v1/reform/self-inspections/:id/submit', owner: 'city', request: (fx) => ({ path: `/v1/reform/self-inspections/${ids(fx).inspectionId}/submit` }) },
  { method: 'GET', route: '/v1/reform/figures', owner: 'city', request: () => ({ path: '/v1/reform/figures?unit=4401' }) },
  { method: 'GET', route: '/v1/province/reform-programme', owner: 'province', request: () => ({ path: '/v1/province/reform-programme' }) },
  { method: 'PUT', route: '/v1/province/reform-programme', owner: 'province', request: () => ({ path: '/v1/province/reform-programme', json: { phases: [{ phase: 'pilot', startsOn: '2026-06-01', endsOn: '2026-10-31' }, { phase: 'rollout', startsOn: '2026-11-01', endsOn: '2027-06-30' }, { phase: 'inspection', startsOn: '2027-10-01', endsOn: '2027-10-31' }] } }) },
  { method: 'GET', route: '/v1/province/inspection-checklist', owner: 'province', request: () => ({ path: '/v1/province/inspection-checklist' }) },
  { method: 'PUT', route: '/v1/province/inspection-checklist', owner: 'province', request: () => ({ path: '/v1/province/inspection-checklist', json: { title: '越权清单', items: [{ code: 'X1', title: '越权条目' }] } }) },
  { method: 'GET', route: '/v1/province/inspection-submissions', owner: 'province', request: () => ({ path: '/v1/province/inspection-submissions' }) },
  { method: 'GET', route: '/v1/province/inspection-submissions/:id', owner: 'province', request: (fx) => ({ path: `/v1/province/inspection-submissions/${ids(fx).submissionId}` }) },
  { method: 'GET', route: '/v1/province/spot-checks', owner: 'province', request: () => ({ path: '/v1/province/spot-checks' }) },
  { method: 'POST', route: '/v1/province/spot-checks', owner: 'province', request: () => ({ path: '/v1/province/spot-checks', json: { title: '越权抽查', seed: 1, sample: { county: 1, township: 1, village: 1 } } }) },
  { method: 'GET', route: '/v1/province/spot-checks/:id', owner: 'province', request: (fx) => ({ path: `/v1/province/spot-checks/${ids(fx).spotCheckId}` }) },
  { method: 'GET', route: '/v1/province/spot-checks/:id/frame', owner: 'province', request: (fx) => ({ path: `/v1/province/spot-checks/${ids(fx).spotCheckId}/frame` }) },
  { method: 'GET', route: '/v1/province/spot-checks/:id/redraw', owner: 'province', request: (fx) => ({ path: `/v1/province/spot-checks/${ids(fx).spotCheckId}/redraw` }) },
  { method: 'PUT', route: '/v1/province/spot-checks/:id/findings/:code', owner: 'province', request: (fx) => ({ path: `/v1/province/spot-checks/${ids(fx).spotCheckId}/findings/${ids(fx).sampledCode}`, json: { result: 'failed' } }) },
  { method: 'GET', route: '/v1/facilities', owner: 'city', request: () => ({ path: '/v1/facilities?unit=440103' }) },
  { method: 'POST', route: '/v1/facilities', owner: 'city', request: () => ({ path: '/v1/facilities', json: { unitCode: '440103001001', kind: 'green_space', name: '越权绿地', address: '沙面' } }) },
  { method: 'GET', route: '/v1/facilities/:id', owner: 'city', request: (fx) => ({ path: `/v1/facilities/${ids(fx).facilityId}` }) },
  { method: 'PATCH', route: '/v1/facilities/:id', owner: 'city', request: (fx) => ({ path: `/v1/facilities/${ids(fx).facilityId}`, json: { openingHours: '全天' } }) },
  { method: 'GET', route: '/v1/service-units', owner: 'city', request: () => ({ path: '/v1/service-units?unit=4401' }) },
  { method: 'POST', route: '/v1/service-units', owner: 'city', request: () => ({ path: '/v1/service-units', json: { unitCode: '440103001', name: '越权单位', services: ['家政'], targets: ['women'], funding: 'non_state', profitStatus: 'for_profit', nonStateAssetsYuan: 1, totalAssetsYuan: 1 } }) },
  { method: 'GET', route: '/v1/service-units/:id', owner: 'city', request: (fx) => ({ path: `/v1/service-units/${ids(fx).serviceUnitId}` }) },
  { method: 'GET', route: '/v1/service-units/:id/certifications', owner: 'city', request: (fx) => ({ path: `/v1/service-units/${ids(fx).serviceUnitId}/certifications` }) },
  {
    method: 'POST', route: '/v1/service-units/:id/certifications', owner: 'city',
    request: (fx) => ({ path: `/v1/service-units/${ids(fx).serviceUnitId}/certifications`, json: { certifyingBody: '越权机构', certificateNumber: 'X-9', certifiedOn: '2026-11-01', expiresOn: '2028-10-31' } }),
  },
  { method: 'PATCH', route: '/v1/service-units/:id', owner: 'city', request: (fx) => ({ path: `/v1/service-units/${ids(fx).serviceUnitId}`, json: { profitStatus: 'for_profit' } }) },
  { method: 'GET', route: '/v1/volunteer-organisations', owner: 'city', request: () => ({ path: '/v1/volunteer-organisations?unit=440103' }) },
  { method: 'POST', route: '/v1/volunteer-organisations', owner: 'city', request: () => ({ path: '/v1/volunteer-organisations', json: { unitCode: '440103001', name: '越权组织' } }) },
  { method: 'GET', route: '/v1/volunteers', owner: 'city', request: () => ({ path: '/v1/volunteers?unit=440103' }) },
  { method: 'POST', route: '/v1/volunteers', owner: 'city', request: () => ({ path: '/v1/volunteers', json: { cardNumber: 'SM-9999', name: '越权', communityCode: '440103001001' } }) },
  { method: 'GET', route: '/v1/volunteers/:id', owner: 'city', request: (fx) => ({ path: `/v1/volunteers/${ids(fx).volunteerId}` }) },
  { method: 'GET', route: '/v1/volunteers/:id/ledger', owner: 'city', request: (fx) => ({ path: `/v1/volunteers/${ids(fx).volunteerId}/ledger` }) },
  { method: 'POST', route: '/v1/volunteers/:id/ledger', owner: 'city', request: (fx) => ({ path: `/v1/volunteers/${ids(fx).volunteerId}/ledger`, json: { kind: 'draw', minutes: 60, communityCode: '440103001001', service: '越权支取', serviceDate: '2026-11-21' } }) },
  { method: 'GET', route: '/v1/services/figures', owner: 'city', request: () => ({ path: '/v1/services/figures?unit=4401' }) },
];
