import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHarness, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let admin: Browser;
let shamian: Browser;
let street: Browser;
let auditor: Browser;
let id: string;
const COMMUNITY = '440103001001';

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  const token = await h.cityToken('4401');
  expect((await h.request('POST', '/v1/divisions/import', { token, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  admin = h.browser(token);
  shamian = h.browser(await h.cityToken('4401', 'committee_member', COMMUNITY));
  street = h.browser(await h.cityToken('4401', 'street_officer', '440103001'));
  auditor = h.browser(await h.cityToken('4401', 'auditor'));
  h.clock.set(new Date('2026-11-25T10:00:00+08:00'));
  const res = await h.request('POST', `/v1/public/cities/4401/communities/${COMMUNITY}/consultations`, { json: { category: '求助', text: '楼道灯坏了，请帮忙报修。', phone: '13812345678' } });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await h?.close();
});

describe('居民咨询 in the console', () => {
  it('lists the queue with labels and names, never codes or enum values', async () => {
    const list = await shamian.get('/console/consultations');
    expect(list.status).toBe(200);
    expect(list.html).toContain('沙面社区居委会');
    expect(list.html).toContain('待受理');
    expect(list.html).not.toContain('>new<');
    id = /\/console\/consultations\/([0-9a-f-]{36})/.exec(list.html)![1]!;
  });

  it('assigns and answers from the detail page; the phone is masked, revealed only to an officer', async () => {
    const detail = await shamian.get(`/console/consultations/${id}`);
    expect(detail.html).toContain('138****5678');
    expect(detail.html).not.toContain('查看完整号码');
    expect((await street.get(`/console/consultations/${id}?reveal=true`)).html).toContain('13812345678');
    const blank = await shamian.post(`/console/consultations/${id}/answer`, { answer: '' });
    expect(blank.status).toBe(400);
    const assigned = await shamian.follow(await shamian.post(`/console/consultations/${id}/assign`, { assignee: '李主任' }));
    expect(assigned.html).toContain('已分派给李主任');
    const answered = await shamian.follow(await shamian.post(`/console/consultations/${id}/answer`, { answer: '已联系物业，今天更换。' }));
    expect(answered.html).toContain('已联系物业，今天更换。');
    expect(answered.html).toContain('已答复');
  });

  it('asks for confirmation before closing, then closes', async () => {
    const confirm = await shamian.post(`/console/consultations/${id}/close`, {});
    expect(confirm.status).toBe(200);
    expect(confirm.html).toContain('确认办结');
    const closed = await shamian.follow(await shamian.post(`/console/consultations/${id}/close`, { confirm: 'yes' }));
    expect(closed.html).toContain('已办结');
    expect(closed.html).not.toContain('>办结</button>');
  });

  it('lets the city admin change the deadline and add a holiday; an auditor only reads', async () => {
    expect((await admin.get('/console/consultations/settings')).html).toContain('政策咨询');
    const saved = await admin.follow(await admin.post('/console/consultations/settings', { answerWorkingDays: '5', categories: '政策咨询\n求助\n其他' }));
    expect(saved.html).toContain('已保存咨询平台设置');
    const day = await admin.follow(await admin.post('/console/consultations/calendar', { day: '2026-12-31', kind: 'holiday', name: '地方假日' }));
    expect(day.html).toContain('地方假日');
    expect(day.html).toContain('国庆节调休');
    const read = await auditor.get('/console/consultations/settings');
    expect(read.html).toContain('仅市民政局管理员可修改');
  });

  it('shows this month’s figures on the home page', async () => {
    const home = await street.get('/console/home');
    expect(home.html).toContain('居民咨询答复情况');
    expect(home.html).toContain('沙面社区居委会');
  });
});
