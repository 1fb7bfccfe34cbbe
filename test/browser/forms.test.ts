import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionPlan, sheetFor, winningVotes, type ElectionBody } from '../support/elections.js';
import { api, browserAvailable, shot, startConsoleRig, type ConsoleRig } from './support.js';

const CITY = '4401';

describe.skipIf(!browserAvailable)('data entry without codes (Chromium)', () => {
  let rig: ConsoleRig;
  let token: string;
  let electionId: string;
  beforeAll(async () => {
    rig = await startConsoleRig();
    await api(rig, await rig.provinceToken(), 'POST', '/v1/tenants', { code: CITY, name: '广州市' });
    token = await rig.cityToken(CITY);
    const res = await fetch(`${rig.url}/v1/divisions/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8') });
    expect(res.status).toBe(200);
    const planned = (await api(rig, token, 'POST', '/v1/elections', electionPlan('440103002001'))) as ElectionBody;
    await api(rig, token, 'POST', `/v1/elections/${planned.id}/results`, sheetFor(planned, winningVotes));
    electionId = planned.id;
  }, 900_000);
  afterAll(async () => {
    await rig?.close();
  });

  for (const width of [1280, 390]) {
    it(`election form with the picker and candidate rows, and the certify confirmation, at ${width} px`, async () => {
      const page = await rig.newPage(width);
      await page.context().addCookies([{ name: 'shequ_session', value: token, url: rig.url }]);
      await page.goto(`${rig.url}/console/elections/new`);
      // the search box appears with script and narrows the options; the select keeps the value
      const search = page.locator('#f-community-search');
      expect(await search.isVisible()).toBe(true);
      await search.fill('西关');
      expect(await page.locator('#f-community').inputValue()).toBe('440103002002');
      await page.locator('#f-c-0-name').fill('陈主任');
      await page.locator('#f-c-0-gender').selectOption('female');
      await page.locator('#f-c-0-birthYear').fill('1975');
      await page.locator('#f-c-0-position').selectOption('chair');
      await page.getByRole('button', { name: '再加 5 行' }).click();
      await page.locator('#f-c-9-name').waitFor();
      expect(await page.locator('#f-c-0-name').inputValue()).toBe('陈主任');
      // the page itself never scrolls sideways: the rows scroll inside their own box
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `forms-election-${width}`);
      await page.goto(`${rig.url}/console/elections/${electionId}/certify`);
      expect(await page.getByText('以下内容确认后将不可更改').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await shot(page, `forms-certify-confirm-${width}`);
      await page.context().close();
    });
  }
});
