import type { MatrixEntry, MatrixFixture } from './types.js';

const narrative = '本市城市基层管理体制改革已全面完成, 社区居委会调整到位, 现将有关情况书面报告如下。';
const period = { period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-31', closesOn: '2027-01-31' };

async function expectStatus(res: Response, status: number, what: string): Promise<Record<string, unknown>> {
  if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Two published templates; city A has a draft for one and a submitted report for the other. */
async function reportingData(fx: MatrixFixture): Promise<Record<string, string>> {
  const { h } = fx;
  const admin = fx.cityA.adminToken;
  const publish = async (code: string) =>
    String((await expectStatus(await h.request('POST', '/v1/report-templates', { token: fx.provinceToken, json: { preset: 'reform_completion', code, periods: [period] } }), 201, 'template')).id);
  const draftTemplate = await publish('matrix_draft');
  const submittedTemplate = await publish('matrix_submitted');
  const draft = await expectStatus(await h.request('POST', '/v1/reports', { token: admin, json: { templateId: draftTemplate, period: 'once' } }), 201, 'draft');
  const report = await expectStatus(await h.request('POST', '/v1/reports', { token: admin, json: { templateId: submittedTemplate, period: 'once' } }), 201, 'report');
  await expectStatus(await h.request('PATCH', `/v1/reports/${report.id}`, { token: admin, json: { manual: { demonstration_committees: 0, funding_10k_yuan: 12 }, narrative } }), 200, 'fill');
  await expectStatus(await h.request('POST', `/v1/reports/${report.id}/submit`, { token: admin }), 200, 'submit');
  const [snapshot] = (await expectStatus(await h.request('GET', `/v1/province/reports?template=${submittedTemplate}&period=once`, { token: fx.provinceToken }), 200, 'snapshots')).items as { id: string }[];
  return { reportTemplateId: submittedTemplate, draftTemplateId: draftTemplate, reportId: String(draft.id), reportSnapshotId: snapshot!.id };
}

const ids = (fx: MatrixFixture) => fx.cityA.ids;
const periodOf = (fx: MatrixFixture) => `template=${ids(fx).reportTemplateId}&period=once`;

export const reportingEntries: MatrixEntry[] = [
  { method: 'POST', route: '/v1/report-templates', owner: 'province', setup: reportingData, request: () => ({ path: '/v1/report-templates', json: { preset: 'reform_completion', code: 'intruder_copy', periods: [period] } }) },
  { method: 'GET', route: '/v1/report-templates', owner: 'province', request: () => ({ path: '/v1/report-templates' }) },
  { method: 'GET', route: '/v1/report-templates/:id', owner: 'province', request: (fx) => ({ path: `/v1/report-templates/${ids(fx).reportTemplateId}` }) },
  { method: 'POST', route: '/v1/report-templates/:id/periods', owner: 'province', request: (fx) => ({ path: `/v1/report-templates/${ids(fx).reportTemplateId}/periods`, json: { ...period, period: 'once' } }) },
  { method: 'POST', route: '/v1/reports', owner: 'city', request: (fx) => ({ path: '/v1/reports', json: { templateId: ids(fx).draftTemplateId, period: 'once', city: fx.cityA.code } }) },
  { method: 'GET', route: '/v1/reports', owner: 'city', request: (fx) => ({ path: `/v1/reports?city=${fx.cityA.code}` }) },
  { method: 'GET', route: '/v1/reports/periods', owner: 'city', request: (fx) => ({ path: `/v1/reports/periods?city=${fx.cityA.code}` }) },
  { method: 'GET', route: '/v1/reports/:id', owner: 'city', request: (fx) => ({ path: `/v1/reports/${ids(fx).reportId}` }) },
  { method: 'PATCH', route: '/v1/reports/:id', owner: 'city', request: (fx) => ({ path: `/v1/reports/${ids(fx).reportId}`, json: { narrative: '越权改写' } }) },
  { method: 'POST', route: '/v1/reports/:id/refresh', owner: 'city', request: (fx) => ({ path: `/v1/reports/${ids(fx).reportId}/refresh` }) },
  { method: 'POST', route: '/v1/reports/:id/submit', owner: 'city', request: (fx) => ({ path: `/v1/reports/${ids(fx).reportId}/submit` }) },
  { method: 'POST', route: '/v1/reports/:id/revise', owner: 'city', request: (fx) => ({ path: `/v1/reports/${ids(fx).reportId}/revise` }) },
  { method: 'GET', route: '/v1/province/reports', owner: 'province', request: (fx) => ({ path: `/v1/province/reports?${periodOf(fx)}` }) },
  { method: 'GET', route: '/v1/province/reports/:id', owner: 'province', request: (fx) => ({ path: `/v1/province/reports/${ids(fx).reportSnapshotId}` }) },
  { method: 'POST', route: '/v1/province/reports/:id/accept', owner: 'province', request: (fx) => ({ path: `/v1/province/reports/${ids(fx).reportSnapshotId}/accept`, json: {} }) },
  { method: 'POST', route: '/v1/province/reports/:id/return', owner: 'province', request: (fx) => ({ path: `/v1/province/reports/${ids(fx).reportSnapshotId}/return`, json: { comment: '越权退回' } }) },
  { method: 'GET', route: '/v1/province/aggregates', owner: 'province', request: (fx) => ({ path: `/v1/province/aggregates?${periodOf(fx)}` }) },
  { method: 'GET', route: '/v1/province/aggregates/export', owner: 'province', request: (fx) => ({ path: `/v1/province/aggregates/export?${periodOf(fx)}&format=xlsx` }) },
  { method: 'GET', route: '/v1/province/completeness', owner: 'province', request: (fx) => ({ path: `/v1/province/completeness?${periodOf(fx)}` }) },
  { method: 'GET', route: '/v1/province/completeness/export', owner: 'province', request: (fx) => ({ path: `/v1/province/completeness/export?${periodOf(fx)}&format=csv` }) },
  { method: 'GET', route: '/v1/province/late-reports', owner: 'province', request: (fx) => ({ path: `/v1/province/late-reports?${periodOf(fx)}` }) },
];
