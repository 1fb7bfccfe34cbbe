import { shanghaiDate } from '../../../shared/dates.js';

/** Calendar arithmetic on YYYY-MM-DD days (UTC noon, so no time zone moves a day). */
const noon = (day: string) => new Date(`${day}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const d = noon(day);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The same day `months` later, the month's last day when it has no such day. */
export function addMonths(day: string, months: number): string {
  const d = noon(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, 12));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0, 12)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(target);
}

export const todayInShanghai = (now: Date = new Date()) => shanghaiDate(now);
