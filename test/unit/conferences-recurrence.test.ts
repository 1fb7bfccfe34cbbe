import fc from 'fast-check';
import * as rruleModule from 'rrule';
import { describe, expect, it } from 'vitest';
import { expandRule, type ExpansionLimits } from '../../shared/conferences/recurrence.js';
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

const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const ruleText = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    count: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    byMonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    byMonthDay: fc.option(fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 28 }), fc.integer({ min: -28, max: -1 })), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    byDay: fc.option(fc.uniqueArray(fc.tuple(fc.constantFrom(...weekdays), fc.constantFrom('', '1', '2', '-1', '4')), { minLength: 1, maxLength: 3, selector: ([d]) => d }), { nil: undefined }),
    bySetPos: fc.option(fc.constantFrom(1, -1, 2), { nil: undefined }),
    wkst: fc.option(fc.constantFrom(...weekdays), { nil: undefined }),
    until: fc.option(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }), { nil: undefined }),
  })
  .filter((r) => !(r.byMonthDay && r.byDay && r.byMonth))
  .map((r) => {
    const parts = [`FREQ=${r.freq}`];
    if (r.interval) parts.push(`INTERVAL=${r.interval}`);
    if (r.count) parts.push(`COUNT=${r.count}`);
    else if (r.until) parts.push(`UNTIL=${r.until.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
    if (r.byMonth) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byMonthDay) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byDay) parts.push(`BYDAY=${r.byDay.map(([d, n]) => `${n}${d}`).join(',')}`);
    if (r.bySetPos && (r.byDay || r.byMonthDay)) parts.push(`BYSETPOS=${r.bySetPos}`);
    if (r.wkst) parts.push(`WKST=${r.wkst}`);
    return parts.join(';');
  });
const wallTime = fc.record({ day: fc.integer({ min: 0, max: 3 * 365 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 30, 45) }).map(({ day, hour, minute }) => {
  const d = new Date(Date.UTC(2025, 0, 1 + day, hour, minute));
  return d.toISOString().slice(0, 16);
});

describe('the bounded expansion gives what the rrule package gives', () => {
  it('for random rules of the supported parts, over a year from a random day', () => {
    fc.assert(
      fc.property(ruleText, wallTime, fc.integer({ min: 0, max: 4 * 365 }), (rrule, firstStartLocal, offsetDays) => {
        const result = checkRecurrence({ rrule, firstStartLocal }, new Date('2020-01-01T00:00:00Z'));
        fc.pre(result.ok);
        const rule = result.ok ? result.rule : (undefined as never);
        const from = new Date(Date.UTC(2025, 0, 1) + offsetDays * 86_400_000);
        const to = addMonths(from, 12);
        const endless = { ...rule, count: null, until: null };
        fc.pre(expandRule(endless, to.getTime() + SHANGHAI_MS, Date.UTC(2060, 0, 1), { maxOccurrences: 1, maxPeriods: 100_000, budgetMs: 5000 }).starts.length > 0);
        expect(expandRecurrence(rule, from, to).map((d) => d.toISOString())).toEqual(rruleOracle(rrule, firstStartLocal, from, to));
      }),
      { numRuns: 400, seed: 18 },
    );
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
