import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionPlan, planElection } from '../support/elections.js';
import { createConsoleHarness, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
const communities: Record<string, string> = {
  '440103001001': '沙面社区居委会',
  '440103002001': '和平社区居委会',
  '440103002002': '西关社区居委会',
  '440104001001': '流花社区居委会',
};
const codes = Object.keys(communities);
const TOTAL = 22;
const electionIds: string[] = [];

/** Rows of the first table body: the text of each row. */
const rowsOf = (html: string) => [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!));
const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/;

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  const token = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  admin = h.browser(token);
  // 22 elections: more than one page of 20; voters 101..122 so the sort by voters has one right answer
  for (let i = 0; i < TOTAL; i++) {
    const day = String(1 + i).padStart(2, '0');
    const e = await planElection(h, token, electionPlan(codes[i % codes.length], { electionDate: `2026-03-${day}`, registeredVoters: 101 + i }));
    electionIds.push(e.id);
  }
});

afterAll(async () => {
  await h?.close();
});

describe('the elections list: names, paging, sorting and search by query string', () => {
  it('names each community (no 12-digit code) and shows 20 rows with a pager that works by links', async () => {
    const first = await admin.get('/console/elections');
    expect(first.status).toBe(200);
    const rows = rowsOf(first.html);
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(Object.values(communities).some((n) => row.includes(n)), row).toBe(true);
    expect(textOf(first.html)).not.toMatch(TWELVE_DIGITS);
    expect(textOf(first.html)).toContain(`共 ${TOTAL} 条 · 第 1 / 2 页`);
    expect(first.html).toContain('href="/console/elections?page=2" rel="next"');
    // newest first by default: the first row is the last election day
    expect(rows[0]).toContain('2026-03-22');
    const second = await admin.get('/console/elections?page=2');
    expect(rowsOf(second.html)).toHaveLength(2);
    expect(rowsOf(second.html)[1]).toContain('2026-03-01');
    expect(textOf(second.html)).toContain('第 2 / 2 页');
  });

  it('sorts by a column header link, keeping the filter, and marks the column', async () => {
    const page = await admin.get('/console/elections?status=planned&sort=registeredVoters');
    const voters = rowsOf(page.html).map((r) => Number(/\b(1\d\d)\b/.exec(r)?.[1]));
    expect(voters).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    expect(page.html).toMatch(/aria-sort="ascending"><a href="\/console\/elections\?status=planned&amp;sort=-registeredVoters"/);
    expect(page.html).toContain('href="/console/elections?status=planned&amp;sort=registeredVoters&amp;page=2"');
    const down = await admin.get('/console/elections?status=planned&sort=-registeredVoters');
    expect(Number(/\b(1\d\d)\b/.exec(rowsOf(down.html)[0]!)?.[1])).toBe(100 + TOTAL);
  });

  it('searches by part of a community’s name, across pages, with the search kept in the links', async () => {
    const page = await admin.get(`/console/elections?q=${encodeURIComponent('西关')}`);
    const rows = rowsOf(page.html);
    const expected = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => codes[i % codes.length] === '440103002002').length;
    expect(rows).toHaveLength(expected);
    for (const row of rows) expect(row).toContain('西关社区居委会');
    expect(page.html).toContain('value="西关"');
    expect(textOf(page.html)).toContain(`共 ${expected} 条`);
    const none = await admin.get(`/console/elections?q=${encodeURIComponent('不存在')}`);
    expect(textOf(none.html)).toContain('没有符合条件的选举');
  });

  it('links a community page back to its street by name', async () => {
    const community = await admin.get('/console/communities/440103001001');
    expect(community.status).toBe(200);
    expect(community.html).toMatch(/<a href="\/console\/divisions\?parent=440103001">返回沙面街道<\/a>/);
    expect(textOf(community.html)).not.toContain('返回所属街道（');
  });

  it('titles an election by its community’s name', async () => {
    const detail = await admin.get(`/console/elections/${electionIds[0]}`);
    expect(detail.status).toBe(200);
    const title = /<title>([^<]*)<\/title>/.exec(detail.html)?.[1] ?? '';
    expect(title).toContain('沙面社区居委会选举');
    expect(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(detail.html)?.[1]).not.toMatch(TWELVE_DIGITS);
  });
});

describe('the elections list in Chromium', () => {
  it('renders at 1280 and 390 px with the pager and sortable headers in view', async () => {
    const { existsSync, mkdirSync } = await import('node:fs');
    if (!existsSync('/usr/bin/chromium')) return expect.fail('Chromium is missing at /usr/bin/chromium');
    const { chromium } = await import('playwright-core');
    const html = (await admin.get('/console/elections?sort=registeredVoters')).html;
    mkdirSync('test/artifacts', { recursive: true });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.setContent(html, { waitUntil: 'load' });
        await page.screenshot({ path: `test/artifacts/elections-list-${width}.png`, fullPage: true });
        // the table scrolls inside its own box instead of widening the page
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), `${width} px`).toBe(true);
        expect(await page.getByRole('navigation', { name: '分页' }).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: /登记选民/ }).isVisible()).toBe(true);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
