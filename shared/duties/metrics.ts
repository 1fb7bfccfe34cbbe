import { sql, type SQL } from 'drizzle-orm';
import { messageIn, statedRule, type StatedRule } from '../i18n.js';
import { msg } from './messages.js';

/** The report metrics of the duty register (费随事转), their labels as a report shows them. */
export const dutyMetricLabels = {
  duties_registered: '在册社区工作事项',
  duties_funded: '随事转移经费的工作事项',
  duty_funds_per_community: '平均每个社区转移的年度工作经费',
  unregistered_demands: '未经准入的工作事项',
} as const;

const stockBasis = { duties_registered: 'duties.basis.registered', duties_funded: 'duties.basis.funded', duty_funds_per_community: 'duties.basis.funds_per_community' } as const;

/** The rule beside each figure: stock figures as of the cut-off day, demands over the period (or up to its day, for a one-off report). */
export const dutyMetricBasis = (metric: string, window: { cutOff: string; from: string; to: string; open?: boolean | undefined }): StatedRule => {
  if (metric !== 'unregistered_demands') return statedRule(messageIn(msg, stockBasis[metric as keyof typeof stockBasis], { asOf: window.cutOff }));
  return window.open ? statedRule(msg['duties.basis.demands_until']({ to: window.to })) : statedRule(msg['duties.basis.demands']({ from: window.from, to: window.to }));
};

/**
 * The four figures in one statement, as (metric, district, value) rows; a row without a district is the city's own
 * figure, for the metrics whose districts do not add up to it (a duty applying in two districts is one duty; a mean per
 * community is not a sum). Funds per community: each duty's annual fen shared over the residents' committees in force it
 * covers (per community as is, a total evenly), summed and divided by the residents' committees in force, in yuan.
 */
export function dutyMetricsSql(window: { cutOff: string; from: string; to: string }): SQL {
  const tenant = sql`(select nullif(current_setting('app.tenant_id', true), ''))`;
  return sql`
    with c as (
      select d.code, substr(d.code, 1, 6) as district from divisions d
      where d.tenant_id = ${tenant} and d.level = 'village' and d.kind = 'residents_committee'
        and (d.valid_from is null or d.valid_from <= ${window.cutOff}) and (d.valid_to is null or d.valid_to > ${window.cutOff})
    ), t as (
      select id, funding_basis, funds_fen, applies_to from duties
      where tenant_id = ${tenant} and starts_on <= ${window.cutOff} and (ended_on is null or ended_on > ${window.cutOff})
    ), td as (
      select distinct t.id, t.funding_basis, substr(u.code, 1, 6) as district from t cross join unnest(t.applies_to) as u(code)
    ), cover as (
      select distinct t.id, t.funding_basis, t.funds_fen, c.code, c.district
      from t join c on exists (select 1 from unnest(t.applies_to) as u(code) where c.code like u.code || '%')
      where t.funding_basis <> 'none'
    ), f as (
      select district, sum(case funding_basis when 'per_community' then funds_fen::numeric else funds_fen::numeric / n end) as fen
      from (select cover.*, count(*) over (partition by id) as n from cover) s group by district
    ), n as (select district, count(*) as communities from c group by district)
    select 'duties_registered' as metric, district, count(*)::numeric as value from td group by district
    union all select 'duties_registered', null, count(*) from t
    union all select 'duties_funded', district, count(*) from td where funding_basis <> 'none' group by district
    union all select 'duties_funded', null, count(*) from t where funding_basis <> 'none'
    union all select 'duty_funds_per_community', n.district, round(coalesce(f.fen, 0) / 100 / n.communities, 2) from n left join f on f.district = n.district
    union all select 'duty_funds_per_community', null, coalesce(round((select sum(fen) from f) / 100 / nullif((select count(*) from c), 0), 2), 0)
    union all select 'unregistered_demands', substr(unit_code, 1, 6), count(*) from unregistered_demands
      where tenant_id = ${tenant} and demanded_on between ${window.from} and ${window.to} group by 2`;
}
