import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: Browser;
let shamian: Browser;
let auditorA: Browser;
let adminB: Browser;
let adminToken: string;
const COMMUNITY = '440103001001';
const STREET = '440103001';
const ids: { facility?: string; unit?: string; volunteer?: string; organisation?: string } = {};
const idIn = (location: string | null, path: string) => new RegExp(`${path}/([0-9a-f-]{36})`).exec(location ?? '')?.[1];

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  adminToken = await h.cityToken('4401');
  const b = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminToken, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: b, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  adminA = h.browser(adminToken);
  shamian = h.browser(await h.cityToken('4401', 'committee_member', COMMUNITY));
  auditorA = h.browser(await h.cityToken('4401', 'auditor'));
  adminB = h.browser(b);
});

afterAll(async () => {
  await h?.close();
});

describe('设施', () => {
  it('registers a facility from the form and lists it under its unit and kind', async () => {
    const list = await shamian.get('/console/services/facilities');
    expect(list.status).toBe(200);
    expect(list.html).toContain('该范围内尚未登记设施');
    expect(list.html).toContain(`value="${COMMUNITY}"`);
    const created = await shamian.post('/console/services/facilities', { unitCode: COMMUNITY, kind: 'service_centre', name: '沙面社区服务中心', areaM2: '1,320.5', address: '沙面北街45号', openingHours: '周一至周日 08:30-21:00', contact: '', openedBy: '' });
    ids.facility = idIn(created.location, '/console/services/facilities');
    const detail = await shamian.follow(created);
    expect(textOf(detail.html)).toContain('已登记设施“沙面社区服务中心”');
    expect(textOf(detail.html)).toContain('1,320.5 ㎡');
    const filtered = await adminA.get(`/console/services/facilities?unit=${STREET}&kind=service_centre`);
    expect(textOf(filtered.html)).toMatch(/设施名录 .*沙面社区服务中心 社区服务中心 沙面社区居委会 .*共 1 条/);
    expect(textOf(filtered.html)).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    const other = await adminA.get(`/console/services/facilities?unit=${STREET}&kind=hotline`);
    expect(textOf(other.html)).toContain('没有符合条件的设施');
  });

  it('puts the API’s refusal beside the field in Chinese and keeps what was typed', async () => {
    const bad = await shamian.post('/console/services/facilities', { unitCode: COMMUNITY, kind: 'green_space', name: '沙面小绿地', areaM2: '', address: '', openingHours: '全天', contact: '', openedBy: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'address')).toBe('小绿地须填写地址');
    expect(bad.html).toContain('value="沙面小绿地"');
    expect(bad.html).toContain('value="全天"');
    const remote = await adminA.post('/console/services/facilities', { unitCode: STREET, kind: 'hotline', name: '沙面街道服务热线', areaM2: '12', address: '', openingHours: '', contact: '', openedBy: '' });
    expect(fieldError(remote.html, 'contact')).toBe('社区服务热线电话须填写电话或网址');
    expect(fieldError(remote.html, 'areaM2')).toBe('社区服务热线电话没有建筑面积');
    const outside = await shamian.post('/console/services/facilities', { unitCode: '440104001001', kind: 'small_square', name: '流花小广场', address: '流花路1号' });
    expect(outside.status).toBe(404);
    expect(fieldError(outside.html, 'unitCode')).toBe('不在您的管辖范围内');
  });

  it('edits a facility (PATCH) and shows the new values', async () => {
    const saved = await shamian.follow(await shamian.post(`/console/services/facilities/${ids.facility}`, { name: '沙面社区综合服务中心', areaM2: '', address: '沙面北街47号', openingHours: '周一至周六 09:00-20:00', contact: '020-81230000', openedBy: '' }));
    expect(saved.html).toContain('设施信息已保存');
    const f = await ok(h, adminToken, 'GET', `/v1/facilities/${ids.facility}`);
    expect(f).toMatchObject({ name: '沙面社区综合服务中心', areaM2: null, address: '沙面北街47号', contact: '020-81230000' });
    const bad = await shamian.post(`/console/services/facilities/${ids.facility}`, { name: '沙', areaM2: '10.123', address: '', openingHours: '', contact: '', openedBy: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'name')).toBe('至少 2 个字符');
    expect(fieldError(bad.html, 'areaM2')).toBe('最多保留两位小数');
    expect(bad.html).toContain('value="10.123"');
  });
});

