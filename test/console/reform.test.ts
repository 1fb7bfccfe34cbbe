import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';
import { sql } from '../support/harness.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: string;
let adminB: string;
let cityA: Browser;
let cityB: Browser;
let province: Browser;
const ids: { inspection?: string; pilot?: string; spotCheck?: string; submission?: string } = {};

/** The value attribute of the input with this name, as the page re-rendered it. */
const valueOf = (html: string, name: string) => new RegExp(`name="${name.replace(/\./g, '\\.')}"[^>]*value="([^"]*)"`).exec(html)?.[1];

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  adminA = await h.cityToken('4401');
  adminB = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminA, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  const extra = [
    { code: '440104002', name: '北京街道' }, { code: '440104003', name: '人民街道' },
    { code: '440118001', name: '荔城街道' }, { code: '440118002', name: '增江街道' },
    { code: '440184', name: '从化市' }, { code: '440184100', name: '温泉镇' },
  ];
  expect((await h.request('POST', '/v1/divisions/import', { token: adminA, json: { rows: extra } })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: adminB, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  cityA = h.browser(adminA);
  cityB = h.browser(adminB);
  province = h.browser(await h.provinceToken());
});

afterAll(async () => {
  await h?.close();
});

describe('省：改革阶段与自查清单', () => {
  it('shows the phases with today’s phase; a wrong date sits beside its field in Chinese with the input kept', async () => {
    const view = await province.get('/console/province/reform');
    expect(view.status).toBe(200);
    expect(view.html).toMatch(/<tr aria-current="step"[^>]*><th scope="row">全面铺开阶段<\/th><td>2026-11-01<\/td><td>2027-06-30<\/td>/);
    const bad = await province.post('/console/province/reform/programme', {
      name: '城市基层管理体制改革',
      'phases.0.startsOn': '2026-03-01', 'phases.0.endsOn': '2026-10-31',
      'phases.1.startsOn': '2026-10-15', 'phases.1.endsOn': '2027-06-30',
      'phases.2.startsOn': '2027-10-01', 'phases.2.endsOn': '2027-10-31',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'phases.1.startsOn')).toBe('全面铺开阶段须在试点阶段结束（2026-10-31）之后开始');
    expect(valueOf(bad.html, 'phases.1.startsOn')).toBe('2026-10-15');
    expect(valueOf(bad.html, 'phases.0.startsOn')).toBe('2026-03-01');
    const saved = await province.follow(
      await province.post('/console/province/reform/programme', {
        name: '城市基层管理体制改革',
        'phases.0.startsOn': '2026-03-01', 'phases.0.endsOn': '2026-10-31',
        'phases.1.startsOn': '2026-11-01', 'phases.1.endsOn': '2027-06-30',
        'phases.2.startsOn': '2027-10-01', 'phases.2.endsOn': '2027-10-31',
      }),
    );
    expect(saved.html).toContain('改革阶段已保存');
    expect((await ok(h, adminA, 'GET', '/v1/reform/programme')).phases[0].startsOn).toBe('2026-03-01');
  });

  it('publishes the checklist from the form; a repeated code is named beside the row', async () => {
    const empty = await province.get('/console/province/reform/checklist');
    expect(empty.html).toContain('尚未发布自查清单');
    const dup = await province.post('/console/province/reform/checklist', {
      title: '检查验收清单', 'items.0.code': 'A1', 'items.0.title': '社区规模调整到位', 'items.1.code': '', 'items.1.title': '',
      'items.2.code': 'A1', 'items.2.title': '三项制度建立',
    });
    expect(dup.status).toBe(400);
    expect(fieldError(dup.html, 'items.2.code')).toBe('清单项代码 A1 重复');
    expect(valueOf(dup.html, 'items.2.title')).toBe('三项制度建立');
    const published = await province.follow(
      await province.post('/console/province/reform/checklist', {
        title: '检查验收清单', 'items.0.code': 'A1', 'items.0.title': '社区规模调整到位', 'items.1.code': 'A2', 'items.1.title': '三项制度建立', 'items.2.code': '', 'items.2.title': '',
      }),
    );
    expect(published.html).toContain('已发布第 1 版自查清单（2 项）');
    expect(textOf(published.html)).toContain('检查验收清单（第 1 版');
    expect((await ok(h, await h.provinceToken(), 'GET', '/v1/province/inspection-checklist')).items).toHaveLength(2);
  });

  it('shows an officer the spot-check form but not the programme or checklist forms; an auditor no form at all', async () => {
    const officer = h.browser(await h.provinceToken('province_officer'));
    expect((await officer.get('/console/province/reform')).html).not.toContain('action="/console/province/reform/programme"');
    expect((await officer.get('/console/province/reform/checklist')).html).not.toContain('<form class="stack card" method="post"');
    expect((await officer.get('/console/province/reform/spot-checks')).html).toContain('action="/console/province/reform/spot-checks"');
    const auditor = h.browser(await h.provinceToken('auditor'));
    for (const path of ['/console/province/reform', '/console/province/reform/checklist', '/console/province/reform/spot-checks']) {
      const seen = await auditor.get(path);
      expect(seen.status).toBe(200);
      expect(seen.html.match(/<form [^>]*method="post"/g)).toHaveLength(1); // only 退出登录
    }
  });

  it('is not for city users', async () => {
    expect((await cityA.get('/console/province/reform')).status).toBe(403);
  });
});

