import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox } from '../support/conferences.js';
import { createConsoleHarness, textOf } from '../console/support.js';
import { sql } from '../support/harness.js';
import { cityDivisions, reportQueue } from '../support/reporting.js';

/**
 * #19 §5: the city is told (inbox and mail) when a period opens, its deadline nears or passes, and its report is
 * returned (with the comment) or accepted; the province when a city submits, starts revising and resubmits. Every
 * notice once, however often the sweep runs or a message is delivered. Times by the injected clock.
 */
type Json = Record<string, any>;
let h: Awaited<ReturnType<typeof createConsoleHarness>>;
let q: ReturnType<typeof reportQueue>;
let province: string;
let admin: string;
let otherCity: string;
let templateId: string;
let reportId: string;
const mail = mailbox();
const CITY_MAIL = 'mzj@gz.gov.cn';
const PROVINCE_MAIL = 'jczq@gdmz.gov.cn';
const TITLE = '社区建设工作半年报';
const narrative = '本市社区建设工作按省的统一部署推进, 社区居委会换届选举依法进行, 现将下半年工作情况报告如下。';

const call = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const at = (shanghai: string) => h.clock.set(new Date(`${shanghai}+08:00`));
const sweep = (shanghai: string, key?: string) => q.sweep('4401', new Date(`${shanghai}+08:00`).toISOString(), key);
const notices = () =>
  h.asOwner<{ tenant_id: string; recipient_kind: string; recipient: string; reason_code: string; title: string; body: string; email_to: string | null; emailed: boolean }>(sql`
    select tenant_id, recipient_kind, recipient, reason_code, title, body, email_to, emailed_at is not null as emailed
    from notifications where reason_code like 'report.%' order by created_at, id`);
const codes = async () => (await notices()).map((n) => `${n.reason_code} → ${n.recipient_kind}:${n.recipient}`);
const mailed = () => mail.sent.map((m) => `${m.to} ${m.subject}`);

beforeAll(async () => {
  h = await createConsoleHarness();
  q = reportQueue(h, mail);
  province = await h.provinceToken();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken('4401');
  otherCity = await h.cityToken('4403');
  for (const [code, name, token] of [['4401', '广州市', admin], ['4403', '深圳市', otherCity]] as const) {
    const res = await h.request('POST', '/v1/divisions/import', { token, body: cityDivisions(code, name, 2), contentType: 'text/csv' });
    expect(res.status).toBe(200);
  }
  await ok(province, 'PATCH', '/v1/province/settings', { noticeEmail: PROVINCE_MAIL });
  await ok(admin, 'PATCH', '/v1/training/settings/4401', { unitEmails: { '4401': CITY_MAIL } });
  const template = await ok(province, 'POST', '/v1/report-templates', {
    code: 'community_half_year', title: TITLE, periodType: 'semiannual', onTimeDays: 0,
    indicators: [
      { code: 'communities_total', label: '社区总数', unit: '个', aggregation: 'sum', source: 'computed:communities_total' },
      { code: 'funding_10k_yuan', label: '社区建设投入经费', unit: '万元', aggregation: 'sum', source: 'manual' },
    ],
    rules: [],
    periods: [{ period: '2026-H2', opensOn: '2026-12-01', dueOn: '2027-01-15', closesOn: '2027-02-28' }],
  });
  templateId = template.id;
  await q.drain();
});

afterAll(async () => {
  await h?.close();
});

