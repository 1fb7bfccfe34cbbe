import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { reportQueue } from '../support/reporting.js';

type Json = Record<string, any>;

let h: Harness;
let province: string;
let admin: string;
let shamianStreet: string;
let shamian: string;
let shitanStreet: string;
let otherCityAdmin: string;
const ids: Record<string, string> = {};

const call = async (token: string, method: string, path: string, json?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown): Promise<Json> => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const paths = (body: Json) => (body.errors as { path: string }[]).map((e) => e.path);

const health = { department: '市卫生健康委员会', title: '协助开展家庭医生签约服务宣传', basis: '《关于推进家庭医生签约服务的指导意见》', startsOn: '2026-07-01' };

beforeAll(async () => {
  h = await createHarness();
  h.clock.set(new Date('2027-01-10T10:00:00+08:00'));
  province = await h.provinceToken();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken('4401');
  otherCityAdmin = await h.cityToken('4403');
  shamianStreet = await h.cityToken('4401', 'street_officer', '440103001');
  shamian = await h.cityToken('4401', 'committee_member', '440103001001');
  shitanStreet = await h.cityToken('4401', 'street_officer', '440118100');
  const csv = readFileSync('test/fixtures/divisions-4401.csv', 'utf8');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: csv, contentType: 'text/csv' })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('the register of duties transferred to communities (社区工作事项准入清单)', () => {
  it('registers a duty with its funds per community and the granting document; units by name, amounts in yuan from integer fen', async () => {
    const duty = await ok(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001', '440103002001'], fundingBasis: 'per_community', fundsYuan: '12000', fundingDocument: '穗财社〔2026〕12号' });
    ids.health = duty.id;
    expect(duty).toMatchObject({
      fundingBasis: 'per_community', fundingBasisLabel: '每个社区每年', fundsYuan: '12000.00', fundingDocument: '穗财社〔2026〕12号', status: 'active', statusLabel: '执行中',
      appliesTo: [{ code: '440103001', name: '沙面街道' }, { code: '440103002001', name: '和平社区居委会' }],
    });
    const total = await ok(admin, 'POST', '/v1/duties', { department: '市民政局', title: '困难群众走访排查', basis: '《社会救助暂行办法》', appliesTo: ['440104001001', '440118100'], startsOn: '2026-09-01', fundingBasis: 'total', fundsYuan: '30000.50', fundingDocument: '穗民〔2026〕3号' });
    expect(total.fundsYuan).toBe('30000.50');
    ids.total = total.id;
    const unfunded = await ok(admin, 'POST', '/v1/duties', { department: '市卫生健康委员会', title: '辖区爱国卫生运动巡查', basis: '《爱国卫生工作条例》', appliesTo: ['440103002'], startsOn: '2026-10-01', fundingBasis: 'none' });
    expect(unfunded).toMatchObject({ fundingBasisLabel: '无经费', fundsYuan: null, fundingDocument: null });
    ids.unfunded = unfunded.id;
  });

  it('names every field a funded duty lacks, in Chinese; a duty without funds takes no amount; an amount is yuan with at most two decimals', async () => {
    const missing = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001'], fundingBasis: 'total' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toMatchObject([
      { path: 'body.fundsYuan', code: 'duty_funds_required', message: '经费方式为“合计每年”时须填写大于零的金额（元）' },
      { path: 'body.fundingDocument', code: 'duty_document_required', message: '经费方式为“合计每年”时须填写拨付经费的文号' },
    ]);
    const none = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001'], fundingBasis: 'none', fundsYuan: '100' });
    expect(none.body.errors).toMatchObject([{ path: 'body.fundsYuan', message: '无经费的事项不填写金额' }]);
    const float = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001'], fundingBasis: 'total', fundsYuan: '12.345', fundingDocument: '穗财〔2026〕1号' });
    expect(float.status).toBe(400);
    expect(float.body.errors).toMatchObject([{ path: 'body.fundsYuan', code: 'duty_amount_format' }]);
    expect(float.body.errors[0].message).toMatch(/元/);
  });

  it('applies only to streets and communities of this city in force today, each once and none inside another', async () => {
    const elsewhere = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001', '440303001'], fundingBasis: 'none' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toMatchObject([{ path: 'body.appliesTo.1', code: 'duty_unit_not_in_force', message: '440303001 不是今日现行的街道（镇）或社区（村）' }]);
    const nested = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001', '440103001001', '440103001'], fundingBasis: 'none' });
    expect(paths(nested.body)).toEqual(['body.appliesTo.1', 'body.appliesTo.2']);
    const district = await call(admin, 'POST', '/v1/duties', { ...health, appliesTo: ['440103'], fundingBasis: 'none' });
    expect(paths(district.body)).toEqual(['body.appliesTo.0']);
  });

  it('is kept by the city: a street officer neither registers nor edits a duty (403)', async () => {
    expect((await call(shamianStreet, 'POST', '/v1/duties', { ...health, appliesTo: ['440103001'], fundingBasis: 'none' })).status).toBe(403);
    expect((await call(shamianStreet, 'PATCH', `/v1/duties/${ids.health}`, { title: '改名' })).status).toBe(403);
  });

  it('is read by a street or community for its own units only', async () => {
    const street = await ok(shamianStreet, 'GET', '/v1/duties');
    expect(street.items.map((d: Json) => d.id)).toEqual([ids.health]);
    expect((await ok(shamian, 'GET', `/v1/duties/${ids.health}`)).title).toBe(health.title);
    expect((await call(shitanStreet, 'GET', `/v1/duties/${ids.health}`)).status).toBe(404);
    expect((await ok(shitanStreet, 'GET', '/v1/duties')).items.map((d: Json) => d.id)).toEqual([ids.total]);
    expect((await call(otherCityAdmin, 'GET', `/v1/duties/${ids.health}`)).status).toBe(404);
  });

  it('is edited and ended by the city; an ended duty is not changed again (409)', async () => {
    const edited = await ok(admin, 'PATCH', `/v1/duties/${ids.total}`, { fundsYuan: '30000' });
    expect(edited).toMatchObject({ fundsYuan: '30000.00', fundingDocument: '穗民〔2026〕3号' });
    const early = await call(admin, 'POST', `/v1/duties/${ids.total}/end`, { endedOn: '2026-08-01' });
    expect(paths(early.body)).toEqual(['body.endedOn']);
    const extra = await ok(admin, 'POST', '/v1/duties', { department: '市城市管理局', title: '垃圾分类督导', basis: '《广州市生活垃圾分类管理条例》', appliesTo: ['440103001001'], startsOn: '2026-01-01', fundingBasis: 'total', fundsYuan: '5000', fundingDocument: '穗城管〔2026〕8号' });
    const ended = await ok(admin, 'POST', `/v1/duties/${extra.id}/end`, { endedOn: '2026-12-31', reason: '职能收回' });
    expect(ended).toMatchObject({ status: 'ended', statusLabel: '已终止', endedOn: '2026-12-31' });
    expect((await call(admin, 'POST', `/v1/duties/${extra.id}/end`, { endedOn: '2027-01-01' })).status).toBe(409);
    expect((await call(admin, 'PATCH', `/v1/duties/${extra.id}`, { title: '再改' })).status).toBe(409);
  });
});

