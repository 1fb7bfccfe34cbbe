import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityDivisions, reportQueue } from '../support/reporting.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let province: Browser;
let officer: Browser;
let templateId: string;
const narrative = '本市城市基层管理体制改革已按省的统一部署全面完成，社区居委会调整到位，换届选举依法进行，现将有关情况报告如下。';

beforeAll(async () => {
  h = await createConsoleHarness();
  province = h.browser(await h.provinceToken());
  officer = h.browser(await h.provinceToken('province_officer'));
});

afterAll(async () => {
  await h?.close();
});

describe('城市租户', () => {
  it('onboards a city through the form and shows it in the list', async () => {
    const list = await province.get('/console/province/tenants');
    expect(list.status).toBe(200);
    expect(list.html).toContain('接入地级市');
    const done = await province.follow(await province.post('/console/province/tenants', { code: '4401', name: '广州市' }));
    expect(done.html).toContain('已接入 广州市（4401）');
    expect(textOf(done.html)).toMatch(/4401 广州市 使用中/);
    await province.follow(await province.post('/console/province/tenants', { code: '4402', name: '韶关市' }));
  });

  it('puts each error next to its field, in Chinese', async () => {
    const bad = await province.post('/console/province/tenants', { code: '45x', name: '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'code')).toContain('4 位统计用区划代码');
    expect(fieldError(bad.html, 'name')).toBe('至少 2 个字符');
    expect(bad.html).toContain('value="45x"');
    const again = await province.post('/console/province/tenants', { code: '4401', name: '广州市' });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'code')).toBe('4401 已接入，不能重复接入');
  });

  it('deactivates and activates a city with its buttons', async () => {
    // the list links to a confirmation page (GET); a post without confirm=yes is sent there instead of acting
    expect((await province.get('/console/province/tenants')).html).toContain('href="/console/province/tenants/4402/deactivate"');
    const confirm = await province.follow(await province.post('/console/province/tenants/4402/deactivate', {}));
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('确认停用韶关市');
    expect(confirm.html).toContain('name="confirm" value="yes"');
    expect((await ok(h, await h.provinceToken(), 'GET', '/v1/tenants/4402')).status).toBe('active');
    const off = await province.follow(await province.post('/console/province/tenants/4402/deactivate', { confirm: 'yes' }));
    expect(off.html).toContain('韶关市（4402）已停用');
    expect(textOf(off.html)).toMatch(/4402 韶关市 已停用/);
    const on = await province.follow(await province.post('/console/province/tenants/4402/activate', {}));
    expect(textOf(on.html)).toMatch(/4402 韶关市 使用中/);
  });

  it('refuses a POST without the page’s form token', async () => {
    const forged = await province.post('/console/province/tenants', { code: '4403', name: '深圳市' }, 'forged');
    expect(forged.status).toBe(403);
    expect((await ok(h, await h.provinceToken(), 'GET', '/v1/tenants')).items).toHaveLength(2);
  });

  it('shows an officer the registry without the admin’s forms', async () => {
    const page = await officer.get('/console/province/tenants');
    expect(page.status).toBe(200);
    expect(page.html).toContain('广州市');
    expect(page.html).not.toContain('接入地级市');
  });
});

