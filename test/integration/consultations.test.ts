import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.js';
import { workerVerbs } from '../../functions/workers/registry.js';
import { computeMetrics } from '../../shared/reporting/metrics.js';
import { processMessages } from '../../shared/workers/process.js';
import { createHarness, sql, type Harness } from '../support/harness.js';

type Json = Record<string, any>;
let h: Harness;
let admin: string;
let committee: string;
let street: string;
let otherCommittee: string;

const CITY = '4401';
const COMMUNITY = '440103001001';
const STREET = '440103001';
const OTHER = '440103002001';
const PHONE = '13812345678';
const submitPath = (community = COMMUNITY, city = CITY) => `/v1/public/cities/${city}/communities/${community}/consultations`;

let address = 0;
/** Each resident from an address of their own, unless a test means the same one. */
const submit = (json: unknown, ip = `203.0.113.${++address}`, community = COMMUNITY) => h.request('POST', submitPath(community), { json, headers: { 'x-forwarded-for': ip } });

async function ok(token: string | undefined, method: string, path: string, json?: unknown): Promise<Json> {
  const res = await h.request(method, path, { token, json });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text) as Json;
}

/** The daily sweep message of the city at 08:30 Asia/Shanghai on `day`, with the clock there; `key` as the relay would give it. */
async function sweep(day: string, key: string = crypto.randomUUID()) {
  const asOf = new Date(`${day}T08:30:00+08:00`);
  h.clock.set(asOf);
  const failures = await processMessages('consultations', [{ messageId: crypto.randomUUID(), key, body: { version: 1, type: 'consultation.sweep', tenant: CITY, asOf: asOf.toISOString() } }], workerVerbs.consultations, {
    db: h.database.db, clock: h.clock, logger: h.logger, config: { provinceCode: '44', provinceName: '广东省' }, personalData: h.personalData,
  });
  expect([...failures.values()]).toEqual([]);
}

const notices = () => h.asOwner<{ recipient: string; reason_code: string; title: string; body: string }>(sql`
  select recipient, reason_code, title, body from notifications where reason_code like 'consultation.%' order by created_at, recipient`);

beforeAll(async () => {
  h = await createHarness();
  await h.onboard(CITY, '广州市');
  await h.onboard('4403', '深圳市');
  admin = await h.cityToken(CITY);
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  committee = await h.cityToken(CITY, 'committee_member', COMMUNITY);
  otherCommittee = await h.cityToken(CITY, 'committee_member', OTHER);
  street = await h.cityToken(CITY, 'street_officer', STREET);
});

afterAll(async () => {
  await h?.close();
});

