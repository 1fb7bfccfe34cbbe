import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, hasText, scenario, shot, signIn, signOut, startConsoleRig, visible, type ConsoleRig } from './support.js';

// Dongguan (4419) has no districts: its streets' plans are approved by the city, as the policy has it.
const CITY = '4419';
const STREET = '441900003';
const COMMUNITY = '441900003001';
const divisionList = join(process.cwd(), 'db', 'seed', 'divisions', '4419.csv');

describe.skipIf(!browserAvailable)('the console in Chromium: a city’s day', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
    const province = await rig.provinceToken();
    const res = await fetch(`${rig.url}/v1/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: CITY, name: '东莞市' }),
    });
    expect(res.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('a city admin imports the division list and sees its progress and report', async () => {
    await scenario(rig, 'import', 1280, async (page) => {
    await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'city_admin', name: '市民政局王科长' });
    await hasText(page.locator('h1'), '首页');
    await page.getByRole('link', { name: '导入区划代码', exact: true }).click();
    await page.getByLabel('区划代码文件（CSV，UTF-8）').setInputFiles(divisionList);
    await page.getByRole('button', { name: '开始导入' }).click();
    await visible(page.getByText('导入完成'));
    const rows = readFileSync(divisionList, 'utf8').trim().split('\n').length - 1;
    await hasText(page.locator('#h-import-report').locator('..'), { contains: `读取 ${rows} 行` });
    expect(await page.locator('#import-progress').evaluate((el: HTMLProgressElement) => el.value / el.max)).toBe(1);
    expect(await page.locator('.progress-line').count()).toBeGreaterThan(0);
    await shot(page, 'city-import-1280');

    // the tree and the search
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '行政区划与社区' }).click();
    await visible(page.getByRole('link', { name: '东城街道' }));
    await page.getByRole('link', { name: '东城街道' }).click();
    await visible(page.getByRole('link', { name: '岗贝社区居民委员会' }));
    await page.getByLabel('按名称或代码查找').fill('岗贝');
    await page.getByRole('button', { name: '查找' }).click();
    await visible(page.getByText(/查找“岗贝”的结果：1 条/));
    await shot(page, 'city-divisions-1280');

    // a bad file: nothing written, the problems listed by row in Chinese
    await page.goto(`${rig.url}/console/divisions/import`);
    await page.getByLabel('区划代码文件（CSV，UTF-8）').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('code,name\n440103001001,外市社区\n') });
    await page.getByRole('button', { name: '开始导入' }).click();
    await visible(page.getByText('导入数据有误，未写入任何数据'));
    await visible(page.getByRole('cell', { name: '440103001001' }));
    });
  });

  it('a street officer drafts an adjustment plan, field errors show in Chinese, and the city approves it', async () => {
    await scenario(rig, 'plan', 1280, async (page) => {
    await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'street_officer', unit: STREET, name: '东城街道李主任' });
    await page.goto(`${rig.url}/console/plans`);
    await page.getByRole('link', { name: '新建调整方案' }).click();
    await page.getByLabel('方案名称').fill('岗贝社区更名方案');
    await page.getByLabel('调整理由').fill('社区更名以便群众识别');
    await page.getByLabel('生效日期').fill('2027-01-01');
    const first = page.getByRole('group', { name: '调整事项 1' });
    await first.getByLabel('类型').selectOption('rename');
    // the community is chosen by name from the picker; the new name is left out: the message sits next to its field, in Chinese
    await first.locator('select[name="changes.0.code"]').selectOption(COMMUNITY);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await hasText(first.locator('.field-error').first(), /[\u4e00-\u9fff]/);
    await shot(page, 'city-plan-error-1280');
    await first.getByLabel('社区名称（设立、更名、合并后）').fill('岗贝新社区');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await visible(page.getByText('方案已保存为草稿'));
    await page.getByRole('button', { name: '提交审批' }).click();
    await visible(page.getByText('方案已提交审批。'));
    const planUrl = page.url().split('?')[0]!;
    await signOut(page);

    await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'city_admin', name: '市民政局王科长' });
    await page.goto(planUrl);
    await visible(page.getByText('待审批'));
    await page.getByRole('button', { name: '批准' }).click();
    await visible(page.getByText('方案已批准，将于生效日起执行。'));
    await visible(page.locator('.tag', { hasText: '已批准' }));
    await shot(page, 'city-plan-approved-1280');
    });
  });

  it('the city enters an election result sheet, sees validity and winners, certifies, and training compliance follows', async () => {
    await scenario(rig, 'election', 1280, async (page) => {
    await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'city_admin', name: '市民政局王科长' });
    await page.goto(`${rig.url}/console/elections`);
    await page.getByRole('link', { name: '登记选举方案' }).click();
    // the community is chosen from the picker by name, the candidates entered as rows
    await page.locator('#f-community').selectOption(COMMUNITY);
    await page.getByLabel('选举日').fill('2026-11-20');
    await page.getByLabel('登记选民数').fill('1200');
    const candidates = [['陈志强', 'male', '1975', 'chair'], ['林秀英', 'female', '1980', 'vice_chair'], ['黄伟', 'male', '1985', 'member'], ['张丽', 'female', '1988', 'member'], ['刘洋', 'male', '1990', 'member']] as const;
    for (const [i, [name, gender, birthYear, position]] of candidates.entries()) {
      await page.locator(`#f-c-${i}-name`).fill(name);
      await page.locator(`#f-c-${i}-gender`).selectOption(gender);
      await page.locator(`#f-c-${i}-birthYear`).fill(birthYear);
      await page.locator(`#f-c-${i}-position`).selectOption(position);
    }
    await page.getByRole('button', { name: '登记' }).click();
    await visible(page.getByText('选举方案已登记'));

    // a sheet where returned ballots do not add up is refused, with the message beside the field
    await page.getByLabel('发出选票').fill('1000');
    await page.getByLabel('收回选票（参加投票人数）').fill('900');
    await page.getByLabel('有效票').fill('880');
    await page.getByLabel('无效票').fill('20');
    for (const name of ['陈志强（主任）', '林秀英（副主任）', '黄伟（委员）', '张丽（委员）', '刘洋（委员）']) await page.getByLabel(name).fill('700');
    await page.getByRole('button', { name: '保存计票结果' }).click();
    await visible(page.getByText('选举有效').first());
    await visible(page.getByRole('cell', { name: '当选' }).first());
    await shot(page, 'city-election-counted-1280');
    // certifying asks first, on a page that shows what will be frozen
    await page.getByRole('link', { name: '认证结果…' }).click();
    await visible(page.getByText('以下内容确认后将不可更改'));
    await page.getByRole('button', { name: '确认认证选举结果' }).click();
    await visible(page.getByText('选举结果已认证'));
    await visible(page.getByRole('heading', { name: '认证记录' }));
    await shot(page, 'city-election-certified-1280');

    await page.getByRole('link', { name: '培训' }).click();
    await hasText(page.locator('h1'), '成员培训达标情况');
    // the obligations come from committee.term_started through the outbox and the training queue: a moment later
    const deadline = Date.now() + 30_000;
    while ((await page.locator('.stat', { hasText: '应培训成员' }).locator('b').textContent()) !== '5' && Date.now() < deadline) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await hasText(page.locator('.stat', { hasText: '应培训成员' }).locator('b'), '5');
    await visible(page.getByText('没有逾期未完成培训的成员。'));
    await shot(page, 'city-training-1280');
    });
  });

  it('reads at 390 pixels wide, and every field has a label', async () => {
    await scenario(rig, 'narrow', 390, async (page) => {
    await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'city_admin', name: '市民政局王科长' });
    for (const [path, name] of [['/console/elections', 'elections'], ['/console/plans', 'plans'], ['/console/training', 'training'], ['/console/divisions?parent=441900003', 'divisions']] as const) {
      await page.goto(`${rig.url}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((el) => {
          const id = el.getAttribute('id');
          return !(id && document.querySelector(`label[for="${id}"]`)) && !el.closest('label') && !el.getAttribute('aria-label');
        }).length,
      );
      expect(unlabelled, `${path} has fields without labels`).toBe(0);
      await shot(page, `city-${name}-390`);
    }
    // keyboard: the skip link is the first stop and leads to the content
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    });
  });
});