describe('服务单位', () => {
  it('registers a unit and shows the registration authority the API computed, with its reason', async () => {
    const created = await shamian.post('/console/services/units', {
      unitCode: COMMUNITY, name: '沙面长者服务站', services: '日间照料\n居家养老', 'targets.elderly': 'on', 'targets.disabled': 'on',
      funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: '2,000,000', totalAssetsYuan: '3000000',
    });
    ids.unit = idIn(created.location, '/console/services/units');
    const detail = await shamian.follow(created);
    const text = textOf(detail.html);
    expect(text).toContain('已登记“沙面长者服务站”：民政部门登记(民办非企业单位)');
    expect(text).toContain('依据：非营利性且非国有资产份额不低于总财产三分之二，由民政部门进行民办非企业单位登记管理');
    expect(text).toContain('服务对象 老年人、残疾人');
    expect(text).toContain('2,000,000 元 / 3,000,000 元');
    const list = await adminA.get('/console/services/units');
    expect(textOf(list.html)).toMatch(/沙面长者服务站 日间照料、居家养老 沙面社区居委会 老年人、残疾人 民政部门登记\(民办非企业单位\)/);
  });

  it('shows asset and target problems beside their fields and keeps the form', async () => {
    const bad = await shamian.post('/console/services/units', { unitCode: COMMUNITY, name: '坏数据服务社', services: '家政', funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: '10', totalAssetsYuan: '5' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'targets')).toBe('至少填写 1 项');
    const assets = await shamian.post('/console/services/units', { unitCode: COMMUNITY, name: '坏数据服务社', services: '家政', 'targets.women': 'on', funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: '10', totalAssetsYuan: '5' });
    expect(fieldError(assets.html, 'nonStateAssetsYuan')).toBe('非国有资产不能超过资产总额');
    expect(assets.html).toContain('value="坏数据服务社"');
    expect(assets.html).toMatch(/name="targets.women" checked/);
    expect((await ok<{ items: unknown[] }>(h, adminToken, 'GET', '/v1/service-units')).items).toHaveLength(1);
  });

  it('edits a unit and the authority is recomputed (for-profit → 工商部门)', async () => {
    const saved = await shamian.follow(await shamian.post(`/console/services/units/${ids.unit}`, {
      name: '沙面长者服务站', services: '日间照料', 'targets.elderly': 'on', funding: 'non_state', profitStatus: 'for_profit', nonStateAssetsYuan: '2000000', totalAssetsYuan: '3000000',
    }));
    expect(textOf(saved.html)).toContain('已保存。登记管理：工商部门登记。');
    expect(textOf(saved.html)).toContain('依据：属营利性的社区服务单位由工商部门进行登记管理');
    expect(await ok(h, adminToken, 'GET', `/v1/service-units/${ids.unit}`)).toMatchObject({ registrationAuthority: 'industry_commerce', services: ['日间照料'], targets: ['elderly'] });
  });
});

