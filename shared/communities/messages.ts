import { defineMessages } from '../i18n.js';

/** What the communities module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  community_not_found: { zh: '未找到社区 {code}', en: 'community {code} not found' },
  hotline_format: {
    zh: '社区服务热线应为带区号的固定电话（如 020-81230000）、400 号码或 3 至 6 位服务号码，不能是个人手机号',
    en: 'a service hotline is a landline with its area code (e.g. 020-81230000), a 400 number or a 3 to 6 digit service number, never a personal mobile',
  },
  role_may_not_publish: { zh: '只有市级管理员可以设置社区是否公开', en: 'only a city administrator sets whether a community is published' },
  role_may_not_edit_community: { zh: '角色 {role} 无权编辑社区信息', en: 'role {role} may not edit a community' },
  community_dissolved: {
    zh: '社区 {code} 已于 {validTo} 撤销，已撤销的社区不能编辑',
    en: 'community {code} was dissolved on {validTo}; a dissolved community cannot be edited',
  },
  urban_village_issues_need_pilot: {
    zh: '只有城中村改造试点社区才填写待解决问题：请勾选“城中村改造试点”或取消所选问题',
    en: 'open urban-village issues belong to an urban-village pilot (urbanVillagePilot: true)',
  },
  size_needs_reason: {
    zh: '社区一般管辖 {min} 至 {max} 户；{households} 户超出此范围，须说明理由',
    en: 'a community normally covers {min} to {max} households; {households} needs a sizeExceptionReason',
  },
  size_reason_other_side: {
    zh: '原有的规模说明“{reason}”针对的是{was}的情况；现为 {households} 户（{now}），须重新说明理由',
    en: 'the size reason "{reason}" explains a community {was}; {households} households is {now}, so it needs a new sizeExceptionReason',
  },
});
