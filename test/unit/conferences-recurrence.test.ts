import fc from 'fast-check';
import * as rruleModule from 'rrule';
import { describe, expect, it } from 'vitest';
import { expandRule, type ExpansionLimits, type Frequency, type RecurrenceRule } from '../../shared/conferences/recurrence.js';
import { parseRrule } from '../../shared/conferences/rrule-parse.js';
import { addMonths, checkRecurrence, expandRecurrence, localToInstant } from '../../shared/conferences/rules.js';
import { coded } from '../support/messages.js';

const RRule = rruleModule.RRule ?? (rruleModule as unknown as { default: typeof rruleModule }).default.RRule;
const now = new Date('2026-11-25T02:00:00Z');
const SHANGHAI_MS = 8 * 3_600_000;

const checked = (rrule: string, firstStartLocal: string, at = now) => {
  const result = checkRecurrence({ rrule, firstStartLocal }, at);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.rule;
};

/** What the rrule package gives for the same rule (it walks to the year 9999 on a rule no day matches, so only satisfiable rules go here). */
function rruleOracle(rrule: string, firstStartLocal: string, from: Date, to: Date): string[] {
  const dtstart = new Date(localToInstant(firstStartLocal)!.getTime() + SHANGHAI_MS);
  const rule = new RRule({ ...RRule.parseString(rrule), dtstart, tzid: null });
  const starts = rule.between(new Date(from.getTime() + SHANGHAI_MS), new Date(to.getTime() + SHANGHAI_MS), true).filter((d) => d.getTime() < to.getTime() + SHANGHAI_MS);
  return [...new Set(starts.map((d) => new Date(d.getTime() - SHANGHAI_MS).toISOString()))];
}

/** The rule as the rrule package reads it (its options, DTSTART's defaults filled in), in recurrence.ts's shape. */
function rruleOptionsOracle(rrule: string, firstStartLocal: string): RecurrenceRule {
  const dtstart = new Date(localToInstant(firstStartLocal)!.getTime() + SHANGHAI_MS);
  const o = new RRule({ ...RRule.parseString(rrule), dtstart, tzid: null }).options;
  const freq = ({ [RRule.YEARLY]: 'YEARLY', [RRule.MONTHLY]: 'MONTHLY', [RRule.WEEKLY]: 'WEEKLY', [RRule.DAILY]: 'DAILY' } as Record<number, Frequency>)[o.freq]!;
  return {
    freq,
    interval: o.interval,
    count: o.count ?? null,
    until: o.until ? o.until.getTime() : null,
    wkst: o.wkst,
    bymonth: o.bymonth ?? [],
    bymonthday: [...(o.bymonthday ?? []), ...(o.bynmonthday ?? [])],
    byweekday: o.byweekday ?? [],
    bynweekday: (o.bynweekday ?? []).map(([weekday, n]) => [weekday!, n!] as [number, number]),
    bysetpos: o.bysetpos ?? [],
    dtstart: dtstart.getTime(),
  };
}

/** A rule with its lists in order, so two readings that list the same values compare equal. */
const sorted = (rule: RecurrenceRule): RecurrenceRule => {
  const byNumber = (a: number, b: number) => a - b;
  return {
    ...rule,
    bymonth: [...rule.bymonth].sort(byNumber),
    bymonthday: [...rule.bymonthday].sort(byNumber),
    byweekday: [...rule.byweekday].sort(byNumber),
    bynweekday: [...rule.bynweekday].sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    bysetpos: [...rule.bysetpos].sort(byNumber),
  };
};

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const untilForms = [
  (d: Date) => `${d.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`,
  (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15),
  (d: Date) => d.toISOString().replace(/-/g, '').slice(0, 8),
];
/**
 * Rule texts of every supported part, in a random order, in random letter case and with or without `RRULE:`. The
 * rrule package picks a BYSETPOS below -(the set's size) as the first day (tmp.slice(-2)[0]) and counts a day two
 * positions pick twice towards COUNT, so the rules whose meetings are compared with its own have one BYSETPOS that is
 * positive or -1; the rules whose reading is compared have any.
 */