describe('unregistered demands (未经准入的工作事项)', () => {
  it('a street logs a demand for its own units only; a community for itself', async () => {
    const logged = await ok(shamianStreet, 'POST', '/v1/unregistered-demands', { department: '区市场监督管理局', request: '要求社区每周上报辖区餐饮店巡查台账', demandedOn: '2027-01-05', unitCode: '440103001001' });
    expect(logged).toMatchObject({ unitName: '沙面社区居委会', department: '区市场监督管理局' });
    const other = await call(shamianStreet, 'POST', '/v1/unregistered-demands', { department: '区市场监督管理局', request: '要求社区上报台账', demandedOn: '2027-01-05', unitCode: '440103002001' });
    expect(other.status).toBe(403);
    expect(other.body.errors).toMatchObject([{ path: 'body.unitCode', code: 'demand_unit_out_of_scope' }]);
    await ok(shamian, 'POST', '/v1/unregistered-demands', { department: '市卫生健康委员会', request: '要求社区入户登记疫苗接种情况', demandedOn: '2027-01-08', unitCode: '440103001001' });
    const future = await call(shamian, 'POST', '/v1/unregistered-demands', { department: '市卫生健康委员会', request: '提前登记', demandedOn: '2027-02-01', unitCode: '440103001001' });
    expect(future.body.errors).toMatchObject([{ path: 'body.demandedOn', code: 'demand_date_in_future' }]);
    expect((await call(shitanStreet, 'GET', '/v1/unregistered-demands')).body.total).toBe(0);
  });

  it('the city lists demands and duties without funds by department', async () => {
    const demands = await ok(admin, 'GET', `/v1/unregistered-demands?department=${encodeURIComponent('区市场监督管理局')}`);
    expect(demands.items.map((d: Json) => d.request)).toEqual(['要求社区每周上报辖区餐饮店巡查台账']);
    const unfunded = await ok(admin, 'GET', '/v1/duties?funded=no');
    expect(unfunded.items.map((d: Json) => [d.id, d.fundingBasisLabel])).toEqual([[ids.unfunded, '无经费']]);
    const departments = await ok(admin, 'GET', '/v1/duties/departments');
    expect(departments.items).toEqual([
      { department: '区市场监督管理局', duties: 0, dutiesWithoutFunds: 0, unregisteredDemands: 1 },
      { department: '市卫生健康委员会', duties: 2, dutiesWithoutFunds: 1, unregisteredDemands: 1 },
      { department: '市民政局', duties: 1, dutiesWithoutFunds: 0, unregisteredDemands: 0 },
    ]);
  });
});