describe('市：改革阶段、试点与示范', () => {
  it('shows the phases with today’s phase highlighted, and the reform figures', async () => {
    const view = await cityA.get('/console/reform');
    expect(view.status).toBe(200);
    expect(view.html).toMatch(/<tr aria-current="step"[^>]*><th scope="row">全面铺开阶段<\/th>/);
    expect(textOf(view.html)).toContain('试点阶段 2026-03-01 2026-10-31 已结束');
    expect(textOf(view.html)).toContain('试点规则 未满足');
    expect(textOf(view.html)).toContain('示范居委会 0');
  });

  it('checks the pilot rules as a list of what is met and missing, in Chinese', async () => {
    const view = await cityA.get('/console/reform/pilots');
    const text = textOf(view.html);
    expect(text).toContain('✗ 未满足 地级以上市选择1个区作为改革试点 尚未选择试点区');
    expect(text).toContain('✗ 未满足 选择1个县(市)城镇作为改革试点 现选 0 个');
    expect(text).toContain('✗ 未满足 越秀区：没列入试点的区选择2—3个街道作为试点 越秀区现有 0 个试点街道');
    expect(text).not.toContain('✓ 已满足');
  });

  it('designates pilots from the form until the rules are met, and withdraws one', async () => {
    for (const unitCode of ['440103', '440184100', '440104001', '440104002', '440118001', '440118002']) {
      const done = await cityA.follow(await cityA.post('/console/reform/pilots', { unitCode, note: '' }));
      expect(done.html).toContain('已确定');
    }
    const met = await cityA.get('/console/reform/pilots');
    expect(textOf(met.html)).toContain('试点规则检查 全部满足');
    expect(textOf(met.html)).toContain('✓ 已满足 地级以上市选择1个区作为改革试点 已选：荔湾区（440103）');
    expect(textOf(met.html)).toContain('✓ 已满足 越秀区：没列入试点的区选择2—3个街道作为试点 已选 2 个');
    expect(textOf(met.html)).toContain('温泉镇 440184100 县(市)城镇试点');
    const pilots = (await ok<{ items: { id: string; unitCode: string }[] }>(h, adminA, 'GET', '/v1/reform/pilots')).items;
    ids.pilot = pilots.find((p) => p.unitCode === '440118002')!.id;
    const withdrawn = await cityA.follow(await cityA.post(`/console/reform/pilots/${ids.pilot}/withdraw`, {}));
    expect(withdrawn.html).toContain('已撤销该试点');
    expect(textOf(withdrawn.html)).toContain('✗ 未满足 增城区：没列入试点的区选择2—3个街道作为试点 增城区现有 1 个试点街道：荔城街道（440118001）');
    expect((await ok<{ items: unknown[] }>(h, adminA, 'GET', '/v1/reform/pilots')).items).toHaveLength(5);
    await cityA.post('/console/reform/pilots', { unitCode: '440118002' });
    ids.pilot = (await ok<{ items: { id: string; unitCode: string }[] }>(h, adminA, 'GET', '/v1/reform/pilots')).items.find((p) => p.unitCode === '440118002')!.id;
  });

  it('says why a designation no longer counts, in Chinese from the API’s reason code', async () => {
    const id = '019ab3c2-7d1e-7a10-9c55-2f0e8b6a4d98';
    await h.asOwner(sql`insert into reform_pilots (id, tenant_id, unit_code, designated_on, created_by, created_at) values (${id}, '4401', '440184', '2026-11-01', 'test', now())`);
    const page = textOf((await cityA.get('/console/reform/pilots')).html);
    expect(page).toContain('✗ 未满足 试点单位须为区、街道或镇 从化市（440184）不能作为试点：县或县级市本身不作为试点，请选择它的1个城镇（1个县(市)城镇）');
    expect(page).not.toMatch(/cannot be a pilot|county-level/);
    await h.asOwner(sql`delete from reform_pilots where id = ${id}`);
    expect(textOf((await cityA.get('/console/reform/pilots')).html)).toContain('试点规则检查 全部满足');
  });

  it('puts the API’s refusal of a unit beside the code field, in Chinese, keeping what was typed', async () => {
    const county = await cityA.post('/console/reform/pilots', { unitCode: '440184', note: '从化整体' });
    expect(county.status).toBe(400);
    expect(fieldError(county.html, 'unitCode')).toBe('县或县级市本身不作为试点，请选择它的1个城镇（1个县(市)城镇）');
    // the picker keeps the choice: the county stays selected (shown by name) beside its error
    expect(county.html).toMatch(/<option value="440184" selected="">/);
    expect(county.html).toContain('从化整体</textarea>');
    const short = await cityA.post('/console/reform/pilots', { unitCode: '4401031' });
    expect(fieldError(short.html, 'unitCode')).toBe('应为区（县）代码（6 位数字）或街道（镇）代码（9 位数字）');
    expect((await ok<{ items: unknown[] }>(h, adminA, 'GET', '/v1/reform/pilots')).items).toHaveLength(6);
  });

  it('lets a district officer name only its own streets: the city’s pilots carry no withdraw button for it', async () => {
    const yuexiu = h.browser(await h.cityToken('4401', 'district_officer', '440104'));
    const view = await yuexiu.get('/console/reform/pilots');
    expect(view.html).toContain('action="/console/reform/pilots"');
    expect(view.html).not.toContain(`/console/reform/pilots/${ids.pilot}/withdraw`);
    expect(textOf(view.html)).not.toContain('满足 地级以上市选择 1 个区');
    expect(textOf(view.html)).toContain('检查范围：越秀区（440104）');
    const done = await yuexiu.follow(await yuexiu.post('/console/reform/pilots', { unitCode: '440104003' }));
    expect(textOf(done.html)).toContain('已确定 人民街道 为未列入试点的区选择的试点街道');
  });

  it('records a demonstration unit; a future date is refused beside the date', async () => {
    const future = await cityA.post('/console/reform/demonstrations', { level: 'committee', unitCode: '440103001001', designatedOn: '2027-01-01', designatedBy: '广东省民政厅', documentNumber: '粤民发〔2027〕1号' });
    expect(future.status).toBe(400);
    expect(fieldError(future.html, 'designatedOn')).toBe('应不晚于 2026-11-25');
    expect(valueOf(future.html, 'documentNumber')).toBe('粤民发〔2027〕1号');
    const wrongLevel = await cityA.post('/console/reform/demonstrations', { level: 'district', unitCode: '440103001', designatedOn: '2026-11-01', designatedBy: '广东省民政厅' });
    expect(fieldError(wrongLevel.html, 'unitCode')).toBe('示范区须为区或县（6 位代码）');
    const done = await cityA.follow(
      await cityA.post('/console/reform/demonstrations', { level: 'committee', unitCode: '440103001001', designatedOn: '2026-11-01', designatedBy: '广东省民政厅', documentNumber: '粤民发〔2026〕9号' }),
    );
    expect(done.html).toContain('已登记 沙面社区居委会 为示范居委会');
    expect(textOf(done.html)).toContain('示范居委会 沙面社区居委会 2026-11-01 广东省民政厅 粤民发〔2026〕9号');
    expect((await ok(h, adminA, 'GET', '/v1/reform/figures')).demonstrations.committee).toBe(1);
  });
});

