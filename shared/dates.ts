/** Calendar dates are the policy's dates in China: a day is a day in Asia/Shanghai (UTC+8, no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export type IsoDate = string;

export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day `days` after (before, when negative) a day. */
export function addIsoDays(day: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from one day to another (negative when `to` is earlier). */
export function isoDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Calendar days before, in Asia/Shanghai: how many days `at`'s day lies after `now`'s day, whatever the times of
 * day. 7 on the 7th day before a meeting, 1 on the day before, 0 on the day itself. Every staged reminder counts
 * its stages with this (or, on dates, with `isoDaysBetween`), never with multiples of 24 hours.
 */
export function calendarDaysBefore(at: Date, now: Date): number {
  return isoDaysBetween(shanghaiDate(now), shanghaiDate(at));
}

/** The instant an Asia/Shanghai calendar day begins (00:00 +08:00). */
export function shanghaiDayStart(day: IsoDate): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(value: string): boolean {
  if (!isoDatePattern.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