describe('the register’s figures in the city report and the province’s comparison', () => {
  it('counts duties once for the city, funds per residents’ committee in yuan, demands in the period; the province compares them with labels and units', async () => {
    const template = await ok(province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2027-01-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }] });
    const report = await ok(admin, 'POST', '/v1/reports', { templateId: template.id, period: 'once' });
    const value = (code: string) => report.figures[code].value;
    // 12000 × 2 communities + 30000 shared over 流花 and 石滩; five residents' committees in force; the ended duty no longer counts
    expect([value('duties_registered'), value('duties_funded'), value('duty_funds_per_community'), value('unregistered_demands')]).toEqual([3, 2, 10800, 2]);
    expect(report.districtFigures.duties_registered).toEqual({ '440103': 2, '440104': 1, '440118': 1 });
    expect(report.districtFigures.duty_funds_per_community).toEqual({ '440103': 8000, '440104': 15000, '440118': 15000 });
    expect(report.figures.duty_funds_per_community.basis.zh).toMatch(/社区居委会数/);
    await ok(admin, 'PATCH', `/v1/reports/${report.id}`, { manual: { demonstration_committees: 1, funding_10k_yuan: 10 }, narrative: '本市社区工作事项准入与费随事转情况如下, 各项数据来源于本市台账, 请审阅。' });
    await ok(admin, 'POST', `/v1/reports/${report.id}/submit`);
    await reportQueue(h).drain();
    const aggregates = (await ok(province, 'GET', `/v1/province/aggregates?template=${template.id}&period=once`)).items as Json[];
    const item = (code: string) => aggregates.find((i) => i.indicator === code)!;
    expect(item('duties_registered')).toMatchObject({ label: '在册社区工作事项', unit: '项', value: 3, perCity: { '4401': 3 } });
    expect(item('duty_funds_per_community')).toMatchObject({ label: '平均每个社区转移的年度工作经费', unit: '元', aggregation: 'avg', value: 10800, perCity: { '4401': 10800 } });
    expect(item('unregistered_demands')).toMatchObject({ label: '未经准入的工作事项', unit: '件', value: 2 });
  });
});
