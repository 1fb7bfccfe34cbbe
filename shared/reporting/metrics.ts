import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { messageIn, statedRule, type StatedRule } from '../i18n.js';
import { partyOrganisationsAsOf } from '../committees/party.js';
import { readProvinceSettings } from '../settings/service.js';
import { trainingMessages } from '../training/messages.js';
import { completionCountsSql, obligationStatusesAsOf } from '../training/metrics.js';
import { reportingMessages } from './messages.js';
import { msg as assembliesMsg } from '../assemblies/messages.js';
import { reportedCommitteesSql } from '../assemblies/service.js';
import { msg as consultationMessages } from '../consultations/messages.js';
import { dutyMetricBasis, dutyMetricLabels, dutyMetricsSql } from '../duties/metrics.js';

/** A metric's value for the city and for each district (six-digit county code; a city without districts has one bucket). */
export interface MetricFigure {
  city: number;
  byDistrict: Record<string, number>;
}

export interface MetricScope {
  /** Day the stock figures are read as of (Asia/Shanghai). */
  asOf: string;
  /** The period's first and last day, for event figures such as elections or meetings held. */
  from: string;
  to: string;
  /** Set when the period is a one-off (covers everything up to `to`). */
  open?: boolean;
}

/** The day a stock figure that belongs to the period is read as of: the period's last day, or today while it runs. */
export const cutOffOf = (scope: MetricScope) => (scope.to < scope.asOf ? scope.to : scope.asOf);

interface MetricGroup {
  /** The metrics one set-based statement yields, each as (metric, district, value) rows. */
  metrics: Record<string, string>;
  /** The rule each metric of the group is counted by, stated beside the figure. */
  basis(metric: string, scope: MetricScope): StatedRule;
  query(tx: Tx, scope: MetricScope): Promise<SQL>;
}

const reportRule = (code: keyof typeof reportingMessages, params: Record<string, string>) => statedRule(messageIn(reportingMessages, code, params));
const periodRule = (scope: MetricScope, period: 'report.basis.elections_period' | 'report.basis.meetings_period', until: 'report.basis.elections_until' | 'report.basis.meetings_until') =>
  scope.open ? reportRule(until, { to: scope.to }) : reportRule(period, { from: scope.from, to: scope.to });

const communityDistrict = sql`substr(d.code, 1, 6)`;

