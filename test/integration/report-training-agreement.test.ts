import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certifiedElection, electionPlan } from '../support/elections.js';
import { createConsoleHarness, fieldError, textOf } from '../console/support.js';
import { runTrainingWorker } from '../support/training.js';

/**
 * #19 §5: a city report showed 应参加轮训 0 / 按时轮训率 无法计算 while the training page showed 2 of 5 on time. The
 * report's training figures and the training page now come from one rule (shared/training/metrics.ts) and agree for the
 * same cut-off day, which each states beside its figures.
 */
type Json = Record<string, any>;
let h: Awaited<ReturnType<typeof createConsoleHarness>>;
let halfYearReport: string;
let admin: string;
let street: string;
let province: string;
const member: Record<string, string> = {};
const STREET = '440103001';
const COMMUNITY = '440103001001';
const ELECTION_DAY = '2026-11-20';

const at = (day: string) => h.clock.set(`${day}T02:00:00Z`);
const call = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await h.request(method, path, { token, json });
  return { status: res.status, body: (await res.json()) as Json };
};
const ok = async (token: string, method: string, path: string, json?: unknown) => {
  const res = await call(token, method, path, json);
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const complete = (name: string, completedOn: string) =>
  ok(street, 'POST', '/v1/training/completions', { memberId: member[name], completedOn, title: '社区工作者网络培训', provider: '省民政厅', evidenceRef: `证书-${name}` });
/** The training page's figures for the city, as the console reads them. */
const trainingPage = async (asOf?: string) => ok(admin, 'GET', `/v1/training/compliance${asOf ? `?asOf=${asOf}` : ''}`);
const reportTraining = (report: Json) => ({
  members: report.figures.members_due_training.value,
  onTime: report.figures.members_trained_on_time.value,
  rate: report.figures.members_trained_on_time_rate.value,
});
const pageTraining = (page: Json) => ({ members: page.unit.members, onTime: page.unit.trainedOnTime, rate: page.unit.onTimeRate === null ? null : Math.round(page.unit.onTimeRate * 10_000) / 100 });

const trainingTemplate = {
  code: 'training_half_year', title: '居委会成员轮训情况半年报', periodType: 'semiannual', onTimeDays: 0,
  indicators: [
    { code: 'members_due_training', label: '应参加轮训的居委会成员', unit: '人', aggregation: 'sum', source: 'computed:members_due_training' },
    { code: 'members_trained_on_time', label: '按期完成轮训的居委会成员', unit: '人', aggregation: 'sum', source: 'computed:members_trained_on_time' },
    { code: 'members_trained_on_time_rate', label: '居委会成员按时轮训率', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'members_trained_on_time', denominator: 'members_due_training' },
  ],
  rules: [],
  periods: [{ period: '2027-H1', opensOn: '2027-07-01', dueOn: '2027-07-31', closesOn: '2027-08-31' }],
};

beforeAll(async () => {
  h = await createConsoleHarness();
  await h.onboard('4401', '广州市');
  admin = await h.cityToken('4401');
  street = await h.cityToken('4401', 'street_officer', STREET);
  province = await h.provinceToken();
  const res = await h.request('POST', '/v1/divisions/import', { token: admin, body: readFileSync('test/fixtures/divisions-4401.csv', 'utf8'), contentType: 'text/csv' });
  expect(res.status).toBe(200);
  at('2026-11-25');
  await certifiedElection(h, street, electionPlan(COMMUNITY, { electionDate: ELECTION_DAY }));
  await runTrainingWorker(h);
  const { items } = await ok(street, 'GET', `/v1/training/obligations?parent=${STREET}`);
  for (const o of items as Json[]) member[o.memberName] = o.memberId;
  expect(Object.keys(member)).toHaveLength(7);
  await ok(province, 'POST', '/v1/report-templates', trainingTemplate);
  await ok(province, 'POST', '/v1/report-templates', { preset: 'reform_completion', periods: [{ period: 'once', opensOn: '2027-07-01', dueOn: '2027-09-30', closesOn: '2027-10-31' }] });
  // two members trained on time in January, one leaves in March, one is trained in July (after the half year)
  at('2027-01-10');
  await complete('郑委一', '2027-01-10');
  await complete('王委二', '2027-01-09');
  at('2027-03-01');
  await ok(street, 'PATCH', `/v1/committees/${(await ok(street, 'GET', `/v1/training/obligations?parent=${STREET}`)).items[0].committeeId}/members/${member['吴副二']}`, { leftOn: '2027-03-01', departureReason: 'resigned' });
  at('2027-07-10');
  await complete('冯委三', '2027-07-10');
});

afterAll(async () => {
  await h?.close();
});

describe('the report and the training page agree for the same cut-off', () => {
  it('a half-year report counts the members as of the period’s last day, as the training page does for that day, and says so', async () => {
    at('2027-07-15');
    const templates = (await ok(province, 'GET', '/v1/report-templates')).items as Json[];
    const template = templates.find((t) => t.code === 'training_half_year')!;
    const report = await ok(admin, 'POST', '/v1/reports', { templateId: template.id, period: '2027-H1' });
    halfYearReport = report.id;
    const page = await trainingPage('2027-06-30');
    expect(page.asOf).toBe('2027-06-30');
    // six members in office (one left), none due yet, two trained on time by 30 June: never 0 / 无法计算
    expect(reportTraining(report)).toEqual({ members: 6, onTime: 2, rate: 33.33 });
    expect(pageTraining(page)).toEqual(reportTraining(report));
    // the rule beside each figure names its denominator and cut-off, in Chinese and English
    expect(report.figures.members_due_training.basis).toMatchObject({ code: 'training.rule.members', params: { cutOff: '2027-06-30' } });
    expect(report.figures.members_due_training.basis.zh).toContain('截至2027-06-30在任');
    expect(report.figures.members_due_training.basis.zh).toContain('含尚未到期者');
    expect(report.figures.members_due_training.basis.en).toContain('in office on 2027-06-30');
    expect(report.figures.members_trained_on_time_rate.basis).toMatchObject({ code: 'training.rule.rate', params: { cutOff: '2027-06-30' } });
    expect(page.rule).toMatchObject({ code: 'training.rule.compliance', params: { cutOff: '2027-06-30' } });
    expect(page.rule.zh).toContain('统计截至2027-06-30');
  });

  it('today’s training page counts July’s completion; a report computed today (one-off) counts it too', async () => {
    at('2027-07-15');
    const page = await trainingPage();
    expect(page.asOf).toBe('2027-07-15');
    expect(pageTraining(page)).toEqual({ members: 6, onTime: 3, rate: 50 });
    const templates = (await ok(province, 'GET', '/v1/report-templates')).items as Json[];
    const report = await ok(admin, 'POST', '/v1/reports', { templateId: templates.find((t) => t.code === 'reform_completion')!.id, period: 'once' });
    expect(reportTraining(report)).toEqual(pageTraining(page));
    expect(report.figures.members_trained_on_time.basis.params).toEqual({ cutOff: '2027-07-15' });
  });

  it('agrees on every earlier day too: before the election nobody, after a departure one fewer', async () => {
    at('2027-07-15');
    expect(pageTraining(await trainingPage('2026-11-19'))).toEqual({ members: 0, onTime: 0, rate: null });
    expect(pageTraining(await trainingPage('2026-11-20'))).toEqual({ members: 7, onTime: 0, rate: 0 });
    expect(pageTraining(await trainingPage('2027-01-09'))).toEqual({ members: 7, onTime: 1, rate: 14.29 });
    expect(pageTraining(await trainingPage('2027-02-28'))).toEqual({ members: 7, onTime: 2, rate: 28.57 });
    expect(pageTraining(await trainingPage('2027-03-01'))).toEqual({ members: 6, onTime: 2, rate: 33.33 });
  });

  it('refuses a cut-off after today, naming the field in Chinese', async () => {
    at('2027-07-15');
    const res = await call(admin, 'GET', '/v1/training/compliance?asOf=2027-07-16');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'asOf', code: 'as_of_in_future', params: { today: '2027-07-15' }, message: '统计截止日期不能晚于今天（2027-07-15）' }]);
  });
});

