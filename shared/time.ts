/** Times are stored in UTC and shown in China Standard Time, which has no daylight saving. */
export const displayTimeZone = 'Asia/Shanghai';
const offsetMs = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** An instant as Asia/Shanghai wall time with its offset, e.g. 2027-03-01T08:00:00+08:00. */
export function shanghaiTime(at: Date): string {
  return `${new Date(at.getTime() + offsetMs).toISOString().slice(0, 19)}+08:00`;
}
