import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportQueue } from '../support/reporting.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
let shamianStreet: Browser;
let adminToken: string;
let dutyId: string | undefined;
const idIn = (location: string | null) => /\/console\/duties\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];
const duty = { department: '市卫生健康委员会', title: '协助开展家庭医生签约服务宣传', basis: '《关于推进家庭医生签约服务的指导意见》', startsOn: '2026-07-01' };

beforeAll(async () => {
  h = await createConsoleHarness();
  h.clock.set(new Date('2027-01-10T10:00:00+08:00'));
  await h.onboard('4401', '广州市');
  const token = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  adminToken = token;
  admin = h.browser(token);
  shamianStreet = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
});

afterAll(async () => {
  await h?.close();
});

describe('费随事转 in the console', () => {
  it('the city registers a duty with its funds from the form; units and funding are shown by name and label', async () => {
    const list = await admin.get('/console/duties');
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain('清单中尚无工作事项');
    expect(list.html).toContain('href="/console/duties"');
    const created = await admin.post('/console/duties', { ...duty, 'appliesTo.0': '', 'appliesTo.1': '440103001', 'appliesTo.2': '440103002001', fundingBasis: 'per_community', fundsYuan: '12,000', fundingDocument: '穗财社〔2026〕12号' });
    dutyId = idIn(created.location);
    const detail = await admin.follow(created);
    const text = textOf(detail.html);
    expect(text).toContain('已登记工作事项“协助开展家庭医生签约服务宣传”');
    expect(text).toMatch(/适用单位 沙面街道 ?、 ?和平社区居委会 开始日期/);
    expect(text).toContain('12000.00 元（每个社区每年）');
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  });

  it('puts the API’s refusals beside the fields in Chinese, the applies-to slot included, and keeps what was typed', async () => {
    const bad = await admin.post('/console/duties', { ...duty, title: '社区安全巡查', 'appliesTo.0': '440303001', fundingBasis: 'none', fundsYuan: '', fundingDocument: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'appliesTo.0')).toBe('440303001 不是今日现行的街道（镇）或社区（村）');
    const funds = await admin.post('/console/duties', { ...duty, title: '社区安全巡查', 'appliesTo.0': '440103001', fundingBasis: 'total', fundsYuan: '', fundingDocument: '' });
    expect(fieldError(funds.html, 'fundsYuan')).toBe('经费方式为“合计每年”时须填写大于零的金额（元）');
    expect(fieldError(funds.html, 'fundingDocument')).toBe('经费方式为“合计每年”时须填写拨付经费的文号');
    expect(funds.html).toContain('value="社区安全巡查"');
  });

  it('lists the duties without funds as 无经费', async () => {
    await admin.post('/console/duties', { department: '市卫生健康委员会', title: '辖区爱国卫生运动巡查', basis: '《爱国卫生工作条例》', startsOn: '2026-10-01', 'appliesTo.0': '440103002', fundingBasis: 'none', fundsYuan: '', fundingDocument: '' });
    const unfunded = await admin.get('/console/duties?funded=no');
    expect(textOf(unfunded.html)).toMatch(/辖区爱国卫生运动巡查 岭南街道 2026-10-01 无经费/);
    expect(textOf(unfunded.html)).not.toContain('协助开展家庭医生签约服务宣传');
  });

  it('a street officer reads the register for its units, has no register form, and logs an unregistered demand', async () => {
    const register = await shamianStreet.get('/console/duties');
    expect(textOf(register.html)).toContain('协助开展家庭医生签约服务宣传');
    expect(textOf(register.html)).not.toContain('辖区爱国卫生运动巡查');
    expect(register.html).not.toContain('登记工作事项');
    const form = await shamianStreet.get('/console/duties/demands');
    expect(form.html).toContain('value="2027-01-10"');
    expect(form.html).toMatch(/<datalist id="departments"><option value="市卫生健康委员会"/);
    const outside = await shamianStreet.post('/console/duties/demands', { department: '区市场监督管理局', request: '要求社区上报台账', demandedOn: '2027-01-05', unitCode: '440103002001' });
    expect(outside.status).toBe(403);
    expect(fieldError(outside.html, 'unitCode')).toContain('只能为本单位及下级单位登记');
    const logged = await shamianStreet.follow(await shamianStreet.post('/console/duties/demands', { department: '区市场监督管理局', request: '要求社区每周上报辖区餐饮店巡查台账', demandedOn: '2027-01-05', unitCode: '440103001001' }));
    expect(textOf(logged.html)).toMatch(/区市场监督管理局 要求社区每周上报辖区餐饮店巡查台账 沙面社区居委会 2027-01-05/);
  });

  it('the city sees both by department, linked to the lists', async () => {
    const departments = await admin.get('/console/duties/departments');
    const text = textOf(departments.html);
    expect(text).toContain('区市场监督管理局 0 0 1');
    expect(text).toContain('市卫生健康委员会 2 1 0');
    expect(departments.html).toContain('/console/duties?department=');
  });

  it('ends a duty after a confirmation page, and then offers no more edits', async () => {
    const confirm = await admin.post(`/console/duties/${dutyId}/end`, { endedOn: '2026-12-31', reason: '职能收回' });
    expect(textOf(confirm.html)).toContain('以下内容确认后将不可更改');
    expect(textOf(confirm.html)).toContain('确认终止');
    const ended = await admin.follow(await admin.post(`/console/duties/${dutyId}/end`, { endedOn: '2026-12-31', reason: '职能收回', confirm: 'yes' }));
    expect(textOf(ended.html)).toContain('工作事项已于 2026-12-31 终止');
    expect(textOf(ended.html)).toContain('已终止');
    expect(ended.html).not.toContain('保存修改');
  });

  it('the province’s comparison shows the register’s figures by label and unit', async () => {
    const provinceToken = await h.provinceToken();
    // 5000 yuan a year to 沙面 among the five residents' committees in force (the funded duty above has ended)
    await ok(h, adminToken, 'POST', '/v1/duties', { department: '市城市管理局', title: '垃圾分类督导', basis: '《广州市生活垃圾分类管理条例》', appliesTo: ['440103001001'], startsOn: '2026-01-01', fundingBasis: 'total', fundsYuan: '5000', fundingDocument: '穗城管〔2026〕8号' });
    const template = await ok(h, provinceToken, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2027-01-01', dueOn: '2027-01-31', closesOn: '2027-02-28' }] });
    const report = await ok(h, adminToken, 'POST', '/v1/reports', { templateId: template.id, period: 'once' });
    await ok(h, adminToken, 'PATCH', `/v1/reports/${report.id}`, { manual: { demonstration_committees: 1, funding_10k_yuan: 10 }, narrative: '本市社区工作事项准入与费随事转情况如下, 各项数据来源于本市台账, 请审阅。' });
    await ok(h, adminToken, 'POST', `/v1/reports/${report.id}/submit`);
    await reportQueue(h).drain();
    const page = await h.browser(provinceToken).get(`/console/province?template=${template.id}&period=once&indicator=duty_funds_per_community`);
    const text = textOf(page.html);
    expect(text).toContain('平均每个社区转移的年度工作经费（元）');
    expect(text).toContain('未经准入的工作事项（件）');
    expect(text).toMatch(/全省平均： ?1,?000(\.00)? ?元/);
    expect(text).toContain('广州市');
  });
});
