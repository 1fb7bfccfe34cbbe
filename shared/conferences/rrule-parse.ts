/**
 * The RRULE value (RFC 5545 §3.3.10) a joint conference is given, read without the `rrule` package (44 KiB of the API
 * bundle with its natural-language modules, issue #20), which stays only as the test oracle. It reads FREQ, INTERVAL,
 * COUNT, UNTIL, WKST, BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS; it recognises the sub-daily frequencies and the parts
 * the expansion (recurrence.ts) does not implement and refuses them by name; anything else (an unknown or repeated
 * part, a bad value, COUNT with UNTIL) is not an RRULE. A DTSTART line or TZID is refused before (rules.ts).
 */
import type { Message } from '../i18n.js';
import { msg } from './messages.js';
import type { Frequency, RecurrenceRule } from './recurrence.js';

const frequencies = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY'] as const;
const supportedFrequencies: readonly string[] = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] satisfies Frequency[];
/** Index = weekday number as recurrence.ts (and rrule) count them: Monday = 0 … Sunday = 6. */
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** Parts a joint conference never needs (BYEASTER is the rrule package's own); the expansion does not implement them. */
export const unsupportedRruleParts = ['BYHOUR', 'BYMINUTE', 'BYSECOND', 'BYYEARDAY', 'BYWEEKNO', 'BYEASTER'] as const;
const supportedParts = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'BYSETPOS'] as const;
type Part = (typeof supportedParts)[number];
const knownParts: readonly string[] = [...supportedParts, ...unsupportedRruleParts];

/** A rule as written: the day parts DTSTART fills in when none is given come later (recurrenceRuleOf). */
export interface ParsedRrule {
  freq: Frequency;
  interval: number;
  count: number | null;
  /** UNTIL as a floating wall time (inclusive), as the rrule package reads it, `Z` or not; a date is its midnight. */
  until: number | null;
  wkst: number;
  bymonth: number[];
  bymonthday: number[];
  /** BYDAY entries: a weekday (Monday = 0), with an ordinal (1MO, -1FR) or null. */
  byday: { weekday: number; n: number | null }[];
  bysetpos: number[];
}

export type RruleParse = { ok: true; rule: ParsedRrule } | { ok: false; message: Message };

const notAnRrule = (error: Message): RruleParse => ({ ok: false, message: msg.not_an_rrule({ error }) });

/** What a part's value must be, for the message naming a bad one. */
const expected: Record<Part, () => Message> = {
  FREQ: msg.rrule_expect_freq,
  INTERVAL: msg.rrule_expect_positive_integer,
  COUNT: msg.rrule_expect_positive_integer,
  UNTIL: msg.rrule_expect_until,
  WKST: msg.rrule_expect_weekday,
  BYMONTH: msg.rrule_expect_bymonth,
  BYMONTHDAY: msg.rrule_expect_bymonthday,
  BYDAY: msg.rrule_expect_byday,
  BYSETPOS: msg.rrule_expect_bysetpos,
};

/** A signed integer within ±max, never 0 (unsigned when `signed` is false), or null. */
function integer(text: string, max: number, signed: boolean): number | null {
  if (!(signed ? /^[+-]?\d{1,9}$/ : /^\d{1,9}$/).test(text)) return null;
  const n = Number(text);
  return n !== 0 && Math.abs(n) <= max ? n : null;
}

function list<T>(text: string, item: (text: string) => T | null): T[] | null {
  const items = text.split(',').map(item);
  return items.some((i) => i === null) ? null : (items as T[]);
}

function until(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const at = new Date(0);
  at.setUTCFullYear(y, mo - 1, d);
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return at.getTime() + ((h * 60 + mi) * 60 + s) * 1000;
}

const weekday = (text: string) => {
  const i = weekdays.indexOf(text as (typeof weekdays)[number]);
  return i < 0 ? null : i;
};

function byday(text: string): ParsedRrule['byday'][number] | null {
  const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(text);
  const day = m ? weekday(m[2]!) : null;
  if (day === null) return null;
  if (m![1] === undefined) return { weekday: day, n: null };
  const n = integer(m![1], 53, true);
  return n === null ? null : { weekday: day, n };
}