describe('a resident asks, the community answers, the resident rates', () => {
  let receipt: Json;

  it('takes a consultation without sign-in and answers with a tracking code and a private link', async () => {
    h.clock.set(new Date('2026-11-25T10:00:00+08:00')); // a Wednesday
    const res = await submit({ category: '办事指南', text: '请问居住证续签需要带哪些材料？', name: '陈女士', phone: PHONE });
    expect(res.status, await res.clone().text()).toBe(201);
    receipt = await res.json();
    expect(receipt).toMatchObject({ communityName: '沙面社区居委会', receivedOn: '2026-11-25', dueOn: '2026-11-30' });
    expect(receipt.trackingCode).toMatch(/^20261125-[A-Z2-9]{6}$/);
    expect(receipt.link).toBe(`/p/${CITY}/${COMMUNITY}/consultations/${receipt.token}`);
  });

  it('keeps the phone sealed: masked to staff, in full only on an audited reveal, never in a log or the outbox', async () => {
    const [stored] = await h.asOwner<{ phone_sealed: string; phone_masked: string; text: string }>(sql`select phone_sealed, phone_masked, text from consultations`);
    expect(stored!.phone_sealed).not.toContain(PHONE);
    expect(stored!.phone_masked).toBe('138****5678');
    const list = await ok(committee, 'GET', '/v1/consultations');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ phone: '138****5678', residentName: '陈女士', status: 'new', statusLabel: '待受理', communityName: '沙面社区居委会' });
    const refused = await h.request('GET', `/v1/consultations/${list.items[0].id}?reveal=true`, { token: committee });
    expect(refused.status).toBe(403);
    const revealed = await ok(street, 'GET', `/v1/consultations/${list.items[0].id}?reveal=true`);
    expect(revealed).toMatchObject({ phone: PHONE, revealed: true });
    const audits = await h.asOwner<{ action: string; detail: unknown }>(sql`select action, detail from audit_log where entity = 'consultation' and action = 'personal_data.revealed'`);
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(PHONE);
    expect(h.logs.filter((l) => l.includes(PHONE) || l.includes('12345678'))).toEqual([]);
    const outbox = await h.asOwner<{ body: unknown }>(sql`select body from outbox`);
    expect(JSON.stringify(outbox)).not.toContain(PHONE);
  });

  it('shows the resident the consultation, unanswered and not yet to rate', async () => {
    const seen = await ok(undefined, 'GET', `/v1/public/consultations/${receipt.token}`);
    expect(seen).toMatchObject({ trackingCode: receipt.trackingCode, status: 'new', answer: null, canRate: false });
    expect(JSON.stringify(seen)).not.toContain('138');
    const early = await h.request('POST', `/v1/public/consultations/${receipt.token}/rating`, { json: { rating: 'satisfied' } });
    expect(early.status).toBe(422);
    expect(await early.json()).toMatchObject({ messageCode: 'consultation_not_answered_yet' });
  });

  it('lets the community assign and answer; another community neither sees nor answers it', async () => {
    const [item] = (await ok(committee, 'GET', '/v1/consultations')).items;
    expect((await ok(otherCommittee, 'GET', '/v1/consultations')).items).toEqual([]);
    expect((await h.request('POST', `/v1/consultations/${item.id}/answer`, { token: otherCommittee, json: { answer: '越权答复' } })).status).toBe(404);
    const auditor = await h.cityToken(CITY, 'auditor');
    expect((await h.request('POST', `/v1/consultations/${item.id}/assign`, { token: auditor, json: { assignee: '李主任' } })).status).toBe(403);
    expect(await ok(committee, 'POST', `/v1/consultations/${item.id}/assign`, { assignee: '李主任' })).toMatchObject({ status: 'assigned', assignee: '李主任' });
    h.clock.set(new Date('2026-11-27T15:00:00+08:00'));
    const answered = await ok(committee, 'POST', `/v1/consultations/${item.id}/answer`, { answer: '请携带身份证、原居住证和租赁合同到社区服务中心办理。' });
    expect(answered).toMatchObject({ status: 'answered', answeredOn: '2026-11-27', answeredOnTime: true, overdue: false });
    expect((await h.request('POST', `/v1/consultations/${item.id}/answer`, { token: committee, json: { answer: '再次答复' } })).status).toBe(409);
    expect((await ok(street, 'GET', `/v1/consultations?status=answered`)).items.map((c: Json) => c.id)).toEqual([item.id]);
    expect((await ok(admin, 'GET', `/v1/consultations?unit=${STREET}`)).total).toBe(1);
  });

  it('lets the resident read the answer and rate it once', async () => {
    const seen = await ok(undefined, 'GET', `/v1/public/consultations/${receipt.token}`);
    expect(seen).toMatchObject({ status: 'answered', answer: '请携带身份证、原居住证和租赁合同到社区服务中心办理。', canRate: true });
    const rated = await ok(undefined, 'POST', `/v1/public/consultations/${receipt.token}/rating`, { rating: 'basically_satisfied', comment: '答复清楚' });
    expect(rated).toMatchObject({ rating: 'basically_satisfied', ratingLabel: '基本满意', canRate: false });
    const again = await h.request('POST', `/v1/public/consultations/${receipt.token}/rating`, { json: { rating: 'dissatisfied' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ messageCode: 'consultation_already_rated', detail: '您已评价过此咨询，每次咨询只能评价一次' });
  });

  it('counts it in the figures: received, answered on time, satisfaction', async () => {
    const figures = await ok(street, 'GET', '/v1/consultations/figures?from=2026-11-01&to=2026-11-30');
    expect(figures.total).toMatchObject({ received: 1, answered: 1, answeredOnTime: 1, overdue: 0, rated: 1, basicallySatisfied: 1, onTimeRate: 100, satisfactionRate: 100 });
    expect(figures.byUnit).toEqual([expect.objectContaining({ unitCode: COMMUNITY, unitName: '沙面社区居委会', received: 1 })]);
  });
});

