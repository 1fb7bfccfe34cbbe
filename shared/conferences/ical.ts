import { CONFERENCE_TIME_ZONE } from './rules.js';

export interface CalendarEvent {
  /** Stable across updates: the occurrence's id. */
  uid: string;
  sequence: number;
  status: 'scheduled' | 'cancelled' | 'held';
  start: Date;
  end: Date;
  updatedAt: Date;
  summary: string;
  location: string;
  description: string;
  /** The rule slot this meeting fills, so a client can relate a moved meeting to its series. */
  recurrenceId: Date;
  seriesId: string;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const utcStamp = (d: Date) => compact(d.toISOString());
const localStamp = (d: Date) => compact(new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString()).replace(/Z$/, '');

/** RFC 5545 §3.3.11 TEXT escaping: any line break (CRLF, LF or a lone CR) becomes \n; other control characters (not HTAB) are not TEXT and are dropped. */
export const escapeText = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

/** RFC 5545 §3.1: lines longer than 75 octets are folded, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const vtimezone = [
  'BEGIN:VTIMEZONE',
  `TZID:${CONFERENCE_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** A VCALENDAR with one VEVENT per occurrence; cancelled ones stay with STATUS:CANCELLED so subscribed clients drop them. */
export function renderCalendar(name: string, events: CalendarEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Shequ//Joint conferences//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`, `X-WR-TIMEZONE:${CONFERENCE_TIME_ZONE}`, ...vtimezone];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}@shequ`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utcStamp(e.updatedAt)}`,
      `LAST-MODIFIED:${utcStamp(e.updatedAt)}`,
      `DTSTART;TZID=${CONFERENCE_TIME_ZONE}:${localStamp(e.start)}`,
      `DTEND;TZID=${CONFERENCE_TIME_ZONE}:${localStamp(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      `RELATED-TO:${e.seriesId}@shequ`,
      `X-SHEQU-RECURRENCE-SLOT:${utcStamp(e.recurrenceId)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
