import type { Role } from '../auth/principal.js';
import { addIsoDays, isoDaysBetween } from '../dates.js';
import type { FieldProblem } from '../errors.js';
import { msg } from './messages.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const materialKinds = ['textbook', 'handbook', 'slides', 'video', 'policy_document', 'other'] as const;
export const completionKinds = ['session', 'external'] as const;
export const obligationStates = ['open', 'completed', 'not_applicable'] as const;

/** Create the city's training programmes and add their materials. */
export const trainingProgrammeEditors: readonly Role[] = ['city_admin'];
/** Draw up training plans, schedule sessions, enrol members, record attendance and completions. */
export const trainingOrganisers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];
/** Change the city's training settings (reminder stages, unit mailboxes). */
export const trainingSettingsEditors: readonly Role[] = ['city_admin'];

export const obligationStatuses = ['pending', 'met', 'late', 'overdue', 'not_applicable'] as const;
export type ObligationStatus = (typeof obligationStatuses)[number];

export const obligationStatusLabels: Record<ObligationStatus, string> = {
  pending: '待培训',
  met: '按期完成',
  late: '逾期后完成',
  overdue: '已逾期',
  not_applicable: '不再适用（已离任）',
};

export const materialKindLabels = {
  textbook: '培训教材',
  handbook: '工作手册',
  slides: '课件',
  video: '视频',
  policy_document: '政策文件',
  other: '其他',
} as const;

/** Calendar-day arithmetic on Asia/Shanghai dates: the one helper in shared/dates.ts, under the names this module uses. */
export const addDays = addIsoDays;
export const daysBetween = isoDaysBetween;

/** 一年内轮训一遍: due on the same calendar day a year after the election; 29 February falls back to 28 February. */
export function trainingDueDate(electionDate: string): string {
  const [y, m, d] = electionDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** Trained on time means completed before the due date; on or after it is late. */
export function completionStatus(completedOn: string, dueOn: string): 'met' | 'late' {
  return completedOn < dueOn ? 'met' : 'late';
}

export interface ReminderStages {
  /** Days before the due date on which the member and the street are reminded, e.g. [90, 30, 7]. */
  beforeDueDays: number[];
  /** Once overdue, the street is reminded every this many days. */
  overdueEveryDays: number;
  /** From this many days overdue, the district (the city where there are no districts) is told as well, as often. */
  escalateAfterDays: number;
}

export const defaultReminderStages: ReminderStages = { beforeDueDays: [90, 30, 7], overdueEveryDays: 7, escalateAfterDays: 30 };

export function reminderStageProblems(stages: ReminderStages, path = 'body.reminders'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const days = stages.beforeDueDays;
  if (new Set(days).size !== days.length) problems.push({ path: `${path}.beforeDueDays`, message: msg.day_appears_once() });
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) problems.push({ path: `${path}.beforeDueDays`, message: msg.whole_days_1_365() });
  if (!Number.isInteger(stages.overdueEveryDays) || stages.overdueEveryDays < 1 || stages.overdueEveryDays > 90) problems.push({ path: `${path}.overdueEveryDays`, message: msg.whole_days_1_90() });
  if (!Number.isInteger(stages.escalateAfterDays) || stages.escalateAfterDays < 0 || stages.escalateAfterDays > 365) problems.push({ path: `${path}.escalateAfterDays`, message: msg.whole_days_0_365() });
  return problems;
}

/** What a stage key (as the sweep writes it) means to the reader. */
export function stageReason(stage: string): { reason: string; audience: 'member' | 'street' | 'district' } {
  const due = /^due_(\d+)d$/.exec(stage);
  if (due) return { reason: `距培训期限还有${due[1]}天`, audience: 'member' };
  const overdue = /^overdue_w(\d+)$/.exec(stage);
  if (overdue) return { reason: `培训已逾期（第${Number(overdue[1]) + 1}周提醒）`, audience: 'street' };
  const escalated = /^escalated_w(\d+)$/.exec(stage);
  if (escalated) return { reason: `培训逾期未完成，报区（县）督办（第${Number(escalated[1]) + 1}次）`, audience: 'district' };
  throw new Error(`unknown training reminder stage ${stage}`);
}

/** The district that supervises a community, or the city where the city has no districts (东莞, 中山). */
export function supervisingUnit(communityCode: string): string {
  const county = communityCode.slice(0, 6);
  return county.endsWith('00') ? communityCode.slice(0, 4) : county;
}