describe('the report indicators', () => {
  it('counts the same figures for the city report, by district', async () => {
    const principal = { kind: 'city' as const, subject: 'report', tenant: CITY, role: 'city_admin' as const, unit: CITY };
    const keys = ['consultations_received', 'consultations_due', 'consultations_answered_on_time', 'consultations_overdue', 'consultations_rated', 'consultations_satisfied'];
    const run = await withTenant(h.database.db, principal, (tx) => computeMetrics(tx, keys, { asOf: '2026-11-30', from: '2026-11-01', to: '2026-11-30' }, () => h.clock.now()));
    const figures = Object.fromEntries(keys.map((k) => { const r = run.results.get(k)!; return [k, r.available ? r.figure : r]; }));
    expect(figures).toEqual({
      consultations_received: { city: 1, byDistrict: { 440103: 1 } },
      consultations_due: { city: 1, byDistrict: { 440103: 1 } },
      consultations_answered_on_time: { city: 1, byDistrict: { 440103: 1 } },
      consultations_overdue: { city: 0, byDistrict: { 440103: 0 } },
      consultations_rated: { city: 1, byDistrict: { 440103: 1 } },
      consultations_satisfied: { city: 1, byDistrict: { 440103: 1 } },
    });
  });
});

describe('the deadline in working days', () => {
  it('counts from the next working day and skips the weekend', async () => {
    h.clock.set(new Date('2026-11-27T20:00:00+08:00')); // a Friday
    const res = await submit({ category: '求助', text: '楼道灯坏了好几天，请帮忙报修。' });
    expect(await res.json()).toMatchObject({ receivedOn: '2026-11-27', dueOn: '2026-12-02' });
  });

  it('moves the deadline past a holiday the city adds to its calendar', async () => {
    await ok(admin, 'PUT', `/v1/consultations/calendar/${CITY}/2026-12-01`, { kind: 'holiday', name: '地方假日' });
    h.clock.set(new Date('2026-11-27T21:00:00+08:00'));
    const res = await submit({ category: '求助', text: '小区门口路面破损，请协调修补。' });
    expect(await res.json()).toMatchObject({ receivedOn: '2026-11-27', dueOn: '2026-12-03' });
    const calendar = await ok(admin, 'GET', `/v1/consultations/calendar/${CITY}?year=2026`);
    expect(calendar.days).toEqual(expect.arrayContaining([
      { day: '2026-12-01', kind: 'holiday', kindLabel: '法定节假日（放假）', name: '地方假日', source: 'city' },
      { day: '2026-10-10', kind: 'workday', kindLabel: '调休上班日', name: '国庆节调休', source: 'official' },
    ]));
    await ok(admin, 'PUT', `/v1/consultations/calendar/${CITY}/2026-12-01`, { kind: 'regular', name: '取消' });
  });

  it('follows the official schedule: received before 国庆 is due after it, the adjusted Saturday (10.10) counting', async () => {
    h.clock.set(new Date('2026-09-30T09:00:00+08:00'));
    const res = await submit({ category: '政策咨询', text: '请问高龄津贴如何申请？' }, '198.51.100.1', OTHER);
    expect(await res.json()).toMatchObject({ receivedOn: '2026-09-30', dueOn: '2026-10-10' });
  });
});

