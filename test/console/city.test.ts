import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, runConferenceWorker } from '../support/conferences.js';
import { certifiedElection, slateCandidates } from '../support/elections.js';
import { runTrainingWorker, trainingSweep } from '../support/training.js';
import { createConsoleHarness, fieldError, ok, textOf, type Browser } from './support.js';

type H = Awaited<ReturnType<typeof createConsoleHarness>>;
let h: H;
let adminA: Browser;
let streetA: Browser;
let adminB: Browser;
let streetToken: string;
const mail = mailbox();
const COMMUNITY = '440103001001';
const STREET = '440103001';
const units: Record<string, string> = {};
const narrative = '本市城市基层管理体制改革已按省的统一部署全面完成，社区居委会调整到位，换届选举依法进行，现将有关情况报告如下。';
const ids: { report?: string; occurrence?: string; resolution?: string; notification?: string } = {};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  await h.onboard('4403', '深圳市');
  const a = await h.cityToken('4401');
  const b = await h.cityToken('4403');
  expect((await h.request('POST', '/v1/divisions/import', { token: a, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  expect((await h.request('POST', '/v1/divisions/import', { token: b, body: readFileSync('test/fixtures/divisions-4403.csv', 'utf8'), contentType: 'text/csv' })).status).toBe(200);
  streetToken = await h.cityToken('4401', 'street_officer', STREET);
  adminA = h.browser(a);
  streetA = h.browser(streetToken);
  adminB = h.browser(b);
  await ok(h, streetToken, 'PATCH', `/v1/communities/${COMMUNITY}`, { type: 'geographic', households: 1800, population: 5200, officeAddress: '沙面北街 45 号' });
  await certifiedElection(h, streetToken);
  await runTrainingWorker(h);
  await ok(h, await h.provinceToken(), 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-15', closesOn: '2027-01-31' }] });
  for (const [key, name] of [['hospital', '荔湾区人民医院'], ['school', '沙面小学']] as const) {
    units[key] = (await ok(h, streetToken, 'POST', '/v1/member-units', { name, type: 'enterprise', email: `${key}@example.cn` })).id;
  }
  await ok(h, streetToken, 'POST', '/v1/conferences/series', {
    title: '沙面街道社区工作联席会议', rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', firstStartLocal: '2026-12-15T09:30', venue: '沙面街道办事处三楼会议室',
    agenda: '辖区单位设施向居民开放', defaultInvitees: [units.hospital, units.school],
  });
  await runConferenceWorker(h, mail);
});

afterAll(async () => {
  await h?.close();
});

describe('工作报告', () => {
  it('drafts a report from the form, with every computed figure and its query time', async () => {
    const list = await adminA.get('/console/reports');
    expect(list.status).toBe(200);
    expect(list.html).toContain('本市尚未起草报告');
    // the open periods come from the province's templates: the city picks one rather than typing a code
    expect(textOf(list.html)).toContain('城市基层管理体制改革完成情况报告 · 一次性报告（2026-12-15 截止）');
    const draft = await adminA.follow(await adminA.post('/console/reports', { openPeriod: 'reform_completion|once' }));
    expect(draft.html).toContain('已起草报告');
    // each figure with its rule (统计口径) beside it, then its query time
    expect(textOf(draft.html)).toMatch(/社区总数 \d+ 个 系统计算 截至2026-11-25有效的社区（居委会）区划及其社区档案，按所属区（县）汇总 2026\/11\/25 10:00/);
    expect(textOf(draft.html)).toContain('应参加轮训的居委会成员 7 人 系统计算 截至2026-11-25在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计） 查看培训页面同日数据');
    ids.report = /action="\/console\/reports\/([0-9a-f-]{36})"/.exec(draft.html)![1]!;
    expect(draft.html).toContain('报送前需解决以下 3 个问题');
    expect(fieldError(draft.html, 'manual.funding_10k_yuan')).toBe('社区建设投入经费 未填写');
    expect(fieldError(draft.html, 'narrative')).toBe('书面报告正文不少于 20 字');
  });

  it('puts a wrong period next to its field and opens an existing report instead of a second one', async () => {
    const wrong = await adminA.post('/console/reports', { openPeriod: 'reform_completion|2026' });
    expect(wrong.status).toBe(404);
    // the only open period is drafted already, so the form is gone and the message stands on its own
    expect(textOf(wrong.html)).toContain('未找到该报告期');
    const again = await adminA.post('/console/reports', { openPeriod: 'reform_completion|once' });
    expect(again.location).toContain(`/console/reports/${ids.report}`);
  });

  it('keeps what was typed and says in Chinese which figure is not a number', async () => {
    const bad = await adminA.post(`/console/reports/${ids.report}`, { 'manual.demonstration_committees': '两个', 'manual.funding_10k_yuan': '120', narrative: '太短' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'manual.demonstration_committees')).toBe('请填写数字');
    expect(fieldError(bad.html, 'manual.funding_10k_yuan')).toBeUndefined();
    expect(fieldError(bad.html, 'narrative')).toBe('书面报告正文不少于 20 字');
    expect(bad.html).toContain('value="两个"');
    expect(bad.html).toContain('>太短</textarea>');
  });

  it('refuses to submit while problems remain and lists each next to its field', async () => {
    const refused = await adminA.post(`/console/reports/${ids.report}/submit`, {});
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('报送前需解决以下 3 个问题');
    expect(fieldError(refused.html, 'manual.demonstration_committees')).toBe('创建示范居委会 未填写');
  });

  it('saves the figures and narrative, refreshes, and submits', async () => {
    const saved = await adminA.follow(await adminA.post(`/console/reports/${ids.report}`, { 'manual.demonstration_committees': '1', 'manual.funding_10k_yuan': '1,200.5', narrative }));
    expect(saved.html).toContain('已保存，可以报送');
    expect(saved.html).toContain('value="1200.5"');
    const refreshed = await adminA.follow(await adminA.post(`/console/reports/${ids.report}/refresh`, {}));
    expect(refreshed.html).toContain('已按本市最新数据重新计算');
    const submitted = await adminA.follow(await adminA.post(`/console/reports/${ids.report}/submit`, {}));
    expect(submitted.html).toContain('已报送省民政厅');
    expect(textOf(submitted.html)).toMatch(/报送记录 版本 状态 报送时间 是否按时 审核意见 1 已报送待审核 2026\/11\/25 10:00 按时/);
    expect(submitted.html).not.toContain('action="/console/reports/' + ids.report + '/submit"');
  });
});

describe('社区页面', () => {
  it('shows the profile, the committee with masked personal data, the election and training status', async () => {
    const page = await streetA.get(`/console/communities/${COMMUNITY}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('沙面社区居委会');
    expect(text).toContain('地缘型');
    expect(text).toContain('1,800 户');
    expect(text).toContain('沙面北街 45 号');
    expect(text).toMatch(/第 1 届，任期至 \d{4}-\d{2}-\d{2} · 在任 7 人/);
    expect(text).toContain('陈主任 主任 女 1975 139****0000');
    for (const c of slateCandidates) {
      expect(page.html).not.toContain(c.phone!);
      expect(page.html).not.toContain(c.idNumber!);
    }
    expect(page.html).toMatch(/440\*+\d{3}[\dX]/);
    expect(text).toContain('全体有选举权的居民');
    expect(text).toContain('已认证');
    expect(text).toMatch(/应训成员 7 按时完成 0 待培训 7/);
    expect(text).toMatch(/陈主任 2027-11-20 待培训/);
    expect(text).toContain('沙面街道社区工作联席会议');
  });

  it('is not found for a code outside the user’s unit', async () => {
    const page = await streetA.get('/console/communities/440103002001');
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('和平社区');
  });
});

describe('联席会议', () => {
  it('lays the month’s meetings on a calendar with their replies', async () => {
    const reply = mail.sent.find((m) => m.to === 'hospital@example.cn' && /会议邀请/.test(m.subject))!.link!;
    expect((await h.request('POST', reply, { json: { reply: 'accepted' } })).status).toBe(200);
    const page = await streetA.get('/console/conferences?month=2026-12');
    expect(page.status).toBe(200);
    expect(page.html).toContain('2026年12月会议日历');
    expect(page.html).toMatch(/aria-label="2026-12-15 09:30 沙面街道社区工作联席会议"/);
    expect(textOf(page.html)).toContain('参加 1 / 邀请 2 （1 未答复）');
    ids.occurrence = /href="\/console\/conferences\/([0-9a-f-]{36})"/.exec(page.html)![1]!;
    const next = await streetA.get('/console/conferences?month=2027-01');
    expect(next.html).toContain('本月没有安排联席会议');
  });

  it('shows a meeting with each member unit’s reply and the quorum', async () => {
    const page = await streetA.get(`/console/conferences/${ids.occurrence}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('辖区单位设施向居民开放');
    expect(text).toMatch(/荔湾区人民医院 参加/);
    expect(text).toMatch(/沙面小学 未答复/);
    expect(text).toContain('邀请 2 家，需 2 家出席方达法定人数');
    expect(page.html).not.toContain('记录会议纪要、出席情况和议定事项');
  });

  it('records minutes with a resolution after the meeting; errors sit by their fields', async () => {
    h.clock.set('2026-12-15T04:00:00Z');
    const page = await streetA.get(`/console/conferences/${ids.occurrence}`);
    expect(page.html).toContain('记录会议纪要、出席情况和议定事项');
    const bad = await streetA.post(`/console/conferences/${ids.occurrence}/minutes`, { minutes: '会议议定开放篮球场。', [`attended.${units.hospital}`]: '1', 'resolutions.1.title': '医院篮球场周末向居民开放' });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'resolutions.1.ownerMemberUnitId')).toBe('请选择责任单位');
    expect(fieldError(bad.html, 'resolutions.1.dueDate')).toBe('请填写完成时限');
    expect(bad.html).toContain('value="医院篮球场周末向居民开放"');
    const past = await streetA.post(`/console/conferences/${ids.occurrence}/minutes`, {
      minutes: '会议议定开放篮球场。', [`attended.${units.hospital}`]: '1',
      'resolutions.1.title': '医院篮球场周末向居民开放', 'resolutions.1.ownerMemberUnitId': units.hospital!, 'resolutions.1.dueDate': '2026-12-01',
    });
    expect(past.status).toBe(400);
    expect(fieldError(past.html, 'resolutions.1.dueDate')).toBeTruthy();
    const held = await streetA.follow(await streetA.post(`/console/conferences/${ids.occurrence}/minutes`, {
      minutes: '会议议定开放篮球场。', [`attended.${units.hospital}`]: '1',
      'resolutions.1.title': '医院篮球场周末向居民开放', 'resolutions.1.ownerMemberUnitId': units.hospital!, 'resolutions.1.dueDate': '2027-01-15',
    }));
    expect(held.html).toContain('已记录会议纪要');
    const text = textOf(held.html);
    expect(text).toContain('会议议定开放篮球场。');
    expect(text).toMatch(/荔湾区人民医院 参加 .* 出席/);
    expect(text).toMatch(/医院篮球场周末向居民开放 .*荔湾区人民医院 2027-01-15 办理中/);
    ids.resolution = /action="\/console\/conferences\/resolutions\/([0-9a-f-]{36})\/close"/.exec(held.html)![1]!;
  });

  it('offers a city admin no form to close a resolution: the service lets only the convening street (or its district) manage', async () => {
    const occurrence = await adminA.get(`/console/conferences/${ids.occurrence}`);
    expect(occurrence.status).toBe(200);
    expect(occurrence.html).toContain('医院篮球场周末向居民开放');
    expect(occurrence.html).not.toContain(`/console/conferences/resolutions/${ids.resolution}/close`);
    const calendar = await adminA.get('/console/conferences?month=2026-12');
    expect(calendar.html).toContain('医院篮球场周末向居民开放');
    expect(calendar.html).not.toContain(`/console/conferences/resolutions/${ids.resolution}/close`);
    const refused = await h.request('POST', `/v1/conferences/resolutions/${ids.resolution}/close`, { token: await h.cityToken('4401'), json: { note: '市局代为办结' } });
    expect(refused.status).toBe(403);
  });

  it('shows a street officer a meeting its district convenes without the forms only the district may use', async () => {
    const district = await h.cityToken('4401', 'district_officer', '440103');
    const unit = await ok(h, district, 'POST', '/v1/member-units', { name: '荔湾区图书馆', type: 'agency', street: STREET, email: 'library@example.cn' });
    await ok(h, district, 'POST', '/v1/conferences/series', {
      title: '荔湾区社区工作联席会议', convenerUnit: '440103', rrule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=20', firstStartLocal: '2026-12-20T14:00', venue: '荔湾区民政局会议室',
      agenda: '全区社区服务设施共建共享', defaultInvitees: [unit.id],
    });
    await runConferenceWorker(h, mail);
    const calendar = await streetA.get('/console/conferences?month=2026-12');
    const id = /href="\/console\/conferences\/([0-9a-f-]{36})"[^>]*aria-label="2026-12-20 14:00/.exec(calendar.html)?.[1];
    expect(id, calendar.html.slice(0, 3000)).toBeTruthy();
    const asStreet = await streetA.get(`/console/conferences/${id}`);
    expect(asStreet.status).toBe(200);
    expect(asStreet.html).toContain('荔湾区社区工作联席会议');
    expect(asStreet.html).not.toContain(`/console/conferences/${id}/move`);
    expect(asStreet.html).not.toContain(`/console/conferences/${id}/cancel`);
    const asDistrict = await h.browser(district).get(`/console/conferences/${id}`);
    expect(asDistrict.html).toContain(`/console/conferences/${id}/move`);
    // once the meeting has begun, minutes are the district's to record, not the street's
    const before = h.clock.now();
    h.clock.set('2026-12-20T07:00:00Z');
    try {
      expect((await streetA.get(`/console/conferences/${id}`)).html).not.toContain(`/console/conferences/${id}/minutes`);
      expect((await h.browser(district).get(`/console/conferences/${id}`)).html).toContain(`/console/conferences/${id}/minutes`);
    } finally {
      h.clock.set(before);
    }
  });

  it('closes a resolution, asking for the note next to its field first', async () => {
    const empty = await streetA.post(`/console/conferences/resolutions/${ids.resolution}/close`, { [`note-${ids.resolution}`]: '', back: '/console/conferences' });
    expect(empty.status).toBe(400);
    expect(fieldError(empty.html, `note-${ids.resolution}`)).toBe('请填写办结情况');
    const closed = await streetA.follow(await streetA.post(`/console/conferences/resolutions/${ids.resolution}/close`, { [`note-${ids.resolution}`]: '已于12月20日起开放', back: `/console/conferences/${ids.occurrence}` }));
    expect(closed.html).toContain('已办结：医院篮球场周末向居民开放');
    expect(textOf(closed.html)).toContain('已办结');
  });
});

describe('收件箱', () => {
  it('lists the unit’s reminders and marks one read', async () => {
    await trainingSweep(h, '4401', '2027-10-21');
    const inbox = await streetA.get('/console/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.html).toMatch(/收件箱（\d+ 条未读）/);
    expect(inbox.html).toContain('培训');
    ids.notification = /action="\/console\/inbox\/([0-9a-f-]{36})\/read"/.exec(inbox.html)![1]!;
    const unreadBefore = Number(/收件箱（(\d+) 条未读）/.exec(inbox.html)![1]);
    const read = await streetA.follow(await streetA.post(`/console/inbox/${ids.notification}/read`, { back: '/console/inbox?unread=true' }));
    expect(read.html).toContain('已标为已读');
    expect(read.html).toContain(`收件箱（${unreadBefore - 1} 条未读）`);
    expect(read.html).not.toContain(`/console/inbox/${ids.notification}/read`);
    expect(read.html).toContain('href="/console/communities/');
  });
});

describe('city B through every page', () => {
  it('finds none of city A’s records', async () => {
    const aNames = ['沙面', '荔湾区人民医院', '陈主任', '医院篮球场'];
    const pages = [
      `/console/communities/${COMMUNITY}`,
      `/console/reports/${ids.report}`,
      `/console/conferences/${ids.occurrence}`,
    ];
    for (const path of pages) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).toContain('未找到');
      for (const name of aNames) expect(page.html, `${path} ${name}`).not.toContain(name);
    }
    for (const path of ['/console/reports', '/console/conferences?month=2026-12', '/console/inbox']) {
      const page = await adminB.get(path);
      expect(page.status, path).toBe(200);
      for (const name of aNames) expect(page.html, `${path} ${name}`).not.toContain(name);
      expect(page.html).not.toContain(ids.report!);
    }
  });

  it('cannot act on city A’s records through the forms', async () => {
    await adminB.get('/console/reports');
    const submit = await adminB.post(`/console/reports/${ids.report}`, { narrative: '篡改' });
    expect(submit.status).toBe(404);
    const read = await adminB.post(`/console/inbox/${ids.notification}/read`, {});
    expect(read.location).toContain('error=');
    const close = await adminB.post(`/console/conferences/resolutions/${ids.resolution}/close`, { [`note-${ids.resolution}`]: '越权办结' });
    expect(close.location).toContain('error=');
    const minutes = await adminB.post(`/console/conferences/${ids.occurrence}/minutes`, { minutes: '越权纪要' });
    expect(minutes.status).toBe(404);
    const report = await ok(h, await h.cityToken('4401'), 'GET', `/v1/reports/${ids.report}`);
    expect(report.narrative).toBe(narrative);
  });
});
