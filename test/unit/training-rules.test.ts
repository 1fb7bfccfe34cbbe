import { describe, expect, it } from 'vitest';
import { addDays, completionStatus, daysBetween, defaultReminderStages, reminderStageProblems, stageReason, supervisingUnit, trainingDueDate } from '../../shared/training/rules.js';

describe('trainingDueDate (一年内轮训一遍)', () => {
  it.each([
    ['2026-11-20', '2027-11-20'],
    ['2027-02-28', '2028-02-28'],
    ['2028-02-29', '2029-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('an election on %s is due on %s', (election, due) => {
    expect(trainingDueDate(election)).toBe(due);
  });

  it('is 365 or 366 days after the election', () => {
    expect(daysBetween('2026-11-20', trainingDueDate('2026-11-20'))).toBe(365);
    expect(daysBetween('2027-11-20', trainingDueDate('2027-11-20'))).toBe(366);
    expect(addDays('2026-11-20', 365)).toBe('2027-11-20');
  });
});

describe('completionStatus', () => {
  it('is on time only before the due date', () => {
    expect(completionStatus('2027-11-19', '2027-11-20')).toBe('met');
    expect(completionStatus('2027-11-20', '2027-11-20')).toBe('late');
  });
});

describe('reminder stages', () => {
  it('accepts the defaults and names each bad field', () => {
    expect(reminderStageProblems(defaultReminderStages)).toEqual([]);
    expect(reminderStageProblems({ beforeDueDays: [30, 30, 0], overdueEveryDays: 0, escalateAfterDays: -1 }).map((p) => p.path)).toEqual([
      'body.reminders.beforeDueDays', 'body.reminders.beforeDueDays', 'body.reminders.overdueEveryDays', 'body.reminders.escalateAfterDays',
    ]);
  });

  it.each([
    ['due_90d', 'member', '距培训期限还有90天'],
    ['overdue_w0', 'street', '培训已逾期（第1周提醒）'],
    ['escalated_w2', 'district', '培训逾期未完成，报区（县）督办（第3次）'],
  ])('%s goes to the %s: %s', (stage, audience, reason) => {
    expect(stageReason(stage)).toEqual({ audience, reason });
  });

  it('refuses a stage it does not know', () => {
    expect(() => stageReason('weekly')).toThrow(/unknown/);
  });
});

describe('supervisingUnit', () => {
  it('is the district, or the city where there are no districts', () => {
    expect(supervisingUnit('440103001001')).toBe('440103');
    expect(supervisingUnit('441900003001')).toBe('4419');
  });
});
