import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, confirmBeforeIrreversible, describeViolations, namedCodes, type Violation } from './checks.js';
import { api, ARTIFACTS, browserAvailable, hasText, signIn, startConsoleRig, visible, type ConsoleRig } from './support.js';

// Issue 19's “done when”: one workflow, end to end, through the console as a street officer, the city admin and the
// province admin, at 1280 and at 390 px, every page checked. Each width walks its own city (both have their streets
// directly under the city, so the city approves the streets' plans): 东莞 at 1280, 中山 at 390.
const screenshots = join(process.cwd(), 'docs', 'screenshots');
const walks = [
  { width: 1280, city: '4419', cityName: '东莞市', street: '441900003', streetName: '东城街道', community: '441900003001', communityName: '岗贝社区居民委员会', renamed: '441900003002' },
  { width: 390, city: '4420', cityName: '中山市', street: '442000001', streetName: '石岐街道', community: '442000001007', communityName: '桂园社区居民委员会', renamed: '442000001008' },
] as const;
type Walk = (typeof walks)[number];

/** Dates around today (Asia/Shanghai), so the walk does not depend on the day it runs. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const today = day(0);

const candidates = [
  ['陈志强', 'male', '1975', 'chair', '13912340001'],
  ['林秀英', 'female', '1980', 'vice_chair', ''],
  ['黄伟', 'male', '1985', 'member', ''],
  ['张丽', 'female', '1988', 'member', ''],
  ['刘洋', 'male', '1990', 'member', ''],
] as const;
const votes = { 陈志强: 700, 林秀英: 650, 黄伟: 640, 张丽: 620, 刘洋: 600 } as const;

describe.skipIf(!browserAvailable)('issue 19: the workflow through the console as three people', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
    const province = await rig.provinceToken();
    for (const w of walks) {
      await api(rig, province, 'POST', '/v1/tenants', { code: w.city, name: w.cityName });
      const admin = await rig.cityToken(w.city);
      const imported = await fetch(`${rig.url}/v1/divisions/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: readFileSync(csvOf(w), 'utf8') });
      expect(imported.status).toBe(200);
    }
    // the province's template with this half-year open (publishing it is province.test.ts's walk)
    await api(rig, province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: day(-30), dueOn: day(30), closesOn: day(60) }] });
    mkdirSync(screenshots, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  for (const w of walks) {
    it(`walks the workflow at ${w.width} px with no raw value, code, English message or hidden column on any page`, async () => {
      const found = await walkAt(rig, w);
      writeFileSync(join(ARTIFACTS, `walk-${w.width}-violations.txt`), `${describeViolations(found)}\n`);
      expect(found, `\n${describeViolations(found)}\n`).toEqual([]);
    }, 240_000);
  }
});

const csvOf = (w: Walk) => join(process.cwd(), 'db', 'seed', 'divisions', `${w.city}.csv`);

async function walkAt(rig: ConsoleRig, w: Walk): Promise<Violation[]> {
  const codes = namedCodes(csvOf(w), w.city);
  const found: Violation[] = [];
  const pages: Page[] = [];
  const person = async (who: Parameters<typeof signIn>[2]) => {
    const page = await rig.newPage(w.width);
    pages.push(page);
    await signIn(page, rig.url, who);
    return page;
  };
  /** Checks the page as it stands: `name` says who reads it where. */
  const check = async (page: Page, name: string) => found.push(...(await checkPage(page, `${name} (${new URL(page.url()).pathname})`, codes)));
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots, `${name}-${w.width}.png`), fullPage: true });
  const go = async (page: Page, path: string, name: string) => {
    await page.goto(`${rig.url}${path}`);
    await check(page, name);
  };
  const street = await person({ level: 'city', tenant: w.city, role: 'street_officer', unit: w.street, name: `${w.streetName}李干事` });
  const city = await person({ level: 'city', tenant: w.city, role: 'city_admin', name: '市民政局王科长' });
  const province = await person({ level: 'province', role: 'province_admin', name: '省民政厅基层政权处' });
  const cityToken = await rig.cityToken(w.city);
  const provinceToken = await rig.provinceToken();
  try {
    // ── the street officer: the community's profile, an adjustment plan, an election with its candidates ──────────
    await go(street, '/console/home', 'street: home');
    await go(street, `/console/divisions?parent=${w.street}`, 'street: divisions');
    await street.getByRole('link', { name: w.communityName }).first().click();
    await hasText(street.locator('h1'), w.communityName);
    await check(street, 'street: community');
    await street.getByRole('link', { name: '修改社区概况' }).click();
    await check(street, 'street: community profile form');
    await field(street, '户数').fill('2100');
    await field(street, '人口（人）').fill('6500');
    await field(street, '办公地址').fill(`${w.streetName}文化路 1 号`);
    await street.getByRole('button', { name: '保存' }).click();
    await visible(street.getByText('社区概况已保存。'));
    await check(street, 'street: community saved');

    await go(street, '/console/plans', 'street: plans');
    await street.getByRole('link', { name: '新建调整方案' }).click();
    await check(street, 'street: plan form');
    await field(street, '方案名称').fill(`${w.communityName}更名方案`);
    await field(street, '调整理由').fill('社区更名以便群众识别');
    await field(street, '生效日期').fill(day(40));
    const change = street.getByRole('group', { name: '调整事项 1' });
    await field(change, '类型').selectOption('rename');
    // the community is chosen by name from the picker: the street's second one, so the walk's own community keeps its name
    await change.locator('select[name="changes.0.code"]').selectOption(w.renamed);
    await change.getByLabel(/社区名称/).fill(`${w.streetName}更名社区`);
    await street.getByRole('button', { name: '保存草稿' }).click();
    await visible(street.getByText('方案已保存为草稿'));
    await check(street, 'street: plan draft');
    await street.getByRole('button', { name: '提交审批' }).click();
    await visible(street.getByText('方案已提交审批。'));
    await check(street, 'street: plan submitted');

    await go(street, '/console/elections', 'street: elections');
    await street.getByRole('link', { name: '登记选举方案' }).click();
    await check(street, 'street: election form');
    await street.locator('#f-community').selectOption(w.community);
    await field(street, '选举日').fill(day(-20));
    await field(street, '登记选民数').fill('1200');
    for (const [i, [name, gender, birthYear, position, phone]] of candidates.entries()) {
      await street.locator(`#f-c-${i}-name`).fill(name);
      await street.locator(`#f-c-${i}-gender`).selectOption(gender);
      await street.locator(`#f-c-${i}-birthYear`).fill(birthYear);
      await street.locator(`#f-c-${i}-position`).selectOption(position);
      if (phone) await street.locator(`#f-c-${i}-phone`).fill(phone);
    }
    await street.getByRole('button', { name: '登记', exact: true }).click();
    await visible(street.getByText('选举方案已登记'));
    await check(street, 'street: election planned');
    const electionPath = new URL(street.url()).pathname;
    const electionId = electionPath.split('/').at(-1)!;

    // ── the city admin: approves the plan, counts and certifies the election, registers member units ──────────────
    await go(city, '/console/home', 'city: home');
    await city.locator('.todo-item', { hasText: '待审批的调整方案' }).getByRole('link').click();
    await check(city, 'city: plans awaiting approval');
    await city.getByRole('link', { name: `${w.communityName}更名方案` }).click();
    await check(city, 'city: plan');
    await city.getByRole('button', { name: '批准' }).click();
    await visible(city.getByText('方案已批准，将于生效日起执行。'));
    await check(city, 'city: plan approved');

    await go(city, '/console/elections', 'city: elections');
    await city.getByRole('row', { name: new RegExp(w.communityName) }).getByRole('link').first().click();
    await hasText(city.locator('h1'), { contains: '选举' });
    await check(city, 'city: election');
    await field(city, '发出选票').fill('1000');
    await field(city, '收回选票（参加投票人数）').fill('900');
    await field(city, '有效票').fill('880');
    // first a sheet whose ballots do not add up: refused, the message in Chinese beside the field
    await field(city, '无效票').fill('10');
    for (const [name, n] of Object.entries(votes)) await city.getByLabel(new RegExp(`^${name}（`)).fill(String(n));
    await city.getByRole('button', { name: '保存计票结果' }).click();
    await visible(city.locator('.field-error, .alert.error'));
    await check(city, 'city: election sheet refused');
    await field(city, '无效票').fill('20');
    await city.getByRole('button', { name: '保存计票结果' }).click();
    await visible(city.getByText('选举有效').first());
    await check(city, 'city: election counted');
    found.push(
      ...(await confirmBeforeIrreversible(city, 'city: certify the election', codes, {
        start: () => city.getByRole('link', { name: '认证结果…' }).click(),
        confirm: '确认认证选举结果',
        stillUndone: async () => ((await api(rig, cityToken, 'GET', `/v1/elections/${electionId}`)) as { status: string }).status === 'counted',
      })),
    );
    await visible(city.getByText('选举结果已认证'));
    await check(city, 'city: election certified');
    await shot(city, 'election');

    await go(city, '/console/conferences/member-units', 'city: member units');
    for (const [name, type, contact, email] of [
      [`${w.streetName}派出所`, 'agency', '赵警官', 'police@example.org'],
      [`${w.cityName}第一中学`, 'enterprise', '钱老师', 'school@example.org'],
    ] as const) {
      const form = city.locator('form[method=post]').filter({ has: city.getByRole('button', { name: '登记', exact: true }) });
      await form.locator('#f-street').selectOption(w.street);
      await field(form, '单位名称').fill(name);
      await field(form, '单位类别').selectOption(type);
      await field(form, '联系人').fill(contact);
      await field(form, '联系电话').fill('13800138000');
      await field(form, '电子邮箱').fill(email);
      await field(form, '可共享的资源').fill('会议室，工作日 09:00-17:00');
      await city.getByRole('button', { name: '登记', exact: true }).click();
      await visible(city.getByText(`已登记成员单位：${name}`));
      await check(city, 'city: member unit registered');
    }

    // ── the street officer again: convenes the joint conference, records training for the new committee ───────────
    // (only a street or district office convenes: shared/conferences/roles.ts)
    await go(street, '/console/conferences/series', 'street: conference series');
    await field(street, '会议名称').fill(`${w.streetName}社区工作联席会议`);
    await field(street, '召开周期').selectOption('FREQ=MONTHLY;INTERVAL=3');
    await field(street, '首次会议时间').fill(`${day(14)}T09:30`);
    await field(street, '会议地点').fill(`${w.streetName}办事处三楼会议室`);
    await field(street, '常设议题').fill('社区建设与资源共享');
    await field(street, `${w.streetName}派出所`).check();
    await field(street, `${w.cityName}第一中学`).check();
    await street.getByRole('button', { name: '设立' }).click();
    await visible(street.getByText('已设立联席会议'));
    await check(street, 'street: series set up');
    // the meetings are scheduled by the conference queue: the calendar shows the first a moment later
    const month = day(14).slice(0, 7);
    await waitFor(street, `/console/conferences?month=${month}`, async () => (await street.getByText(`${w.streetName}社区工作联席会议`).count()) > 0);
    await check(street, 'street: conference calendar');
    await shot(street, 'conferences');

    // the members' training obligations come from the certification through the training queue
    await waitFor(street, '/console/training', async () => ((await street.locator('.stat', { hasText: '应培训成员' }).locator('b').first().textContent()) ?? '').trim() === '5');
    await check(street, 'street: training');
    await street.getByRole('navigation', { name: '成员培训' }).getByRole('link', { name: '登记外部培训' }).or(street.getByRole('link', { name: '登记外部培训' })).first().click();
    await check(street, 'street: training record form');
    const member = field(street, '成员');
    await member.selectOption({ index: 1 });
    await field(street, '培训名称').fill('省民政厅社区工作者网络培训班');
    await field(street, '举办单位').fill('省民政厅');
    await field(street, '证明材料').fill('粤民培〔2026〕118号');
    // a completion in the future is refused, in Chinese
    await field(street, '结业日期').fill(day(3));
    await street.getByRole('button', { name: '登记', exact: true }).click();
    await visible(street.locator('.field-error, .alert.error'));
    await check(street, 'street: training record refused');
    await field(street, '结业日期').fill(today);
    await street.getByRole('button', { name: '登记', exact: true }).click();
    await visible(street.getByText(/已登记外部培训/));
    await check(street, 'street: training recorded');
    await shot(street, 'training');
    await go(street, `/console/communities/${w.community}`, 'street: community after the election');
    await shot(street, 'community');
    // home with figures to show: the new committee's training, its seats, the joint conference
    await go(street, '/console/home', 'street: home after the election');
    await shot(street, 'home');

    // ── the city admin drafts and submits the city's report ──────────────────────────────────────────────────────
    await go(city, '/console/reports', 'city: reports');
    await city.getByRole('button', { name: '起草' }).click();
    await visible(city.getByText('已起草报告'));
    await check(city, 'city: report drafted');
    const manual = city.locator('form.stack .field', { hasText: '报送前必须填写' }).locator('input');
    for (let i = 0; i < (await manual.count()); i++) await manual.nth(i).fill(String(2 + i));
    await field(city, '书面报告正文').fill('本市城市基层管理体制改革已按省的统一部署推进，社区居委会调整到位，换届选举依法进行，现将有关情况报告如下。');
    await city.getByRole('button', { name: '保存', exact: true }).click();
    await visible(city.getByText('已保存，可以报送'));
    await check(city, 'city: report saved');
    await city.getByRole('button', { name: '报送省民政厅' }).click();
    await visible(city.getByText('已报送省民政厅').first());
    await check(city, 'city: report submitted');
    const reportPath = new URL(city.url()).pathname;

    // ── the province admin reads the dashboard and returns the report with a comment ─────────────────────────────
    await go(province, '/console/province', 'province: dashboard');
    await go(province, '/console/province/reports', 'province: city reports');
    await province.getByRole('link', { name: new RegExp(w.cityName) }).first().click();
    await check(province, 'province: report');
    // returning without a comment is refused, in Chinese
    await province.getByRole('button', { name: '退回修改' }).click();
    await visible(province.locator('.field-error, .alert.error'));
    await check(province, 'province: return refused');
    await field(province, '退回意见').fill('请补充社区建设投入经费的分项说明');
    await province.getByRole('button', { name: '退回修改' }).click();
    await visible(province.getByText('已退回该报告'));
    await check(province, 'province: report returned');

    // ── the city revises and submits again ───────────────────────────────────────────────────────────────────────
    await go(city, reportPath, 'city: report returned');
    await visible(city.getByText('省民政厅退回意见：请补充社区建设投入经费的分项说明'));
    await city.getByRole('button', { name: '修改后重报（生成新版本）' }).click();
    await visible(city.getByText(/已生成第 2 版草稿/));
    await check(city, 'city: report revised');
    await field(city, '书面报告正文').fill('本市城市基层管理体制改革已按省的统一部署推进，社区建设投入经费分项说明见附表，现将有关情况报告如下。');
    await city.getByRole('button', { name: '保存', exact: true }).click();
    await visible(city.getByText('已保存，可以报送'));
    await city.getByRole('button', { name: '报送省民政厅' }).click();
    await visible(city.getByText('已报送省民政厅').first());
    await check(city, 'city: report resubmitted');
    await shot(city, 'report');

    // ── the province accepts the new version, through the confirmation page, and reads the dashboard ─────────────
    await go(province, '/console/province/reports', 'province: city reports');
    await province.getByRole('link', { name: new RegExp(w.cityName) }).first().click();
    await check(province, 'province: report v2');
    const snapshotId = new URL(province.url()).pathname.split('/').at(-1)!;
    found.push(
      ...(await confirmBeforeIrreversible(province, 'province: accept the report', codes, {
        start: () => province.getByRole('link', { name: '采纳…' }).click(),
        confirm: '确认采纳',
        stillUndone: async () => ((await api(rig, provinceToken, 'GET', `/v1/province/reports/${snapshotId}`)) as { status: string }).status === 'submitted',
      })),
    );
    await visible(province.getByText('已采纳该报告'));
    await check(province, 'province: report accepted');
    // the comparison is the aggregation worker's, recomputed after the submission: a moment later
    await waitFor(province, '/console/province', async () => (await province.getByText(/个城市报送了此项/).count()) > 0);
    await check(province, 'province: dashboard');
    await shot(province, 'province-dashboard');
  } catch (error) {
    for (const [i, page] of pages.entries()) await page.screenshot({ path: join(ARTIFACTS, `FAILED-walk-${w.width}-${i}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    for (const page of pages) await page.context().close();
  }
  return found;
}

/** Reloads the page until `ready` holds (work done by a queue shows a moment later), for at most 30 s. */
async function waitFor(page: Page, path: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  await page.goto(new URL(path, page.url()).href);
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`${path}: still not ready after 30 s`);
    await page.waitForTimeout(500);
    await page.reload();
  }
}

/** A form field by its label as written (a required field's label ends with “ *”). */
function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`));
}
