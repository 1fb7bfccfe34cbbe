import { defineMessages } from '../i18n.js';

/** What the community-bodies module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  assembly_not_found: { zh: '未找到居民会议 {id}', en: 'residents’ meeting {id} not found' },
  assembly_exists: { zh: '社区 {communityCode} 已有居民会议（成员代表会议） {id}', en: 'community {communityCode} already has its residents’ meeting {id}' },
  assembly_community_not_in_force: { zh: '{code} 不是今日现行的居委会社区', en: '{code} is not a residents’ committee community in force today' },
  assembly_not_community: { zh: '不是居委会社区', en: 'not a residents’ committee community' },
  assembly_representative_not_found: { zh: '未找到居民代表 {representativeId}', en: 'representative {representativeId} not found' },
  assembly_representative_ended: { zh: '居民代表 {name} 已于 {endedOn} 终止代表资格', en: 'representative {name} ended on {endedOn}' },
  assembly_end_before_start: { zh: '终止日期应晚于任职日期 {fromOn}', en: 'after the first day, {fromOn}' },
  assembly_representative_end_invalid: { zh: '终止代表资格的日期有误', en: 'the end of the mandate is not valid' },
  assembly_meeting_not_found: { zh: '未找到会议 {meetingId}', en: 'meeting {meetingId} not found' },
  assembly_meeting_invalid: { zh: '会议记录有误，请按各栏提示修改', en: 'the meeting record is not valid' },
  assembly_present_not_in_force: { zh: '{name} 在 {day} 不是在任居民代表', en: '{name} is not a representative in force on {day}' },
  assembly_present_unknown: { zh: '本会议的居民代表名册中没有 {id}', en: 'no representative {id} on this meeting’s register' },
  assembly_present_twice: { zh: '同一代表不能重复登记出席', en: 'a representative is listed once' },
  assembly_no_representatives: { zh: '{day} 没有在任的居民代表，无法召开会议', en: 'no representative is in force on {day}; there is no meeting to record' },
  assembly_not_after_today: { zh: '会议日期不能晚于今天（{day}）', en: 'a meeting is recorded once held: not after today ({day})' },
  assembly_no_quorum: {
    zh: '该次会议出席代表 {present} 人，未超过在任代表 {inForce} 人的半数，不足法定人数，不能作出决定',
    en: 'the meeting had {present} of {inForce} representatives present, not more than half: without a quorum it adopts no decision',
  },
  assembly_votes_exceed_present: { zh: '赞成、反对、弃权票合计 {total}，超过出席代表 {present} 人', en: 'for, against and abstentions add up to {total}, more than the {present} present' },
  assembly_votes_invalid: { zh: '表决票数有误', en: 'the votes do not add up' },
  assembly_no_committee: { zh: '社区 {communityCode} 尚未登记居委会，无法述职', en: 'community {communityCode} has no registered committee to report' },
  assembly_committee_no_term: { zh: '居委会在 {day} 没有在任届期，无法述职', en: 'the committee had no term in office on {day}; there is no work to report' },
  assembly_report_exists: { zh: '居委会已在本次会议上述职', en: 'the committee already reported at this meeting' },
  assembly_report_not_found: { zh: '未找到述职记录 {reportId}', en: 'work report {reportId} not found' },
  assembly_report_year: { zh: '述职年度应为会议当年或上一年（{year}）', en: 'the year reported is the meeting’s year or the year before ({year})' },
  assembly_evaluation_not_member: { zh: '{memberId} 不是述职当日在任的居委会成员', en: '{memberId} was not a committee member in office on the day of the report' },
  assembly_evaluation_invalid: { zh: '评议记录有误，请按各栏提示修改', en: 'the evaluation is not valid' },
  assembly_unit_not_covered: { zh: '{unit} 不在您的管辖范围内', en: '{unit} is outside your unit' },
  // the committee-size consent's denominator (shared/committees/service.ts)
  assembly_register_count_differs: {
    zh: '本社区已登记居民代表名册，{day} 在任居民代表为 {count} 人，以名册为准（可不填写此项）',
    en: 'the community keeps a register of representatives: {count} in force on {day}; the register is the count (leave this out)',
  },
  assembly_register_needed: {
    zh: '本社区尚未登记居民代表名册，须填写居民代表人数',
    en: 'the community has no register of representatives yet: state their number',
  },
  // the rule stated beside the city report's figure (shared/reporting/metrics.ts) and the figures page
  'assembly.rule.reported': {
    zh: '在{from}至{to}之间召开的居民会议（成员代表会议）上向会议述职的居委会',
    en: 'Committees that reported their work (述职) to a residents’ or representatives’ meeting held from {from} to {to}',
  },
  'assembly.rule.figures': {
    zh: '{year}年度：以{year}年召开的会议上的述职及其评议为准，每名成员取最近一次评议',
    en: '{year}: work reports given at meetings held in {year} and their evaluations, the latest one per member',
  },
});