const ruleTexts = (bySetPos: fc.Arbitrary<number[]>) =>
  fc
    .record({
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
      byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
      byMonthDay: fc.option(fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -31, max: -1 })), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      byDay: fc.option(fc.uniqueArray(fc.tuple(fc.constantFrom(...weekdays), fc.constantFrom('', '1', '+2', '2', '-1', '-2', '4', '5')), { minLength: 1, maxLength: 3, selector: ([d]) => d }), { nil: undefined }),
      bySetPos: fc.option(bySetPos, { nil: undefined }),
      wkst: fc.option(fc.constantFrom(...weekdays), { nil: undefined }),
      until: fc.option(fc.tuple(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...untilForms)), { nil: undefined }),
      order: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 9, maxLength: 9 }),
      lower: fc.boolean(),
      prefix: fc.boolean(),
    })
    .filter((r) => !(r.byMonthDay && r.byDay && r.byMonth))
    .map((r) => {
      const parts = [`FREQ=${r.freq}`];
      if (r.interval) parts.push(`INTERVAL=${r.interval}`);
      if (r.count) parts.push(`COUNT=${r.count}`);
      else if (r.until) parts.push(`UNTIL=${r.until[1](r.until[0])}`);
      if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
      if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
      // an ordinal ("the 2nd Monday") is for monthly and yearly rules only (RFC 5545)
      if (r.byDay) parts.push(`BYDAY=${r.byDay.map(([d, n]) => `${r.freq === 'MONTHLY' || r.freq === 'YEARLY' ? n : ''}${d}`).join(',')}`);
      if (r.bySetPos && (r.byDay || r.byMonthDay)) parts.push(`BYSETPOS=${r.bySetPos.join(',')}`);
      if (r.wkst) parts.push(`WKST=${r.wkst}`);
      const text = parts.map((p, i) => [r.order[i]!, p] as const).sort((a, b) => a[0] - b[0]).map(([, p]) => p).join(';');
      return `${r.prefix ? 'RRULE:' : ''}${r.lower ? text.toLowerCase() : text}`;
    });
