import { defineMessages } from '../i18n.js';

/** What the adjustments module tells a person, in Simplified Chinese and English, keyed by stable codes. */
export const msg = defineMessages({
  plan_has_problems: { zh: '调整方案有 {length} 处问题', en: 'the plan has {length} problem(s)' },
  effective_date_passed: { zh: '生效日期已过', en: 'the effective date has passed' },
  date_on_or_after_today: { zh: '应不早于 {today}', en: 'must be {today} or later' },
  street_not_found: { zh: '未找到街道 {unit}', en: 'street {unit} not found' },
  plan_not_found: { zh: '未找到调整方案 {id}', en: 'adjustment plan {id} not found' },
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
});
