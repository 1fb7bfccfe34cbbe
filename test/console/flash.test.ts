import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashMessages, sealFlash } from '../../functions/console/context.js';
import { createConsoleHarness, textOf } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
});
afterAll(async () => {
  await h?.close();
});

const phishing = '您的账号已被冻结，请立即致电 020-12345678 核实身份';

describe('flash messages on a page come from the console, not from the link', () => {
  it.each([
    ['a city page', () => h.cityToken('4401'), '/console/services/facilities'],
    ['a province page', () => h.provinceToken(), '/console/province/tenants'],
  ])('shows the generic message, not the text of ?ok= / ?error= in a link to %s', async (_label, token, path) => {
    const browser = h.browser(await token());
    const page = await browser.get(`${path}?ok=${encodeURIComponent(phishing)}&error=${encodeURIComponent(phishing)}&okSig=forged&errorSig=forged`);
    expect(page.html).not.toContain('020-12345678');
  });

  it('shows a code’s message from the catalogue, and the generic one for an unknown code', async () => {
    const browser = h.browser(await h.provinceToken());
    const known = await browser.get('/console/province/tenants?ok=reform_stages_saved');
    expect(textOf(known.html)).toContain(flashMessages.reform_stages_saved);
    const unknown = await browser.get('/console/province/tenants?ok=no_such_code&error=no_such_code');
    expect(textOf(unknown.html)).toContain('操作已完成。');
    expect(textOf(unknown.html)).toContain('操作未成功，请刷新页面后查看结果。');
    expect(unknown.html).not.toContain('no_such_code');
  });

  it('carries a message with parts of its own signed for the session: it shows there and nowhere else', async () => {
    const province = h.browser(await h.provinceToken());
    await province.get('/console/province/tenants');
    const posted = await province.post('/console/province/tenants', { code: '4403', name: '深圳市' });
    expect(posted.status).toBe(303);
    expect(new URL(posted.location!, 'http://x').searchParams.get('okSig')).toBeTruthy();
    expect(textOf((await province.follow(posted)).html)).toContain('已接入 深圳市（4403）');
    const someoneElse = h.browser(await h.provinceToken('province_officer'));
    const replayed = await someoneElse.get(posted.location!);
    expect(replayed.html).not.toContain('已接入 深圳市');
    expect(textOf(replayed.html)).toContain('操作已完成。');
  });

  it('turns a catalogue message into its code, and leaves other locations alone', () => {
    expect(sealFlash(`/console/services/facilities/1?ok=${encodeURIComponent('设施信息已保存。')}`, 'token')).toBe('/console/services/facilities/1?ok=facility_saved');
    expect(sealFlash('/console/plans/1?ok=plan_saved&okSig=stale', 'token')).toBe('/console/plans/1?ok=plan_saved');
    expect(sealFlash('https://idp.example/logout?ok=x', 'token')).toBe('https://idp.example/logout?ok=x');
  });
});
