/**
 * The reporting module's texts a person reads, keyed by a stable code, each in Simplified Chinese and English, with
 * `{param}` placeholders (the per-module catalogue shape of #19 §1). Self-contained so a merge with the catalogue
 * machinery stays easy (shared/message-text.ts formats them).
 */
import type { Catalogue } from '../message-text.js';

export const reportingMessages = {
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
} as const satisfies Catalogue;

export type ReportingMessageCode = keyof typeof reportingMessages;