describe('市：自查', () => {
  it('starts a self-inspection on the province’s checklist', async () => {
    const list = await cityA.get('/console/reform/self-inspections');
    expect(list.html).toContain('尚未开始自查');
    expect(list.html).toContain('<option value="440103">荔湾区</option>');
    const started = await cityA.follow(await cityA.post('/console/reform/self-inspections', { unitCode: '440103' }));
    expect(started.html).toContain('已开始 荔湾区 的自查');
    ids.inspection = /\/console\/reform\/self-inspections\/([0-9a-f-]{36})\/submit/.exec(started.html)![1];
    expect(textOf(started.html)).toContain('1. 社区规模调整到位 （A1） 未填写');
    const again = await cityA.post('/console/reform/self-inspections', { unitCode: '440103' });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'unitCode')).toBe('数据冲突：荔湾区 已有清单第 1 版的自查');
  });

  it('saves an item with evidence; a half-filled piece of evidence is named beside its field with the input kept', async () => {
    const path = `/console/reform/self-inspections/${ids.inspection}`;
    const half = await cityA.post(`${path}/items/A1`, { 'items.A1.result': 'met', 'items.A1.note': '各社区均在 1000 至 3000 户', 'items.A1.evidence.0.title': '', 'items.A1.evidence.0.reference': '荔府函〔2026〕3号' });
    expect(half.status).toBe(400);
    expect(fieldError(half.html, 'items.A1.evidence.0.title')).toBe('此项不能为空');
    expect(valueOf(half.html, 'items.A1.evidence.0.reference')).toBe('荔府函〔2026〕3号');
    expect(half.html).toContain('各社区均在 1000 至 3000 户</textarea>');
    const saved = await cityA.follow(
      await cityA.post(`${path}/items/A1`, { 'items.A1.result': 'met', 'items.A1.note': '各社区均在 1000 至 3000 户', 'items.A1.evidence.0.title': '调整方案批复', 'items.A1.evidence.0.reference': '荔府函〔2026〕3号', 'items.A1.evidence.1.title': '', 'items.A1.evidence.1.reference': '' }),
    );
    expect(saved.html).toContain('已保存：社区规模调整到位');
    const api = await ok<{ items: { code: string; result: string | null; evidence: unknown[] }[] }>(h, adminA, 'GET', `/v1/reform/self-inspections/${ids.inspection}`);
    expect(api.items[0]).toMatchObject({ code: 'A1', result: 'met', evidence: [{ title: '调整方案批复', reference: '荔府函〔2026〕3号' }] });
  });

  it('refuses to submit while an item is open, saying so beside it; then submits and becomes read-only', async () => {
    const path = `/console/reform/self-inspections/${ids.inspection}`;
    const early = await cityA.post(`${path}/submit`, {});
    expect(early.status).toBe(400);
    expect(fieldError(early.html, 'items.A2.result')).toBe('尚未填写结果');
    expect(fieldError(early.html, 'items.A1.result')).toBeUndefined();
    await cityA.follow(await cityA.post(`${path}/items/A2`, { 'items.A2.result': 'partly_met', 'items.A2.note': '一个社区制度未上墙' }));
    const submitted = await cityA.follow(await cityA.post(`${path}/submit`, {}));
    expect(submitted.html).toContain('自查结果已报送省民政厅。');
    expect(submitted.html).toContain('自查结果已报送，不能再修改。');
    expect(submitted.html).not.toContain(`action="${path}/items/`);
    expect(textOf(submitted.html)).toContain('调整方案批复：荔府函〔2026〕3号');
    const late = await cityA.follow(await cityA.post(`${path}/items/A2`, { 'items.A2.result': 'met' }));
    expect(late.html).toContain('自查结果已报送，不能再修改');
    expect((await ok(h, adminA, 'GET', `/v1/reform/self-inspections/${ids.inspection}`)).items[1].result).toBe('partly_met');
  });

  it('shows a read-only role the data without any write form', async () => {
    const street = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
    const auditor = h.browser(await h.cityToken('4401', 'auditor'));
    for (const who of [street, auditor]) {
      for (const path of ['/console/reform', '/console/reform/pilots', '/console/reform/demonstrations', '/console/reform/self-inspections']) {
        const seen = await who.get(path);
        expect(seen.status, path).toBe(200);
        expect(seen.html.match(/<form [^>]*method="post"/g), path).toHaveLength(1); // only 退出登录
      }
    }
    const seen = await auditor.get(`/console/reform/self-inspections/${ids.inspection}`);
    expect(seen.status).toBe(200);
    expect(textOf(seen.html)).toContain('基本达标');
    expect(textOf((await auditor.get('/console/reform/demonstrations')).html)).toContain('沙面社区居委会');
  });
});