describe('the city hears when a period opens and its deadline nears', () => {
  it('nothing before the period opens; on the first sweep after it opens, once, in the inbox and by mail, in Chinese with the city and period named', async () => {
    await sweep('2026-11-30T08:00:00');
    expect(await notices()).toEqual([]);
    await sweep('2026-12-01T08:00:00', 'sweep-12-01');
    await sweep('2026-12-01T08:00:00', 'sweep-12-01');
    await sweep('2026-12-01T20:00:00');
    await sweep('2026-12-02T08:00:00');
    const [opened, ...rest] = await notices();
    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      tenant_id: '4401', recipient_kind: 'unit', recipient: '4401', reason_code: 'report.period_opened', email_to: CITY_MAIL, emailed: true,
      title: `《${TITLE}》（2026年下半年）已开放报送`,
    });
    expect(opened!.body).toBe(`省民政厅已开放《${TITLE}》（2026年下半年）：2026-12-01起可起草，截止日期2027-01-15，2027-02-28后不再接收。请广州市在“工作报告”中起草并按时报送。`);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: CITY_MAIL, subject: opened!.title, link: `/v1/reports?template=${templateId}&period=2026-H2` });
    expect(mail.sent[0]!.text).toContain('请广州市在“工作报告”中起草并按时报送');
    expect(mail.sent[0]!.text).not.toContain('2026-H2');
  });

  it('14 days before the due date, once however often the sweep runs', async () => {
    await sweep('2027-01-01T08:00:00');
    await sweep('2027-01-01T08:00:00');
    await sweep('2027-01-02T08:00:00');
    expect(await codes()).toEqual(['report.period_opened → unit:4401', 'report.due_in_14_days → unit:4401']);
    const due = (await notices())[1]!;
    expect(due).toMatchObject({ title: `距《${TITLE}》（2026年下半年）截止还有14天`, body: `《${TITLE}》（2026年下半年）将于2027-01-15截止，广州市尚未报送，请按时报送。`, emailed: true });
    expect(mailed()).toEqual([`${CITY_MAIL} 《${TITLE}》（2026年下半年）已开放报送`, `${CITY_MAIL} 距《${TITLE}》（2026年下半年）截止还有14天`]);
  });
});

