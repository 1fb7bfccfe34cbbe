import type { Role } from '../auth/principal.js';
import { planApproverRole } from '../adjustments/rules.js';
import { electionOrganisers } from '../elections/rules.js';
import { reportAuthors, reportReviewers } from '../reporting/rules.js';
import { spotCheckers } from '../reform/rules.js';

/**
 * 待办: what a person has to act on now, one kind per line of the home page. The city's kinds count rows under the
 * caller's unit (by code prefix); the province's count what the cities sent it. Each kind is shown only to the roles
 * that can act on it.
 */
export const cityTodoKinds = [
  'plans_awaiting_approval',
  'elections_to_certify',
  'training_overdue',
  'invitations_unanswered',
  'resolutions_overdue',
  'committee_vacancies',
  'reports_due',
  'reports_returned',
] as const;
export const provinceTodoKinds = ['reports_to_review', 'reports_overdue', 'spot_check_findings'] as const;
export const todoKinds = [...cityTodoKinds, ...provinceTodoKinds] as const;
export type TodoKind = (typeof todoKinds)[number];
export type CityTodoKind = (typeof cityTodoKinds)[number];
export type ProvinceTodoKind = (typeof provinceTodoKinds)[number];

/** What each kind is called on a page, and the unit of its count. */
export const todoKindLabels: Record<TodoKind, { label: string; unit: string }> = {
  plans_awaiting_approval: { label: '待审批的调整方案', unit: '件' },
  elections_to_certify: { label: '已计票待认证的选举', unit: '场' },
  training_overdue: { label: '逾期未完成培训的成员', unit: '人' },
  invitations_unanswered: { label: '未答复的会议邀请', unit: '份' },
  resolutions_overdue: { label: '逾期未办结的议定事项', unit: '项' },
  committee_vacancies: { label: '居委会空缺职位', unit: '个' },
  reports_due: { label: '本月到期未报送的工作报告', unit: '份' },
  reports_returned: { label: '被退回待修改的工作报告', unit: '份' },
  reports_to_review: { label: '待审核的城市报告', unit: '份' },
  reports_overdue: { label: '逾期未报送的城市报告', unit: '份' },
  spot_check_findings: { label: '待录入结论的抽查单位', unit: '个' },
};

/** Who sees (and so can act on) each kind. `undefined` → every role of the city, or of the province. */
export function todoKindApplies(kind: TodoKind, role: Role, unit: string): boolean {
  switch (kind) {
    case 'plans_awaiting_approval':
      // only the approver of a plan decides it: a district's officer, or the admin of a city without districts
      return (unit.length === 4 || unit.length === 6) && role === planApproverRole(unit);
    case 'elections_to_certify':
      return electionOrganisers.includes(role);
    case 'reports_due':
    case 'reports_returned':
      return reportAuthors.includes(role);
    case 'reports_to_review':
    case 'reports_overdue':
      return reportReviewers.includes(role);
    case 'spot_check_findings':
      return spotCheckers.includes(role);
    default:
      return role !== 'auditor' || kind === 'training_overdue' || kind === 'committee_vacancies';
  }
}
