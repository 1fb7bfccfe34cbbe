import { defineMessages } from '../i18n.js';
import type { planStatuses } from './rules.js';

/** A plan's status as officials name it (the value itself in English). */
export const planStatusLabels: Record<(typeof planStatuses)[number], string> = { draft: '草稿', submitted: '待审批', approved: '已批准', rejected: '已退回' };

/** What the adjustments module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  plan_has_problems: { zh: '调整方案有 {length} 处问题', en: 'the plan has {length} problem(s)' },
  effective_date_passed: { zh: '生效日期已过', en: 'the effective date has passed' },
  date_on_or_after_today: { zh: '应不早于 {today}', en: 'must be {today} or later' },
  street_not_found: { zh: '未找到街道 {unit}', en: 'street {unit} not found' },
  adjustment_plan_not_found: { zh: '未找到调整方案 {id}', en: 'adjustment plan {id} not found' },
  only_proposing_street_submits: { zh: '只有提出方案的街道可以报送', en: 'only the street that proposed the plan submits it' },
  plan_not_draft: { zh: '方案当前为{status}，不是草稿', en: 'the plan is {status}, not a draft' },
  only_approver_decides: { zh: '只有 {approverUnit} 的{approverRole}可以审批此方案', en: 'only the {approverRole} of {approverUnit} decides this plan' },
  plan_not_submitted: { zh: '方案当前为{status}；只有已报送的方案可以审批', en: 'the plan is {status}; only a submitted plan is decided' },
  plan_effective_date_passed: {
    zh: '生效日期 {effectiveDate} 已过；请退回方案，以新日期重新提出',
    en: 'the effective date {effectiveDate} has passed; reject the plan and propose it again with a new date',
  },
  plans_already_change_communities: {
    zh: '已批准的方案 {plans} 已在 {effectiveDate} 或之后调整这些社区',
    en: 'approved plan(s) {plans} already change these communities on or after {effectiveDate}',
  },
  not_community_on_effective_date: { zh: '{code} 在生效日不是现有社区', en: '{code} is not a community on the map on the effective date' },
  change_not_residents_committee: { zh: '{code} {name} 不是居委会社区', en: '{code} {name} is not a residents\' committee community' },
  not_in_street: { zh: '{code} {name} 不在本街道（{street}）内', en: '{code} {name} is not in street {street}' },
  changed_by_earlier_change: { zh: '{code} 已被本方案前面的调整项涉及', en: '{code} is already changed by an earlier change of this plan' },
  new_code_format: { zh: '新社区代码应为 12 位，并以街道代码 {street} 开头', en: 'a new community code has 12 digits and starts with the street code {street}' },
  code_already_used: { zh: '代码 {code} 已被使用过，新设社区须使用从未用过的代码', en: '{code} is already used; a new community needs a code never used before' },
  name_1_to_40: { zh: '请填写 1 至 40 个字的名称', en: 'a name of 1 to 40 characters is required' },
  split_needs_two_parts: { zh: '拆分至少需要两个部分', en: 'a split needs at least two parts' },
  households_do_not_add_up: {
    zh: '拆分后各部分户数之和（{after}）须等于 {name} 的 {before} 户',
    en: 'the parts\' households ({after}) must add up to the {before} households of {name}',
  },
  merge_needs_two: { zh: '合并至少需要两个不同的社区', en: 'a merge needs at least two different communities' },
  already_named: { zh: '{code} 已叫“{name}”，无须更名', en: '{code} is already named {name}' },
  not_street_on_effective_date: { zh: '{toStreet} 在生效日不是现有街道（镇）', en: '{toStreet} is not a street or town on the map on the effective date' },
  already_in_this_street: { zh: '该社区已隶属于此街道', en: 'the community is already in this street' },
  not_same_district: { zh: '{toStreet} {name} 与街道 {street} 不在同一区（县）内，跨区调整须由上级另行办理', en: '{toStreet} {name} is not in the same district as street {street}' },
});
