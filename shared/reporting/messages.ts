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
    zh: '{numerator} ÷ {denominator} × 100%',
    en: '100 × {numeratorCode} ÷ {denominatorCode}',
  },
  'report.basis.manual': { zh: '由市民政局填报', en: 'Entered by the city' },
  'report.period.annual': { zh: '{year}年度', en: '{year}' },
  'report.period.h1': { zh: '{year}年上半年', en: 'first half of {year}' },
  'report.period.h2': { zh: '{year}年下半年', en: 'second half of {year}' },
  'report.period.quarter': { zh: '{year}年第{quarter}季度', en: 'Q{n} {year}' },
  'report.period.once': { zh: '一次性报告', en: 'one-off report' },
} as const satisfies Catalogue;