describe('the console shows the rule beside the figures', () => {
  it('the report page states each figure’s rule and links to the training page on the same day, which shows the same figures without JavaScript', async () => {
    at('2027-07-15');
    const browser = h.browser(admin);
    const report = await browser.get(`/console/reports/${halfYearReport}`);
    expect(report.status).toBe(200);
    const reportText = textOf(report.html);
    expect(reportText).toContain('统计口径');
    expect(reportText).toContain('截至2027-06-30在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）');
    expect(reportText).toContain('按时轮训率 = 按期完成轮训人数 ÷ 应参加轮训人数 × 100%，统计截至2027-06-30');
    expect(reportText).toContain('居委会成员轮训情况半年报（2027年上半年）');
    expect(report.html).toContain('href="/console/training?asOf=2027-06-30"');
    const training = await browser.get('/console/training?asOf=2027-06-30');
    expect(training.status).toBe(200);
    const trainingText = textOf(training.html);
    expect(trainingText).toContain('统计口径：统计截至2027-06-30：应培训成员指当日在任');
    expect(trainingText).toContain('33.3%');
    expect(trainingText).toContain('2 ÷ 6，截至 2027-06-30');
    expect(training.html).toMatch(/<form method="get" action="\/console\/training"/);
    expect(training.html).toContain('value="2027-06-30"');
    const today = textOf((await browser.get('/console/training')).html);
    expect(today).toContain('3 ÷ 6，截至 2027-07-15');
  });

  it('shows a cut-off after today as an error beside the field, with today’s figures', async () => {
    at('2027-07-15');
    const page = await h.browser(admin).get('/console/training?asOf=2027-07-16');
    expect(page.status).toBe(200);
    expect(fieldError(page.html, 'asOf')).toBe('统计截止日期不能晚于今天（2027-07-15）');
    expect(textOf(page.html)).toContain('3 ÷ 6，截至 2027-07-15');
  });
});
