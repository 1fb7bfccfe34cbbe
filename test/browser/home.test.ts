import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionPlan, sheetFor, winningVotes } from '../support/elections.js';
import { api, browserAvailable, onboardDongguan, hasText, scenario, shot, signIn, startConsoleRig, visible, type ConsoleRig } from './support.js';

// Dongguan (4419): no districts, its streets under the city; 东城街道 and its community 岗贝
const CITY = '4419';
const STREET = '441900003';

describe.skipIf(!browserAvailable)('the home page in Chromium: a street officer’s to-do list', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsoleRig();
    await onboardDongguan(rig);
    const street = await rig.cityToken(CITY, 'street_officer', STREET);
    // one election certified (its members now owe training), one counted and waiting to be certified
    for (const [community, certify] of [['441900003001', true], ['441900003002', false]] as const) {
      const planned = (await api(rig, street, 'POST', '/v1/elections', electionPlan(community, { electionDate: '2026-03-01' }))) as Parameters<typeof sheetFor>[0];
      await api(rig, street, 'POST', `/v1/elections/${planned.id}/results`, sheetFor(planned, winningVotes));
      if (certify) await api(rig, street, 'POST', `/v1/elections/${planned.id}/certify`, {});
    }
    // the training obligations come from the queue a moment after the certification: wait for them (at most 30 s),
    // so the training chart the page is checked for does not race the worker
    const deadline = Date.now() + 30_000;
    const owed = async () => ((await api(rig, street, 'GET', `/v1/todo?unit=${STREET}`)) as { training: { members: number }[] }).training.some((r) => r.members > 0);
    while (!(await owed())) {
      if (Date.now() > deadline) throw new Error('no training obligations 30 s after the certification');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  });

  for (const width of [1280, 390]) {
    it(`shows what waits, the unit by name and the figures at ${width} px`, async () => {
      await scenario(rig, `home-${width}`, width, async (page) => {
        await signIn(page, rig.url, { level: 'city', tenant: CITY, role: 'street_officer', unit: STREET, name: '东城街道李干事' });
        await page.goto(`${rig.url}/console/home`);
        await hasText(page.locator('h1'), '首页');
        await visible(page.getByText('东城街道 · 街道工作人员'));
        const certify = page.locator('.todo-item', { hasText: '已计票待认证的选举' });
        await hasText(certify.locator('b'), '1');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `home scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
        // every chart fills its card; every chart label is at least 12 px as shown (not merely as written in the SVG)
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll('figure.chart')].map((figure) => {
            const svg = [...figure.querySelectorAll('svg')].find((s) => s.getBoundingClientRect().width > 0)!;
            const card = figure.getBoundingClientRect().width;
            // the font size as drawn: the SVG's own size times its scale on the page
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
            return { fill: svg.getBoundingClientRect().width / (card - 34), smallest: Math.min(...sizes) };
          }),
        );
        // training and vacancies (no joint conference is set up here, so its table says so without a chart)
        expect(charts.length).toBe(2);
        for (const c of charts) {
          expect(c.fill).toBeGreaterThan(0.9);
          expect(c.smallest).toBeGreaterThanOrEqual(12);
        }
        // tables scroll inside their own box, none is cut off
        const cut = await page.evaluate(() => [...document.querySelectorAll('table')].filter((t) => !t.closest('.table-wrap') && t.scrollWidth > t.clientWidth + 1).length);
        expect(cut).toBe(0);
        const sidebar = page.getByRole('navigation', { name: '主菜单' });
        if (width === 390) {
          expect(await sidebar.isVisible()).toBe(false);
          await shot(page, 'home-390');
          await page.getByText('☰ 菜单').click();
          await visible(sidebar.getByRole('link', { name: '居委会选举' }));
        } else {
          await visible(sidebar.getByRole('link', { name: '居委会选举' }));
          await shot(page, 'home-1280');
        }
        await certify.getByRole('link').click();
        await page.waitForURL(/\/console\/elections\?status=counted/);
        await visible(page.getByRole('navigation', { name: '面包屑' }).getByRole('link', { name: '首页' }));
      });
    });
  }
});
