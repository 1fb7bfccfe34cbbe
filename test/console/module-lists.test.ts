import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committeePositionLabels } from '../../shared/committees/rules.js';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { runTrainingWorker } from '../support/training.js';
import { createConsoleHarness, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
let adminToken: string;
const communities: Record<string, string> = {
  '440103001001': '沙面社区居委会',
  '440103002001': '和平社区居委会',
  '440103002002': '西关社区居委会',
};
const codes = Object.keys(communities);
const VOLUNTEERS = 23;
/** Every fifth volunteer is an 欧阳, so a search by part of a name has one right answer. */
const volunteerName = (i: number) => (i % 5 === 0 ? `欧阳${'一二三四五六七八九十'[i % 10]}${i}` : `李${'明华强芳静'[i % 5]}${i}`);

/** Rows of the table that follows the heading `heading` (or the first table): the text of each row. */
function rowsOf(html: string, heading?: string): string[] {
  const from = heading ? html.indexOf(heading) : 0;
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html.slice(Math.max(0, from)))?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!));
}
const TWELVE_DIGITS = /(?<!\d)\d{12}(?!\d)/;
/** Stored English values a person must never read: positions, statuses, kinds. */
const RAW_VALUES = /\b(chair|vice_chair|member|overdue|pending|met|late|service_centre|civil_affairs|industry_commerce|social_welfare)\b/;
/** The text of the page's main content (the menu and header are not the page's own). */
const mainText = (html: string) => textOf(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html);

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  adminToken = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: adminToken, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  admin = h.browser(adminToken);
  const org = await ok<{ id: string }>(h, adminToken, 'POST', '/v1/volunteer-organisations', { unitCode: codes[0], name: '沙面志愿服务队' });
  for (let i = 0; i < VOLUNTEERS; i++) {
    await ok(h, adminToken, 'POST', '/v1/volunteers', {
      cardNumber: `GZ-2026-${String(i).padStart(4, '0')}`, name: volunteerName(i), communityCode: codes[i % codes.length], ...(i % 2 ? { organisationId: org.id } : {}),
    });
  }
  // three committees elected 18 months ago: 21 members, all overdue for training today
  for (const [i, code] of codes.entries()) await certifiedElection(h, adminToken, electionPlan(code, { electionDate: `2025-05-0${i + 1}` }));
  await runTrainingWorker(h);
  await ok(h, adminToken, 'POST', '/v1/facilities', { unitCode: codes[1], kind: 'service_centre', name: '和平社区服务中心', areaM2: 300, address: '和平路1号', openingHours: null, contact: null, openedBy: null });
  await ok(h, adminToken, 'POST', '/v1/service-units', {
    unitCode: codes[2], name: '西关长者服务站', services: ['日间照料'], targets: ['elderly'], funding: 'non_state', profitStatus: 'non_profit', nonStateAssetsYuan: 900, totalAssetsYuan: 1000,
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('志愿者名册: paged, sorted and searched on the server, communities by name', () => {
  it('shows 20 of 23 volunteers with a pager that works by links, and no 12-digit code', async () => {
    const first = await admin.get('/console/services/volunteers');
    expect(first.status).toBe(200);
    const rows = rowsOf(first.html, '志愿者名册');
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(Object.values(communities).some((n) => row.includes(n)), row).toBe(true);
    expect(mainText(first.html)).not.toMatch(TWELVE_DIGITS);
    expect(textOf(first.html)).toContain(`共 ${VOLUNTEERS} 条 · 第 1 / 2 页`);
    expect(first.html).toContain('href="/console/services/volunteers?page=2" rel="next"');
    const second = await admin.get('/console/services/volunteers?page=2');
    expect(rowsOf(second.html, '志愿者名册')).toHaveLength(VOLUNTEERS - 20);
    expect(rows.some((r) => r.includes('沙面志愿服务队'))).toBe(true);
  });

  it('searches by part of a name across the whole list, keeping the search in the pager and sort links', async () => {
    const page = await admin.get(`/console/services/volunteers?q=${encodeURIComponent('欧阳')}`);
    const rows = rowsOf(page.html, '志愿者名册');
    const expected = Array.from({ length: VOLUNTEERS }, (_, i) => volunteerName(i)).filter((n) => n.startsWith('欧阳'));
    expect(rows).toHaveLength(expected.length);
    for (const row of rows) expect(row).toContain('欧阳');
    expect(textOf(page.html)).toContain(`共 ${expected.length} 条`);
    expect(page.html).toContain('value="欧阳"');
    expect(page.html).toContain('href="/console/services/volunteers?q=%E6%AC%A7%E9%98%B3&amp;sort=name"');
    const none = await admin.get(`/console/services/volunteers?q=${encodeURIComponent('不存在')}`);
    expect(textOf(none.html)).toContain('没有符合条件的志愿者');
  });

  it('sorts by card number both ways from the column header', async () => {
    const up = rowsOf((await admin.get('/console/services/volunteers?sort=card')).html, '志愿者名册');
    expect(up[0]).toContain('GZ-2026-0000');
    const down = await admin.get('/console/services/volunteers?sort=-card');
    expect(rowsOf(down.html, '志愿者名册')[0]).toContain(`GZ-2026-${String(VOLUNTEERS - 1).padStart(4, '0')}`);
    expect(down.html).toMatch(/aria-sort="descending"><a href="\/console\/services\/volunteers\?sort=card"/);
  });

  it('refuses a sort the API does not know, naming the field', async () => {
    const res = await h.request('GET', '/v1/volunteers?sort=phone', { token: adminToken });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('sort');
  });
});

describe('其他服务名录: units by name, values labelled', () => {
  it.each([
    ['/console/services/organisations', '沙面志愿服务队', '沙面社区居委会'],
    ['/console/services/facilities', '和平社区服务中心', '和平社区居委会'],
    ['/console/services/units', '西关长者服务站', '西关社区居委会'],
  ])('%s names the unit, not its code, and shows no raw value', async (path, name, unit) => {
    const page = await admin.get(path);
    expect(page.status).toBe(200);
    const row = rowsOf(page.html).find((r) => r.includes(name));
    expect(row).toContain(unit);
    expect(mainText(page.html)).not.toMatch(TWELVE_DIGITS);
    expect(mainText(page.html)).not.toMatch(RAW_VALUES);
    const found = await admin.get(`${path}?q=${encodeURIComponent(name.slice(0, 2))}`);
    expect(rowsOf(found.html).some((r) => r.includes(name))).toBe(true);
    const none = await admin.get(`${path}?q=${encodeURIComponent('不存在')}`);
    expect(rowsOf(none.html).some((r) => r.includes(name))).toBe(false);
  });
});

describe('逾期未完成培训的成员: paged, searched by name, positions labelled', () => {
  it('pages 21 overdue members 20 at a time, each with a labelled position and no 12-digit code', async () => {
    const page = await admin.get('/console/training');
    expect(page.status).toBe(200);
    const rows = rowsOf(page.html, '逾期未完成培训的成员');
    expect(rows).toHaveLength(20);
    expect(textOf(page.html)).toContain('逾期未完成培训的成员（21）');
    expect(textOf(page.html)).toContain('共 21 条 · 第 1 / 2 页');
    expect(page.html).toContain('href="/console/training?page=2" rel="next"');
    const labels = Object.values(committeePositionLabels);
    for (const row of rows) expect(labels.some((l) => row.includes(l)), row).toBe(true);
    expect(mainText(page.html)).not.toMatch(RAW_VALUES);
    expect(mainText(page.html)).not.toMatch(TWELVE_DIGITS);
    expect(rowsOf((await admin.get('/console/training?page=2')).html, '逾期未完成培训的成员')).toHaveLength(1);
  });

  it('finds a member by part of the name in every committee, and sorts by name', async () => {
    const page = await admin.get(`/console/training?q=${encodeURIComponent('陈主')}`);
    const rows = rowsOf(page.html, '逾期未完成培训的成员');
    expect(rows).toHaveLength(codes.length);
    for (const row of rows) expect(row.trim()).toMatch(/^陈主任 主任 /);
    const streetsOf = (r: string) => Object.values(communities).find((n) => r.includes(n.slice(0, 4)));
    expect(new Set(rows.map(streetsOf))).toEqual(new Set(Object.values(communities)));
    const firstName = (path: string) => admin.get(path).then((p) => rowsOf(p.html, '逾期未完成培训的成员').map((r) => r.trim().split(' ')[0]!));
    const [up, down] = [await firstName('/console/training?sort=member'), await firstName('/console/training?sort=-member&page=2')];
    expect(up[0]).toBe(down.at(-1));
    expect(new Set(up.slice(0, 3)).size).toBe(1);
  });

  it('the API pages the obligations with a total and labels the position', async () => {
    const body = await ok<{ items: { position: string; positionLabel: string }[]; total: number; page: number; size: number }>(h, adminToken, 'GET', '/v1/training/obligations?status=overdue&size=5&page=5');
    expect(body).toMatchObject({ total: 21, page: 5, size: 5 });
    expect(body.items).toHaveLength(1);
    expect(body.items[0]!.positionLabel).toBe(committeePositionLabels[body.items[0]!.position as keyof typeof committeePositionLabels]);
  });
});

describe('示范单位: paged and searched by the unit’s name on the server', () => {
  it('pages 21 designations 20 at a time, each by name, and finds one community’s by part of its name', async () => {
    for (let i = 0; i < 21; i++) {
      await ok(h, adminToken, 'POST', '/v1/reform/demonstrations', { level: 'committee', unitCode: codes[i % codes.length], designatedOn: `2026-0${1 + Math.floor(i / 3)}-15`, designatedBy: '广州市民政局' });
    }
    const first = await admin.get('/console/reform/demonstrations');
    expect(first.status).toBe(200);
    expect(rowsOf(first.html)).toHaveLength(20);
    expect(textOf(first.html)).toContain('共 21 条 · 第 1 / 2 页');
    expect(mainText(first.html)).not.toMatch(TWELVE_DIGITS);
    const found = await admin.get(`/console/reform/demonstrations?q=${encodeURIComponent('西关')}`);
    const rows = rowsOf(found.html);
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(row).toContain('西关社区居委会');
    const latest = rowsOf((await admin.get('/console/reform/demonstrations?sort=-designatedOn')).html)[0];
    expect(latest).toContain('2026-07-15');
  });
});

describe('居委会与社区页面: names and labels, not codes and values', () => {
  it('a committee page and its community page show no 12-digit code and no raw position, gender or status', async () => {
    const { items } = await ok<{ items: { id: string; communityCode: string }[] }>(h, adminToken, 'GET', `/v1/committees?parent=${codes[0]}`);
    const committee = await admin.get(`/console/committees/${items[0]!.id}`);
    expect(committee.status).toBe(200);
    const community = await admin.get(`/console/communities/${codes[0]}`);
    expect(community.status).toBe(200);
    for (const html of [committee.html, community.html]) {
      expect(mainText(html)).not.toMatch(RAW_VALUES);
      expect(mainText(html)).not.toMatch(/\b(male|female|certified|planned)\b/);
    }
    expect(mainText(committee.html)).not.toMatch(TWELVE_DIGITS);
    expect(textOf(community.html)).toContain('已认证');
  });
});
