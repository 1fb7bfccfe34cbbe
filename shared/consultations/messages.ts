import { defineMessages } from '../i18n.js';

/** What the consultation platform tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  consultation_city_not_found: { zh: '没有这个城市的咨询平台', en: 'there is no consultation platform for this city' },
  consultation_community_not_found: { zh: '本市没有社区 {communityCode}', en: 'the city has no community {communityCode}' },
  consultation_not_found: { zh: '未找到咨询 {id}', en: 'consultation {id} not found' },
  consultation_link_not_found: { zh: '链接无效或已失效', en: 'the link is not valid' },
  consultation_category_unknown: { zh: '“{category}”不在本市的咨询类别中', en: '{category} is not one of the city’s categories' },
  consultation_no_html: { zh: '请勿填写网页标记（如 <a>、&amp;），只写文字', en: 'write plain text, no markup such as <a> or &amp;' },
  consultation_text_blank: { zh: '请填写咨询内容', en: 'write the question' },
  consultation_phone_invalid: { zh: '电话号码无效', en: 'the phone number is invalid' },
  consultation_too_many_from_here: {
    zh: '提交过于频繁，请 {minutes} 分钟后再试',
    en: 'too many submissions from here; try again in {minutes} minutes',
  },
  consultation_too_many_for_community: {
    zh: '该社区当前收到的咨询过多，请 {minutes} 分钟后再试，或拨打社区服务热线',
    en: 'the community is receiving too many consultations; try again in {minutes} minutes or call its hotline',
  },
  consultation_role_may_not_handle: { zh: '角色 {role} 无权处理咨询', en: 'role {role} may not handle consultations' },
  consultation_already_answered: { zh: '该咨询已答复', en: 'the consultation is already answered' },
  consultation_already_closed: { zh: '该咨询已办结', en: 'the consultation is already closed' },
  consultation_not_answered_yet: { zh: '社区尚未答复，答复后才能评价', en: 'the community has not answered yet; rate it once answered' },
  consultation_already_rated: { zh: '您已评价过此咨询，每次咨询只能评价一次', en: 'you have already rated this consultation; it is rated once' },
  consultation_settings_invalid: { zh: '咨询平台设置有误', en: 'the consultation settings are invalid' },
  consultation_categories_twice: { zh: '咨询类别“{category}”重复', en: 'category {category} appears twice' },
  consultation_calendar_day_outside: { zh: '日期须在 2020 年至 2100 年之间', en: 'a day between 2020 and 2100' },
  consultation_period_order: { zh: '开始日期不能晚于结束日期', en: 'the first day cannot be after the last' },
  consultation_unit_outside: { zh: '{unit} 不在您的管辖范围内', en: '{unit} is outside your unit' },
  'consultation.rule.figures': {
    zh: '{from}至{to}收到的咨询；按时答复指在答复期限（{days}个工作日，节假日顺延）当日或之前答复',
    en: 'Consultations received from {from} to {to}; on time means answered on or before the deadline ({days} working days, holidays excluded)',
  },
  'consultation.rule.report': {
    zh: '{from}至{to}收到的居民咨询；按时答复指在本市规定的答复期限（工作日，节假日顺延）当日或之前答复；满意含基本满意',
    en: 'Residents’ consultations received from {from} to {to}; on time means answered by the city’s deadline (working days, holidays excluded); satisfied includes basically satisfied',
  },
  'consultation.notice.due_soon_title': { zh: '咨询即将到期：{trackingCode}（{category}）', en: 'Consultation due soon: {trackingCode} ({category})' },
  'consultation.notice.due_soon_body': {
    zh: '{communityName}收到的咨询 {trackingCode}（{category}，{receivedOn}收到）须于{dueOn}前答复，目前尚未答复，请及时处理。',
    en: 'Consultation {trackingCode} ({category}, received {receivedOn}) to {communityName} must be answered by {dueOn} and is not yet answered.',
  },
  'consultation.notice.overdue_title': { zh: '咨询逾期督办：{trackingCode}（{communityName}）', en: 'Consultation overdue: {trackingCode} ({communityName})' },
  'consultation.notice.overdue_body': {
    zh: '{communityName}收到的咨询 {trackingCode}（{category}，{receivedOn}收到）答复期限为{dueOn}，已逾期未答复，请街道督办。',
    en: 'Consultation {trackingCode} ({category}, received {receivedOn}) to {communityName} was due on {dueOn} and is overdue; the street is asked to follow it up.',
  },
  'consultation.notice.due_soon_reason': { zh: '答复期限前一个工作日提醒', en: 'reminder on the working day before the deadline' },
  'consultation.notice.overdue_reason': { zh: '逾期未答复，报街道督办', en: 'overdue: escalated to the street' },
});
