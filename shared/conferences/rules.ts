import { calendarDaysBefore, isoDaysBetween } from '../dates.js';
import type { FieldProblem } from '../errors.js';
import { DEFAULT_EXPANSION_LIMITS, expandRule, type RecurrenceRule } from './recurrence.js';
import { msg } from './messages.js';
import { parseRrule, recurrenceRuleOf } from './rrule-parse.js';

/** Value lists stored in the database (db/schema imports them from here). */
export const memberUnitTypes = ['agency', 'organisation', 'military', 'enterprise', 'other'] as const;
export const seriesStatuses = ['active', 'ended'] as const;
export const occurrenceStatuses = ['scheduled', 'cancelled', 'held'] as const;
export const invitationReplies = ['pending', 'accepted', 'declined', 'delegated'] as const;
export const resolutionStatuses = ['open', 'closed'] as const;
export const reminderStages = ['invitation_7d', 'invitation_1d', 'resolution_due_soon', 'resolution_overdue'] as const;
export const feedScopes = ['unit', 'member_unit'] as const;

export const CONFERENCE_TIME_ZONE = 'Asia/Shanghai';
export const MAX_OCCURRENCES_PER_YEAR = 100;
export const HORIZON_MONTHS = 12;
/** Invitations are mailed when a meeting comes within this many days; reminders follow at 7 days and 1 day. */
export const INVITATION_LEAD_DAYS = 30;
export const RESOLUTION_DUE_SOON_DAYS = 3;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export interface Recurrence {
  rrule: string;
  /** Wall time of the first meeting in Asia/Shanghai, YYYY-MM-DDTHH:mm. */
  firstStartLocal: string;
}

export type RecurrenceCheck = { ok: true; rule: RecurrenceRule; rrule: string } | { ok: false; problems: FieldProblem[] };

/** Asia/Shanghai has no daylight saving, so the rule is expanded on wall time (as if UTC) and shifted by a fixed 8 hours. */
const toFloating = (instant: Date) => new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
const fromFloating = (floating: Date) => new Date(floating.getTime() - SHANGHAI_OFFSET_MS);