describe('the province hears when a city submits, and the city when it is returned or accepted', () => {
  it('a submission reaches the province’s inbox and mailbox once, even when the message comes twice', async () => {
    at('2027-01-05T10:30:00');
    reportId = (await ok(admin, 'POST', '/v1/reports', { templateId, period: '2026-H2' })).id;
    await ok(admin, 'PATCH', `/v1/reports/${reportId}`, { manual: { funding_10k_yuan: 120 }, narrative });
    const submitted = await ok(admin, 'POST', `/v1/reports/${reportId}/submit`);
    // nothing is sent in the request: the notice is queued with the submission and sent by the worker
    expect(await codes()).toHaveLength(2);
    const messages = await q.take();
    expect(messages.map((m) => m.body.type).sort()).toEqual(['report.changed', 'report.notice']);
    await q.run(messages);
    await q.run(messages);
    const notice = messages.find((m) => m.body.type === 'report.notice')!;
    await q.run([{ ...notice, messageId: crypto.randomUUID(), key: crypto.randomUUID() }]);
    const sent = (await notices()).filter((n) => n.recipient_kind === 'province');
    expect(sent).toEqual([
      expect.objectContaining({
        tenant_id: '4401', recipient: '44', reason_code: 'report.submitted', email_to: PROVINCE_MAIL, emailed: true,
        title: `广州市已报送《${TITLE}》（2026年下半年）`,
        body: `广州市于2027-01-05 10:30报送《${TITLE}》（2026年下半年）第1版（截止日期2027-01-15）。请在“城市报告”中审核：采纳或退回。`,
      }),
    ]);
    expect(mail.sent.at(-1)).toMatchObject({ to: PROVINCE_MAIL, subject: `广州市已报送《${TITLE}》（2026年下半年）`, link: `/v1/province/reports/${submitted.history[0].id}` });
    expect(mail.sent).toHaveLength(3);
  });

  it('the province reads its inbox and marks it read; the cities do not see the province’s inbox', async () => {
    at('2027-01-05T11:00:00');
    const inbox = await ok(province, 'GET', '/v1/notifications');
    expect(inbox.unread).toBe(1);
    expect(inbox.items.map((n: Json) => [n.recipientKind, n.reasonCode, n.title])).toEqual([['province', 'report.submitted', `广州市已报送《${TITLE}》（2026年下半年）`]]);
    const read = await ok(province, 'POST', `/v1/notifications/${inbox.items[0].id}/read`);
    expect(read).toMatchObject({ read: true, readAt: '2027-01-05T03:00:00.000Z' });
    expect((await ok(province, 'GET', '/v1/notifications')).unread).toBe(0);
    expect((await call(province, 'GET', '/v1/notifications?unit=4401')).status).toBe(404);
    // the city's own inbox has its notices, not the province's; another city has nothing, and cannot mark it read
    expect((await ok(admin, 'GET', '/v1/notifications')).items.map((n: Json) => n.reasonCode)).toEqual(['report.due_in_14_days', 'report.period_opened']);
    expect((await ok(otherCity, 'GET', '/v1/notifications')).items).toEqual([]);
    expect((await call(otherCity, 'POST', `/v1/notifications/${inbox.items[0].id}/read`)).status).toBe(404);
    expect((await call(admin, 'POST', `/v1/notifications/${inbox.items[0].id}/read`)).status).toBe(404);
    // a city notice is not the province's to read
    const cityNotice = (await ok(admin, 'GET', '/v1/notifications')).items[0];
    expect((await call(province, 'POST', `/v1/notifications/${cityNotice.id}/read`)).status).toBe(404);
  });

  it('a return tells the city with the province’s comment; its revision and resubmission tell the province', async () => {
    at('2027-01-06T09:00:00');
    const [snapshot] = (await ok(province, 'GET', `/v1/province/reports?template=${templateId}&period=2026-H2`)).items;
    await ok(province, 'POST', `/v1/province/reports/${snapshot.id}/return`, { comment: '社区建设投入经费口径有误，请核实后重报' });
    await q.drain();
    await q.drain();
    const returned = (await notices()).find((n) => n.reason_code === 'report.returned')!;
    expect(returned).toMatchObject({ recipient_kind: 'unit', recipient: '4401', email_to: CITY_MAIL, emailed: true, title: `《${TITLE}》（2026年下半年）被省民政厅退回，请修改后重新报送` });
    expect(returned.body).toBe(`广州市报送的《${TITLE}》（2026年下半年）第1版已于2027-01-06 09:00被省民政厅退回。\n退回意见：社区建设投入经费口径有误，请核实后重报\n请在“工作报告”中点击“修改后重报”，按意见修改后重新报送。`);
    expect(mail.sent.at(-1)!.text).toContain('退回意见：社区建设投入经费口径有误，请核实后重报');

    // a returned city is still reminded before the due date
    await sweep('2027-01-12T08:00:00');
    at('2027-01-12T15:00:00');
    await ok(admin, 'POST', `/v1/reports/${reportId}/revise`);
    await q.drain();
    at('2027-01-13T09:15:00');
    await ok(admin, 'PATCH', `/v1/reports/${reportId}`, { manual: { funding_10k_yuan: 98.5 } });
    await ok(admin, 'POST', `/v1/reports/${reportId}/submit`);
    await q.drain();
    const later = (await notices()).slice(-3);
    expect(later.map((n) => [n.reason_code, n.recipient_kind, n.title])).toEqual([
      ['report.due_in_3_days', 'unit', `距《${TITLE}》（2026年下半年）截止还有3天`],
      ['report.revised', 'province', `广州市已按退回意见修改《${TITLE}》（2026年下半年）`],
      ['report.resubmitted', 'province', `广州市已修改后重新报送《${TITLE}》（2026年下半年）第2版`],
    ]);
    expect(later[1]!.body).toBe(`广州市已于2027-01-12 15:00将退回的《${TITLE}》（2026年下半年）转为第2版草稿，修改后将重新报送（截止日期2027-01-15）。`);
  });

  it('an acceptance tells the city, with the comment; the sweep then leaves a reported city alone', async () => {
    at('2027-01-14T16:00:00');
    const [snapshot] = (await ok(province, 'GET', `/v1/province/reports?template=${templateId}&period=2026-H2`)).items;
    expect(snapshot.version).toBe(2);
    await ok(province, 'POST', `/v1/province/reports/${snapshot.id}/accept`, { comment: '数据完整，予以采纳' });
    await q.drain();
    const accepted = (await notices()).at(-1)!;
    expect(accepted).toMatchObject({ reason_code: 'report.accepted', recipient: '4401', email_to: CITY_MAIL, emailed: true, title: `《${TITLE}》（2026年下半年）已被省民政厅采纳` });
    expect(accepted.body).toBe(`广州市报送的《${TITLE}》（2026年下半年）第2版已于2027-01-14 16:00被省民政厅采纳。\n审核意见：数据完整，予以采纳`);
    await sweep('2027-01-16T08:00:00');
    await sweep('2027-01-20T08:00:00');
    expect(await codes()).toEqual([
      'report.period_opened → unit:4401',
      'report.due_in_14_days → unit:4401',
      'report.submitted → province:44',
      'report.returned → unit:4401',
      'report.due_in_3_days → unit:4401',
      'report.revised → province:44',
      'report.resubmitted → province:44',
      'report.accepted → unit:4401',
    ]);
    // one mail per notice, each to the mailbox of whom it tells
    expect(mail.sent.map((m) => m.to)).toEqual([CITY_MAIL, CITY_MAIL, PROVINCE_MAIL, CITY_MAIL, CITY_MAIL, PROVINCE_MAIL, PROVINCE_MAIL, CITY_MAIL]);
    expect(new Set(mail.sent.map((m) => m.subject)).size).toBe(mail.sent.length);
    for (const m of mail.sent) expect(m.subject, m.subject).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a city that never reports is told it is late, once, and the other city hears nothing of the first', async () => {
    await q.sweep('4403', new Date('2027-01-16T08:00:00+08:00').toISOString());
    await q.sweep('4403', new Date('2027-01-17T08:00:00+08:00').toISOString());
    // both on the first sweep, at the same instant: compared in code order
    const other = (await notices()).filter((n) => n.tenant_id === '4403').sort((a, b) => a.reason_code.localeCompare(b.reason_code));
    expect(other.map((n) => [n.reason_code, n.title])).toEqual([
      ['report.late', `《${TITLE}》（2026年下半年）已逾期`],
      ['report.period_opened', `《${TITLE}》（2026年下半年）已开放报送`],
    ]);
    expect(other[0]!.body).toContain('深圳市尚未报送');
    expect(other.every((n) => n.email_to === null && !n.emailed)).toBe(true);
  });
});

describe('the console shows both inboxes', () => {
  it('the province reads the cities’ submissions in its inbox, linked to the submitted report; the city reads the return with its comment', async () => {
    at('2027-01-20T09:00:00');
    const provinceBrowser = h.browser(province);
    const reportsPage = await provinceBrowser.get('/console/province/reports');
    expect(textOf(reportsPage.html)).toMatch(/收件箱（\d+ 条未读）/);
    const inbox = await provinceBrowser.get('/console/inbox');
    expect(inbox.status).toBe(200);
    const text = textOf(inbox.html);
    expect(text).toContain(`广州市已修改后重新报送《${TITLE}》（2026年下半年）第2版`);
    expect(text).toContain('发给省民政厅');
    expect(inbox.html).not.toContain('name="unit"');
    expect(inbox.html).toMatch(/href="\/console\/province\/reports\/[0-9a-f-]{36}"/);
    const cityInbox = await h.browser(admin).get('/console/inbox');
    const cityText = textOf(cityInbox.html);
    expect(cityText).toContain('退回意见：社区建设投入经费口径有误，请核实后重报');
    expect(cityText).not.toContain('广州市已报送');
    expect(cityInbox.html).toContain(`href="/console/reports/${reportId}"`);
  });
});
