import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLinkFor } from '../../shared/notifications/links.js';
import { certifiedElection } from '../support/elections.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminToken: string;
let admin: Browser;
let street: Browser;
let auditor: Browser;
let committeeId: string;
let unitId: string;
const COMMUNITY = '440103001001';

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  adminToken = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminToken, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  committeeId = (await certifiedElection(h, adminToken)).committeeId;
  unitId = (await ok<{ id: string }>(h, adminToken, 'POST', '/v1/service-units', {
    unitCode: COMMUNITY, name: '沙面长者饭堂', services: ['助餐'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 200, totalAssetsYuan: 300,
  })).id;
  admin = h.browser(adminToken);
  street = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
  auditor = h.browser(await h.cityToken('4401', 'auditor'));
});

afterAll(async () => {
  await h?.close();
});

describe('居委会页面：社区党组织', () => {
  it('shows none yet, records it from the form, and shows 交叉任职 read from the serving chair', async () => {
    const before = await street.get(`/console/committees/${committeeId}`);
    expect(before.status).toBe(200);
    expect(textOf(before.html)).toContain('尚未登记社区党组织');
    const saved = await street.follow(await street.post(`/console/committees/${committeeId}/party-organisation`, {
      'p.name': '中共沙面社区委员会', 'p.type': 'committee', 'p.secretaryName': '陈主任', 'p.chairs': '', 'p.establishedOn': '2024-07-01',
    }));
    const text = textOf(saved.html);
    expect(text).toContain('社区党组织已记录');
    expect(text).toContain('中共沙面社区委员会（党委）');
    expect(text).toMatch(/书记兼任居委会主任（交叉任职） 是 与居委会现任主任比对：现任主任 陈主任/);
    expect(text).not.toMatch(/\bcommittee\b|chair_matched/);
  });

  it('puts a refusal beside its field in Chinese and keeps what was typed; a reader sees it without the form', async () => {
    const bad = await street.post(`/console/committees/${committeeId}/party-organisation`, {
      'p.name': '中共沙面社区支部委员会', 'p.type': 'branch', 'p.secretaryName': '何书记', 'p.chairs': 'no', 'p.establishedOn': '2030-01-01',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'p.establishedOn')).toMatch(/不能晚于今天/);
    expect(bad.html).toContain('value="何书记"');
    const read = await auditor.get(`/console/committees/${committeeId}`);
    expect(textOf(read.html)).toContain('中共沙面社区委员会');
    expect(read.html).not.toContain('保存社区党组织');
  });
});

describe('服务单位页面：行业认证', () => {
  it('shows 未认证, records a certificate, shows it expiring within 60 days by the clock, and a renewal makes it valid', async () => {
    expect(textOf((await admin.get(`/console/services/units/${unitId}`)).html)).toContain('行业认证： 未认证');
    const recorded = await admin.follow(await admin.post(`/console/services/units/${unitId}/certifications`, {
      certifyingBody: '广州市民政局', certificateNumber: '穗民认〔2025〕018号', certifiedOn: '2025-03-10', expiresOn: '2027-03-09',
    }));
    const text = textOf(recorded.html);
    expect(text).toContain('已登记认证证书 穗民认〔2025〕018号');
    expect(text).toContain('行业认证： 认证有效');
    h.clock.set(new Date('2027-01-10T02:00:00Z'));
    expect(textOf((await admin.get(`/console/services/units/${unitId}`)).html)).toMatch(/行业认证： 认证即将到期（60日内） .*有效期至 2027-03-09（还有 58 天）/);
    const bad = await admin.post(`/console/services/units/${unitId}/certifications`, { certifyingBody: '广州市民政局', certificateNumber: 'X-1', certifiedOn: '2027-01-05', expiresOn: '2026-11-01' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'expiresOn')).toBe('有效期至应晚于认证日期');
    const renewed = await admin.follow(await admin.post(`/console/services/units/${unitId}/certifications`, {
      certifyingBody: '广州市民政局', certificateNumber: '穗民认〔2026〕077号', certifiedOn: '2027-01-08', expiresOn: '2029-01-07',
    }));
    expect(textOf(renewed.html)).toMatch(/行业认证： 认证有效 .*认证记录 .*穗民认〔2026〕077号 .*穗民认〔2025〕018号/);
    expect(renewed.html).not.toContain('expiring');
    h.clock.set(new Date('2026-11-25T02:00:00Z'));
  });

  it('a certification reminder in the inbox links to the service unit’s page', () => {
    expect(consoleLinkFor(`/v1/service-units/${unitId}`)).toBe(`/console/services/units/${unitId}`);
  });

  it('an auditor reads the certification but has no form', async () => {
    const page = await auditor.get(`/console/services/units/${unitId}`);
    expect(textOf(page.html)).toContain('穗民认〔2026〕077号');
    expect(page.html).not.toContain('保存认证');
  });
});

describe('社区页面：城中村待解决问题', () => {
  it('offers 计划生育, 公共设施覆盖 and 居委会选举 and shows them by label', async () => {
    const form = await street.get(`/console/communities/${COMMUNITY}/edit`);
    for (const label of ['计划生育', '公共设施覆盖', '居委会选举']) expect(textOf(form.html)).toContain(label);
    const saved = await street.follow(await street.post(`/console/communities/${COMMUNITY}/edit`, {
      households: '1800', urbanVillagePilot: 'on', 'issue.family_planning': 'on', 'issue.public_facilities': 'on', 'issue.committee_election': 'on',
    }));
    expect(textOf(saved.html)).toContain('待解决：计划生育、公共设施覆盖、居委会选举');
  });
});

describe('报告页面：主送与抄送', () => {
  it('the city’s report and the province’s view of the submitted version name 主送 省委、省政府 and 抄送 省民政厅', async () => {
    const provinceToken = await h.provinceToken();
    const template = await ok<{ id: string }>(h, provinceToken, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-20', dueOn: '2026-12-15', closesOn: '2027-01-31' }] });
    const report = await ok<{ id: string }>(h, adminToken, 'POST', '/v1/reports', { templateId: template.id, period: 'once' });
    expect(textOf((await admin.get(`/console/reports/${report.id}`)).html)).toContain('主送：省委、省政府；抄送：省民政厅');
    await ok(h, adminToken, 'PATCH', `/v1/reports/${report.id}`, { manual: { demonstration_committees: 0, funding_10k_yuan: 80 }, narrative: '本市城市基层管理体制改革已全面完成，现将有关情况报告如下。' });
    const submitted = await ok<{ history: { id: string }[] }>(h, adminToken, 'POST', `/v1/reports/${report.id}/submit`);
    const seen = await h.browser(provinceToken).get(`/console/province/reports/${submitted.history[0]!.id}`);
    expect(seen.status).toBe(200);
    expect(textOf(seen.html)).toContain('主送：省委、省政府；抄送：省民政厅');
  });
});