describe('志愿者与劳动储蓄', () => {
  it('registers an organisation and a volunteer with a 社区服务登记卡, phone masked', async () => {
    const org = await shamian.follow(await shamian.post('/console/services/organisations', { unitCode: COMMUNITY, name: '沙面志愿服务队', foundedOn: '2026-03-05' }));
    expect(textOf(org.html)).toContain('已登记志愿者组织“沙面志愿服务队”');
    expect(textOf(org.html)).toMatch(/沙面志愿服务队 沙面社区居委会 2026-03-05 0 人/);
    ids.organisation = (await ok<{ items: { id: string }[] }>(h, adminToken, 'GET', '/v1/volunteer-organisations')).items[0]!.id;
    const form = await shamian.get('/console/services/volunteers');
    expect(form.html).toContain(`<option value="${ids.organisation}">沙面志愿服务队（沙面社区居委会）</option>`);
    const created = await shamian.post('/console/services/volunteers', { cardNumber: 'SM-2026-0001', name: '陈静', phone: '138 1234 1234', communityCode: COMMUNITY, organisationId: ids.organisation, registeredOn: '2026-11-20' });
    ids.volunteer = idIn(created.location, '/console/services/volunteers');
    const page = await shamian.follow(created);
    expect(textOf(page.html)).toContain('社区服务登记卡 SM-2026-0001 社区 沙面社区居委会 电话 138****1234');
    expect(textOf(page.html)).toContain('志愿者组织：沙面志愿服务队');
    const list = await adminA.get('/console/services/volunteers');
    expect(textOf(list.html)).toContain('SM-2026-0001 陈静 138****1234 沙面社区居委会 沙面志愿服务队 0 小时');
    for (const html of [page.html, list.html]) expect(html).not.toContain('1234 1234');
    expect(list.html).not.toContain('13812341234');
    const byCard = await adminA.get('/console/services/volunteers?card=SM-2026-0001');
    expect(textOf(byCard.html)).toMatch(/登记卡号 SM-2026-0001 的志愿者 .*共 1 条/);
  });

  it('refuses a card already issued and a bad phone, beside the fields', async () => {
    const dup = await shamian.post('/console/services/volunteers', { cardNumber: 'SM-2026-0001', name: '李华', phone: '12345', communityCode: COMMUNITY, organisationId: '', registeredOn: '' });
    expect(dup.status).toBe(400);
    expect(fieldError(dup.html, 'phone')).toBe('手机号为 11 位（13x–19x），座机须带区号，例如 020-12345678');
    expect(dup.html).toContain('value="李华"');
    const again = await shamian.post('/console/services/volunteers', { cardNumber: 'SM-2026-0001', name: '李华', phone: '', communityCode: COMMUNITY, organisationId: '', registeredOn: '' });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'cardNumber')).toBe('本市已发放过此证号');
  });

  it('banks and draws hours, and shows the refusal to overdraw beside the minutes', async () => {
    const entry = { communityCode: COMMUNITY, service: '陪伴独居老人就医', serviceDate: '2026-11-20', correctsEntryId: '' };
    const banked = await shamian.follow(await shamian.post(`/console/services/volunteers/${ids.volunteer}/ledger`, { kind: 'deposit', minutes: '150', ...entry }));
    expect(textOf(banked.html)).toContain('已存入 150 分钟，余额 2.5 小时');
    const drawn = await shamian.follow(await shamian.post(`/console/services/volunteers/${ids.volunteer}/ledger`, { kind: 'draw', minutes: '60', ...entry, service: '上门理发' }));
    const text = textOf(drawn.html);
    expect(text).toContain('已存入 2.5 小时 已支取 1 小时 余额 1.5 小时');
    expect(text).toMatch(/2026-11-20 支取 上门理发 -60/);
    const over = await shamian.post(`/console/services/volunteers/${ids.volunteer}/ledger`, { kind: 'draw', minutes: '300', ...entry, service: '家政服务' });
    expect(over.status).toBe(422);
    expect(textOf(over.html)).toContain('劳动储蓄时数不足');
    expect(fieldError(over.html, 'minutes')).toBe('超出劳动储蓄余额：当前余额 90 分钟（1.5 小时），不能支取 300 分钟');
    expect(over.html).toContain('value="300"');
    expect(over.html).toContain('value="家政服务"');
    expect(await ok(h, adminToken, 'GET', `/v1/volunteers/${ids.volunteer}/ledger`)).toMatchObject({ balanceMinutes: 90 });
  });

  it('shows the figures for the user’s unit with Chinese labels', async () => {
    const page = await adminA.get('/console/services');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('志愿者组织 1 个');
    expect(text).toContain('登记志愿者 1 人');
    expect(text).toContain('已存入时数 2.5 小时 已支取时数 1 小时 储蓄余额 1.5 小时');
    expect(text).toContain('社区服务中心 1');
    expect(text).toContain('工商部门登记 1');
    expect(text).toContain('老年人 1');
    const elsewhere = await adminA.get('/console/services?unit=440104');
    expect(textOf(elsewhere.html)).toContain('登记志愿者 0 人');
    const wrong = await adminA.get('/console/services?unit=44x');
    expect(wrong.status).toBe(200);
    expect(fieldError(wrong.html, 'unit')).toBeTruthy();
  });
});

