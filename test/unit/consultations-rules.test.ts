import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarOf, isWorkingDay, looksLikeHtml, previousWorkingDay, reminderStageOn, takeToken } from '../../shared/consultations/rules.js';

const official = calendarOf([]);

describe('working days (Asia/Shanghai calendar days, the official schedule and the city’s own days)', () => {
  it.each([
    ['a Wednesday: Thursday, Friday, Monday', '2026-11-25', 3, '2026-11-30'],
    ['a Friday: Monday to Wednesday', '2026-11-27', 3, '2026-12-02'],
    ['a Saturday: counted from Monday', '2026-11-28', 1, '2026-11-30'],
    ['before 国庆: the holiday skipped, the adjusted Saturday 10.10 counted', '2026-09-30', 3, '2026-10-10'],
    ['before 春节: 2.14 (Saturday) is a working day, 2.15–2.23 are not', '2026-02-13', 2, '2026-02-24'],
    ['before 元旦: 1.1–1.3 off, Sunday 1.4 a working day', '2025-12-31', 1, '2026-01-04'],
    ['over 劳动节: 5.1–5.5 off, Saturday 5.9 a working day', '2026-04-30', 4, '2026-05-09'],
  ])('%s', (_name, from, n, due) => {
    expect(addWorkingDays(from, n, official)).toBe(due);
  });

  it('takes the city’s own days over the official ones', () => {
    const city = calendarOf([{ day: '2026-12-01', kind: 'holiday' }, { day: '2026-10-10', kind: 'regular' }]);
    expect(addWorkingDays('2026-11-27', 3, city)).toBe('2026-12-03');
    expect(isWorkingDay('2026-10-10', city)).toBe(false);
    expect(isWorkingDay('2026-10-10', official)).toBe(true);
  });

  it('reminds on the working day before the deadline and escalates the day after it', () => {
    expect(previousWorkingDay('2026-10-08', official)).toBe('2026-09-30');
    expect(reminderStageOn('2026-12-08', '2026-12-10', official)).toBeNull();
    expect(reminderStageOn('2026-12-09', '2026-12-10', official)).toBe('due_soon');
    expect(reminderStageOn('2026-12-10', '2026-12-10', official)).toBe('due_soon');
    expect(reminderStageOn('2026-12-11', '2026-12-10', official)).toBe('overdue');
    expect(reminderStageOn('2026-12-04', '2026-12-07', official)).toBe('due_soon');
  });
});

describe('a token bucket', () => {
  const rule = { capacity: 2, perHour: 2 };
  const at = new Date('2026-12-08T02:00:00Z');
  it('starts full, empties, and says when the next token comes', () => {
    const first = takeToken(rule, null, at);
    expect(first).toEqual({ ok: true, tokens: 1 });
    expect(takeToken(rule, { tokens: 1, at }, at)).toEqual({ ok: true, tokens: 0 });
    expect(takeToken(rule, { tokens: 0, at }, at)).toEqual({ ok: false, retryAfterSeconds: 1800 });
    expect(takeToken(rule, { tokens: 0, at }, new Date(at.getTime() + 1_800_000))).toEqual({ ok: true, tokens: 0 });
    expect(takeToken(rule, { tokens: 0, at }, new Date(at.getTime() + 10 * 3_600_000))).toEqual({ ok: true, tokens: 1 });
  });
});

it('recognises markup and character references, not ordinary text with < or &', () => {
  expect(looksLikeHtml('<a href="x">点此</a>')).toBe(true);
  expect(looksLikeHtml('请回复&nbsp;谢谢')).toBe(true);
  expect(looksLikeHtml('面积 < 50 平方米 & 三楼')).toBe(false);
});