describe('city B and city A’s reform records', () => {
  it('finds none of city A’s records', async () => {
    const inspection = await cityB.get(`/console/reform/self-inspections/${ids.inspection}`);
    expect(inspection.status).toBe(404);
    expect(inspection.html).toContain('未找到');
    const lists = [await cityB.get('/console/reform/pilots'), await cityB.get('/console/reform/demonstrations'), await cityB.get('/console/reform/self-inspections')];
    for (const list of lists) expect(list.html).not.toMatch(/荔湾区|沙面社区居委会/);
  });

  it('cannot act on them through the forms', async () => {
    await cityB.get('/console/reform/pilots');
    const withdraw = await cityB.follow(await cityB.post(`/console/reform/pilots/${ids.pilot}/withdraw`, {}));
    expect(withdraw.html).toContain('未找到');
    expect((await ok<{ items: { id: string }[] }>(h, adminA, 'GET', '/v1/reform/pilots')).items.map((p) => p.id)).toContain(ids.pilot);
    const item = await cityB.follow(await cityB.post(`/console/reform/self-inspections/${ids.inspection}/items/A1`, { 'items.A1.result': 'not_met' }));
    expect(item.status).toBe(404);
    const submit = await cityB.post(`/console/reform/self-inspections/${ids.inspection}/submit`, {});
    expect(submit.status).toBe(303);
    expect((await cityB.get(submit.location!)).status).toBe(404);
    expect((await ok(h, adminA, 'GET', `/v1/reform/self-inspections/${ids.inspection}`)).items[0].result).toBe('met');
  });
});