describe('报告模板', () => {
  it('says where to start before any template exists', async () => {
    const page = await province.get('/console/province');
    expect(page.status).toBe(200);
    expect(page.html).toContain('尚未发布报告模板');
  });

  it('refuses a period whose dates are out of order, next to the date', async () => {
    const bad = await province.post('/console/province/templates/preset', { period: 'once', opensOn: '2026-11-01', dueOn: '2026-10-01', closesOn: '2027-01-31' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'dueOn')).toBe('须满足：开放日 ≤ 截止日 ≤ 关闭日');
    const badDate = await province.post('/console/province/templates/preset', { period: 'once', opensOn: '2026-13-01', dueOn: '2026-12-15', closesOn: '2027-01-31' });
    expect(fieldError(badDate.html, 'opensOn')).toBe('日期格式应为 YYYY-MM-DD');
  });

  it('publishes the reform-completion preset and shows its indicators and period', async () => {
    const page = await province.follow(await province.post('/console/province/templates/preset', { period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-15', closesOn: '2027-01-31' }));
    expect(page.html).toContain('已发布“城市基层管理体制改革完成情况报告”');
    expect(page.html).toContain('社区建设投入经费');
    expect(page.html).toContain('手工填报');
    expect(textOf(page.html)).toContain('一次性报告 2026-11-01 2026-12-15 2027-01-31');
    templateId = /\/console\/province\/templates\/([0-9a-f-]{36})/.exec(page.html)![1]!;
    const list = await province.get('/console/province/templates');
    expect(list.html).toContain(`/console/province/templates/${templateId}`);
    expect(list.html).not.toContain('发布模板');
  });

  it('refuses to open the same period twice, next to the period', async () => {
    const again = await province.post(`/console/province/templates/${templateId}/periods`, { period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-15', closesOn: '2027-01-31' });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'period')).toBe('该报告期已开放，不能重复开放');
  });

  it('shows an unknown template as not found', async () => {
    const page = await province.get('/console/province/templates/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(404);
    expect(page.html).toContain('未找到');
  });
});

describe('总览 and 城市报告', () => {
  beforeAll(async () => {
    const admin = await h.cityToken('4401');
    const imported = await h.request('POST', '/v1/divisions/import', { token: admin, body: cityDivisions('4401', '广州市', 3), contentType: 'text/csv' });
    expect(imported.status).toBe(200);
    const report = await ok(h, admin, 'POST', '/v1/reports', { templateId, period: 'once' });
    await ok(h, admin, 'PATCH', `/v1/reports/${report.id}`, { manual: { demonstration_committees: 1, funding_10k_yuan: 120 }, narrative });
    await ok(h, admin, 'POST', `/v1/reports/${report.id}/submit`);
    await reportQueue(h).drain();
  });

  it('draws completeness as an SVG chart beside a table with the same numbers', async () => {
    const page = await province.get('/console/province');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<figure class="chart card" role="img" aria-label="报送情况柱状图：应报2个，已报送1个，按时报送1个，逾期报送0个，未报送1个/);
    expect(page.html).toContain('<svg');
    expect(page.html).not.toContain('<canvas');
    expect(page.html).not.toMatch(/<script/);
    expect(textOf(page.html)).toContain('应报 已报送 按时报送 逾期报送 未报送 已采纳 已退回 2 1 1 0 1 0 0');
    expect(textOf(page.html)).toMatch(/广州市 4401 已报送待审核 1/);
    expect(textOf(page.html)).toMatch(/韶关市 4402 未报送/);
    expect(textOf(page.html)).toContain('报送率 50%');
  });

  it('compares an indicator across cities, chosen with a GET form', async () => {
    const page = await province.get(`/console/province?template=${templateId}&period=once&indicator=funding_10k_yuan`);
    expect(page.html).toContain('<option value="funding_10k_yuan" selected="">');
    expect(page.html).toMatch(/aria-label="社区建设投入经费各市对比：广州市120万元"/);
    expect(textOf(page.html)).toContain('社区建设投入经费（万元）各市数值 城市 数值（万元） 广州市 120');
  });

  it('passes the workbook and the CSV through with their file names', async () => {
    const xlsx = await h.console.request(`/console/province/exports/aggregates?template=${templateId}&period=once&format=xlsx`, { headers: { cookie: `shequ_session=${await h.provinceToken()}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.length).toBeGreaterThan(0);
    const csv = await h.console.request(`/console/province/exports/completeness?template=${templateId}&period=once&format=csv`, { headers: { cookie: `shequ_session=${await h.provinceToken()}` } });
    expect(csv.headers.get('content-disposition')).toMatch(/\.csv"$/);
    const text = await csv.text();
    expect(text).toContain('4401,广州市');
    expect(text).toContain('4402,韶关市,未报送');
  });

  it('lists the submitted report and shows its figures and narrative', async () => {
    const list = await province.get('/console/province/reports');
    expect(list.status).toBe(200);
    const id = /\/console\/province\/reports\/([0-9a-f-]{36})/.exec(list.html)![1]!;
    const detail = await province.get(`/console/province/reports/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain(narrative);
    expect(textOf(detail.html)).toMatch(/社区建设投入经费 120 万元/);
    expect(textOf(detail.html)).toMatch(/社区总数 3 个/);
  });

  it('asks for a comment before returning, then returns; the city sees why and revises', async () => {
    const list = await province.get('/console/province/reports');
    const id = /\/console\/province\/reports\/([0-9a-f-]{36})/.exec(list.html)![1]!;
    const empty = await province.post(`/console/province/reports/${id}/return`, { comment: '' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, 'comment')).toBe('退回时请写明退回意见（至少 2 个字）');
    const returned = await province.follow(await province.post(`/console/province/reports/${id}/return`, { comment: '请补充城中村改造情况' }));
    expect(returned.html).toContain('已退回该报告');
    expect(returned.html).not.toContain('退回修改');

    const city = h.browser(await h.cityToken('4401'));
    const reports = await city.get('/console/reports');
    const reportId = /\/console\/reports\/([0-9a-f-]{36})/.exec(reports.html)![1]!;
    const page = await city.get(`/console/reports/${reportId}`);
    expect(page.html).toContain('省民政厅退回意见：请补充城中村改造情况');
    const revised = await city.follow(await city.post(`/console/reports/${reportId}/revise`, {}));
    expect(revised.html).toContain('已生成第 2 版草稿');
    const resubmitted = await city.follow(await city.post(`/console/reports/${reportId}/submit`, {}));
    expect(resubmitted.html).toContain('已报送省民政厅');

    const second = await province.get('/console/province/reports');
    const secondId = /\/console\/province\/reports\/([0-9a-f-]{36})/.exec(second.html)![1]!;
    // accepting asks first, on a page that shows the version and content hash being frozen
    const unconfirmed = await province.post(`/console/province/reports/${secondId}/accept`, { comment: '' });
    expect(unconfirmed.location).toBe(`/console/province/reports/${secondId}/accept`);
    const confirmPage = await province.follow(unconfirmed);
    expect(textOf(confirmPage.html)).toContain('以下内容确认后将不可更改');
    expect(confirmPage.html).toMatch(/内容摘要<\/dt><dd><code[^>]*>[0-9a-f]{64}<\/code>/);
    const accepted = await province.follow(await province.post(`/console/province/reports/${secondId}/accept`, { comment: '', confirm: 'yes' }));
    expect(accepted.html).toContain('已采纳该报告');
  });
});

describe('a city user on province pages', () => {
  it('gets the error page, not the province’s data', async () => {
    const city = h.browser(await h.cityToken('4401'));
    for (const path of ['/console/province', '/console/province/tenants', '/console/province/templates', `/console/province/templates/${templateId}`, '/console/province/reports']) {
      const page = await city.get(path);
      expect(page.status, path).toBe(403);
      expect(page.html).toContain('此操作仅限省级用户');
      expect(page.html).not.toContain('韶关市');
    }
    const post = await city.post('/console/province/tenants', { code: '4405', name: '汕头市' });
    expect(post.status).toBe(403);
  });
});