const ruleText = ruleTexts(fc.constantFrom(1, -1, 2, 3).map((p) => [p]));
const anyRuleText = ruleTexts(fc.uniqueArray(fc.constantFrom(1, -1, 2, 3, -2, -7, 366, -366), { minLength: 1, maxLength: 3 }));
const wallTime = fc.record({ day: fc.integer({ min: 0, max: 3 * 365 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 30, 45) }).map(({ day, hour, minute }) => {
  const d = new Date(Date.UTC(2025, 0, 1 + day, hour, minute));
  return d.toISOString().slice(0, 16);
});

/** The rule text as the rrule package reads it: it takes neither the `RRULE:` prefix's absence as a given nor lower-case weekdays. */
const forRrule = (rrule: string) => rrule.toUpperCase().replace(/^RRULE:/, '');

describe('our parser and bounded expansion give what the rrule package gives', () => {
  it('for random rules of the supported parts, over a year from a random day', () => {
    let compared = 0;
    fc.assert(
      fc.property(ruleText, wallTime, fc.integer({ min: 0, max: 4 * 365 }), (rrule, firstStartLocal, offsetDays) => {
        const result = checkRecurrence({ rrule, firstStartLocal }, new Date('2020-01-01T00:00:00Z'));
        fc.pre(result.ok);
        const rule = result.ok ? result.rule : (undefined as never);
        const from = new Date(Date.UTC(2025, 0, 1) + offsetDays * 86_400_000);
        const to = addMonths(from, 12);
        const endless = { ...rule, count: null, until: null };
        fc.pre(expandRule(endless, to.getTime() + SHANGHAI_MS, Date.UTC(2060, 0, 1), { maxOccurrences: 1, maxPeriods: 100_000, budgetMs: 5000 }).starts.length > 0);
        expect(expandRecurrence(rule, from, to).map((d) => d.toISOString())).toEqual(rruleOracle(forRrule(rrule), firstStartLocal, from, to));
        compared++;
      }),
      { numRuns: 400, seed: 18 },
    );
    expect(compared).toBe(400);
  });

  it('reads every random rule text as the rrule package reads it (DTSTART defaults included)', () => {
    let read = 0;
    fc.assert(
      fc.property(anyRuleText, wallTime, (rrule, firstStartLocal) => {
        const result = checkRecurrence({ rrule, firstStartLocal }, new Date('2020-01-01T00:00:00Z'));
        // the only refusal of these texts is a rule denser than 100 meetings a year
        if (result.ok) expect(sorted(result.rule)).toEqual(sorted(rruleOptionsOracle(forRrule(rrule), firstStartLocal)));
        else expect(result.problems).toEqual([{ path: 'body.rrule', message: coded('too_many_meetings', { max: 100 }) }]);
        if (result.ok) read++;
      }),
      { numRuns: 1000, seed: 20 },
    );
    expect(read).toBeGreaterThan(900);
  });
});

describe('the RRULE parser refuses, naming what is wrong', () => {
  const refused = (rrule: string) => {
    const parsed = parseRrule(rrule);
    if (parsed.ok) throw new Error(`${rrule} was accepted`);
    return parsed.message;
  };
  /** not_an_rrule with its detail: the detail's code and (some of) its parameters. */
  const notAnRrule = (code: string, params?: Record<string, unknown>) =>
    coded('not_an_rrule', { error: expect.objectContaining(params ? { code, params: expect.objectContaining(params) } : { code, params: {} }) });

  it.each([
    ['', 'rrule_freq_missing', undefined],
    ['INTERVAL=2;COUNT=3', 'rrule_freq_missing', undefined],
    ['FREQ=MONTHLY;', 'rrule_part_malformed', { part: '' }],
    ['FREQ=MONTHLY;;COUNT=2', 'rrule_part_malformed', { part: '' }],
    ['FREQ=MONTHLY;COUNT', 'rrule_part_malformed', { part: 'COUNT' }],
    ['FREQ=MONTHLY; COUNT=2', 'rrule_part_malformed', { part: ' COUNT=2' }],
    ['FREQ=MONTHLY;COLOUR=RED', 'rrule_part_unknown', { name: 'COLOUR' }],
    ['FREQ=MONTHLY;BYWEEKDAY=MO', 'rrule_part_unknown', { name: 'BYWEEKDAY' }],
    ['FREQ=MONTHLY;FREQ=WEEKLY', 'rrule_part_repeated', { name: 'FREQ' }],
    ['FREQ=MONTHLY;BYMONTHDAY=1;BYMONTHDAY=15', 'rrule_part_repeated', { name: 'BYMONTHDAY' }],
    ['FREQ=SOMETIMES', 'rrule_value_invalid', { name: 'FREQ', value: 'SOMETIMES', expected: coded('rrule_expect_freq') }],
    ['FREQ=', 'rrule_value_invalid', { name: 'FREQ', value: '' }],
    ['FREQ=MONTHLY;INTERVAL=0', 'rrule_value_invalid', { name: 'INTERVAL', value: '0', expected: coded('rrule_expect_positive_integer') }],
    ['FREQ=MONTHLY;INTERVAL=-1', 'rrule_value_invalid', { name: 'INTERVAL', value: '-1' }],
    ['FREQ=MONTHLY;INTERVAL=1.5', 'rrule_value_invalid', { name: 'INTERVAL', value: '1.5' }],
    ['FREQ=MONTHLY;COUNT=ABC', 'rrule_value_invalid', { name: 'COUNT', value: 'ABC', expected: coded('rrule_expect_positive_integer') }],
    ['FREQ=MONTHLY;COUNT=0', 'rrule_value_invalid', { name: 'COUNT', value: '0' }],
    ['FREQ=MONTHLY;UNTIL=2027', 'rrule_value_invalid', { name: 'UNTIL', value: '2027', expected: coded('rrule_expect_until') }],
    ['FREQ=MONTHLY;UNTIL=20270230', 'rrule_value_invalid', { name: 'UNTIL', value: '20270230' }],
    ['FREQ=MONTHLY;UNTIL=20271301T000000Z', 'rrule_value_invalid', { name: 'UNTIL', value: '20271301T000000Z' }],
    ['FREQ=MONTHLY;UNTIL=20271231T240000Z', 'rrule_value_invalid', { name: 'UNTIL', value: '20271231T240000Z' }],
    ['FREQ=MONTHLY;UNTIL=20271231T235960', 'rrule_value_invalid', { name: 'UNTIL', value: '20271231T235960' }],
    ['FREQ=MONTHLY;UNTIL=2027-12-31', 'rrule_value_invalid', { name: 'UNTIL', value: '2027-12-31' }],
    ['FREQ=WEEKLY;WKST=XX', 'rrule_value_invalid', { name: 'WKST', value: 'XX', expected: coded('rrule_expect_weekday') }],
    ['FREQ=WEEKLY;WKST=1MO', 'rrule_value_invalid', { name: 'WKST', value: '1MO' }],
    ['FREQ=YEARLY;BYMONTH=13', 'rrule_value_invalid', { name: 'BYMONTH', value: '13', expected: coded('rrule_expect_bymonth') }],
    ['FREQ=YEARLY;BYMONTH=0', 'rrule_value_invalid', { name: 'BYMONTH', value: '0' }],
    ['FREQ=YEARLY;BYMONTH=-1', 'rrule_value_invalid', { name: 'BYMONTH', value: '-1' }],
    ['FREQ=YEARLY;BYMONTH=1,,3', 'rrule_value_invalid', { name: 'BYMONTH', value: '1,,3' }],
    ['FREQ=YEARLY;BYMONTH=', 'rrule_value_invalid', { name: 'BYMONTH', value: '' }],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'rrule_value_invalid', { name: 'BYMONTHDAY', value: '32', expected: coded('rrule_expect_bymonthday') }],
    ['FREQ=MONTHLY;BYMONTHDAY=-32', 'rrule_value_invalid', { name: 'BYMONTHDAY', value: '-32' }],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'rrule_value_invalid', { name: 'BYMONTHDAY', value: '0' }],
    ['FREQ=MONTHLY;BYMONTHDAY=15TH', 'rrule_value_invalid', { name: 'BYMONTHDAY', value: '15TH' }],
    ['FREQ=MONTHLY;BYDAY=MON', 'rrule_value_invalid', { name: 'BYDAY', value: 'MON', expected: coded('rrule_expect_byday') }],
    ['FREQ=MONTHLY;BYDAY=0MO', 'rrule_value_invalid', { name: 'BYDAY', value: '0MO' }],
    ['FREQ=YEARLY;BYDAY=54MO', 'rrule_value_invalid', { name: 'BYDAY', value: '54MO' }],
    ['FREQ=MONTHLY;BYDAY=1MO,XX', 'rrule_value_invalid', { name: 'BYDAY', value: '1MO,XX' }],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'rrule_value_invalid', { name: 'BYSETPOS', value: '0', expected: coded('rrule_expect_bysetpos') }],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367', 'rrule_value_invalid', { name: 'BYSETPOS', value: '367' }],
    ['FREQ=MONTHLY;COUNT=3;UNTIL=20271231', 'rrule_count_with_until', undefined],
    ['FREQ=WEEKLY;BYDAY=1MO', 'rrule_ordinal_monthly_yearly', { value: '1MO' }],
    ['FREQ=DAILY;BYDAY=MO,-1FR', 'rrule_ordinal_monthly_yearly', { value: '-1FR' }],
  ])('%s: not an RRULE (%s)', (rrule, code, params) => {
    expect(refused(rrule)).toEqual(notAnRrule(code, params));
  });

  it('answers any text with a rule or a refusal, never an exception', () => {
    const partLike = fc.tuple(fc.constantFrom('FREQ', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYSETPOS', 'WKST', 'X', ''), fc.string({ maxLength: 12 })).map(([n, v]) => `${n}=${v}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(partLike, { maxLength: 6 }).map((p) => p.join(';'))), wallTime, (rrule, firstStartLocal) => {
        const parsed = parseRrule(rrule);
        expect(typeof parsed.ok).toBe('boolean');
        const result = checkRecurrence({ rrule, firstStartLocal }, now);
        if (!result.ok) for (const p of result.problems) expect(p.message.text('zh')).not.toMatch(/undefined|NaN|\[object/);
      }),
      { numRuns: 500, seed: 21 },
    );
  });

  it('refuses sub-daily frequencies and the parts the expansion does not implement, as unsupported, by name', () => {
    for (const freq of ['HOURLY', 'MINUTELY', 'SECONDLY']) expect(refused(`FREQ=${freq};BYHOUR=9`)).toEqual(coded('freq_supported'));
    for (const part of ['BYHOUR=9', 'BYMINUTE=30', 'BYSECOND=0', 'BYYEARDAY=100', 'BYWEEKNO=20', 'BYEASTER=0']) {
      expect(refused(`FREQ=YEARLY;${part}`)).toEqual(coded('rrule_parts_unsupported', { parts: part.split('=')[0] }));
    }
    expect(refused('FREQ=MONTHLY;BYWEEKNO=1;BYHOUR=9,15;BYMINUTE=0')).toEqual(coded('rrule_parts_unsupported', { parts: 'BYHOUR, BYMINUTE, BYWEEKNO' }));
  });

  it('names the field through checkRecurrence, with the detail as a message in both languages', () => {
    const result = checkRecurrence({ rrule: 'FREQ=MONTHLY;COUNT=3;UNTIL=20271231', firstStartLocal: '2027-01-04T09:00' }, now);
    expect(result).toEqual({ ok: false, problems: [{ path: 'body.rrule', message: notAnRrule('rrule_count_with_until') }] });
    const message = result.ok ? (undefined as never) : result.problems[0]!.message;
    expect(message.text('zh')).toBe('不是 RFC 5545 规定的 RRULE：COUNT 与 UNTIL 只能填写其一');
    expect(message.text('en')).toBe('not an RFC 5545 RRULE: COUNT and UNTIL are not given together');
    const garbage = checkRecurrence({ rrule: 'FREQ=SOMETIMES', firstStartLocal: 'tomorrow' }, now);
    expect(garbage).toEqual({
      ok: false,
      problems: [
        { path: 'body.firstStartLocal', message: coded('wall_time_format') },
        { path: 'body.rrule', message: notAnRrule('rrule_value_invalid', { name: 'FREQ', value: 'SOMETIMES', expected: coded('rrule_expect_freq') }) },
      ],
    });
  });

  it('reads what RFC 5545 allows: any order, any case, signs, date or date-time UNTIL, and fills the day parts from DTSTART', () => {
    expect(parseRrule('byday=+1mo,-1fr;freq=monthly;wkst=su;interval=2;until=20271231')).toEqual({
      ok: true,
      rule: { freq: 'MONTHLY', interval: 2, count: null, until: Date.UTC(2027, 11, 31), wkst: 6, bymonth: [], bymonthday: [], byday: [{ weekday: 0, n: 1 }, { weekday: 4, n: -1 }], bysetpos: [] },
    });
    expect(parseRrule('FREQ=YEARLY;UNTIL=20271231T235959Z;BYMONTHDAY=+5,-1;BYSETPOS=-1')).toMatchObject({ ok: true, rule: { until: Date.UTC(2027, 11, 31, 23, 59, 59), bymonthday: [5, -1], bysetpos: [-1] } });
    expect(checked('FREQ=YEARLY', '2027-03-15T09:00')).toMatchObject({ bymonth: [3], bymonthday: [15], byweekday: [], bynweekday: [] });
    expect(checked('FREQ=YEARLY;BYMONTH=6', '2027-03-15T09:00')).toMatchObject({ bymonth: [6], bymonthday: [15] });
    expect(checked('FREQ=MONTHLY', '2027-03-15T09:00')).toMatchObject({ bymonth: [], bymonthday: [15] });
    expect(checked('FREQ=WEEKLY', '2027-03-15T09:00')).toMatchObject({ byweekday: [0], bymonthday: [] });
    expect(checked('FREQ=MONTHLY;BYDAY=2TU,FR', '2027-03-15T09:00')).toMatchObject({ bymonthday: [], byweekday: [4], bynweekday: [[1, 2]] });
  });

  it('picks no day for a BYSETPOS beyond the set, from either end (where the rrule package picks the first day)', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    const mondays = (bysetpos: string) => expandRecurrence(checked(`FREQ=DAILY;BYMONTH=1;BYDAY=MO;${bysetpos}`, '2025-01-01T08:00'), from, addMonths(from, 1)).map((d) => d.toISOString().slice(0, 10));
    expect(mondays('BYSETPOS=1')).toEqual(['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27']);
    expect(mondays('BYSETPOS=-1,1')).toEqual(['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27']);
    expect(mondays('BYSETPOS=-2')).toEqual([]);
    expect(mondays('BYSETPOS=2')).toEqual([]);
  });
});