/** Parses an RRULE value (no `RRULE:` prefix, no DTSTART): the rule, or the one message that refuses it. */
export function parseRrule(value: string): RruleParse {
  const text = value.trim().toUpperCase();
  const parts = new Map<string, string>();
  for (const part of text === '' ? [] : text.split(';')) {
    const m = /^([A-Z]+)=(.*)$/.exec(part);
    if (!m) return notAnRrule(msg.rrule_part_malformed({ part }));
    const [, name, partValue] = m as unknown as [string, string, string];
    if (!knownParts.includes(name)) return notAnRrule(msg.rrule_part_unknown({ name }));
    if (parts.has(name)) return notAnRrule(msg.rrule_part_repeated({ name }));
    parts.set(name, partValue);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return notAnRrule(msg.rrule_freq_missing());

  const bad = (name: Part) => notAnRrule(msg.rrule_value_invalid({ name, value: parts.get(name)!, expected: expected[name]() }));
  const read = <T>(name: Part, parse: (text: string) => T | null): T | null | undefined => {
    const raw = parts.get(name);
    return raw === undefined ? undefined : parse(raw);
  };
  if (!(frequencies as readonly string[]).includes(freq)) return bad('FREQ');
  const interval = read('INTERVAL', (t) => integer(t, 999_999_999, false));
  if (interval === null) return bad('INTERVAL');
  const count = read('COUNT', (t) => integer(t, 999_999_999, false));
  if (count === null) return bad('COUNT');
  const untilAt = read('UNTIL', until);
  if (untilAt === null) return bad('UNTIL');
  const wkst = read('WKST', weekday);
  if (wkst === null) return bad('WKST');
  const bymonth = read('BYMONTH', (t) => list(t, (i) => integer(i, 12, false)));
  if (bymonth === null) return bad('BYMONTH');
  const bymonthday = read('BYMONTHDAY', (t) => list(t, (i) => integer(i, 31, true)));
  if (bymonthday === null) return bad('BYMONTHDAY');
  const days = read('BYDAY', (t) => list(t, byday));
  if (days === null) return bad('BYDAY');
  const bysetpos = read('BYSETPOS', (t) => list(t, (i) => integer(i, 366, true)));
  if (bysetpos === null) return bad('BYSETPOS');
  if (count !== undefined && untilAt !== undefined) return notAnRrule(msg.rrule_count_with_until());

  if (!supportedFrequencies.includes(freq)) return { ok: false, message: msg.freq_supported() };
  const unsupported = unsupportedRruleParts.filter((name) => parts.has(name));
  if (unsupported.length) return { ok: false, message: msg.rrule_parts_unsupported({ parts: unsupported.join(', ') }) };
  // RFC 5545: a BYDAY ordinal ("the 2nd Monday") only means something within a month or a year
  const ordinal = (freq === 'DAILY' || freq === 'WEEKLY') && parts.get('BYDAY')?.split(',').find((d) => d.length > 2);
  if (ordinal) return notAnRrule(msg.rrule_ordinal_monthly_yearly({ value: ordinal }));

  return {
    ok: true,
    rule: {
      freq: freq as Frequency,
      interval: interval ?? 1,
      count: count ?? null,
      until: untilAt ?? null,
      wkst: wkst ?? 0,
      bymonth: bymonth ?? [],
      bymonthday: bymonthday ?? [],
      byday: days ?? [],
      bysetpos: bysetpos ?? [],
    },
  };
}

/**
 * The rule from its first meeting (floating wall time): with no day part, a yearly rule falls on DTSTART's month
 * and day, a monthly one on its day of the month and a weekly one on its weekday (RFC 5545, as rrule reads it).
 */
export function recurrenceRuleOf(parsed: ParsedRrule, dtstart: number): RecurrenceRule {
  const start = new Date(dtstart);
  let { bymonth, bymonthday, byday } = parsed;
  if (!bymonthday.length && !byday.length) {
    if (parsed.freq === 'YEARLY' && !bymonth.length) bymonth = [start.getUTCMonth() + 1];
    if (parsed.freq === 'YEARLY' || parsed.freq === 'MONTHLY') bymonthday = [start.getUTCDate()];
    if (parsed.freq === 'WEEKLY') byday = [{ weekday: (start.getUTCDay() + 6) % 7, n: null }];
  }
  return {
    freq: parsed.freq,
    interval: parsed.interval,
    count: parsed.count,
    until: parsed.until,
    wkst: parsed.wkst,
    bymonth,
    bymonthday,
    byweekday: byday.filter((d) => d.n === null).map((d) => d.weekday),
    bynweekday: byday.filter((d) => d.n !== null).map((d) => [d.weekday, d.n!] as [number, number]),
    bysetpos: parsed.bysetpos,
    dtstart,
  };
}
