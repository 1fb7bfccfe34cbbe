import { addDays } from './dates.js';
import { Tally, type DemoContext } from './client.js';

/**
 * Upward reporting: the province publishes the reform-completion report (once) and a half-year report; every demo city
 * drafts, fills and submits both, so the province's dashboard compares cities. The province then reviews 珠海: it
 * accepts the half-year report and returns the reform-completion report with a comment; it accepts 东莞's half-year
 * report and leaves the rest waiting for review.
 */

interface Template { id: string; code: string; periods: Array<{ period: string }> }
interface Report { id: string; templateId: string; period: string; status: string; history: unknown[]; problems: Array<{ path: string; message: string }> }
interface Snapshot { id: string; tenantId: string; status: string }

const count = (code: string, label: string, unit = '个') => ({ code, label, unit, aggregation: 'sum', source: `computed:${code}` });

export const halfYearTemplate = {
  code: 'community_half_year',
  title: '城市社区建设半年工作情况',
  periodType: 'semiannual',
  onTimeDays: 3,
  indicators: [
    count('communities_total', '社区总数'),
    count('residents_committees', '社区居民委员会'),
    count('committees_complete', '班子健全的居委会(5至9人且有主任)'),
    count('elections_held', '本期举行并认证的换届选举'),
    count('members_due_training', '应参加轮训的居委会成员', '人'),
    count('members_trained_on_time', '一年内完成轮训的居委会成员', '人'),
    { code: 'members_trained_on_time_rate', label: '居委会成员按时轮训率', unit: '%', aggregation: 'ratio', source: 'derived', numerator: 'members_trained_on_time', denominator: 'members_due_training' },
    count('joint_conferences_held', '本期召开社区工作联席会议', '次'),
    count('member_units', '社区成员单位'),
    count('volunteers', '登记社区志愿者', '人'),
    { code: 'funding_10k_yuan', label: '本期社区建设投入经费', unit: '万元', aggregation: 'sum', source: 'manual' },
  ],
  rules: [{ left: 'members_trained_on_time', op: 'lte', right: 'members_due_training', message: '按时轮训人数不得超过应训人数' }],
};

/** The half-year that ended last, open from the day after it ended and due in ten days' time. */
export function lastHalfYear(today: string): { period: string; opensOn: string; dueOn: string; closesOn: string } {
  const year = Number(today.slice(0, 4));
  const [period, opensOn] = today.slice(5, 7) >= '07' ? [`${year}-H1`, `${year}-07-01`] : [`${year - 1}-H2`, `${year}-01-01`];
  return { period, opensOn, dueOn: addDays(today, 10), closesOn: addDays(today, 45) };
}

const cities = [
  { code: '4404', name: '珠海市', funding: [860, 412], demonstrations: 1 },
  { code: '4419', name: '东莞市', funding: [1250, 530], demonstrations: 3 },
  { code: '4420', name: '中山市', funding: [940, 388], demonstrations: 2 },
];

const narrative = (city: string) =>
  `${city}按照省委、省政府关于加强城市社区建设的实施意见，完成社区居委会规模调整和换届选举，新一届居委会成员轮训正在推进；` +
  '街道社区工作联席会议制度已建立并定期召开，社区服务设施和志愿者队伍建设稳步推进。现将有关情况书面报告如下。';

/** Province decisions, by city and template code: accept, or return with this comment. */
const reviews: Record<string, Record<string, { accept: true } | { comment: string }>> = {
  '4404': {
    community_half_year: { accept: true },
    reform_completion: { comment: '请补充城中村改造试点进展及社区建设投入经费的资金来源说明，并核对按时轮训人数后重新报送。' },
  },
  '4419': { community_half_year: { accept: true } },
};

export async function demoReporting(ctx: DemoContext, cityCodes: string[]): Promise<Tally> {
  const { client, today } = ctx;
  const tally = new Tally();
  const province = await client.province();

  const templates = (await client.get<{ items: Template[] }>('report templates', '/v1/report-templates', province)).items;
  const once = { period: 'once', opensOn: addDays(today, -30), dueOn: addDays(today, 24), closesOn: addDays(today, 55) };
  const half = lastHalfYear(today);
  const wanted = [
    { code: 'reform_completion', body: { preset: 'reform_completion', periods: [once] }, period: once },
    { code: halfYearTemplate.code, body: { ...halfYearTemplate, periods: [half] }, period: half },
  ];
  const published: Array<{ id: string; code: string; period: string }> = [];
  for (const w of wanted) {
    let t = templates.find((x) => x.code === w.code);
    if (t) tally.found();
    else {
      t = await client.post<Template>(`publishing template ${w.code}`, '/v1/report-templates', province, w.body);
      tally.made();
    }
    // a template published by someone else may not have the period the demo reports for
    if (!t.periods.some((p) => p.period === w.period.period)) {
      await client.post(`period ${w.period.period} of ${w.code}`, `/v1/report-templates/${t.id}/periods`, province, w.period);
      tally.made();
    }
    published.push({ id: t.id, code: w.code, period: w.period.period });
  }

  for (const city of cities.filter((c) => cityCodes.includes(c.code))) {
    const admin = await client.city(city.code);
    const reports = (await client.get<{ items: Report[] }>(`reports of ${city.name}`, `/v1/reports?city=${city.code}`, admin)).items;
    for (const [n, t] of published.entries()) {
      let report = reports.find((r) => r.templateId === t.id && r.period === t.period);
      if (!report) {
        report = await client.post<Report>(`${city.name}'s ${t.code} report`, '/v1/reports', admin, { templateId: t.id, period: t.period });
        tally.made();
      }
      if (report.status !== 'draft' || report.history.length) {
        tally.found();
        continue;
      }
      const manual = t.code === 'reform_completion' ? { demonstration_committees: city.demonstrations, funding_10k_yuan: city.funding[0] } : { funding_10k_yuan: city.funding[1] };
      await client.expect(`filling ${city.name}'s ${t.code} report`, 'PATCH', `/v1/reports/${report.id}`, admin, {
        manual: manual as Record<string, number>, narrative: narrative(city.name),
        attachments: [{ name: `${city.name}${t.code === 'reform_completion' ? '城市社区建设完成情况报告' : '半年工作情况报告'}.pdf`, ref: `${city.code}/reports/${t.period}/${n + 1}.pdf` }],
      }, [200]);
      await client.post(`submitting ${city.name}'s ${t.code} report`, `/v1/reports/${report.id}/submit`, admin);
      tally.made(2);
    }
  }

  const decided: string[] = [];
  for (const t of published) {
    const snapshots = (await client.get<{ items: Snapshot[] }>(`submitted ${t.code} reports`, `/v1/province/reports?template=${t.id}&period=${t.period}`, province)).items;
    for (const s of snapshots) {
      const review = reviews[s.tenantId]?.[t.code];
      if (!review || s.status !== 'submitted') continue;
      if ('accept' in review) await client.post(`accepting ${s.tenantId}'s ${t.code} report`, `/v1/province/reports/${s.id}/accept`, province, { comment: '材料齐全，予以采纳。' });
      else await client.post(`returning ${s.tenantId}'s ${t.code} report`, `/v1/province/reports/${s.id}/return`, province, { comment: review.comment });
      decided.push(`${s.tenantId} ${t.code} ${'accept' in review ? 'accepted' : 'returned'}`);
      tally.made();
    }
    tally.note(`${t.code} ${t.period}: ${snapshots.length} city(ies) submitted`);
  }
  if (decided.length) tally.note(`province reviewed: ${decided.join(', ')}`);
  return tally;
}
