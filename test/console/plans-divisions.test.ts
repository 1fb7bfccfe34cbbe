import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHarness, fieldError, textOf, type Browser } from './support.js';

// Issue 19 §2 and §4 on the adjustment plans and the division pages: units read by name (code small beside it), chosen
// with the picker, and levels by the unit's real kind (街道, 镇, 社区, 村), never 县级/乡级/村级.
type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let street: Browser;
let city: Browser;
let guangzhou: Browser;
const STREET = '441900003';
const RENAMED = '441900003002';
let planId: string;

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4419', '东莞市');
  await h.onboard('4401', '广州市');
  const admin = await h.cityToken('4419');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('db/seed/divisions/4419.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  const gz = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: gz, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  street = h.browser(await h.cityToken('4419', 'street_officer', STREET));
  city = h.browser(admin);
  guangzhou = h.browser(gz);
});

afterAll(async () => {
  await h?.close();
});

/** The text of the page's main content with every `<small class="muted">` code dropped: what a person reads as names. */
const withoutSmallCodes = (html: string) => textOf(html.replace(/<small class="muted">\d+<\/small>/g, ''));

describe('调整方案：单位按名称显示，社区从选择器中选取', () => {
  it('offers the street’s communities by name in the form, not a field for a typed code', async () => {
    const form = await street.get('/console/plans/new');
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<select id="f-changes-0-code" name="changes\.0\.code"/);
    expect(form.html).toMatch(new RegExp(`<option value="${RENAMED}" data-code="${RENAMED}">花园新村社区居民委员会</option>`));
    expect(textOf(form.html)).not.toContain('社区代码（12 位');
  });

  it('saves a rename chosen by name and shows the street, the approver and the community by name', async () => {
    const saved = await street.follow(
      await street.post('/console/plans/new', { title: '花园新村社区更名方案', reason: '社区更名以便群众识别', effectiveDate: '2027-01-01', 'changes.0.kind': 'rename', 'changes.0.code': RENAMED, 'changes.0.name': '东城花园社区' }),
    );
    expect(saved.html).toContain('方案已保存为草稿');
    planId = /\/console\/plans\/([0-9a-f-]{36})\/submit/.exec(saved.html)![1]!;
    expect(textOf(saved.html)).toContain('街道 东城街道 441900003 审批单位 东莞市 4419 生效日 2027-01-01');
    expect(textOf(saved.html)).toContain('更名 花园新村社区居民委员会 441900003002 更名为 东城花园社区');
    expect(saved.html).toContain('东城街道 <small class="muted">441900003</small>');
    expect(saved.html).toContain('东莞市 <small class="muted">4419</small>');
    // the drafter's account id is the test token's subject (it carries the unit's code), not a unit shown by code
    const read = withoutSmallCodes(saved.html).replace(/test-street_officer-\d+/, '');
    for (const code of ['441900003002', '441900003', '4419 ']) expect(read).not.toContain(code);
  });

  it('lists the plan with its street by name', async () => {
    const list = await city.get('/console/plans');
    expect(textOf(list.html)).toMatch(/花园新村社区更名方案 东城街道 441900003 2027-01-01 草稿/);
    expect(withoutSmallCodes(list.html)).not.toContain('441900003');
  });

  it('keeps the names the plan changed as they were before it took effect', async () => {
    await street.post(`/console/plans/${planId}/submit`, {});
    const approved = await city.follow(await city.post(`/console/plans/${planId}/approve`, {}));
    expect(approved.html).toContain('方案已批准');
    h.clock.set(new Date('2027-02-01T02:00:00Z'));
    try {
      const later = await city.get(`/console/plans/${planId}`);
      expect(textOf(later.html)).toContain('花园新村社区居民委员会 441900003002 更名为 东城花园社区');
    } finally {
      h.clock.set(new Date('2026-11-25T02:00:00Z'));
    }
  });

  it('puts a refused community beside its picker', async () => {
    const bad = await street.post('/console/plans/new', { title: '撤销方案', reason: '撤销', effectiveDate: '2027-01-01', 'changes.0.kind': 'dissolve', 'changes.0.code': '' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'changes.0.code')).toBeTruthy();
  });
});

describe('行政区划：层级按单位的实际类别', () => {
  it('names the street 街道 and its communities 社区, with the code small beside the name', async () => {
    const page = await street.get(`/console/divisions?parent=${STREET}`);
    expect(page.html).toContain('东城街道 <small class="muted">441900003</small> · 街道');
    expect(textOf(page.html)).toContain('441900003001 岗贝社区居民委员会 社区 居民委员会');
    for (const retired of ['县级', '乡级', '村级']) expect(textOf(page.html)).not.toContain(retired);
  });

  it('names a district 区, a town 镇 and a village 村', async () => {
    const district = await guangzhou.get('/console/divisions?parent=4401');
    expect(textOf(district.html)).toContain('440118 增城区 区 市辖区');
    const town = await guangzhou.get('/console/divisions?parent=440118');
    expect(textOf(town.html)).toContain('440118100 石滩镇 镇 镇');
    const villages = await guangzhou.get('/console/divisions?parent=440118100');
    expect(textOf(villages.html)).toContain('440118100201 三江村委会 村 村民委员会');
    expect(textOf(villages.html)).toContain('440118100001 石滩社区居委会 社区 居民委员会');
    for (const page of [district, town, villages]) for (const retired of ['县级', '乡级', '村级']) expect(textOf(page.html)).not.toContain(retired);
  });
});

describe('行政区划：下级区划逐页显示', () => {
  it('pages a street’s communities (27 in its list) 20 at a time on the server, with links that work without JavaScript', async () => {
    const rows = (html: string) => (/<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1]?.match(/<tr/g) ?? []).length;
    const first = await street.get('/console/divisions');
    expect(first.status).toBe(200);
    expect(rows(first.html)).toBe(20);
    expect(textOf(first.html)).toContain('下级区划（20+）');
    const next = /<a href="(\/console\/divisions\?[^"]*cursor=[^"]*)">下一页/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await street.get(next!);
    // the rest, none twice (a plan earlier in this file may have closed one)
    expect(rows(second.html)).toBeGreaterThan(0);
    expect(rows(second.html)).toBeLessThan(20);
    const codes = (html: string) => new Set(html.match(/4419000030\d\d/g));
    expect([...codes(second.html)].filter((c) => codes(first.html).has(c))).toEqual([]);
    expect(second.html).toContain('第一页');
    expect(second.html).not.toContain('下一页');
  });
});
