import { defineMessages } from '../i18n.js';
import type { CadenceItemView, CalendarFeedSummaryView, MemberUnitView, OccurrenceView, ResolutionView, SeriesView } from './schemas.js';

/** What the conferences module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  local_time_format: { zh: '时间应为北京时间，格式 YYYY-MM-DDTHH:mm，例如 2026-12-01T09:30', en: 'a wall time in Asia/Shanghai as YYYY-MM-DDTHH:mm' },
  street_or_district_convenes: { zh: '联席会议由街道办事处（或区）召集', en: 'a street office (or a district) convenes joint conferences' },
  not_member_unit_within: { zh: '{id} 不是 {convenerUnit} 辖区内的成员单位', en: '{id} is not a member unit within {convenerUnit}' },
  member_unit_inactive_named: { zh: '{id} 已不再活动', en: '{id} is no longer active' },
  invitees_not_member_units: { zh: '部分受邀单位不是召集单位的成员单位', en: 'some invitees are not member units of the convener' },
  venue_booked: { zh: '会场“{venue}”在其中 {length} 次会议的时间已被占用', en: 'the venue {venue} is already booked at {length} of these meetings\' times' },
  venue_booked_with: { zh: '会场“{venue}”届时已被占用：{with}', en: '{venue} is booked then: {with}' },
  street_or_district_only: { zh: '须由街道或区召集', en: 'a street or a district convenes' },
  district_or_street_code: { zh: '区代码（6 位）或街道代码（9 位）', en: 'a district (6 digits) or street (9 digits) code' },
  series_not_found: { zh: '未找到联席会议 {id}', en: 'conference series {id} not found' },
  only_convener_officers: { zh: '只有 {convenerUnit}（或其所属区）的工作人员可以管理此联席会议', en: 'only officers of {convenerUnit} (or its district) manage this conference' },
  series_ended: { zh: '该联席会议已结束，请另行召集', en: 'the series has ended; convene a new one' },
  occurrence_not_found: { zh: '未找到会议 {id}', en: 'conference occurrence {id} not found' },
  meeting_is_status: { zh: '该次会议{status}', en: 'the meeting is {status}' },
  meeting_started_record_minutes: { zh: '会议已开始：请录入会议纪要或保持不变', en: 'the meeting has started; record its minutes or leave it' },
  new_time_invalid: { zh: '新时间有误', en: 'the new time is invalid' },
  wall_time_format: { zh: '北京时间，格式为 YYYY-MM-DDTHH:mm', en: 'a wall time in Asia/Shanghai as YYYY-MM-DDTHH:mm' },
  meeting_moved_to_future: { zh: '会议只能改到将来的时间', en: 'a meeting is moved into the future' },
  must_be_after: { zh: '须晚于当前时间（{time}）', en: 'must be after the current time ({time})' },
  meeting_started_cannot_move: { zh: '会议已开始，不能再改期', en: 'the meeting has started and can no longer be moved' },
  minutes_recorded_once: { zh: '该次会议{status}；会议纪要只录入一次', en: 'the meeting is {status}; minutes are recorded once' },
  minutes_after_start: { zh: '会议于 {time} 开始；纪要须在会后录入', en: 'the meeting starts at {time}; minutes come after it' },
  unit_not_invited: { zh: '该单位未受邀参加此会议', en: 'this unit was not invited to the meeting' },
  not_member_unit_of: { zh: '不是{convenerUnit}辖区内的成员单位', en: 'not a member unit within {convenerUnit}' },
  not_unit_or_below: { zh: '不是{convenerUnit}或其下级单位', en: 'not {convenerUnit} or a unit below it' },
  not_open_resolution_carried: { zh: '不是结转到本次会议的未办结决议', en: 'not an open resolution carried onto this meeting' },
  minutes_have_problems: { zh: '会议纪要有 {length} 处问题', en: 'the minutes have {length} problem(s)' },
  resolution_not_found: { zh: '未找到决议 {id}', en: 'resolution {id} not found' },
  resolution_closed: { zh: '该决议已办结', en: 'the resolution is already closed' },
  on_or_before_to: { zh: '应不晚于 {to}', en: 'must be on or before {to}' },
  window_at_most_years: { zh: '统计区间最长 {years} 年', en: 'the window is at most {years} years' },
  counting_window_invalid: { zh: '统计区间有误', en: 'the counting window is invalid' },
  role_may_not_manage_member_units: { zh: '角色 {role} 无权管理成员单位', en: 'role {role} may not manage member units' },
  member_unit_not_found: { zh: '未找到成员单位 {id}', en: 'member unit {id} not found' },
  name_the_street: { zh: '请填写单位所在的街道', en: 'name the street the unit sits in' },
  street_code_9_digits: { zh: '9 位街道（镇）代码', en: 'a street or town code of 9 digits' },
  member_unit_exists: { zh: '“{name}”已是 {street} 的成员单位', en: '{name} is already a member unit of {street}' },
  already_in_street: { zh: '已在本街道登记', en: 'already registered in this street' },
  owner_one_of: { zh: 'ownerMemberUnitId 与 ownerUnit 须且只能填写其一', en: 'give exactly one of ownerMemberUnitId and ownerUnit' },
  delegate_needed: { zh: '委托参加须写明受托人', en: 'a delegated reply names the delegate' },
  freq_supported: {
    zh: 'FREQ 须为 DAILY、WEEKLY、MONTHLY 或 YEARLY：联席会议每天最多开一次',
    en: 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY: a joint conference meets at most once a day',
  },
  rrule_parts_unsupported: { zh: '不支持 {parts}：会议时间取首次会议时间（firstStartLocal）', en: '{parts} not supported: the meeting time is the time of firstStartLocal' },
  rrule_value_only: {
    zh: '只填 RRULE 的值，例如 FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15；首次会议填在 firstStartLocal',
    en: 'only the RRULE value, e.g. FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15; the first meeting goes in firstStartLocal',
  },
  not_an_rrule: { zh: '不是 RFC 5545 规定的 RRULE：{error}', en: 'not an RFC 5545 RRULE: {error}' },
  rrule_part_malformed: { zh: '“{part}”不是“名称=值”的形式', en: '{part} is not NAME=VALUE' },
  rrule_part_unknown: { zh: '没有 {name} 这一项', en: 'there is no part {name}' },
  rrule_part_repeated: { zh: '{name} 只能填写一次', en: '{name} is given more than once' },
  rrule_freq_missing: { zh: '缺少 FREQ', en: 'FREQ is required' },
  rrule_value_invalid: { zh: '{name}={value} 有误，应为{expected}', en: '{name}={value} is invalid: expected {expected}' },
  rrule_count_with_until: { zh: 'COUNT 与 UNTIL 只能填写其一', en: 'COUNT and UNTIL are not given together' },
  rrule_ordinal_monthly_yearly: { zh: 'BYDAY 的序号（{value}）只用于 MONTHLY 或 YEARLY', en: 'a BYDAY ordinal ({value}) is only for MONTHLY or YEARLY' },
  rrule_expect_freq: { zh: 'DAILY、WEEKLY、MONTHLY 或 YEARLY', en: 'DAILY, WEEKLY, MONTHLY or YEARLY' },
  rrule_expect_positive_integer: { zh: '正整数', en: 'a positive integer' },
  rrule_expect_until: { zh: '日期 YYYYMMDD 或时间 YYYYMMDDTHHMMSS（可带 Z）', en: 'a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS (Z optional)' },
  rrule_expect_weekday: { zh: 'MO、TU、WE、TH、FR、SA 或 SU', en: 'MO, TU, WE, TH, FR, SA or SU' },
  rrule_expect_bymonth: { zh: '1 至 12 的月份，以逗号分隔', en: 'months 1 to 12, comma-separated' },
  rrule_expect_bymonthday: { zh: '1 至 31 或 -31 至 -1 的日期，以逗号分隔', en: 'days 1 to 31 or -31 to -1, comma-separated' },
  rrule_expect_byday: { zh: '星期（MO 至 SU），可带序号如 1MO、-1FR，以逗号分隔', en: 'weekdays (MO to SU), optionally with an ordinal as in 1MO or -1FR, comma-separated' },
  rrule_expect_bysetpos: { zh: '1 至 366 或 -366 至 -1 的整数，以逗号分隔', en: 'integers 1 to 366 or -366 to -1, comma-separated' },
  too_many_meetings: { zh: '该规则每年会产生超过 {max} 次会议', en: 'the rule makes more than {max} meetings a year' },
  one_calendar: { zh: '一次只能订阅一个日历', en: 'one calendar at a time' },
  unit_or_member_unit: { zh: 'unit 与 memberUnit 只能填写其一', en: 'give unit or memberUnit, not both' },
  calendar_feed_not_found: { zh: '未找到日历订阅 {id}', en: 'calendar feed {id} not found' },
  calendar_feed_gone: { zh: '未找到日历订阅', en: 'calendar feed not found' },
  reply_link_not_found: { zh: '未找到答复链接', en: 'reply link not found' },
  meeting_cancelled: { zh: '会议已取消', en: 'the meeting was cancelled' },
  meeting_taken_place: { zh: '会议已举行', en: 'the meeting has taken place' },
  replies_closed: { zh: '会议已于 {time} 结束，答复已截止', en: 'the meeting ended at {time}; replies are closed' },
  first_meeting_past: {
    zh: '首次会议时间（{time}）已过：系统只排定今后的会议。如该次会议已经召开，请补录会议纪要。',
    en: 'the first meeting ({time}) is past: only coming meetings are scheduled. If it was held, record it with its minutes.',
  },
  held_meeting_in_future: { zh: '只能补录已经召开的会议', en: 'only a meeting already held can be recorded' },
  must_not_be_after: { zh: '不能晚于当前时间（{time}）', en: 'must not be after the current time ({time})' },
  meeting_already_at: { zh: '该时间已有本联席会议的会议（{time}），请在该次会议页面录入纪要', en: 'the series already has a meeting then ({time}); record the minutes on that meeting' },
  attendee_listed_twice: { zh: '同一成员单位只能填写一次', en: 'a member unit is listed once' },
  resolution_title_needed: { zh: '请填写议定事项', en: 'name the resolution' },
  resolution_owner_needed: { zh: '请选择责任单位', en: 'choose the unit responsible' },
  resolution_due_needed: { zh: '请填写完成时限', en: 'give the due date' },
});

/** How a page names the module's stable values: labels live here, once. */
export const seriesStatusLabels: Record<SeriesView['status'], string> = { active: '定期召开', ended: '已停止' };
export const occurrenceStatusLabels: Record<OccurrenceView['status'], string> = { scheduled: '已安排', held: '已召开', cancelled: '已取消' };
export const replyLabels: Record<OccurrenceView['invitations'][number]['reply'], string> = { pending: '未答复', accepted: '参加', declined: '不参加', delegated: '委托参加' };
export const resolutionStatusLabels: Record<ResolutionView['status'] | 'overdue', string> = { open: '办理中', closed: '已办结', overdue: '逾期未办结' };
export const memberUnitTypeLabels: Record<MemberUnitView['type'], string> = { agency: '机关', organisation: '团体', military: '部队', enterprise: '企事业单位', other: '其他' };
export const feedScopeLabels: Record<CalendarFeedSummaryView['scope'], string> = { unit: '本街道（区）召集的联席会议', member_unit: '某成员单位受邀参加的会议' };
export const cadenceStatusLabels: Record<CadenceItemView['status'], string> = { ok: '按期召开', overdue: '逾期未召开', not_yet_due: '尚未到期' };
export const agendaKindLabels: Record<OccurrenceView['agenda'][number]['kind'], string> = { agenda: '议题', carried_resolution: '上次会议议定事项跟进' };
export const attendanceLabels = { attended: '出席', absent: '缺席' } as const;
