import type { Role } from '../auth/principal.js';

// Apart from rules.ts, which loads rrule: the console reads these to show only the forms the API accepts.

/** Convene joint conferences and manage them (change, cancel, minutes, close resolutions): a street office, or its district. */
export const conferenceConveners: readonly Role[] = ['street_officer', 'district_officer'];
/** Register and edit the member units (成员单位) invited to joint conferences. */
export const memberUnitEditors: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];
/** Create and revoke calendar feeds (iCalendar subscription links). */
export const calendarFeedManagers: readonly Role[] = ['city_admin', 'district_officer', 'street_officer'];
