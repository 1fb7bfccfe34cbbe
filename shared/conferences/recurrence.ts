/**
 * A bounded expansion of the RFC 5545 rules a joint conference uses (FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL,
 * COUNT, UNTIL, WKST, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, as rrule-parse.ts reads them), with the same results as
 * the `rrule` package (now only the tests' oracle). It exists because `rrule` walks period after period until the year 9999 when no day matches (a
 * rule for 30 February ran 99 s with the process blocked, issue #18): here the walk starts at the period holding
 * `from`, stops at the first period starting at or after `to`, and is bounded by a period count and a time budget.
 */

export type Frequency = 'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY';

export interface RecurrenceRule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** Floating wall time (Asia/Shanghai as if UTC), inclusive, as rrule reads UNTIL. */
  until: number | null;
  /** 0 = Monday … 6 = Sunday, as rrule numbers weekdays. */
  wkst: number;
  bymonth: number[];
  bymonthday: number[];
  byweekday: number[];
  bynweekday: [number, number][];
  bysetpos: number[];
  /** Floating wall time of the first meeting. */
  dtstart: number;
}

export interface ExpansionLimits {
  /** At most this many meetings are returned. */
  maxOccurrences: number;
  /** At most this many periods (days, weeks, months or years) are looked at. */
  maxPeriods: number;
  /** Wall-clock work budget in milliseconds (a cap on CPU use, not a date the logic reads). */
  budgetMs: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = { maxOccurrences: 1000, maxPeriods: 20_000, budgetMs: 100 };

export interface Expansion {
  /** Floating wall times in [from, to), ascending. */
  starts: number[];
  /** False when a limit cut the walk short. */
  complete: boolean;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** Monday = 0, as rrule (1970-01-01 was a Thursday). */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;
const ymd = (day: number) => {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const dayFromYmd = (y: number, m: number, d: number) => dayOf(Date.UTC(y, m - 1, d));
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Period {
  first: number;
  /** Exclusive. */
  end: number;
}

/** The k-th period of the rule (k = 0 holds dtstart). */
function periodAt(rule: RecurrenceRule, k: number, startDay: number): Period {
  const { y, m } = ymd(startDay);
  switch (rule.freq) {
    case 'DAILY': {
      const first = startDay + k * rule.interval;
      return { first, end: first + 1 };
    }
    case 'WEEKLY': {
      const weekStart = startDay - ((weekdayOf(startDay) - rule.wkst + 7) % 7);
      if (k === 0) return { first: startDay, end: weekStart + 7 };
      const first = weekStart + 7 * rule.interval * k;
      return { first, end: first + 7 };
    }
    case 'MONTHLY': {
      const months = m - 1 + k * rule.interval;
      return { first: dayFromYmd(y, months + 1, 1), end: dayFromYmd(y, months + 2, 1) };
    }
    case 'YEARLY':
      return { first: dayFromYmd(y + k * rule.interval, 1, 1), end: dayFromYmd(y + k * rule.interval + 1, 1, 1) };
  }
}

/** The first period that can hold a day at or after `fromDay` (rules with COUNT must be counted from the start). */
function firstPeriodIndex(rule: RecurrenceRule, startDay: number, fromDay: number): number {
  if (rule.count !== null || fromDay <= startDay) return 0;
  const start = ymd(startDay);
  const from = ymd(fromDay);
  switch (rule.freq) {
    case 'DAILY':
      return Math.floor((fromDay - startDay) / rule.interval);
    case 'WEEKLY': {
      const weekStart = startDay - ((weekdayOf(startDay) - rule.wkst + 7) % 7);
      return Math.floor((fromDay - weekStart) / (7 * rule.interval));
    }
    case 'MONTHLY':
      return Math.floor(((from.y - start.y) * 12 + from.m - start.m) / rule.interval);
    case 'YEARLY':
      return Math.floor((from.y - start.y) / rule.interval);
  }
}

/** Whether a day passes BYDAY with an ordinal: "the 2nd Tuesday" of its month (or, yearly without BYMONTH, its year). */
function nthWeekdayMatches(rule: RecurrenceRule, day: number): boolean {
  const { y, m } = ymd(day);
  const inYear = rule.freq === 'YEARLY' && rule.bymonth.length === 0;
  const first = inYear ? dayFromYmd(y, 1, 1) : dayFromYmd(y, m, 1);
  const last = (inYear ? dayFromYmd(y + 1, 1, 1) : dayFromYmd(y, m + 1, 1)) - 1;
  return rule.bynweekday.some(([weekday, n]) => {
    if (weekday !== weekdayOf(day)) return false;
    const target = n > 0 ? first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7 : last - ((weekdayOf(last) - weekday + 7) % 7) + (n + 1) * 7;
    return target === day && target >= first && target <= last;
  });
}

function dayMatches(rule: RecurrenceRule, day: number): boolean {
  const { y, m, d } = ymd(day);
  if (rule.bymonth.length && !rule.bymonth.includes(m)) return false;
  if (rule.byweekday.length && !rule.byweekday.includes(weekdayOf(day))) return false;
  if (rule.bynweekday.length && !nthWeekdayMatches(rule, day)) return false;
  if (rule.bymonthday.length) {
    const fromEnd = d - daysInMonth(y, m) - 1;
    if (!rule.bymonthday.includes(d) && !rule.bymonthday.includes(fromEnd)) return false;
  }
  return true;
}

function daysOfPeriod(rule: RecurrenceRule, period: Period): number[] {
  const days: number[] = [];
  for (let day = period.first; day < period.end; day++) if (dayMatches(rule, day)) days.push(day);
  if (!rule.bysetpos.length) return days;
  const picked = new Set<number>();
  for (const pos of rule.bysetpos) {
    const day = pos > 0 ? days[pos - 1] : days[days.length + pos];
    if (day !== undefined) picked.add(day);
  }
  return [...picked].sort((a, b) => a - b);
}

/** The rule's meetings in [from, to) (floating times), walking only the periods that window needs. */
export function expandRule(rule: RecurrenceRule, from: number, to: number, limits: ExpansionLimits = DEFAULT_EXPANSION_LIMITS): Expansion {
  const started = performance.now();
  const startDay = dayOf(rule.dtstart);
  const timeOfDay = rule.dtstart - startDay * DAY_MS;
  const starts: number[] = [];
  let counted = 0;
  let periods = 0;
  for (let k = firstPeriodIndex(rule, startDay, dayOf(from)); ; k++) {
    const period = periodAt(rule, k, startDay);
    if (period.first * DAY_MS >= to) return { starts, complete: true };
    if (++periods > limits.maxPeriods || performance.now() - started > limits.budgetMs) return { starts, complete: false };
    for (const day of daysOfPeriod(rule, period)) {
      const at = day * DAY_MS + timeOfDay;
      if (rule.until !== null && at > rule.until) return { starts, complete: true };
      if (at < rule.dtstart) continue;
      if (at >= from && at < to) {
        if (starts.length >= limits.maxOccurrences) return { starts, complete: false };
        starts.push(at);
      }
      if (rule.count !== null && ++counted >= rule.count) return { starts, complete: true };
    }
  }
}
