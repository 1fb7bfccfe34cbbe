import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { foldLine, renderCalendar } from '../../shared/conferences/ical.js';
import { addMonths, cadencePeriod, cadenceStatus, checkRecurrence, expandRecurrence, invitationStageDue, quorumRequired, resolutionStageDue } from '../../shared/conferences/rules.js';
import { issueToken, readToken } from '../../shared/conferences/tokens.js';
import { coded } from '../support/messages.js';

const now = new Date('2026-11-25T02:00:00Z');
const rule = (rrule: string, firstStartLocal: string) => {
  const checked = checkRecurrence({ rrule, firstStartLocal }, now);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.rule;
};

describe('recurrence in Asia/Shanghai', () => {
  it('expands across the year boundary at the same wall time (no daylight saving)', () => {
    const meetings = expandRecurrence(rule('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=31', '2026-12-31T23:30'), now, addMonths(now, 12));
    expect(meetings.map((d) => d.toISOString())).toEqual(['2026-12-31T15:30:00.000Z', '2027-03-31T15:30:00.000Z']);
  });

  it('refuses more than 100 meetings a year, and names the field of a bad rule', () => {
    expect(checkRecurrence({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', firstStartLocal: '2027-01-04T09:00' }, now).ok).toBe(true);
    expect(checkRecurrence({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU', firstStartLocal: '2027-01-04T09:00' }, now).ok).toBe(false);
    expect(checkRecurrence({ rrule: 'FREQ=DAILY', firstStartLocal: '2027-01-04T09:00' }, now)).toEqual({ ok: false, problems: [{ path: 'body.rrule', message: coded('too_many_meetings', { max: 100 }) }] });
    expect(checkRecurrence({ rrule: 'RRULE:FREQ=MONTHLY;COUNT=3', firstStartLocal: '2027-02-30T09:00' }, now)).toMatchObject({ ok: false, problems: [{ path: 'body.firstStartLocal' }] });
    expect(checkRecurrence({ rrule: 'DTSTART:20270101T000000Z\nFREQ=DAILY', firstStartLocal: '2027-01-04T09:00' }, now)).toMatchObject({ ok: false, problems: [{ path: 'body.rrule' }] });
  });

  it('reads the cadence a rule requires and flags a series once the due day is over', () => {
    expect(cadencePeriod(rule('FREQ=MONTHLY;INTERVAL=3', '2027-01-15T09:00'))).toEqual({ months: 3, days: 0 });
    expect(cadencePeriod(rule('FREQ=YEARLY', '2027-01-15T09:00'))).toEqual({ months: 12, days: 0 });
    expect(cadencePeriod(rule('FREQ=WEEKLY;INTERVAL=2', '2027-01-15T09:00'))).toEqual({ months: 0, days: 14 });
    const period = { months: 3, days: 0 };
    const held = new Date('2027-01-15T01:00:00Z');
    expect(cadenceStatus({ firstStart: held, lastHeld: held, period, now: new Date('2027-04-15T15:59:00Z') }).status).toBe('ok');
    expect(cadenceStatus({ firstStart: held, lastHeld: held, period, now: new Date('2027-04-15T16:00:00Z') }).status).toBe('overdue');
    expect(cadenceStatus({ firstStart: held, lastHeld: null, period, now: new Date('2027-02-01T00:00:00Z') }).status).toBe('not_yet_due');
  });
});

describe('quorum and reminder stages', () => {
  it('needs more than the share of invited units', () => {
    expect([quorumRequired(0, 50), quorumRequired(3, 50), quorumRequired(4, 50), quorumRequired(4, 100), quorumRequired(10, 66)]).toEqual([0, 2, 3, 4, 7]);
  });

  it('puts an invitation in one stage at a time and skips a stage the invitation itself fell in', () => {
    const start = new Date('2027-03-15T01:30:00Z');
    const invited = new Date('2027-02-20T00:00:00Z');
    expect(invitationStageDue(start, invited, new Date('2027-03-07T15:59:00Z'))).toBeNull();
    expect(invitationStageDue(start, invited, new Date('2027-03-08T01:30:00Z'))).toBe('invitation_7d');
    expect(invitationStageDue(start, invited, new Date('2027-03-14T01:30:00Z'))).toBe('invitation_1d');
    expect(invitationStageDue(start, new Date('2027-03-10T00:00:00Z'), new Date('2027-03-11T00:00:00Z'))).toBeNull();
    expect(invitationStageDue(start, invited, start)).toBeNull();
    // stages are calendar days in Asia/Shanghai (#22): the 08:10 sweep of the 7th day before a 09:30 meeting, and of the day before
    expect(invitationStageDue(start, invited, new Date('2027-03-08T00:10:00Z'))).toBe('invitation_7d');
    expect(invitationStageDue(start, invited, new Date('2027-03-14T00:10:00Z'))).toBe('invitation_1d');
    expect(invitationStageDue(start, invited, new Date('2027-03-13T15:59:00Z'))).toBe('invitation_7d');
    expect(invitationStageDue(start, invited, new Date('2027-03-13T16:00:00Z'))).toBe('invitation_1d');
    // an evening meeting: the same days, not the same hours
    const evening = new Date('2027-03-15T11:30:00Z');
    expect(invitationStageDue(evening, invited, new Date('2027-03-07T23:59:00Z'))).toBe('invitation_7d');
    expect(invitationStageDue(evening, invited, new Date('2027-03-07T15:00:00Z'))).toBeNull();
    // invited on the 7th day before: that stage is skipped, the day before is not
    expect(invitationStageDue(start, new Date('2027-03-08T00:10:00Z'), new Date('2027-03-08T08:00:00Z'))).toBeNull();
    expect(invitationStageDue(start, new Date('2027-03-08T00:10:00Z'), new Date('2027-03-14T00:10:00Z'))).toBe('invitation_1d');
    expect(invitationStageDue(start, new Date('2027-03-14T00:10:00Z'), new Date('2027-03-14T08:00:00Z'))).toBeNull();
    expect([resolutionStageDue('2027-03-31', '2027-03-27'), resolutionStageDue('2027-03-31', '2027-03-28'), resolutionStageDue('2027-03-31', '2027-03-31'), resolutionStageDue('2027-03-31', '2027-04-01')]).toEqual([null, 'resolution_due_soon', 'resolution_due_soon', 'resolution_overdue']);
  });
});

describe('tokens and calendars', () => {
  it('issues 256-bit tokens behind the city code and keeps only their hash', () => {
    const { token, hash } = issueToken('4401');
    expect(readToken(token)).toEqual({ tenant: '4401', hash });
    expect(hash).not.toContain(token.slice(5));
    expect(readToken('4401.short')).toBeNull();
    expect(issueToken('4401').token).not.toBe(token);
  });

  it('folds long lines at 75 octets without splitting a Chinese character, and escapes text', () => {
    const folded = foldLine(`SUMMARY:${'联席会议'.repeat(30)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const ics = renderCalendar('沙面街道', [{ uid: 'u1', sequence: 2, status: 'scheduled', start: new Date('2027-01-15T01:30:00Z'), end: new Date('2027-01-15T03:30:00Z'), updatedAt: now, summary: '会议; 共建, 共享', location: '三楼', description: `${'议程'.repeat(60)}\n第二项`, recurrenceId: new Date('2027-01-15T01:30:00Z'), seriesId: 's1' }]);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('会议; 共建, 共享');
    expect(event.description).toBe(`${'议程'.repeat(60)}\n第二项`);
    expect(event.sequence).toBe(2);
  });
});
