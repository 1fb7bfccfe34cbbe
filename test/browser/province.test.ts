import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as age from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptWith } from '../../shared/tenant-export/age.js';
import { unpackArchive } from '../../shared/tenant-export/archive.js';
import { ARTIFACTS, browserAvailable, hasText, scenario, shot, signIn, signOut, startConsoleRig, visible, type ConsoleRig } from './support.js';

const narrative = '本市城市基层管理体制改革已按省的统一部署全面完成，社区居委会调整到位，换届选举依法进行，现将有关情况报告如下。';

describe.skipIf(!browserAvailable)('the console in Chromium: the province’s view of the cities', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    // any archive larger than 4 KiB goes through the export store, as a large city's does in AWS
    rig = await startConsoleRig({ EXPORT_INLINE_LIMIT: '4096' });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('the province onboards cities and publishes the reform-completion template; a city drafts and submits its written report', async () => {
    await scenario(rig, 'province-setup', 1280, async (page) => {
      await signIn(page, rig.url, { level: 'province', role: 'province_admin', name: '省民政厅基层政权处' });
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '地市管理' }).click();
      for (const [code, name] of [['4404', '珠海市'], ['4419', '东莞市'], ['4420', '中山市']] as const) {
        await page.getByLabel('城市代码').fill(code);
        await page.getByLabel('城市名称').fill(name);
        await page.getByRole('button', { name: '接入' }).click();
        await visible(page.getByRole('cell', { name, exact: true }));
      }
      // a duplicate code: the message stands next to the code field, in Chinese
      await page.getByLabel('城市代码').fill('4404');
      await page.getByLabel('城市名称').fill('珠海市');
      await page.getByRole('button', { name: '接入' }).click();
      await hasText(page.locator('.field.invalid .field-error').first(), /已/);
      await shot(page, 'province-tenants-1280');

      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '报告模板' }).click();
      await page.getByLabel('报告期').selectOption('once'); // periods are chosen by label (一次性报告)
      await page.getByLabel('开始填报日期').fill('2026-11-01');
      await page.getByLabel('报送截止日期').fill('2026-12-31');
      await page.getByLabel('关闭日期（此后不再接收）').fill('2027-01-31');
      await page.getByRole('button', { name: '发布模板' }).click();
      await visible(page.getByText('已发布'));
      await shot(page, 'province-template-1280');
      await signOut(page);

      // Zhuhai's list goes in through the API; its report through the console
      const city = await rig.cityToken('4404');
      const csv = (await import('node:fs')).readFileSync(join(process.cwd(), 'db', 'seed', 'divisions', '4404.csv'), 'utf8');
      const imported = await fetch(`${rig.url}/v1/divisions/import`, { method: 'POST', headers: { authorization: `Bearer ${city}`, 'content-type': 'text/csv' }, body: csv });
      expect(imported.status).toBe(200);

      await signIn(page, rig.url, { level: 'city', tenant: '4404', role: 'city_admin', name: '珠海市民政局' });
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作报告' }).click();
      await page.getByRole('button', { name: '起草' }).click();
      await visible(page.getByText('已起草报告'));
      await page.getByLabel(/创建示范居委会/).fill('2');
      await page.getByLabel(/社区建设投入经费/).fill('1200');
      await page.getByLabel('书面报告正文').fill(narrative);
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('button', { name: '报送省民政厅' }).click();
      await visible(page.getByText('已报送省民政厅').first());
      await shot(page, 'city-report-submitted-1280');
    });
  });

  it('the province sees who reported on the completeness chart, compares an indicator across cities and downloads the workbook', async () => {
    await scenario(rig, 'province-dashboard', 1280, async (page) => {
      await signIn(page, rig.url, { level: 'province', role: 'province_admin', name: '省民政厅基层政权处' });
      await page.goto(`${rig.url}/console/province`);
      // the indicator comparison is the report-aggregation worker's aggregate, recomputed after the submission
      const deadline = Date.now() + 30_000;
      while (!(await page.getByText('1 个城市报送了此项').count()) && Date.now() < deadline) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      await visible(page.getByText('1 个城市报送了此项'));
      const chart = page.locator('figure.chart svg').first();
      await visible(chart);
      expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(1);
      // every chart has its numbers in a table
      await visible(page.getByRole('rowheader', { name: '珠海市 4404' }));
      await hasText(page.getByRole('row', { name: /珠海市 4404/ }).first(), { contains: '已报送' });
      await hasText(page.getByRole('row', { name: /中山市 4420/ }).first(), { contains: '未报送' });
      await shot(page, 'province-dashboard-1280');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel 工作簿（.xlsx）' }).first().click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const saved = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(saved);
      const bytes = statSync(saved).size;
      expect(bytes).toBeGreaterThan(1000);
      const head = (await import('node:fs')).readFileSync(saved).subarray(0, 2).toString('latin1');
      expect(head).toBe('PK'); // an OOXML workbook is a zip
    });
    await scenario(rig, 'province-dashboard-narrow', 390, async (page) => {
      await signIn(page, rig.url, { level: 'province', role: 'province_admin', name: '省民政厅基层政权处' });
      await page.goto(`${rig.url}/console/province`);
      await visible(page.locator('figure.chart').first());
      expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'province-dashboard-390');
    });
  });
  it('Zhuhai registers its export key; the province exports the city and the browser downloads it through the stored link', async () => {
    const identity = await age.generateIdentity();
    const recipient = await age.identityToRecipient(identity);
    await scenario(rig, 'export', 1280, async (page) => {
      await signIn(page, rig.url, { level: 'city', tenant: '4404', role: 'city_admin', name: '珠海市民政局' });
      await page.getByRole('link', { name: '数据导出公钥' }).click();
      await page.getByLabel('age 公钥').fill(recipient);
      await page.getByRole('button', { name: '登记' }).click();
      await visible(page.getByText('已登记数据导出公钥'));
      await shot(page, 'city-export-key-1280');
      await signOut(page);

      await signIn(page, rig.url, { level: 'province', role: 'province_admin', name: '省民政厅基层政权处' });
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '地市管理' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出珠海市数据' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^shequ-4404-\d{8}T\d{6}Z\.age$/);
      expect(download.url()).toMatch(/\/exports\/\d+-[0-9a-f-]{36}-shequ-4404-/);
      const bytes = new Uint8Array(readFileSync((await download.path())!));
      const { manifest } = await unpackArchive(await decryptWith(identity, bytes));
      expect(manifest.tenant).toEqual({ code: '4404', name: '珠海市' });
      expect(manifest.tables.find((t) => t.name === 'divisions')?.rows).toBeGreaterThan(300);
    });
  }, 120_000);
});
