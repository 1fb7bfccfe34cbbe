import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, browserAvailable, shot, startConsoleRig, type ConsoleRig } from './support.js';

const CITY = '4401';
const COMMUNITY = '440103001001';

describe.skipIf(!browserAvailable)('电脑网络服务咨询平台: a resident asks, the community answers, the resident rates (Chromium)', () => {
  let rig: ConsoleRig;
  let committee: string;
  beforeAll(async () => {
    rig = await startConsoleRig();
    await api(rig, await rig.provinceToken(), 'POST', '/v1/tenants', { code: CITY, name: '广州市' });
    const admin = await rig.cityToken(CITY);
    const res = await fetch(`${rig.url}/v1/divisions/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' }, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8') });
    expect(res.status).toBe(200);
    committee = await rig.cityToken(CITY, 'committee_member', COMMUNITY);
  }, 900_000);
  afterAll(async () => {
    await rig?.close();
  });

  for (const width of [1280, 390]) {
    it(`from the public form to the rating, at ${width} px`, async () => {
      const resident = await rig.newPage(width);
      await resident.goto(`${rig.url}/p/${CITY}/${COMMUNITY}/ask`);
      expect(await resident.getByRole('heading', { name: '向沙面社区居委会咨询' }).isVisible()).toBe(true);
      await resident.getByLabel('咨询类别').selectOption('办事指南');
      await resident.getByLabel('咨询内容').fill(`请问办理居住证需要哪些材料？（${width}）`);
      await resident.getByLabel('联系电话（选填）').fill('13912345678');
      expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(resident, `consultations-ask-${width}`);
      await resident.getByRole('button', { name: '提交咨询' }).click();
      await resident.getByText('咨询已提交').waitFor();
      const trackingCode = (await resident.locator('#tracking-code').textContent())!.trim();
      const link = (await resident.locator('#private-link').getAttribute('href'))!;
      expect(link).toMatch(new RegExp(`^/p/${CITY}/${COMMUNITY}/consultations/4401\\.`));
      expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(resident, `consultations-receipt-${width}`);

      const staff = await rig.newPage(width);
      await staff.context().addCookies([{ name: 'shequ_session', value: committee, url: rig.url }]);
      await staff.goto(`${rig.url}/console/consultations`);
      await staff.getByRole('link', { name: trackingCode }).click();
      expect(await staff.getByText('139****5678').isVisible()).toBe(true);
      await staff.getByLabel('答复内容').fill('请携带身份证和租赁合同到社区服务中心办理。');
      await staff.getByRole('button', { name: '答复', exact: true }).click();
      await staff.getByText('已答复，居民可凭私密链接查看。').waitFor();
      await shot(staff, `consultations-staff-${width}`);
      await staff.context().close();

      await resident.goto(`${rig.url}${link}`);
      expect(await resident.locator('#answer').textContent()).toContain('请携带身份证和租赁合同');
      await resident.getByLabel('满意', { exact: true }).check();
      await resident.getByLabel('意见（选填）').fill('答复及时');
      await resident.getByRole('button', { name: '提交评价' }).click();
      await resident.getByText('感谢您的评价。').waitFor();
      expect(await resident.locator('#rating').textContent()).toBe('满意');
      expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(resident, `consultations-rated-${width}`);
      await resident.context().close();
    });
  }
});
