import { defineMessages } from '../i18n.js';

/** What the training module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  time_of_day_format: { zh: '时间应为 24 小时制 HH:MM，例如 09:00', en: 'a time as HH:MM, e.g. 09:00' },
  as_of_in_future: { zh: '统计截止日期不能晚于今天（{today}）', en: 'the cut-off date cannot be after today ({today})' },
  programme_title_taken: { zh: '本市 {year} 年已有名为“{title}”的培训方案', en: 'the city already has a {year} programme titled {title}' },
  material_title_twice: { zh: '教材名称重复', en: 'a material title appears twice' },
  material_title_used: { zh: '本方案已使用此名称', en: 'already used in this programme' },
  material_title_exists: { zh: '本方案已有同名教材', en: 'the programme already has a material with one of these titles' },
  programme_not_found: { zh: '未找到培训方案 {id}', en: 'training programme {id} not found' },
  not_district_or_street: { zh: '{unitCode} 不是本市的区（县）或街道（镇）', en: '{unitCode} is not a district or street of the city' },
  district_or_street_in_force: { zh: '应为现行的区、县、街道或镇', en: 'a district, county, street or town in force' },
  no_such_programme: { zh: '没有这个培训方案', en: 'no such programme' },
  not_programme_of_city: { zh: '不是本市的培训方案', en: 'not a programme of the city' },
  plan_title_taken: { zh: '{unitCode} 已有名为“{title}”的培训计划', en: '{unitCode} already has a plan titled {title}' },
  training_plan_not_found: { zh: '未找到培训计划 {id}', en: 'training plan {id} not found' },
  session_not_found: { zh: '未找到培训班 {id}', en: 'training session {id} not found' },
  committee_member_not_found: { zh: '未找到居委会成员 {memberId}', en: 'committee member {memberId} not found' },
  not_member_in_your_unit: { zh: '不是您所辖单位居委会的成员', en: 'not a member of a committee in your unit' },
  session_for_units_within: {
    zh: '{unitCode} 的培训班面向其辖区内的居委会；{communityCode} 不在其中',
    en: 'the session of {unitCode} is for committees within it; {communityCode} is not',
  },
  outside_session_unit: { zh: '不在培训班所属单位范围内', en: 'outside the session’s unit' },
  member_left_on: { zh: '该成员已于 {leftOn} 离任', en: 'the member left the committee on {leftOn}' },
  no_longer_serving: { zh: '已不在任', en: 'no longer serving' },
  enrolment_closed: { zh: '培训班已于 {sessionDate} 举行，报名已截止', en: 'the session was held on {sessionDate}; enrolment is closed' },
  session_full: { zh: '{sessionDate} 培训班的 {capacity} 个名额已满', en: 'all {capacity} seats of the session on {sessionDate} are taken' },
  no_seats_left: { zh: '名额已满', en: 'no seats left' },
  already_enrolled: { zh: '{name} 已报名此培训班', en: '{name} is already enrolled in this session' },
  not_enrolled_named: { zh: '{name} 未报名此培训班', en: '{name} is not enrolled in this session' },
  not_enrolled: { zh: '未报名此培训班', en: 'not enrolled in the session' },
  attendance_not_yet: { zh: '培训班在 {sessionDate} 举行：当天或之后才能记录出勤', en: 'the session is on {sessionDate}: attendance is taken on or after that day' },
  not_held_yet: { zh: '尚未举行', en: 'not held yet' },
  attendance_cannot_withdraw: { zh: '{name} 已记录出勤并完成培训，不能撤回', en: 'the attendance of {name} is recorded and their training completed; it cannot be withdrawn' },
  completion_in_future: { zh: '完成培训的日期不能晚于今天', en: 'training cannot be completed in the future' },
  not_unit_of_city: { zh: '不是 {tenant} 市的单位', en: 'not a unit of {tenant}' },
  training_settings_invalid: { zh: '培训设置有误', en: 'the training settings are invalid' },
  day_appears_once: { zh: '每个天数只能出现一次', en: 'each day appears once' },
  whole_days_1_365: { zh: '须为 1 至 365 的整数天', en: 'whole days from 1 to 365' },
  whole_days_1_90: { zh: '须为 1 至 90 的整数天', en: 'whole days from 1 to 90' },
  whole_days_0_365: { zh: '须为 0 至 365 的整数天', en: 'whole days from 0 to 365' },
});

/** The rules stated beside the training figures (and the report's training figures), codes dotted `training.rule.*`. */
export const trainingMessages = defineMessages({
  'training.rule.compliance': {
    zh: '统计截至{cutOff}：应培训成员指当日在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）；按期完成指在到期日（当选满一年）前完成；按期培训率 = 按期完成 ÷ 应培训成员。',
    en: 'As of {cutOff}: members to train are the residents’ committee members in office that day who must be trained within a year of their election (including those not yet due; members who left are not counted); on time means completed before the due date (a year after the election); on-time rate = on time ÷ members to train.',
  },
  'training.rule.members': {
    zh: '截至{cutOff}在任、须在当选后一年内完成轮训的居委会成员（含尚未到期者，已离任者不计）',
    en: 'Residents’ committee members in office on {cutOff} who must be trained within a year of their election (including those not yet due; members who left are not counted)',
  },
  'training.rule.on_time': {
    zh: '上述成员中，截至{cutOff}已在到期日（当选满一年）前完成轮训的人数',
    en: 'Of those members, the ones who by {cutOff} had completed training before their due date (a year after the election)',
  },
  'training.rule.rate': {
    zh: '按时轮训率 = 按期完成轮训人数 ÷ 应参加轮训人数 × 100%，统计截至{cutOff}（与培训页面“统计截至{cutOff}”的按期培训率一致）',
    en: 'On-time training rate = members trained on time ÷ members to train × 100, as of {cutOff} (the same figure as the training page’s on-time rate as of {cutOff})',
  },
});
