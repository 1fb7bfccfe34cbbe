import { defineMessages } from '../i18n.js';
import type { reportPeriodTypes, snapshotStatuses } from './rules.js';

/** Values a message names, as officials name them (the value itself in English). */
export const periodTypeLabels: Record<(typeof reportPeriodTypes)[number], string> = { annual: '年度', semiannual: '半年', quarterly: '季度', once: '一次性' };
export const snapshotStatusLabels: Record<(typeof snapshotStatuses)[number], string> = { submitted: '已报送待审核', accepted: '已采纳', returned: '已退回' };
export const ratioSideLabels = { numerator: '分子', denominator: '分母' } as const;

/** What the reporting module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  indicator_code_format: { zh: '指标代码应以小写字母开头，由小写字母、数字和下划线组成，共 2 至 63 位', en: 'an indicator code is lower_snake_case, 2 to 63 characters' },
  period_code_format: { zh: '期次应写作 2026、2026-H1、2026-Q3 或 once（一次性报告）', en: 'a period such as 2026, 2026-H1, 2026-Q3 or once' },
  indicator_source_format: {
    zh: '数据来源应为 computed:<指标代码>（自动计算）、manual（手工填报）或 derived（比率指标，由分子分母计算）',
    en: 'computed:<metric>, manual, or derived (ratio indicators only)',
  },
  period_written_annual: { zh: 'YYYY（例如 2026）', en: 'YYYY' },
  period_written_semiannual: { zh: 'YYYY-H1 或 YYYY-H2（上半年或下半年）', en: 'YYYY-H1 or YYYY-H2' },
  period_written_quarterly: { zh: 'YYYY-Q1 至 YYYY-Q4（第一至第四季度）', en: 'YYYY-Q1 … YYYY-Q4' },
  period_written_once: { zh: 'once（一次性报告）', en: 'once' },
  period_format: { zh: '{type}报告的期次应写作 {format}', en: 'a {type} period is written {format}' },
  period_appears_twice: { zh: '期次 {period} 重复', en: 'period {period} appears twice' },
  period_dates_out_of_order: { zh: '须满足：开放日 ≤ 截止日 ≤ 关闭日', en: 'opensOn ≤ dueOn ≤ closesOn' },
  report_template_not_found: { zh: '未找到报表模板 {id}', en: 'report template {id} not found' },
  template_period_not_found: { zh: '未找到报表模板 {templateId} 的期次 {period}', en: 'period {period} of report template {templateId} not found' },
  template_has_problems: { zh: '报表模板有 {length} 处问题', en: 'the template has {length} problem(s)' },
  template_code_exists: { zh: '代码为 {code} 的报表模板已存在', en: 'a report template with code {code} exists' },
  periods_invalid: { zh: '报送周期填写有误', en: 'the reporting periods are invalid' },
  period_already_open: { zh: '期次 {period} 已开放', en: 'period {period} is already open' },
  submitted_report_not_found: { zh: '未找到已报送的报告 {id}', en: 'submitted report {id} not found' },
  version_already_decided: { zh: '此版本{status}', en: 'this version was already {status}' },
  template_id_or_code: { zh: '请填写模板编号或模板代码，二者只填其一', en: 'give templateId or templateCode, one of them' },
  indicator_appears_twice: { zh: '指标 {code} 重复', en: 'indicator {code} appears twice' },
  ratio_is_derived: { zh: '比率指标由分子和分母计算得出', en: 'a ratio indicator is derived from its numerator and denominator' },
  ratio_needs_side: { zh: '比率指标须有{side}', en: 'a ratio indicator needs a {side}' },
  not_a_plain_indicator: { zh: '{ref} 不是本模板的非比率指标', en: '{ref} is not a non-ratio indicator of this template' },
  only_ratio_is_derived: { zh: '只有比率指标是计算得出的', en: 'only a ratio indicator is derived' },
  only_ratio_has_parts: { zh: '只有比率指标有分子和分母', en: 'only a ratio indicator has a numerator and denominator' },
  not_an_indicator_of_template: { zh: '{code} 不是本模板的指标', en: '{code} is not an indicator of this template' },
  manual_figure_missing: { zh: '{label} 未填写', en: '{label}: the figure is missing' },
  figure_negative: { zh: '{label} 不能为负数', en: '{label} cannot be negative' },
  narrative_too_short: { zh: '书面报告正文不少于 20 字', en: 'the written report is missing or shorter than 20 characters' },
  report_rule_broken: { zh: '{rule}（{left}={a}，{right}={b}）', en: '{rule} ({left}={a}, {right}={b})' },
  report_not_found: { zh: '未找到报告 {id}', en: 'report {id} not found' },
  report_not_a_draft: { zh: '报告 {id} 已报送，只有草稿可以修改（被退回的报告须先修订）', en: 'report {id} is submitted; only a draft changes (a returned report is revised first)' },
  city_not_found: { zh: '未找到城市 {city}', en: 'city {city} not found' },
  report_template_code_not_found: { zh: '未找到代码为 {templateCode} 的报表模板', en: 'report template {templateCode} not found' },
  period_not_open_yet: { zh: '期次 {period} 于 {opensOn} 开放填报', en: 'period {period} opens on {opensOn}' },
  opens_on: { zh: '{opensOn} 开放填报', en: 'opens on {opensOn}' },
  period_closed: { zh: '期次 {period} 已于 {closesOn} 截止', en: 'period {period} closed on {closesOn}' },
  closed_on: { zh: '已于 {closesOn} 截止', en: 'closed on {closesOn}' },
  report_exists_for_period: { zh: '本市该期次已有报告 {id}', en: 'the city already has report {id} for this period' },
  figure_is_computed: { zh: '此数据由本市业务数据自动计算，无须填写', en: 'this figure is computed from the city’s data, not entered' },
  not_an_indicator: { zh: '不是本模板的指标', en: 'not an indicator of this template' },
  only_manual_figures: { zh: '只能填写手工录入的指标', en: 'only manually entered figures can be filled in' },
  report_has_problems: { zh: '报告有 {length} 处问题', en: 'the report has {length} problem(s)' },
  report_not_returned: { zh: '报告 {id} 未被退回', en: 'report {id} has not been returned' },
});

/**
 * The rules stated beside the report's figures, the period labels and the notices' texts: the same catalogue mechanism
 * (`defineMessages`), their codes dotted by what they belong to (`report.basis.*`, `report.period.*`, `report.notice.*`).
 */