describe('no rule can stall the process (issue #18)', () => {
  it('refuses sub-daily frequencies and parts a joint conference never needs, naming body.rrule', () => {
    for (const rrule of ['FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=MINUTELY', 'FREQ=SECONDLY;INTERVAL=3600']) {
      expect(checkRecurrence({ rrule, firstStartLocal: '2027-01-04T09:00' }, now)).toEqual({ ok: false, problems: [{ path: 'body.rrule', message: coded('freq_supported') }] });
    }
    expect(checkRecurrence({ rrule: 'FREQ=MONTHLY;BYHOUR=9,15', firstStartLocal: '2027-01-04T09:00' }, now)).toMatchObject({ ok: false, problems: [{ path: 'body.rrule', message: coded('rrule_parts_unsupported', { parts: 'BYHOUR' }) }] });
    expect(checkRecurrence({ rrule: 'FREQ=YEARLY;BYWEEKNO=20', firstStartLocal: '2027-01-04T09:00' }, now)).toMatchObject({ ok: false, problems: [{ path: 'body.rrule', message: coded('rrule_parts_unsupported', { parts: 'BYWEEKNO' }) }] });
  });

  it.each([
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=9'],
    ['FREQ=DAILY;COUNT=5;BYMONTH=2;BYMONTHDAY=30'],
  ])('checks and expands %s, which no day matches, in well under a second', (rrule) => {
    const started = performance.now();
    const rule = checked(rrule, '2027-01-04T09:00');
    expect(expandRecurrence(rule, now, addMonths(now, 12))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a rule first met long ago with COUNT stops at the period limit instead of walking the centuries', () => {
    const rule = checked('FREQ=DAILY;COUNT=3;BYMONTH=2;BYMONTHDAY=30', '0100-01-01T09:00');
    const limits: ExpansionLimits = { maxOccurrences: 10, maxPeriods: 5000, budgetMs: 10_000 };
    expect(expandRule(rule, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), limits)).toEqual({ starts: [], complete: false });
  });

  it('stops when the time budget is spent, and returns at most maxOccurrences meetings', () => {
    const rule = checked('FREQ=WEEKLY', '2027-01-04T09:00');
    expect(expandRule(rule, Date.UTC(2027, 0, 1), Date.UTC(2030, 0, 1), { maxOccurrences: 5, maxPeriods: 10_000, budgetMs: 1000 })).toMatchObject({ complete: false, starts: { length: 5 } });
    expect(expandRule(rule, Date.UTC(2027, 0, 1), Date.UTC(2030, 0, 1), { maxOccurrences: 10_000, maxPeriods: 10_000, budgetMs: -1 })).toEqual({ starts: [], complete: false });
  });
});
