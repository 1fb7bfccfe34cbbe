import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifiedElection } from '../support/elections.js';
import { createHarness, type Harness } from '../support/harness.js';

type Json = Record<string, any>;

let h: Harness;
let admin: string;
let province: string;
let shamianCommittee: string;
let xiguanCommittee: string;
let hepingCommittee: string;

const call = async (token: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const party = (over: Record<string, unknown> = {}) => ({ name: '中共沙面社区委员会', type: 'committee', secretaryName: '陈主任', establishedOn: '2024-07-01', ...over });

beforeAll(async () => {
  h = await createHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  province = await h.provinceToken();
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
  shamianCommittee = (await certifiedElection(h, admin)).committeeId; // 沙面: 陈主任 chairs
  xiguanCommittee = (await ok(admin, 'POST', '/v1/committees', { communityCode: '440103002002' })).id; // 西关: no term, no chair yet
  hepingCommittee = (await ok(admin, 'POST', '/v1/committees', { communityCode: '440103002001' })).id;
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('社区党组织', () => {
  it('is recorded on the committee and read back with its type label; the committee page shows it', async () => {
    const street = await h.cityToken('4401', 'street_officer', '440103001');
    const set = await ok(street, 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party({ secretaryChairsCommittee: false }));
    expect(set).toMatchObject({ communityCode: '440103001001', name: '中共沙面社区委员会', type: 'committee', typeLabel: '党委', secretaryName: '陈主任', establishedOn: '2024-07-01' });
    expect((await ok(admin, 'GET', `/v1/committees/${shamianCommittee}`)).partyOrganisation).toMatchObject({ typeLabel: '党委', secretaryName: '陈主任' });
    expect(await ok(admin, 'GET', `/v1/committees/${shamianCommittee}/party-organisation`)).toEqual(set);
  });

  it('derives 交叉任职 from the serving chair by name, whatever was recorded; the recorded flag stands only while there is no chair', async () => {
    const matched = await ok(admin, 'GET', `/v1/committees/${shamianCommittee}/party-organisation`);
    expect(matched).toMatchObject({ chairName: '陈主任', secretaryChairsRecorded: false, secretaryChairsCommittee: true, concurrencyBasis: 'chair_matched' });
    const other = await ok(admin, 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party({ secretaryName: '刘书记', secretaryChairsCommittee: true }));
    expect(other).toMatchObject({ secretaryChairsCommittee: false, concurrencyBasis: 'chair_matched' });
    await ok(admin, 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party());
    const recorded = await ok(admin, 'PUT', `/v1/committees/${xiguanCommittee}/party-organisation`, party({ name: '中共西关社区支部委员会', type: 'branch', secretaryName: '何书记', secretaryChairsCommittee: true }));
    expect(recorded).toMatchObject({ typeLabel: '党支部', chairName: null, secretaryChairsCommittee: true, concurrencyBasis: 'recorded' });
    const unknown = await ok(admin, 'PUT', `/v1/committees/${hepingCommittee}/party-organisation`, party({ name: '中共和平社区总支部委员会', type: 'general_branch', secretaryName: '梁书记' }));
    expect(unknown).toMatchObject({ typeLabel: '党总支', secretaryChairsCommittee: null, concurrencyBasis: 'unknown' });
  });

  it('refuses a future founding day by its field, a reader, another street’s officer, a community without one, and another city', async () => {
    const future = await call(admin, 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party({ establishedOn: '2027-01-01' }));
    expect(future.status).toBe(400);
    expect((future.body.errors as Json[]).map((e) => e.path)).toEqual(['body.establishedOn']);
    expect((await call(await h.cityToken('4401', 'auditor'), 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party())).status).toBe(403);
    expect((await call(await h.cityToken('4401', 'street_officer', '440104001'), 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party())).status).toBe(404);
    const badType = await call(admin, 'PUT', `/v1/committees/${shamianCommittee}/party-organisation`, party({ type: 'cell' }));
    expect(badType.status).toBe(400);
  });
});

describe('the reform-completion report: party organisations and its addressees', () => {
  it('counts the party organisations and the secretaries chairing, is addressed to 省委、省政府 with a copy to 省民政厅, and the submitted version shows it', async () => {
    const template = await ok(province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-20', dueOn: '2026-12-15', closesOn: '2027-01-31' }] });
    expect(template.addressees).toEqual({ to: ['省委', '省政府'], cc: ['省民政厅'] });
    const report = await ok(admin, 'POST', '/v1/reports', { templateId: template.id, period: 'once' });
    const f = report.figures as Record<string, Json>;
    expect(f.party_organisations).toMatchObject({ value: 3, source: 'computed', status: 'ok' });
    expect(f.party_secretaries_chairing!.value).toBe(2); // 沙面 by its chair, 西关 as recorded; 和平 unknown
    expect(f.party_secretaries_chairing_rate).toMatchObject({ value: 66.67, source: 'derived' });
    expect(report.addressees).toEqual({ to: ['省委', '省政府'], cc: ['省民政厅'] });
    await ok(admin, 'PATCH', `/v1/reports/${report.id}`, { manual: { demonstration_committees: 1, funding_10k_yuan: 120 }, narrative: '本市城市基层管理体制改革已全面完成，现将有关情况报告如下。' });
    const submitted = await ok(admin, 'POST', `/v1/reports/${report.id}/submit`);
    expect(submitted.addressees).toEqual({ to: ['省委', '省政府'], cc: ['省民政厅'] });
    const snapshot = await ok(province, 'GET', `/v1/province/reports/${submitted.history[0].id}`);
    expect(snapshot.addressees).toEqual({ to: ['省委', '省政府'], cc: ['省民政厅'] });
  });

  it('a template of the province’s own names its addressees, or none', async () => {
    const indicators = [{ code: 'aa', label: '甲', unit: '个', aggregation: 'sum', source: 'manual' }];
    const own = await ok(province, 'POST', '/v1/report-templates', { code: 'own_template', title: '自定报告', periodType: 'annual', indicators, addressees: { to: ['省民政厅'], cc: [] } });
    expect(own.addressees).toEqual({ to: ['省民政厅'], cc: [] });
    const none = await ok(province, 'POST', '/v1/report-templates', { code: 'plain_template', title: '无主送报告', periodType: 'annual', indicators });
    expect(none.addressees).toEqual({ to: [], cc: [] });
  });
});

describe('urban-village issues', () => {
  it('include 计划生育, 公共设施覆盖 and 居委会选举 beside the six', async () => {
    const patched = await ok(admin, 'PATCH', '/v1/communities/440103001001', { urbanVillagePilot: true, urbanVillageOpenIssues: ['family_planning', 'public_facilities', 'committee_election', 'land'] });
    expect(patched.urbanVillageOpenIssues).toEqual(['family_planning', 'public_facilities', 'committee_election', 'land']);
    expect((await call(admin, 'PATCH', '/v1/communities/440103001001', { urbanVillageOpenIssues: ['weather'] })).status).toBe(400);
  });
});
