import { defineMessages } from '../i18n.js';

/** What the committees module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  committee_not_found: { zh: '未找到居委会 {id}', en: 'committee {id} not found' },
  not_residents_committee_community: { zh: '{code} 不是今日现行的居委会社区', en: '{code} is not a residents\' committee community in force today' },
  not_residents_committee: { zh: '不是居委会社区', en: 'not a residents’ committee community' },
  committee_exists: { zh: '社区 {communityCode} 已有居委会 {id}', en: 'community {communityCode} already has its committee {id}' },
  member_not_found: { zh: '未找到成员 {memberId}', en: 'member {memberId} not found' },
  committee_has_no_term: { zh: '该居委会尚无届期：成员来自经认证的选举结果', en: 'the committee has no term yet: its members come from a certified election' },
  no_current_term: { zh: '无现任届期', en: 'no current term' },
  member_already_left: { zh: '成员 {id} 已于 {leftOn} 离任', en: 'member {id} left on {leftOn}' },
  leave_before_join: { zh: '离任日期不能早于任职日期', en: 'a member cannot leave before joining' },
  working_committee_name_taken: { zh: '本居委会已有名为“{name}”的下属委员会', en: 'the committee already has a working committee named {name}' },
  on_or_after_named: { zh: '应不早于{startName} {start}', en: 'on or after {startName} {start}' },
  working_committee_not_found: { zh: '未找到下属委员会 {workingCommitteeId}', en: 'working committee {workingCommitteeId} not found' },
  working_committee_dissolved: { zh: '下属委员会 {id} 已于 {dissolvedOn} 撤销', en: 'working committee {id} was dissolved on {dissolvedOn}' },
  working_committee_dissolve_date: {
    zh: '下属委员会的撤销日期应不早于设立日期，且不晚于今天',
    en: 'a working committee is dissolved on or after the day it was set up, and not after today',
  },
  working_committee_name_used: { zh: '本居委会另一个下属委员会已使用此名称', en: 'already used by another working committee of this committee' },
  social_worker_not_found: { zh: '未找到社区工作者 {socialWorkerId}', en: 'social worker {socialWorkerId} not found' },
  social_worker_already_left: { zh: '社区工作者 {id} 已于 {leftOn} 离职', en: 'social worker {id} left on {leftOn}' },
  social_worker_leave_date: { zh: '离职日期应不早于入职日期，且不晚于今天', en: 'a social worker leaves on or after the day they were hired, and not after today' },
  birth_date_mismatch_id: { zh: '与身份证号码中的出生日期不符', en: 'does not match the birth date in the ID number' },
  mismatch_id_number: { zh: '与身份证号码不符', en: 'does not match the ID number' },
  departure_needs_date_and_reason: { zh: '离任须同时填写离任日期和离任原因', en: 'a departure needs both leftOn and departureReason' },
  seats_whole_number: { zh: '职数须为 0 或正整数', en: 'a whole number of seats, 0 or more' },
  exactly_one_chair: { zh: '居委会须选举产生主任 1 名', en: 'a committee elects exactly one chair (主任)' },
  committee_size_plan: { zh: '居委会由 {min} 至 {max} 人组成，本方案共 {total} 个职位', en: 'a committee has {min} to {max} members; the plan has {total} seats' },
  committee_size: { zh: '居委会由 {min} 至 {max} 人组成', en: 'a committee has {min} to {max} members' },
  representatives_at_least_one: { zh: '居民代表人数，至少 1 人', en: 'the number of resident representatives, at least 1' },
  between_zero_and_representatives: { zh: '应在 0 至 {representatives}（居民代表人数）之间', en: 'between 0 and the {representatives} representatives' },
  majority_of_representatives: {
    zh: '须经过半数居民代表同意：{representatives} 人中至少 {value} 人',
    en: 'most resident representatives must agree: more than half of {representatives}, so at least {value}',
  },
});
