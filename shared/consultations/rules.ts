import type { Role } from '../auth/principal.js';
import { addIsoDays, type IsoDate } from '../dates.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const consultationStatuses = ['new', 'assigned', 'answered', 'closed'] as const;
export const consultationRatings = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const calendarDayKinds = ['holiday', 'workday', 'regular'] as const;
export const reminderStages = ['due_soon', 'overdue'] as const;

export type ConsultationStatus = (typeof consultationStatuses)[number];
export type ConsultationRating = (typeof consultationRatings)[number];
export type CalendarDayKind = (typeof calendarDayKinds)[number];
export type ReminderStage = (typeof reminderStages)[number];

export const consultationStatusLabels: Record<ConsultationStatus, string> = { new: '待受理', assigned: '已分派', answered: '已答复', closed: '已办结' };
export const consultationRatingLabels: Record<ConsultationRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
export const calendarDayKindLabels: Record<CalendarDayKind, string> = { holiday: '法定节假日（放假）', workday: '调休上班日', regular: '按平常（周一至周五上班）' };
export const reminderStageLabels: Record<ReminderStage, string> = { due_soon: '答复期限前一个工作日提醒', overdue: '逾期未答复，报街道督办' };

/** Staff who handle a queue: the community's committee, its street, district and city (an auditor only reads). */
export const consultationHandlers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer', 'committee_member'];
/** Change the city's consultation settings and holiday calendar. */
export const consultationSettingsEditors: readonly Role[] = ['city_admin'];

/** 政策咨询/办事指南/求助/投诉建议/其他: the list a city starts with and may change. */
export const defaultCategories = ['政策咨询', '办事指南', '求助', '投诉建议', '其他'] as const;
export const defaultAnswerWorkingDays = 3;

/** Limits of a submission: what a person writes, and how often a place may write (a token bucket each). */
export const TEXT_MAX = 1000;
export const NAME_MAX = 40;
export const COMMENT_MAX = 500;
export const ANSWER_MAX = 4000;
export interface BucketRule {
  capacity: number;
  /** Tokens added per hour, continuously. */
  perHour: number;
}
export const submissionLimits = { perIp: { capacity: 5, perHour: 5 }, perCommunity: { capacity: 60, perHour: 30 } } as const satisfies Record<string, BucketRule>;

/**
 * The State Council's schedule of public holidays and adjusted working days (国务院办公厅关于2026年部分节假日安排的通知):
 * 元旦 1.1-1.3 (1.4 上班); 春节 2.15-2.23 (2.14、2.28 上班); 清明 4.4-4.6; 劳动节 5.1-5.5 (5.9 上班); 端午 6.19-6.21;
 * 中秋 9.25-9.27; 国庆 10.1-10.7 (9.20、10.10 上班). The next year's schedule is published each November: a city adds it
 * (console 咨询平台 → 节假日) until the product ships it.
 */
export const officialCalendar: Readonly<Record<IsoDate, { kind: 'holiday' | 'workday'; name: string }>> = Object.fromEntries([
  ...span('2026-01-01', 3, '元旦'), ['2026-01-04', { kind: 'workday', name: '元旦调休' }],
  ...span('2026-02-15', 9, '春节'), ['2026-02-14', { kind: 'workday', name: '春节调休' }], ['2026-02-28', { kind: 'workday', name: '春节调休' }],
  ...span('2026-04-04', 3, '清明节'),
  ...span('2026-05-01', 5, '劳动节'), ['2026-05-09', { kind: 'workday', name: '劳动节调休' }],
  ...span('2026-06-19', 3, '端午节'),
  ...span('2026-09-25', 3, '中秋节'),
  ...span('2026-10-01', 7, '国庆节'), ['2026-09-20', { kind: 'workday', name: '国庆节调休' }], ['2026-10-10', { kind: 'workday', name: '国庆节调休' }],
] as [IsoDate, { kind: 'holiday' | 'workday'; name: string }][]);

function span(first: IsoDate, days: number, name: string): [IsoDate, { kind: 'holiday'; name: string }][] {
  return Array.from({ length: days }, (_, i) => [addIsoDays(first, i), { kind: 'holiday', name }]);
}

/** A city's calendar: the official days, with the city's own entries (holiday, working day, or back to regular) over them. */
export type WorkingCalendar = ReadonlyMap<IsoDate, CalendarDayKind>;

export function calendarOf(cityDays: readonly { day: IsoDate; kind: CalendarDayKind }[]): WorkingCalendar {
  const calendar = new Map<IsoDate, CalendarDayKind>(Object.entries(officialCalendar).map(([day, d]) => [day, d.kind]));
  for (const d of cityDays) calendar.set(d.day, d.kind);
  return calendar;
}

/** Monday to Friday, unless the calendar makes it a holiday; a weekend day the calendar makes a working day (调休) counts. */
export function isWorkingDay(day: IsoDate, calendar: WorkingCalendar): boolean {
  const kind = calendar.get(day);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The answer deadline: the `n`th working day after the day a consultation is received (Asia/Shanghai calendar days).
 * A consultation received on Friday with 3 working days is due on Wednesday; one received during a holiday counts
 * from the first working day after it.
 */
export function addWorkingDays(from: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  let day = from;
  for (let counted = 0; counted < n; ) {
    day = addIsoDays(day, 1);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/** The last working day before `day`: when the community is reminded of a deadline on `day`. */
export function previousWorkingDay(day: IsoDate, calendar: WorkingCalendar): IsoDate {
  let d = addIsoDays(day, -1);
  while (!isWorkingDay(d, calendar)) d = addIsoDays(d, -1);
  return d;
}

/**
 * The stage an unanswered consultation has reached on `today`: overdue once the deadline has passed, due soon from the
 * working day before it; only the latest counts, so a sweep missed for days does not send both at once.
 */
export function reminderStageOn(today: IsoDate, dueOn: IsoDate, calendar: WorkingCalendar): ReminderStage | null {
  if (today > dueOn) return 'overdue';
  if (today >= previousWorkingDay(dueOn, calendar)) return 'due_soon';
  return null;
}

/** The street a community lies in (12-digit community code → its 9-digit street). */
export const streetOf = (communityCode: string) => communityCode.slice(0, 9);

/** Markup is refused, not escaped: a resident's words are shown as text, and `<`…`>` in them is almost always a pasted tag. */
export const looksLikeHtml = (text: string) => /<\s*\/?\s*[a-zA-Z!][^>]*>/.test(text) || /&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);

/**
 * A token bucket: `tokens` left at `at`, refilled continuously up to capacity. Taking one either succeeds (the new
 * count) or says how many whole seconds until one is there (Retry-After).
 */
export function takeToken(rule: BucketRule, stored: { tokens: number; at: Date } | null, now: Date): { ok: true; tokens: number } | { ok: false; retryAfterSeconds: number } {
  const elapsedHours = stored ? Math.max(0, now.getTime() - stored.at.getTime()) / 3_600_000 : 0;
  const tokens = stored ? Math.min(rule.capacity, stored.tokens + elapsedHours * rule.perHour) : rule.capacity;
  if (tokens >= 1) return { ok: true, tokens: tokens - 1 };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) / rule.perHour) * 3600)) };
}