const groups: MetricGroup[] = [
  {
    metrics: {
      communities_total: '社区总数',
      communities_geographic: '地缘型社区',
      communities_residential_complex: '单元型社区',
      communities_work_unit: '单位型社区',
      communities_mixed: '综合型社区',
      communities_untyped: '未定类型社区',
      residents_committees: '社区居民委员会',
      communities_outside_household_bounds: '管辖户数超出范围的社区',
      urban_village_pilots: '城中村改造试点社区',
    },
    basis: (_m, scope) => reportRule('report.basis.communities', { asOf: scope.asOf }),
    async query(tx, scope) {
      const { communityHouseholds: bounds } = await readProvinceSettings(tx);
      return sql`
        with c as (
          select ${communityDistrict} as district, d.kind, p.type, p.households, coalesce(p.urban_village_pilot, false) as pilot
          from divisions d left join community_profiles p on p.tenant_id = d.tenant_id and p.code = d.code
          where d.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and d.level = 'village'
            and (d.valid_from is null or d.valid_from <= ${scope.asOf}) and (d.valid_to is null or d.valid_to > ${scope.asOf})
        ), g as (
          select district,
            count(*) filter (where kind = 'residents_committee') as communities_total,
            count(*) filter (where kind = 'residents_committee' and type = 'geographic') as communities_geographic,
            count(*) filter (where kind = 'residents_committee' and type = 'residential_complex') as communities_residential_complex,
            count(*) filter (where kind = 'residents_committee' and type = 'work_unit') as communities_work_unit,
            count(*) filter (where kind = 'residents_committee' and type = 'mixed') as communities_mixed,
            count(*) filter (where kind = 'residents_committee' and type is null) as communities_untyped,
            count(*) filter (where kind = 'residents_committee') as residents_committees,
            count(*) filter (where kind = 'residents_committee' and households is not null and (households < ${bounds.min} or households > ${bounds.max})) as communities_outside_household_bounds,
            count(*) filter (where kind = 'residents_committee' and pilot) as urban_village_pilots
          from c group by district
        )
        select m.metric, g.district, m.value from g cross join lateral (values
          ('communities_total', g.communities_total), ('communities_geographic', g.communities_geographic),
          ('communities_residential_complex', g.communities_residential_complex), ('communities_work_unit', g.communities_work_unit),
          ('communities_mixed', g.communities_mixed), ('communities_untyped', g.communities_untyped),
          ('residents_committees', g.residents_committees), ('communities_outside_household_bounds', g.communities_outside_household_bounds),
          ('urban_village_pilots', g.urban_village_pilots)) as m(metric, value)`;
    },
  },
  {
    metrics: { divisions_county: '区(县)级区划', divisions_township: '街道(镇)级区划', divisions_village: '社区(村)级区划' },
    basis: (_m, scope) => reportRule('report.basis.divisions', { asOf: scope.asOf }),
    query: async (tx, scope) => sql`
      select 'divisions_' || d.level as metric, ${communityDistrict} as district, count(*) as value
      from divisions d
      where d.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and d.level in ('county', 'township', 'village')
        and (d.valid_from is null or d.valid_from <= ${scope.asOf}) and (d.valid_to is null or d.valid_to > ${scope.asOf})
      group by 1, 2`,
  },
  {
    metrics: { committees_complete: '班子健全的居委会(5至9人且有主任)' },
    basis: (_m, scope) => reportRule('report.basis.committees_complete', { asOf: scope.asOf }),
    query: async (_tx, scope) => sql`
      select 'committees_complete' as metric, substr(c.community_code, 1, 6) as district, count(*) as value
      from committees c
      join lateral (
        select count(*) as members, count(*) filter (where m.position = 'chair') as chairs
        from committee_members m
        where m.tenant_id = c.tenant_id and m.term_id = c.current_term_id and m.joined_on <= ${scope.asOf} and (m.left_on is null or m.left_on > ${scope.asOf})
      ) s on true
      where c.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and s.members between 5 and 9 and s.chairs >= 1
      group by 2`,
  },
  {
    // the community bodies' rule (shared/assemblies/service.ts): a 述职 at a meeting held in the period; the figures
    // page (/v1/assemblies/evaluation-figures) counts a year by the same statement
    metrics: { committees_reported: '已向居民会议述职的居委会' },
    basis: (_m, scope) => statedRule(assembliesMsg['assembly.rule.reported']({ from: scope.from, to: scope.to })),
    query: async (_tx, scope) => sql`
      select 'committees_reported' as metric, substr(r.community_code, 1, 6) as district, count(*) as value
      from (${reportedCommitteesSql(scope.from, scope.to)}) r
      group by 2`,
  },
  {
    // the committee page's statement (shared/committees/party.ts): the same 交叉任职 rule, as of the period's cut-off
    metrics: { party_organisations: '建立党组织的社区', party_secretaries_chairing: '党组织书记兼任居委会主任的社区' },
    basis: (_m, scope) => reportRule('report.basis.party_organisations', { asOf: cutOffOf(scope) }),
    query: async (_tx, scope) => sql`
      with p as (${partyOrganisationsAsOf(cutOffOf(scope), sql`p.established_on <= ${cutOffOf(scope)}::date`)})
      select m.metric, g.district, m.value from (
        select substr(p.community_code, 1, 6) as district, count(*) as orgs, count(*) filter (where p.secretary_chairs) as chairing from p group by 1
      ) g cross join lateral (values ('party_organisations', g.orgs), ('party_secretaries_chairing', g.chairing)) as m(metric, value)`,
  },
  {
    metrics: { elections_held: '已举行并认证的选举', elections_valid: '有效选举(投票选民过半)' },
    basis: (_m, scope) => periodRule(scope, 'report.basis.elections_period', 'report.basis.elections_until'),
    query: async (_tx, scope) => sql`
      with e as (
        select substr(e.community_code, 1, 6) as district,
          exists (select 1 from election_results r where r.tenant_id = e.tenant_id and r.election_id = e.id and r.ballots_returned * 2 > r.registered_voters) as valid
        from elections e
        where e.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and e.election_date between ${scope.from} and ${scope.to}
          and exists (select 1 from election_certifications k where k.tenant_id = e.tenant_id and k.election_id = e.id)
      )
      select m.metric, e.district, m.value from (
        select district, count(*) as held, count(*) filter (where valid) as valid from e group by district
      ) e cross join lateral (values ('elections_held', e.held), ('elections_valid', e.valid)) as m(metric, value)`,
  },
  {
    metrics: { joint_conferences_held: '召开联席会议次数', member_units: '社区成员单位' },
    basis: (m, scope) => (m === 'member_units' ? reportRule('report.basis.register', { asOf: scope.asOf }) : periodRule(scope, 'report.basis.meetings_period', 'report.basis.meetings_until')),
    query: async (_tx, scope) => sql`
      select 'joint_conferences_held' as metric, substr(s.convener_unit, 1, 6) as district, count(*) as value
      from conference_occurrences o join conference_series s on s.tenant_id = o.tenant_id and s.id = o.series_id
      where o.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and o.status = 'held'
        and (o.starts_at at time zone 'Asia/Shanghai')::date between ${scope.from} and ${scope.to}
      group by 2
      union all
      select 'member_units', substr(u.street_code, 1, 6), count(*)
      from member_units u where u.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and u.active
      group by 2`,
  },
  {
    metrics: { facilities: '社区服务设施', service_units: '社区服务单位', volunteers: '登记志愿者' },
    basis: (_m, scope) => reportRule('report.basis.register', { asOf: scope.asOf }),
    query: async () => sql`
      select 'facilities' as metric, substr(f.unit_code, 1, 6) as district, count(*) as value
      from facilities f where f.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) group by 2
      union all
      select 'service_units', substr(u.unit_code, 1, 6), count(*)
      from service_units u where u.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) group by 2
      union all
      select 'volunteers', substr(v.community_code, 1, 6), count(*)
      from volunteers v where v.tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) group by 2`,
  },
  {
    // the training module's rule and counts (shared/training/metrics.ts), as of the period's cut-off: the training page
    // shows the same figures for the same day
    metrics: { members_due_training: '应参加轮训的居委会成员', members_trained_on_time: '按期完成轮训的居委会成员' },
    basis: (m, scope) => statedRule(trainingMessages[m === 'members_due_training' ? 'training.rule.members' : 'training.rule.on_time']({ cutOff: cutOffOf(scope) })),
    query: async (_tx, scope) => sql`
      with s as (${obligationStatusesAsOf('', cutOffOf(scope))}),
      o as (select substr(s.community_code, 1, 6) as district, ${completionCountsSql} from s group by 1)
      select m.metric, o.district, m.value from o
      cross join lateral (values ('members_due_training', o.members), ('members_trained_on_time', o.met)) as m(metric, value)`,
  },
  {
    // the consultation platform's figures (shared/consultations/service.ts getConsultationFigures counts the same way)
    metrics: {
      consultations_received: '收到居民咨询',
      consultations_due: '已到答复期限或已答复的咨询',
      consultations_answered_on_time: '按时答复的咨询',
      consultations_overdue: '逾期答复或逾期未答复的咨询',
      consultations_rated: '居民评价的咨询',
      consultations_satisfied: '居民满意(含基本满意)的咨询',
    },
    basis: (_m, scope) => statedRule(consultationMessages['consultation.rule.report']({ from: scope.from, to: cutOffOf(scope) })),
    query: async (_tx, scope) => sql`
      with c as (
        select substr(community_code, 1, 6) as district, status, due_on, answered_on, rating from consultations
        where tenant_id = (select nullif(current_setting('app.tenant_id', true), '')) and received_on between ${scope.from}::date and ${cutOffOf(scope)}::date
      ), g as (
        select district, count(*) as received,
          count(*) filter (where answered_on is not null or due_on < ${scope.asOf}::date) as due,
          count(*) filter (where answered_on <= due_on) as on_time,
          count(*) filter (where (status in ('new', 'assigned') and due_on < ${scope.asOf}::date) or answered_on > due_on) as overdue,
          count(*) filter (where rating is not null) as rated,
          count(*) filter (where rating in ('satisfied', 'basically_satisfied')) as satisfied
        from c group by district
      )
      select m.metric, g.district, m.value from g cross join lateral (values
        ('consultations_received', g.received), ('consultations_due', g.due), ('consultations_answered_on_time', g.on_time),
        ('consultations_overdue', g.overdue), ('consultations_rated', g.rated), ('consultations_satisfied', g.satisfied)) as m(metric, value)`,
  },
  {
    metrics: dutyMetricLabels,
    basis: (m, scope) => dutyMetricBasis(m, { cutOff: cutOffOf(scope), from: scope.from, to: scope.to, open: scope.open }),
    query: async (_tx, scope) => dutyMetricsSql({ cutOff: cutOffOf(scope), from: scope.from, to: scope.to }),
  },
];