describe('the sweep: reminded the working day before, escalated when overdue, once per stage', () => {
  it('reminds the community on the working day before the deadline and escalates to the street after it', async () => {
    h.clock.set(new Date('2026-12-07T09:00:00+08:00')); // a Monday
    for (const open of (await ok(admin, 'GET', '/v1/consultations?size=100')).items.filter((c: Json) => c.status === 'new')) {
      expect((await ok(admin, 'POST', `/v1/consultations/${open.id}/close`)).status).toBe('closed');
    }
    const res = await submit({ category: '投诉建议', text: '夜间广场舞音量过大，影响休息。' });
    const receipt = await res.json();
    expect(receipt.dueOn).toBe('2026-12-10');

    await sweep('2026-12-08');
    expect(await notices()).toEqual([]);

    const key = crypto.randomUUID();
    await sweep('2026-12-09', key);
    await sweep('2026-12-09', key);
    await sweep('2026-12-09');
    const reminded = await notices();
    expect(reminded).toEqual([expect.objectContaining({ recipient: COMMUNITY, reason_code: 'consultation.due_soon', title: `咨询即将到期：${receipt.trackingCode}（投诉建议）` })]);
    expect(reminded[0]!.body).toContain('须于2026-12-10前答复');

    await sweep('2026-12-10');
    expect(await notices()).toHaveLength(1);

    await sweep('2026-12-11');
    await sweep('2026-12-11');
    await sweep('2026-12-14');
    const escalated = await notices();
    expect(escalated.map((n) => [n.recipient, n.reason_code])).toEqual([[COMMUNITY, 'consultation.due_soon'], [STREET, 'consultation.overdue']]);
    expect(escalated[1]!.title).toBe(`咨询逾期督办：${receipt.trackingCode}（沙面社区居委会）`);
    expect(JSON.stringify(escalated)).not.toContain(PHONE);
  });
});

