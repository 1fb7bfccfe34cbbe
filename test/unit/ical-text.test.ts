import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, renderCalendar } from '../../shared/conferences/ical.js';

const meeting = (summary: string, description = '议程') => ({
  uid: 'u1', sequence: 0, status: 'scheduled' as const, start: new Date('2027-01-15T01:30:00Z'), end: new Date('2027-01-15T03:30:00Z'),
  updatedAt: new Date('2026-12-01T00:00:00Z'), summary, location: '三楼', description, recurrenceId: new Date('2027-01-15T01:30:00Z'), seriesId: 's1',
});

describe('iCalendar TEXT (RFC 5545 §3.3.11)', () => {
  it('turns a lone CR, CRLF and LF alike into \\n, and drops other control characters', () => {
    expect(escapeText('一\r二\r\n三\n四\u0007五\t六')).toBe('一\\n二\\n三\\n四五\t六');
  });

  it('lets no bare CR or LF into the feed, so a title cannot start a property of its own', () => {
    const ics = renderCalendar('沙面街道\r', [meeting('联席会议\rATTENDEE:mailto:attacker@example.com', `第一项\r第二项${'议程'.repeat(40)}`)]);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('联席会议\nATTENDEE:mailto:attacker@example.com');
    expect(event.attendees).toEqual([]);
    expect(event.description).toBe(`第一项\n第二项${'议程'.repeat(40)}`);
  });
});