export const reportingMessages = defineMessages({
  'report.basis.communities': {
    zh: '截至{asOf}有效的社区（居委会）区划及其社区档案，按所属区（县）汇总',
    en: 'Communities (residents’ committees) in force on {asOf} with their profiles, summed by district',
  },
  'report.basis.divisions': { zh: '截至{asOf}有效的区划，按所属区（县）汇总', en: 'Divisions in force on {asOf}, summed by district' },
  'report.basis.committees_complete': {
    zh: '分母为居委会总数；本项计截至{asOf}本届在任成员5至9人且有主任的居委会',
    en: 'Committees whose current term has 5 to 9 members in office on {asOf}, a chair among them (denominator: all residents’ committees)',
  },
  'report.basis.elections_period': {
    zh: '选举日在{from}至{to}之间、结果已认证的选举；有效指投票选民过半',
    en: 'Certified elections held from {from} to {to}; valid when more than half the registered voters voted',
  },
  'report.basis.elections_until': {
    zh: '截至{to}结果已认证的全部选举；有效指投票选民过半',
    en: 'Every certified election held up to {to}; valid when more than half the registered voters voted',
  },
  'report.basis.meetings_period': { zh: '{from}至{to}之间已记录为召开的联席会议', en: 'Joint conferences recorded as held from {from} to {to}' },
  'report.basis.meetings_until': { zh: '截至{to}已记录为召开的全部联席会议', en: 'Every joint conference recorded as held up to {to}' },
  'report.basis.party_organisations': {
    zh: '截至{asOf}已成立的社区党组织；书记兼任居委会主任以当日在任主任比对姓名，居委会暂无主任的按登记情况',
    en: 'Community party organisations established by {asOf}; the secretary chairs the committee when the chair serving that day has the same name, or as recorded while there is no chair',
  },
  'report.basis.register': { zh: '查询时（{asOf}）登记在册的记录', en: 'Records on the register when queried ({asOf})' },
  'report.basis.ratio': {
    zh: '比率 = {numerator} ÷ {denominator} × 100%',
    en: '100 × {numeratorCode} ÷ {denominatorCode}',
  },
  'report.basis.manual': { zh: '由市民政局填报', en: 'Entered by the city' },
  'report.period.annual': { zh: '{year}年度', en: '{year}' },
  'report.period.h1': { zh: '{year}年上半年', en: 'first half of {year}' },
  'report.period.h2': { zh: '{year}年下半年', en: 'second half of {year}' },
  'report.period.quarter': { zh: '{year}年第{quarter}季度', en: 'Q{n} {year}' },
  'report.period.once': { zh: '一次性报告', en: 'one-off report' },
  // notices: the city's inbox and mailbox (returned, accepted, a period opened, a deadline near or passed) and the province's
  'report.notice.returned.title': { zh: '《{title}》（{period}）被省民政厅退回，请修改后重新报送', en: '“{title}” ({period}) was returned by the province: revise and resubmit' },
  'report.notice.returned.body': {
    zh: '{city}报送的《{title}》（{period}）第{version}版已于{at}被省民政厅退回。\n退回意见：{comment}\n请在“工作报告”中点击“修改后重报”，按意见修改后重新报送。',
    en: 'Version {version} of “{title}” ({period}) submitted by {city} was returned by the province on {at}.\nComment: {comment}\nRevise it under Reports and submit it again.',
  },
  'report.notice.accepted.title': { zh: '《{title}》（{period}）已被省民政厅采纳', en: '“{title}” ({period}) was accepted by the province' },
  'report.notice.accepted.body': {
    zh: '{city}报送的《{title}》（{period}）第{version}版已于{at}被省民政厅采纳。{comment}',
    en: 'Version {version} of “{title}” ({period}) submitted by {city} was accepted by the province on {at}. {comment}',
  },
  'report.notice.accepted.comment': { zh: '\n审核意见：{comment}', en: 'Comment: {comment}' },
  'report.notice.submitted.title': { zh: '{city}已报送《{title}》（{period}）', en: '{city} submitted “{title}” ({period})' },
  'report.notice.resubmitted.title': { zh: '{city}已修改后重新报送《{title}》（{period}）第{version}版', en: '{city} resubmitted “{title}” ({period}), version {version}' },
  'report.notice.submitted.body': {
    zh: '{city}于{at}报送《{title}》（{period}）第{version}版（截止日期{dueOn}）。请在“城市报告”中审核：采纳或退回。',
    en: '{city} submitted version {version} of “{title}” ({period}) on {at} (due {dueOn}). Review it under City reports: accept or return it.',
  },
  'report.notice.revised.title': { zh: '{city}已按退回意见修改《{title}》（{period}）', en: '{city} is revising “{title}” ({period}) as asked' },
  'report.notice.revised.body': {
    zh: '{city}已于{at}将退回的《{title}》（{period}）转为第{version}版草稿，修改后将重新报送（截止日期{dueOn}）。',
    en: '{city} turned the returned “{title}” ({period}) into the draft of version {version} on {at}; it will submit it again (due {dueOn}).',
  },
  'report.notice.opened.title': { zh: '《{title}》（{period}）已开放报送', en: '“{title}” ({period}) is open for reporting' },
  'report.notice.opened.body': {
    zh: '省民政厅已开放《{title}》（{period}）：{opensOn}起可起草，截止日期{dueOn}，{closesOn}后不再接收。请{city}在“工作报告”中起草并按时报送。',
    en: 'The province opened “{title}” ({period}): drafts from {opensOn}, due {dueOn}, closed after {closesOn}. {city}: draft it under Reports and submit it on time.',
  },
  'report.notice.due_in_14_days.title': { zh: '距《{title}》（{period}）截止还有14天', en: '“{title}” ({period}) is due in 14 days' },
  'report.notice.due_in_3_days.title': { zh: '距《{title}》（{period}）截止还有3天', en: '“{title}” ({period}) is due in 3 days' },
  'report.notice.due.body': {
    zh: '《{title}》（{period}）将于{dueOn}截止，{city}尚未报送，请按时报送。',
    en: '“{title}” ({period}) is due on {dueOn} and {city} has not submitted it yet: submit it on time.',
  },
  'report.notice.late.title': { zh: '《{title}》（{period}）已逾期', en: '“{title}” ({period}) is late' },
  'report.notice.late.body': {
    zh: '《{title}》（{period}）已过截止日期{dueOn}，{city}尚未报送，请尽快报送。省民政厅已收到逾期名单。',
    en: '“{title}” ({period}) was due on {dueOn} and {city} has not submitted it: submit it as soon as possible. The province has the list of late cities.',
  },
  'report.notice.reason.deadline': { zh: '《{title}》（{period}）截止日期{dueOn}', en: '“{title}” ({period}) due on {dueOn}' },
  'report.notice.reason.review': { zh: '省民政厅审核了本市报送的报告', en: 'The province reviewed the city’s report' },
  'report.notice.reason.submission': { zh: '{city}报送或修改了报告', en: '{city} submitted or revised a report' },
});

export type ReportingMessageCode = keyof typeof reportingMessages;
