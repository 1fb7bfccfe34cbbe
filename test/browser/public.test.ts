import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionPlan, sheetFor, winningVotes } from '../support/elections.js';
import { api, browserAvailable, onboardDongguan, hasText, scenario, shot, startConsoleRig, visible, type ConsoleRig } from './support.js';

// Dongguan (4419): 东城街道's community 岗贝, published by the city (居务公开)
const CITY = '4419';
const STREET = '441900003';
const COMMUNITY = '441900003001';

describe.skipIf(!browserAvailable)('居务公开 in Chromium: a resident reads a community’s public page without signing in', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
    const admin = await onboardDongguan(rig);
    const street = await rig.cityToken(CITY, 'street_officer', STREET);
    const planned = (await api(rig, street, 'POST', '/v1/elections', electionPlan(COMMUNITY, { electionDate: '2026-03-01' }))) as Parameters<typeof sheetFor>[0];
    await api(rig, street, 'POST', `/v1/elections/${planned.id}/results`, sheetFor(planned, winningVotes));
    await api(rig, street, 'POST', `/v1/elections/${planned.id}/certify`, {});
    await api(rig, admin, 'PATCH', `/v1/communities/${COMMUNITY}`, { type: 'geographic', officeAddress: '东城街道岗贝路一号社区服务楼二楼', serviceHotline: '0769-22110001' });
    await api(rig, street, 'POST', '/v1/facilities', { unitCode: COMMUNITY, kind: 'service_centre', name: '岗贝社区党群服务中心', address: '岗贝路一号', openingHours: '周一至周日 08:30-21:00', areaM2: 450 });
    await api(rig, admin, 'PUT', `/v1/communities/${COMMUNITY}/publication`, { publishable: true });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  it.each([390, 1280])('reads at %i px: committee, members, election announcement, facilities; nothing wider than the screen', async (width) => {
    await scenario(rig, `public-${width}`, width, async (page) => {
      const response = await page.goto(`${rig.url}/p/${CITY}/${COMMUNITY}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['cache-control']).toBe('public, max-age=60');
      await hasText(page.locator('h1'), '岗贝社区居民委员会');
      await visible(page.getByText('0769-22110001'));
      await visible(page.getByRole('cell', { name: '陈主任' }));
      await hasText(page.locator('#election').locator('..'), { contains: '全体有选举权的居民直接选举' });
      await visible(page.getByText('登记选民'));
      await visible(page.getByRole('cell', { name: '岗贝社区党群服务中心' }));
      await visible(page.getByRole('link', { name: '在线咨询或提出服务需求' }));
      // readable on a phone: the page itself never scrolls sideways (wide tables scroll in their own frame)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await page.locator('script').count()).toBe(0);
      await shot(page, `public-community-${width}`);
    });
  });

  it('answers a page the city has not published with a Chinese 404 page', async () => {
    await scenario(rig, 'public-404', 390, async (page) => {
      const response = await page.goto(`${rig.url}/p/${CITY}/441900003002`);
      expect(response?.status()).toBe(404);
      await hasText(page.locator('h1'), '未找到页面');
      await visible(page.getByText('未找到 4419 市 441900003002 社区的居务公开页面'));
    });
  });
});