describe('abuse', () => {
  it('refuses markup, a category the city does not list, and text over the limit', async () => {
    const html = await submit({ category: '其他', text: '<script>alert(1)</script>请回复' });
    expect(html.status).toBe(400);
    expect(await html.json()).toMatchObject({ errors: [expect.objectContaining({ path: 'body.text', code: 'consultation_no_html' })] });
    const category = await submit({ category: '闲聊', text: '这个类别不存在吧？' });
    expect(category.status).toBe(400);
    expect(await category.json()).toMatchObject({ errors: [expect.objectContaining({ path: 'body.category', code: 'consultation_category_unknown' })] });
    expect((await submit({ category: '其他', text: '长'.repeat(1001) })).status).toBe(400);
    expect((await h.request('POST', submitPath(), { body: JSON.stringify({ category: '其他', text: '长'.repeat(3000) }), contentType: 'application/json' })).status).toBe(413);
  });

  it('answers 404 in Chinese for an unknown city, a deactivated one, and a community of another city', async () => {
    for (const path of [submitPath(COMMUNITY, '4499'), submitPath('440303001001', '4403'), submitPath('440103009999')]) {
      const res = await h.request('POST', path, { json: { category: '其他', text: '请问这里是哪个社区？' } });
      expect(res.status, path).toBe(404);
      expect((await res.json()).detail).toMatch(/[\u4e00-\u9fff]/);
    }
    const page = await h.request('GET', `/p/4499/${COMMUNITY}/ask`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('没有这个城市的咨询平台');
  });

  it('limits submissions per address with 429 and Retry-After, and leaves the bucket as it was', async () => {
    h.clock.set(new Date('2026-12-08T10:00:00+08:00'));
    const ip = '192.0.2.77';
    for (let i = 0; i < 5; i++) expect((await submit({ category: '其他', text: `第${i + 1}次提问，请答复。` }, ip)).status).toBe(201);
    const refused = await submit({ category: '其他', text: '第六次提问，请答复。' }, ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(720);
    expect(await refused.json()).toMatchObject({ code: 'too_many_requests', messageCode: 'consultation_too_many_from_here', title: '请求过于频繁，请稍后再试', detail: '提交过于频繁，请 12 分钟后再试' });
    expect((await submit({ category: '其他', text: '换一个地址提问。' }, '192.0.2.78')).status).toBe(201);
    h.clock.set(new Date('2026-12-08T10:12:00+08:00'));
    expect((await submit({ category: '其他', text: '过了十二分钟再问。' }, ip)).status).toBe(201);
    const buckets = await h.asOwner<{ bucket: string }>(sql`select bucket from consultation_rate_buckets`);
    expect(JSON.stringify(buckets)).not.toContain('192.0.2');
  });
});

describe('the residents’ pages', () => {
  it('works as a plain form: ask, receipt with the private link, answer, rating', async () => {
    h.clock.set(new Date('2026-12-09T10:00:00+08:00'));
    const form = await h.request('GET', `/p/${CITY}/${OTHER}/ask`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('向和平社区居委会咨询');
    expect(page).toContain('<option value="政策咨询">');
    const bad = await h.request('POST', `/p/${CITY}/${OTHER}/ask`, { body: new URLSearchParams({ category: '其他', text: '<b>粗体</b>' }).toString(), contentType: 'application/x-www-form-urlencoded', headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请勿填写网页标记');
    const posted = await h.request('POST', `/p/${CITY}/${OTHER}/ask`, { body: new URLSearchParams({ category: '办事指南', text: '请问老年人优待证在哪里办理？', phone: '020-81234567' }).toString(), contentType: 'application/x-www-form-urlencoded', headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect(posted.status).toBe(201);
    const receipt = await posted.text();
    const link = receipt.match(/href="(\/p\/4401\/440103002001\/consultations\/[^"]+)"/)![1]!;
    expect(receipt).toMatch(/查询编号/);
    const [item] = (await ok(otherCommittee, 'GET', '/v1/consultations?status=new')).items;
    expect(item.phone).toBe('020-****4567');
    await ok(otherCommittee, 'POST', `/v1/consultations/${item.id}/answer`, { answer: '请到街道政务服务中心办理。' });
    expect(await (await h.request('GET', link)).text()).toContain('请到街道政务服务中心办理。');
    const rated = await h.request('POST', link, { body: new URLSearchParams({ rating: 'satisfied', comment: '很快' }).toString(), contentType: 'application/x-www-form-urlencoded' });
    expect(rated.status).toBe(200);
    const after = await rated.text();
    expect(after).toContain('感谢您的评价');
    expect(after).not.toContain('name="rating"');
  });
});

describe('settings', () => {
  it('lets the city change its categories and deadline, and refuses others', async () => {
    expect(await ok(admin, 'PATCH', `/v1/consultations/settings/${CITY}`, { answerWorkingDays: 5, categories: ['政策咨询', '其他'] })).toEqual({ answerWorkingDays: 5, categories: ['政策咨询', '其他'] });
    expect((await h.request('PATCH', `/v1/consultations/settings/${CITY}`, { token: street, json: { answerWorkingDays: 2 } })).status).toBe(403);
    const twice = await h.request('PATCH', `/v1/consultations/settings/${CITY}`, { token: admin, json: { categories: ['其他', '其他'] } });
    expect(await twice.json()).toMatchObject({ errors: [{ path: 'body.categories.1', code: 'consultation_categories_twice' }] });
    const categories = await ok(undefined, 'GET', `/v1/public/cities/${CITY}/communities/${COMMUNITY}/consultation-categories`);
    expect(categories).toEqual({ communityName: '沙面社区居委会', categories: ['政策咨询', '其他'], answerWorkingDays: 5 });
  });
});
