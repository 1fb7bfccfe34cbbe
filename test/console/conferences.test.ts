import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let streetA: Browser;
let auditorA: Browser;
let adminB: Browser;
let streetToken: string;
const STREET = '440103001';
const ids: { hospital?: string; school?: string; series?: string; occurrence?: string; feed?: string; feedUrl?: string } = {};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const admin = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  h.clock.set('2026-12-07T02:00:00Z');
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  streetA = h.browser(streetToken);
  auditorA = h.browser(await h.cityToken('4401', 'auditor', '4401'));
  adminB = h.browser(await h.cityToken('4403'));
  ids.hospital = (await ok<{ id: string }>(h, streetToken, 'POST', '/v1/member-units', { name: '荔湾区人民医院', type: 'enterprise' })).id;
  ids.school = (await ok<{ id: string }>(h, streetToken, 'POST', '/v1/member-units', { name: '沙面小学', type: 'organisation' })).id;
});

afterAll(async () => {
  await h?.close();
});

describe('a series whose first meeting is past', () => {
  it('says so on the series page and offers the form to record the meeting already held', async () => {
    await streetA.get('/console/conferences/series');
    const made = await streetA.follow(
      await streetA.post('/console/conferences/series', {
        title: '沙面街道社区工作联席会议', frequency: 'FREQ=MONTHLY;INTERVAL=3', rrule: '', firstStartLocal: '2026-11-15T09:30', durationMinutes: '120', venue: '沙面街道办事处三楼会议室',
        agenda: '', quorumPercent: '50', [`invitee.${ids.hospital}`]: '1', [`invitee.${ids.school}`]: '1',
      }),
    );
    ids.series = /action="\/console\/conferences\/series\/([0-9a-f-]{36})\/held"/.exec(made.html)![1]!;
    const text = textOf(made.html);
    expect(made.html).toContain('data-code="first_meeting_past"');
    expect(text).toContain('首次会议时间（2026-11-15 09:30）已过：系统只排定今后的会议。如该次会议已经召开，请补录会议纪要。 补录已召开的会议');
    expect(made.html).toContain('href="#h-held"');
    expect(text).toContain('定期召开 召集单位 沙面街道 440103001');
    expect(made.html).toMatch(/name="startsLocal"[^>]*value="2026-11-15T09:30"/);
    expect(made.html).toMatch(new RegExp(`name="attended\\.${ids.hospital}" value="1" checked`));
  });

  it('shows the convener and each member unit’s street by name', async () => {
    const list = await streetA.get('/console/conferences/series');
    expect(textOf(list.html)).toMatch(/沙面街道社区工作联席会议 沙面街道 440103001 每季度一次 沙面街道办事处三楼会议室 2027-02-15 09:30 定期召开/);
    const units = await streetA.get('/console/conferences/member-units');
    expect(textOf(units.html)).toMatch(/荔湾区人民医院 企事业单位 沙面街道 440103001/);
    const unit = await streetA.get(`/console/conferences/member-units/${ids.hospital}`);
    expect(textOf(unit.html)).toContain('企事业单位 · 沙面街道 440103001 ·');
  });

  it('refuses a time after now beside the field and a half-filled resolution beside its fields, keeping what was typed', async () => {
    const fields = { startsLocal: '2026-12-07T10:30', durationMinutes: '90', venue: '沙面街道党群服务中心', minutes: '会议议定医院篮球场周末向居民开放。', [`attended.${ids.hospital}`]: '1' };
    const future = await streetA.post(`/console/conferences/series/${ids.series}/held`, fields);
    expect(future.status).toBe(400);
    expect(fieldError(future.html, 'startsLocal')).toBe('不能晚于当前时间（2026-12-07 10:00）');
    expect(textOf(future.html)).toContain('只能补录已经召开的会议');
    expect(future.html).toContain('value="沙面街道党群服务中心"');
    expect(future.html).not.toMatch(new RegExp(`name="attended\\.${ids.school}" value="1" checked`));
    const half = await streetA.post(`/console/conferences/series/${ids.series}/held`, { ...fields, startsLocal: '2026-11-15T09:30', 'resolutions.1.title': '医院篮球场周末向居民开放' });
    expect(half.status).toBe(400);
    expect(fieldError(half.html, 'resolutions.1.ownerMemberUnitId')).toBe('请选择责任单位');
    expect(fieldError(half.html, 'resolutions.1.dueDate')).toBe('请填写完成时限');
    expect((await ok<{ items: unknown[] }>(h, streetToken, 'GET', `/v1/conferences/occurrences?series=${ids.series}&from=2026-11-01&to=2026-12-01`)).items).toEqual([]);
  });

  it('records the meeting held with its minutes, attendance and a resolution; the notice goes', async () => {
    const done = await streetA.follow(
      await streetA.post(`/console/conferences/series/${ids.series}/held`, {
        startsLocal: '2026-11-15T09:30', durationMinutes: '90', venue: '沙面街道党群服务中心', minutes: '会议议定医院篮球场周末向居民开放。', [`attended.${ids.hospital}`]: '1',
        'resolutions.1.title': '医院篮球场周末向居民开放', 'resolutions.1.ownerMemberUnitId': ids.hospital!, 'resolutions.1.dueDate': '2027-01-31',
      }),
    );
    const text = textOf(done.html);
    expect(text).toContain('已补录 2026/11/15 09:30 召开的会议及其纪要');
    expect(text).toContain('已召开 2026/11/15 09:30 至 11:00 · 沙面街道党群服务中心 · 召集单位 沙面街道 440103001');
    expect(text).toContain('会议议定医院篮球场周末向居民开放。');
    expect(text).toMatch(/荔湾区人民医院 未答复 — 出席/);
    expect(text).toMatch(/沙面小学 未答复 — 缺席/);
    expect(text).toMatch(/医院篮球场周末向居民开放 .*荔湾区人民医院 2027-01-31 办理中/);
    const series = await streetA.get(`/console/conferences/series/${ids.series}`);
    expect(series.html).not.toContain('data-code="first_meeting_past"');
    expect(series.html).toContain(`action="/console/conferences/series/${ids.series}/held"`);
  });

  it('an auditor sees the notice without the form; city B gets the not-found page and its post writes nothing', async () => {
    const page = await auditorA.get(`/console/conferences/series/${ids.series}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('/held"');
    const before = (await ok<{ items: unknown[] }>(h, streetToken, 'GET', `/v1/conferences/occurrences?series=${ids.series}&from=2026-01-01&to=2028-01-01`)).items.length;
    const foreign = await adminB.get(`/console/conferences/series/${ids.series}`);
    expect(foreign.status).toBe(404);
    const post = await adminB.post(`/console/conferences/series/${ids.series}/held`, { startsLocal: '2026-10-10T09:00', minutes: '越权补录的纪要' });
    expect(post.status).toBe(404);
    expect(post.html).not.toContain('沙面');
    expect((await ok<{ items: unknown[] }>(h, streetToken, 'GET', `/v1/conferences/occurrences?series=${ids.series}&from=2026-01-01&to=2028-01-01`)).items.length).toBe(before);
  });
});

describe('revoking a calendar feed', () => {
  it('goes through a confirmation page that shows which feed is revoked', async () => {
    const form = await streetA.get('/console/conferences/feeds');
    expect(form.html).toMatch(/<select id="f-unit" name="unit"/);
    expect(form.html).toMatch(/<option value="440103001"[^>]*>沙面街道<\/option>/);
    expect(form.html).not.toContain('召集单位代码');
    const made = await streetA.post('/console/conferences/feeds', { scope: 'unit', unit: STREET, memberUnit: '' });
    ids.feed = /<a href="#feed-([0-9a-f-]{36})">/.exec(made.html)![1]!;
    ids.feedUrl = new URL(/id="feed-url"[^>]*value="([^"]+)"/.exec(made.html)![1]!).pathname;
    expect(textOf(made.html)).toContain('订阅内容：本街道（区）召集的联席会议（沙面街道）');
    const list = await streetA.get('/console/conferences/feeds');
    expect(list.html).toContain(`href="/console/conferences/feeds/${ids.feed}/revoke"`);
    expect(list.html).not.toMatch(/<form[^>]+action="\/console\/conferences\/feeds\/[^"]*revoke"/);
    expect(textOf(list.html)).toContain('召集单位：沙面街道 440103001');

    const confirm = await streetA.get(`/console/conferences/feeds/${ids.feed}/revoke`);
    expect(confirm.status).toBe(200);
    const text = textOf(confirm.html);
    expect(text).toContain('将停用以下订阅链接');
    expect(text).toMatch(/订阅内容 本街道（区）召集的联席会议 召集单位 沙面街道 440103001 生成时间 2026\/12\/07 10:00 生成人 我/);
    expect(text).toContain('停用后，添加了此链接的日历应用将不再更新会议安排，且不能恢复');
    expect(confirm.html).toContain(`action="/console/conferences/feeds/${ids.feed}/revoke"`);
    expect(confirm.html).toContain('name="confirm" value="yes"');

    const unconfirmed = await streetA.post(`/console/conferences/feeds/${ids.feed}/revoke`, {});
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.location).toBe(`/console/conferences/feeds/${ids.feed}/revoke`);
    expect((await h.request('GET', ids.feedUrl)).status).toBe(200);
  });

  it('city B gets the not-found page for A’s feed and cannot revoke it', async () => {
    const page = await adminB.get(`/console/conferences/feeds/${ids.feed}/revoke`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('沙面');
    await adminB.get('/console/conferences/feeds');
    expect((await adminB.post(`/console/conferences/feeds/${ids.feed}/revoke`, { confirm: 'yes' })).status).toBe(404);
    expect((await h.request('GET', ids.feedUrl!)).status).toBe(200);
  });

  it('revokes once confirmed, names the feed, and the calendar app then gets nothing', async () => {
    await streetA.get(`/console/conferences/feeds/${ids.feed}/revoke`);
    const done = await streetA.follow(await streetA.post(`/console/conferences/feeds/${ids.feed}/revoke`, { confirm: 'yes' }));
    expect(textOf(done.html)).toContain('已停用订阅链接（本街道（区）召集的联席会议：沙面街道），日历应用将不再更新。');
    expect((await h.request('GET', ids.feedUrl!)).status).toBe(404);
    const again = await streetA.get(`/console/conferences/feeds/${ids.feed}/revoke`);
    expect(again.status).toBe(303);
  });
});