describe('只读角色与租户隔离', () => {
  it('an auditor sees the data but no write form, and the API refuses a forged POST', async () => {
    for (const path of ['/console/services/facilities', '/console/services/units', '/console/services/organisations', '/console/services/volunteers', `/console/services/facilities/${ids.facility}`, `/console/services/units/${ids.unit}`, `/console/services/volunteers/${ids.volunteer}`]) {
      const page = await auditorA.get(path);
      expect(page.status, path).toBe(200);
      expect(page.html, path).not.toMatch(/<form[^>]*method="post"[^>]*action="\/console\/services/);
    }
    expect(textOf((await auditorA.get(`/console/services/volunteers/${ids.volunteer}`)).html)).toContain('余额 1.5 小时');
    const forged = await auditorA.post(`/console/services/volunteers/${ids.volunteer}/ledger`, { kind: 'deposit', minutes: '600', communityCode: COMMUNITY, service: '伪造记录', serviceDate: '2026-11-20' });
    expect(forged.status).toBe(403);
    expect(await ok(h, adminToken, 'GET', `/v1/volunteers/${ids.volunteer}/ledger`)).toMatchObject({ balanceMinutes: 90 });
  });

  it('city B gets the not-found page on city A’s records and cannot change them', async () => {
    for (const path of [`/console/services/facilities/${ids.facility}`, `/console/services/units/${ids.unit}`, `/console/services/volunteers/${ids.volunteer}`]) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(404);
      expect(textOf(page.html), path).toContain('未找到');
    }
    const lists = await adminB.get('/console/services/volunteers');
    expect(textOf(lists.html)).toContain('该范围内尚未登记志愿者');
    expect(lists.html).not.toContain('陈静');
    expect(textOf((await adminB.get('/console/services/volunteers?card=SM-2026-0001')).html)).toContain('本市没有该登记卡号的志愿者');
    const facility = await adminB.post(`/console/services/facilities/${ids.facility}`, { name: '深圳改名', areaM2: '', address: '深南大道1号', openingHours: '', contact: '', openedBy: '' });
    expect(facility.status).toBe(404);
    const unit = await adminB.post(`/console/services/units/${ids.unit}`, { name: '深圳改名', services: '家政', 'targets.youth': 'on', funding: 'government', profitStatus: 'non_profit', nonStateAssetsYuan: '0', totalAssetsYuan: '1' });
    expect(unit.status).toBe(404);
    for (const communityCode of ['440303001001', COMMUNITY]) {
      const draw = await adminB.post(`/console/services/volunteers/${ids.volunteer}/ledger`, { kind: 'draw', minutes: '90', communityCode, service: '跨市支取', serviceDate: '2026-11-20' });
      expect(draw.status).toBe(404);
    }
    expect(await ok(h, adminToken, 'GET', `/v1/facilities/${ids.facility}`)).toMatchObject({ name: '沙面社区综合服务中心' });
    expect(await ok(h, adminToken, 'GET', `/v1/service-units/${ids.unit}`)).toMatchObject({ name: '沙面长者服务站', funding: 'non_state' });
    expect(await ok(h, adminToken, 'GET', `/v1/volunteers/${ids.volunteer}/ledger`)).toMatchObject({ balanceMinutes: 90 });
  });
});