export function localToInstant(local: string): Date | null {
  const m = localPattern.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const floating = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (floating.getUTCFullYear() !== y || floating.getUTCMonth() !== mo - 1 || floating.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return fromFloating(floating);
}

export const instantToLocal = (instant: Date) => toFloating(instant).toISOString().slice(0, 16);

/**
 * Parses an RFC 5545 RRULE (without DTSTART, which is `firstStartLocal`), refuses sub-daily frequencies and parts a
 * joint conference never needs, and rules denser than 100 a year.
 */
export function checkRecurrence(input: Recurrence, now: Date): RecurrenceCheck {
  const problems: FieldProblem[] = [];
  const text = input.rrule.trim().replace(/^RRULE:/i, '').toUpperCase();
  const dtstart = localToInstant(input.firstStartLocal);
  if (!dtstart) problems.push({ path: 'body.firstStartLocal', message: msg.wall_time_format() });
  if (/DTSTART|TZID|[\r\n]/.test(text)) problems.push({ path: 'body.rrule', message: msg.rrule_value_only() });
  const parsed = problems.some((p) => p.path === 'body.rrule') ? null : parseRrule(text);
  if (parsed && !parsed.ok) problems.push({ path: 'body.rrule', message: parsed.message });
  if (problems.length || !parsed?.ok || !dtstart) return { ok: false, problems };
  const rule = recurrenceRuleOf(parsed.rule, toFloating(dtstart).getTime());
  const from = dtstart > now ? dtstart : now;
  const firstYear = expandRule(rule, toFloating(from).getTime(), toFloating(addMonths(from, 12)).getTime(), { ...DEFAULT_EXPANSION_LIMITS, maxOccurrences: MAX_OCCURRENCES_PER_YEAR + 1 });
  if (firstYear.starts.length > MAX_OCCURRENCES_PER_YEAR) {
    return { ok: false, problems: [{ path: 'body.rrule', message: msg.too_many_meetings({ max: MAX_OCCURRENCES_PER_YEAR }) }] };
  }
  return { ok: true, rule, rrule: text };
}

/** The meetings a valid rule makes in [from, to), as instants, and whether a limit (DEFAULT_EXPANSION_LIMITS) cut them short. */
export function expandRecurrenceBounded(rule: RecurrenceRule, from: Date, to: Date): { starts: Date[]; complete: boolean } {
  const { starts, complete } = expandRule(rule, toFloating(from).getTime(), toFloating(to).getTime());
  return { starts: starts.map((floating) => fromFloating(new Date(floating))), complete };
}

/** The meetings a valid rule makes in [from, to), as instants; bounded by count and time (DEFAULT_EXPANSION_LIMITS). */
export const expandRecurrence = (rule: RecurrenceRule, from: Date, to: Date): Date[] => expandRecurrenceBounded(rule, from, to).starts;

/** Calendar months added in Asia/Shanghai wall time (the 31st clamps to the month's last day). */
export function addMonths(instant: Date, months: number): Date {
  const f = toFloating(instant);
  const target = new Date(Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + months, 1, f.getUTCHours(), f.getUTCMinutes(), f.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(f.getUTCDate(), lastDay));
  return fromFloating(target);
}

export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

export interface CadencePeriod {
  months: number;
  days: number;
}

/** How often a series says its conference is held: the rule's frequency times its interval. */
export function cadencePeriod(rule: RecurrenceRule): CadencePeriod {
  const { freq, interval } = rule;
  const n = interval || 1;
  if (freq === 'YEARLY') return { months: 12 * n, days: 0 };
  if (freq === 'MONTHLY') return { months: n, days: 0 };
  if (freq === 'WEEKLY') return { months: 0, days: 7 * n };
  return { months: 0, days: Math.max(1, n) };
}

export const addPeriod = (instant: Date, p: CadencePeriod) => addDays(addMonths(instant, p.months), p.days);

export type CadenceStatus = 'ok' | 'overdue' | 'not_yet_due';

/** A series is overdue once the day that ends one period after the last held meeting (or its first meeting) is over. */
export function cadenceStatus(input: { firstStart: Date; lastHeld: Date | null; period: CadencePeriod; now: Date }): { status: CadenceStatus; dueBy: Date } {
  const reference = input.lastHeld ?? input.firstStart;
  const dueDay = toFloating(addPeriod(reference, input.period));
  const dueBy = fromFloating(new Date(Date.UTC(dueDay.getUTCFullYear(), dueDay.getUTCMonth(), dueDay.getUTCDate() + 1)));
  if (input.now < dueBy) return { status: input.lastHeld ? 'ok' : 'not_yet_due', dueBy };
  return { status: 'overdue', dueBy };
}

/** Quorum: more than `percent`% of the invited units attend (all of them at 100%). */
export function quorumRequired(invited: number, percent: number): number {
  if (invited === 0) return 0;
  return Math.min(invited, Math.floor((invited * percent) / 100) + 1);
}

export type InvitationStage = 'invitation_7d' | 'invitation_1d';

/** Reminder stages in calendar days before the meeting's day (Asia/Shanghai). */
export const INVITATION_REMINDER_DAYS = { invitation_7d: 7, invitation_1d: 1 } as const satisfies Record<InvitationStage, number>;

/**
 * The reminder stage an invitation is in at `now`, in calendar days in Asia/Shanghai whatever the start time: from
 * the 7th day before the meeting's day (until the day before), then from the day before until the start. A stage is
 * skipped when the invitation itself was mailed inside it, so nobody gets a mail and a reminder at once.
 */
export function invitationStageDue(startsAt: Date, noticedAt: Date | null, now: Date): InvitationStage | null {
  if (now >= startsAt || !noticedAt) return null;
  const days = calendarDaysBefore(startsAt, now);
  const noticed = calendarDaysBefore(startsAt, noticedAt);
  for (const stage of ['invitation_1d', 'invitation_7d'] as const) {
    const d = INVITATION_REMINDER_DAYS[stage];
    if (days <= d) return noticed > d ? stage : null;
  }
  return null;
}

export type ResolutionStage = 'resolution_due_soon' | 'resolution_overdue';

/** Open resolutions are reminded 3 days before their due date and again the day after it. */
export function resolutionStageDue(dueDate: string, today: string): ResolutionStage | null {
  const left = isoDaysBetween(today, dueDate);
  if (left < 0) return 'resolution_overdue';
  if (left <= RESOLUTION_DUE_SOON_DAYS) return 'resolution_due_soon';
  return null;
}

export const normaliseVenue = (venue: string) => venue.trim().replace(/\s+/g, ' ');

export const overlaps = (a: { start: Date; end: Date }, b: { start: Date; end: Date }) => a.start < b.end && b.start < a.end;