export const metricLabels: Record<string, string> = Object.fromEntries(groups.flatMap((g) => Object.entries(g.metrics)));

export const metricKeys = Object.keys(metricLabels);

export type MetricResult = { available: true; figure: MetricFigure; queriedAt: string; basis: StatedRule } | { available: false; reason: string };

export interface MetricRun {
  results: Map<string, MetricResult>;
  queries: number;
}

/**
 * Computes the asked metrics for the caller's city: one set-based statement per group of metrics (plus the province
 * settings read), whatever the city's size; each figure keeps the time its statement ran.
 */
export async function computeMetrics(tx: Tx, keys: readonly string[], scope: MetricScope, now: () => Date): Promise<MetricRun> {
  const wanted = new Set(keys);
  const results = new Map<string, MetricResult>();
  let queries = 0;
  for (const key of wanted) {
    if (!(key in metricLabels)) results.set(key, { available: false, reason: `暂无数据来源: 系统尚未记录指标 ${key} 所需的数据 (no module holds the data of metric ${key} yet)` });
  }
  for (const group of groups) {
    const asked = Object.keys(group.metrics).filter((k) => wanted.has(k));
    if (!asked.length) continue;
    const statement = await group.query(tx, scope);
    if (group === groups[0]) queries += 1;
    const rows = rowsOf<{ metric: string; district: string | null; value: string | number }>(await tx.execute(statement));
    queries += 1;
    const queriedAt = now().toISOString();
    for (const key of asked) results.set(key, { available: true, figure: { city: 0, byDistrict: {} }, queriedAt, basis: group.basis(key, scope) });
    const cityFigures = new Map<string, number>();
    for (const row of rows) {
      const result = results.get(row.metric);
      if (!result?.available) continue;
      const value = Number(row.value);
      // a row without a district is the city's own figure, for a metric whose districts do not add up to it
      if (row.district === null) {
        cityFigures.set(row.metric, value);
        continue;
      }
      result.figure.city += value;
      result.figure.byDistrict[row.district] = (result.figure.byDistrict[row.district] ?? 0) + value;
    }
    for (const [metric, value] of cityFigures) {
      const result = results.get(metric);
      if (result?.available) result.figure.city = value;
    }
  }
  return { results, queries };
}
