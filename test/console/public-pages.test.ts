import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDivisions, seedPublicCommunity, SHAMIAN } from '../support/public-pages.js';
import { minutesOfForm } from '../../functions/console/pages/conferences/minutes.js';
import { createConsoleHarness, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
let street: Browser;

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await importDivisions(h, '4401');
  await seedPublicCommunity(h);
  admin = h.browser(await h.cityToken('4401'));
  street = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
});
afterAll(async () => {
  await h?.close();
});

const publicStatus = async () => (await h.console.request(`/p/4401/${SHAMIAN}`)).status;

describe('居务公开 in the console', () => {
  it('shows the hotline and “未公开”; the street sees no publish button, the city admin does', async () => {
    const seen = await street.get(`/console/communities/${SHAMIAN}`);
    expect(textOf(seen.html)).toContain('服务热线 020-81230000');
    expect(textOf(seen.html)).toContain('居务公开 未公开');
    expect(seen.html).not.toContain('公开本社区居务');
    expect((await admin.get(`/console/communities/${SHAMIAN}`)).html).toContain('公开本社区居务');
  });

  it('lets the city admin publish the page and take it down, the public page following', async () => {
    expect(await publicStatus()).toBe(404);
    await admin.get(`/console/communities/${SHAMIAN}`);
    const published = await admin.follow(await admin.post(`/console/communities/${SHAMIAN}/publication`, { publishable: 'on' }));
    expect(published.html).toContain('本社区居务公开页面已公开。');
    expect(textOf(published.html)).toContain('居务公开 已公开 查看公开页面');
    expect(published.html).toContain(`href="/p/4401/${SHAMIAN}"`);
    expect(published.html).toContain('停止公开');
    expect(await publicStatus()).toBe(200);
    const withdrawn = await admin.follow(await admin.post(`/console/communities/${SHAMIAN}/publication`, { publishable: 'off' }));
    expect(withdrawn.html).toContain('本社区居务公开页面已停止公开。');
    expect(await publicStatus()).toBe(404);
  });

  it('refuses the street’s publish request with the reason, changing nothing', async () => {
    await street.get(`/console/communities/${SHAMIAN}`);
    const refused = await street.follow(await street.post(`/console/communities/${SHAMIAN}/publication`, { publishable: 'on' }));
    expect(refused.html).toContain('未能设置居务公开：');
    expect(refused.html).toContain('只有市级管理员可以设置社区是否公开');
    expect(await publicStatus()).toBe(404);
  });

  it('edits the service hotline in the profile form and refuses a mobile beside the field', async () => {
    const form = await admin.get(`/console/communities/${SHAMIAN}/edit`);
    expect(form.html).toContain('社区服务热线');
    const bad = await admin.post(`/console/communities/${SHAMIAN}/edit`, { type: 'geographic', households: '1800', officeAddress: '沙面北街45号', serviceHotline: '13922229999' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('不能是个人手机号');
    const saved = await admin.follow(await admin.post(`/console/communities/${SHAMIAN}/edit`, { type: 'geographic', households: '1800', officeAddress: '沙面北街45号', serviceHotline: '020-81239999' }));
    expect(textOf(saved.html)).toContain('服务热线 020-81239999');
  });

  it('marks a resolution public from the minutes form’s checkbox, and the resolutions list tags it 公开', async () => {
    const form = { minutes: '会议纪要', 'resolutions.0.title': '开放停车场', 'resolutions.0.ownerMemberUnitId': 'u1', 'resolutions.0.dueDate': '2027-01-31', 'resolutions.0.public': '1', 'resolutions.1.title': '内部事项', 'resolutions.1.ownerMemberUnitId': 'u1', 'resolutions.1.dueDate': '2027-01-31' };
    expect(minutesOfForm(form, [{ id: 'u1', name: '荔湾区人民医院', ticked: true }]).body.resolutions.map((r) => [r.title, r.public])).toEqual([['开放停车场', true], ['内部事项', false]]);
    const list = textOf((await street.get('/console/conferences')).html);
    expect(list).toMatch(/周末向居民开放医院停车场 办结情况 \* 办结 荔湾区人民医院 2027-01-31 办理中 公开 /);
    expect(list).toMatch(/内部人事协调事项 办结情况 \* 办结 440103001 2027-03-31 办理中 (?!公开)/);
  });
});
