import { describe, expect, it } from 'vitest';
import { addIsoDays, calendarDaysBefore, isoDaysBetween, shanghaiDayStart } from '../../shared/dates.js';

describe('calendar days before, in Asia/Shanghai', () => {
  it('counts days between the Shanghai dates, whatever the times of day', () => {
    const meeting = new Date('2027-03-15T01:30:00Z'); // 09:30 on 15 March in Shanghai
    expect(calendarDaysBefore(meeting, new Date('2027-03-08T00:10:00Z'))).toBe(7); // the 08:10 sweep, 7 days minus 80 minutes
    expect(calendarDaysBefore(meeting, new Date('2027-03-07T15:59:59Z'))).toBe(8); // 23:59:59 on the 7th
    expect(calendarDaysBefore(meeting, new Date('2027-03-14T00:10:00Z'))).toBe(1);
    expect(calendarDaysBefore(meeting, new Date('2027-03-15T00:10:00Z'))).toBe(0);
    expect(calendarDaysBefore(new Date('2027-03-14T16:30:00Z'), new Date('2027-03-14T15:30:00Z'))).toBe(1); // 00:30 tomorrow, an hour away
  });

  it('adds and counts days across month and year ends, and starts a day at 00:00 +08:00', () => {
    expect(addIsoDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addIsoDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addIsoDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(isoDaysBetween('2026-12-25', '2027-01-01')).toBe(7);
    expect(isoDaysBetween('2027-01-01', '2026-12-25')).toBe(-7);
    expect(shanghaiDayStart('2027-03-15').toISOString()).toBe('2027-03-14T16:00:00.000Z');
  });
});