describe('省：各市自查报送与抽查验收', () => {
  it('lists the cities’ submissions and opens one', async () => {
    const list = await province.get('/console/province/reform/submissions');
    expect(textOf(list.html)).toContain('广州市 荔湾区（440103） 第 1 版 达标 1，基本达标 1');
    ids.submission = /\/console\/province\/reform\/submissions\/([0-9a-f-]{36})/.exec(list.html)![1];
    const one = await province.get(`/console/province/reform/submissions/${ids.submission}`);
    expect(one.status).toBe(200);
    expect(textOf(one.html)).toContain('A2 三项制度建立 基本达标 0 件');
    expect(textOf(one.html)).toContain('440103001001 沙面社区居委会 社区（村）');
    expect((await province.get('/console/province/reform/submissions?city=4403')).html).toContain('暂无报送的自查结果');
  });

  it('draws a spot check for a city, shows the sample and frame, redraws it, and records a finding', async () => {
    const bad = await province.post('/console/province/reform/spot-checks', { title: '抽', cities: '4401', county: '1', township: '-1', village: '1' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'title')).toBe('至少 2 个字符');
    expect(fieldError(bad.html, 'township')).toBe('不能小于 0');
    expect(bad.html).toMatch(/name="cities" value="4401" checked/);
    const created = await province.follow(await province.post('/console/province/reform/spot-checks', { title: '2027 年抽查验收', cities: '4401', county: '1', township: '1', village: '1', seed: '20271001' }));
    expect(created.html).toContain('已从 6 个单位中抽取 3 个');
    ids.spotCheck = /\/console\/province\/reform\/spot-checks\/([0-9a-f-]{36})\/findings/.exec(created.html)![1];
    expect(textOf(created.html)).toContain('随机种子 20271001');
    expect(textOf(created.html)).toContain('抽样框（6 个单位）');
    const redrawn = await province.get(`/console/province/reform/spot-checks/${ids.spotCheck}?redraw=1`);
    expect(redrawn.html).toContain('复核一致');
    expect(redrawn.html).toContain('抽样框完整');
    const sample = (await ok<{ sample: { code: string; finding: string | null }[] }>(h, await h.provinceToken(), 'GET', `/v1/province/spot-checks/${ids.spotCheck}`)).sample;
    const code = sample[0]!.code;
    const done = await province.follow(await province.post(`/console/province/reform/spot-checks/${ids.spotCheck}/findings/${code}`, { [`findings.${code}.result`]: 'needs_improvement', [`findings.${code}.notes`]: '制度未上墙' }));
    expect(done.html).toContain('的抽查结论');
    expect(textOf(done.html)).toContain('限期整改 制度未上墙');
    expect((await ok<{ sample: { code: string; finding: string | null }[] }>(h, await h.provinceToken(), 'GET', `/v1/province/spot-checks/${ids.spotCheck}`)).sample[0]).toMatchObject({ code, finding: 'needs_improvement' });
    const list = await province.get('/console/province/reform/spot-checks');
    expect(textOf(list.html)).toContain('2027 年抽查验收 广州市 6 个单位 1 / 3');
  });
});
