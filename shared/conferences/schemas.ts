import { z } from '@hono/zod-openapi';
import { districtOrStreetCode, divisionCode, isoDate, streetCode } from '../patterns.js';
import { feedScopes, invitationReplies, memberUnitTypes, occurrenceStatuses, resolutionStatuses, seriesStatuses } from './rules.js';
import { msg } from './messages.js';
import { zodIssue } from '../zod-messages.js';

const convenerCode = districtOrStreetCode;
const unitCode = divisionCode;
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, msg.local_time_format().code);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const sharedResource = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: '职工篮球场' }),
    openHours: z.string().trim().max(100).optional().openapi({ example: '周六、周日 08:00-18:00' }),
    description: z.string().trim().max(500).optional(),
  })
  .strict()
  .openapi('SharedResource');

export const createMemberUnitInput = z
  .object({
    street: streetCode.optional().openapi({ description: 'the street the unit sits in; a street officer’s own street by default' }),
    name: z.string().trim().min(2).max(100).openapi({ example: '珠海市香洲区人民医院' }),
    type: z.enum(memberUnitTypes).openapi({ description: 'agency 机关, organisation 团体, military 部队, enterprise 企事业单位, other 其他' }),
    contactPerson: z.string().trim().min(1).max(40).optional(),
    phone: z.string().trim().min(5).max(30).optional().openapi({ example: '13800138000', description: 'sealed at rest; shown masked' }),
    email: z.email().max(200).optional().openapi({ description: 'where invitations, reminders and reply links are mailed' }),
    sharedResources: z.array(sharedResource).max(50).optional(),
  })
  .strict()
  .openapi('CreateMemberUnit');
export type CreateMemberUnitInput = z.infer<typeof createMemberUnitInput>;

export const memberUnitPatch = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    type: z.enum(memberUnitTypes).optional(),
    contactPerson: z.string().trim().min(1).max(40).nullable().optional(),
    phone: z.string().trim().min(5).max(30).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    sharedResources: z.array(sharedResource).max(50).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('MemberUnitPatch');
export type MemberUnitPatch = z.infer<typeof memberUnitPatch>;

export const memberUnit = z
  .object({
    id: z.uuid(),
    streetCode: z.string(),
    streetName: z.string().nullable().openapi({ example: '沙面街道', description: 'the street’s name in force today' }),
    name: z.string(),
    type: z.enum(memberUnitTypes),
    typeLabel: z.string().openapi({ example: '企事业单位' }),
    contactPerson: z.string().nullable(),
    phone: z.string().nullable().openapi({ example: '138****8000', description: 'masked unless ?reveal=true by an officer (audited)' }),
    email: z.string().nullable(),
    sharedResources: z.array(sharedResource),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MemberUnit');
export type MemberUnitView = z.infer<typeof memberUnit>;

export const listMemberUnitsQuery = z.object({
  unit: unitCode.optional().openapi({ description: 'member units under this division (my unit by default)' }),
  type: z.enum(memberUnitTypes).optional(),
  active: flag.optional(),
  reveal: flag.optional().openapi({ description: 'phones in full (officers only; audited)' }),
});
export type ListMemberUnitsInput = z.infer<typeof listMemberUnitsQuery>;

export const revealQuery = z.object({ reveal: flag.optional() });

const seriesFields = {
  title: z.string().trim().min(2).max(100).openapi({ example: '翠香街道社区工作联席会议' }),
  rrule: z.string().trim().min(6).max(300).openapi({ example: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', description: 'RFC 5545 RRULE value (no DTSTART); at most 100 meetings a year' }),
  firstStartLocal: localTime.openapi({ example: '2027-01-15T09:30', description: 'the first meeting, Asia/Shanghai wall time' }),
  timeZone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  durationMinutes: z.number().int().min(15).max(720).default(120),
  venue: z.string().trim().min(2).max(200).openapi({ example: '翠香街道办事处三楼会议室' }),
  agenda: z.string().trim().max(5000).default(''),
  quorumPercent: z.number().int().min(1).max(100).default(50).openapi({ description: 'quorum when more than this share of invited units attend (all at 100)' }),
  defaultInvitees: z.array(z.uuid()).max(500).default([]).openapi({ description: 'member units invited to every meeting' }),
};

export const createSeriesInput = z
  .object({
    convenerUnit: convenerCode.optional().openapi({ description: 'the convening street or district; my unit by default' }),
    ...seriesFields,
  })
  .strict()
  .openapi('CreateConferenceSeries');
export type CreateSeriesInput = z.infer<typeof createSeriesInput>;

export const seriesPatch = z
  .object({
    title: seriesFields.title.optional(),
    rrule: seriesFields.rrule.optional(),
    firstStartLocal: localTime.optional(),
    durationMinutes: z.number().int().min(15).max(720).optional(),
    venue: seriesFields.venue.optional(),
    agenda: z.string().trim().max(5000).optional(),
    quorumPercent: z.number().int().min(1).max(100).optional(),
    defaultInvitees: z.array(z.uuid()).max(500).optional(),
    status: z.enum(seriesStatuses).optional().openapi({ description: '`ended` cancels every future meeting' }),
  })
  .strict()
  .openapi('ConferenceSeriesPatch');
export type SeriesPatch = z.infer<typeof seriesPatch>;

/** Said of a series whose first meeting is past when it is read: only coming meetings are scheduled, so a held one is recorded by hand. */
export const pastFirstMeeting = z
  .object({
    startsLocal: z.string().openapi({ example: '2026-11-15T09:30', description: 'the first meeting, Asia/Shanghai wall time' }),
    messageCode: z.literal('first_meeting_past'),
    message: z.string().openapi({ example: '首次会议时间（2026-11-15 09:30）已过：系统只排定今后的会议。如该次会议已经召开，请补录会议纪要。' }),
  })
  .openapi('ConferencePastFirstMeeting');

export const series = z
  .object({
    id: z.uuid(),
    convenerUnit: z.string(),
    convenerName: z.string().nullable().openapi({ example: '沙面街道', description: 'the convening division’s name in force today' }),
    title: z.string(),
    rrule: z.string(),
    firstStartLocal: z.string(),
    timeZone: z.string(),
    durationMinutes: z.number().int(),
    venue: z.string(),
    agenda: z.string(),
    quorumPercent: z.number().int(),
    defaultInvitees: z.array(z.uuid()),
    status: z.enum(seriesStatuses),
    statusLabel: z.string().openapi({ example: '定期召开' }),
    revision: z.number().int(),
    materialisedRevision: z.number().int().nullable().openapi({ description: 'the revision the scheduling worker has applied; behind `revision` while it works' }),
    materialisedUntil: z.string().nullable(),
    nextMeetings: z.array(z.string()).openapi({ description: 'the next meetings the rule makes (Asia/Shanghai), whether or not materialised yet' }),
    pastFirstMeeting: pastFirstMeeting.nullable().openapi({ description: 'set while the first meeting is past and no meeting of the series has taken place in the system: record the one held with POST /v1/conferences/series/{id}/held-meetings' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ConferenceSeries');
export type SeriesView = z.infer<typeof series>;

export const listSeriesQuery = z.object({ unit: unitCode.optional(), status: z.enum(seriesStatuses).optional() });

export const invitation = z
  .object({
    id: z.uuid(),
    memberUnitId: z.uuid(),
    memberUnitName: z.string(),
    reply: z.enum(invitationReplies),
    replyLabel: z.string(),
    delegateName: z.string().nullable(),
    replyComment: z.string().nullable(),
    repliedAt: z.string().nullable(),
    attended: z.boolean().nullable(),
    noticedAt: z.string().nullable().openapi({ description: 'when the invitation (or the last change notice) was mailed' }),
  })
  .openapi('ConferenceInvitation');

export const agendaItem = z
  .object({
    kind: z.enum(['agenda', 'carried_resolution']),
    title: z.string(),
    resolutionId: z.uuid().nullable(),
    dueDate: z.string().nullable(),
  })
  .openapi('AgendaItem');

export const resolution = z
  .object({
    id: z.uuid(),
    seriesId: z.uuid(),
    occurrenceId: z.uuid(),
    title: z.string(),
    ownerMemberUnitId: z.uuid().nullable(),
    ownerUnit: z.string().nullable(),
    ownerName: z.string().nullable(),
    dueDate: z.string(),
    status: z.enum(resolutionStatuses),
    public: z.boolean().openapi({ description: 'shown on the public pages of the convener’s communities' }),
    overdue: z.boolean(),
    statusLabel: z.string().openapi({ example: '办理中', description: 'open, closed or overdue, in words' }),
    closedAt: z.string().nullable(),
    closingNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ConferenceResolution');
export type ResolutionView = z.infer<typeof resolution>;

export const quorum = z
  .object({
    invited: z.number().int(),
    required: z.number().int(),
    accepted: z.number().int().openapi({ description: 'accepted or delegated' }),
    declined: z.number().int(),
    pending: z.number().int(),
    expected: z.boolean().openapi({ description: 'the replies so far reach the quorum' }),
    attended: z.number().int().nullable(),
    met: z.boolean().nullable().openapi({ description: 'after the meeting: the attendance reached the quorum' }),
  })
  .openapi('ConferenceQuorum');

export const occurrence = z
  .object({
    id: z.uuid(),
    seriesId: z.uuid(),
    title: z.string(),
    convenerUnit: z.string(),
    convenerName: z.string().nullable().openapi({ example: '沙面街道' }),
    startsAt: z.string(),
    startsAtLocal: z.string(),
    endsAt: z.string(),
    venue: z.string(),
    status: z.enum(occurrenceStatuses),
    statusLabel: z.string().openapi({ example: '已召开' }),
    sequence: z.number().int(),
    detached: z.boolean().openapi({ description: 'moved by hand; a later rule change leaves it where it is' }),
    changeReason: z.string().nullable(),
    agenda: z.array(agendaItem),
    quorum,
    minutes: z.string().nullable(),
    invitations: z.array(invitation),
    resolutions: z.array(resolution),
  })
  .openapi('ConferenceOccurrence');
export type OccurrenceView = z.infer<typeof occurrence>;

export const occurrenceSummary = occurrence.omit({ invitations: true, resolutions: true, agenda: true, minutes: true }).openapi('ConferenceOccurrenceSummary');
export type OccurrenceSummaryView = z.infer<typeof occurrenceSummary>;

export const listOccurrencesQuery = z.object({
  series: z.uuid().optional(),
  unit: unitCode.optional(),
  from: isoDate.optional().openapi({ description: 'Asia/Shanghai date; default today' }),
  to: isoDate.optional().openapi({ description: 'exclusive; default a year after from' }),
  status: z.enum(occurrenceStatuses).optional(),
});
export type ListOccurrencesInput = z.infer<typeof listOccurrencesQuery>;

export const cancelOccurrenceInput = z.object({ reason: z.string().trim().min(2).max(500) }).strict().openapi('CancelOccurrence');
export const moveOccurrenceInput = z
  .object({
    startsLocal: localTime.openapi({ example: '2027-01-22T14:30' }),
    durationMinutes: z.number().int().min(15).max(720).optional(),
    venue: z.string().trim().min(2).max(200).optional(),
    reason: z.string().trim().min(2).max(500),
  })
  .strict()
  .openapi('MoveOccurrence');
export type MoveOccurrenceInput = z.infer<typeof moveOccurrenceInput>;

export const minutesInput = z
  .object({
    minutes: z.string().trim().min(2).max(20_000),
    attendance: z.array(z.object({ memberUnitId: z.uuid(), attended: z.boolean() }).strict()).max(500),
    resolutions: z
      .array(
        z
          .object({
            title: z.string().trim().min(2).max(500),
            ownerMemberUnitId: z.uuid().optional(),
            ownerUnit: unitCode.optional(),
            dueDate: isoDate,
            public: z.boolean().default(false).openapi({ description: '公开: shown on the public pages (居务公开) of the convener’s communities' }),
          })
          .strict()
          .refine((r) => Boolean(r.ownerMemberUnitId) !== Boolean(r.ownerUnit), zodIssue(msg.owner_one_of(), ['ownerMemberUnitId'])),
      )
      .max(100)
      .default([]),
    closeResolutions: z.array(z.object({ id: z.uuid(), note: z.string().trim().min(2).max(1000) }).strict()).max(100).default([]).openapi({ description: 'carried resolutions the meeting closed' }),
  })
  .strict()
  .openapi('ConferenceMinutes');
export type MinutesInput = z.infer<typeof minutesInput>;

export const heldMeetingInput = minutesInput
  .extend({
    startsLocal: localTime.openapi({ example: '2026-11-15T09:30', description: 'when the meeting began, Asia/Shanghai wall time; not after now' }),
    durationMinutes: z.number().int().min(15).max(720).optional().openapi({ description: 'the series’ length by default' }),
    venue: z.string().trim().min(2).max(200).optional().openapi({ description: 'the series’ venue by default' }),
  })
  .strict()
  .openapi('HeldConferenceMeeting', { description: 'a meeting already held, recorded after the fact: when and where, then attendance, minutes and resolutions as for a scheduled meeting' });
export type HeldMeetingInput = z.infer<typeof heldMeetingInput>;

export const listResolutionsQuery = z.object({ unit: unitCode.optional(), series: z.uuid().optional(), status: z.enum(resolutionStatuses).optional() });
export const closeResolutionInput = z.object({ note: z.string().trim().min(2).max(1000) }).strict().openapi('CloseResolution');

export const CADENCE_MAX_WINDOW_YEARS = 5;
export const cadenceQuery = z.object({
  unit: unitCode.optional().openapi({ description: 'streets and districts under this division; my unit by default' }),
  from: isoDate.optional().openapi({ description: 'first day of the counting window (Asia/Shanghai, inclusive); default: the day after the same date 12 months before `to`' }),
  to: isoDate.optional().openapi({ description: `last day of the counting window (Asia/Shanghai, inclusive); default today. At most ${CADENCE_MAX_WINDOW_YEARS} years from \`from\`` }),
});
export type CadenceInput = z.infer<typeof cadenceQuery>;
export const cadenceItem = z
  .object({
    seriesId: z.uuid(),
    convenerUnit: z.string(),
    title: z.string(),
    period: z.object({ months: z.number().int(), days: z.number().int() }),
    lastHeldAt: z.string().nullable(),
    dueBy: z.string(),
    status: z.enum(['ok', 'overdue', 'not_yet_due']),
    flagged: z.boolean(),
    expected: z.number().int().openapi({ description: 'meetings the series rule set that started in the window (and before now), a moved one counted where it took place, less those cancelled; those due before the series was entered here count too' }),
    held: z.number().int().openapi({ description: 'meetings held in the window (minutes recorded, also after the fact)' }),
    heldOnTime: z.number().int().openapi({ description: 'of those held, the ones held on (or before) the day their rule set; a meeting moved to a later day is held late' }),
  })
  .openapi('ConferenceCadence');
export type CadenceItemView = z.infer<typeof cadenceItem>;
export const cadenceWindow = z
  .object({ from: z.string().openapi({ example: '2025-11-26' }), to: z.string().openapi({ example: '2026-11-25' }) })
  .openapi('ConferenceCadenceWindow', { description: 'the counting window, Asia/Shanghai dates, both inclusive' });
export const cadenceReport = z
  .object({
    unit: z.string(),
    asOf: z.string(),
    window: cadenceWindow,
    items: z.array(cadenceItem),
    flagged: z.number().int(),
    expected: z.number().int().openapi({ description: 'sum over the items' }),
    held: z.number().int().openapi({ description: 'sum over the items' }),
    heldOnTime: z.number().int().openapi({ description: 'sum over the items' }),
    streetsWithoutSeries: z.array(z.string()).openapi({ description: 'streets and towns under the unit that convene no active series' }),
  })
  .openapi('ConferenceCadenceReport');

export const calendarQuery = z.object({
  unit: districtOrStreetCode.optional(),
  memberUnit: z.uuid().optional(),
});

export const createFeedInput = z
  .object({
    scope: z.enum(feedScopes).openapi({ description: '`unit`: meetings a street or district convenes; `member_unit`: meetings a member unit is invited to' }),
    subject: z.string().min(6).max(36).openapi({ description: 'the street/district code, or the member unit id' }),
  })
  .strict()
  .openapi('CreateCalendarFeed');
export const calendarFeed = z
  .object({
    id: z.uuid(),
    scope: z.enum(feedScopes),
    subject: z.string(),
    url: z.string().nullable().openapi({ example: 'https://api.example.cn/ical/4401.4z36zll6VOMoSw5tnqOHoWYsxLDBnWwpG6_Q7BWIIIg.ics', description: 'absolute, on the origin the request came to; shown once, at creation; only its hash is kept' }),
    path: z.string().nullable().openapi({ example: '/ical/4401.4z36zll6VOMoSw5tnqOHoWYsxLDBnWwpG6_Q7BWIIIg.ics', description: 'the same URL relative to the API origin; shown once, at creation' }),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('CalendarFeed');
export type CalendarFeedView = z.infer<typeof calendarFeed>;

/** A feed as listed: never its token or URL (only the hash is stored; the URL is shown once, at creation). */
export const calendarFeedSummary = z
  .object({
    id: z.uuid(),
    scope: z.enum(feedScopes),
    subject: z.string().openapi({ description: 'the street/district code, or the member unit id' }),
    subjectName: z.string().nullable().openapi({ example: '沙面街道', description: 'the division’s or the member unit’s name, when known' }),
    streetCode: z.string().nullable().openapi({ description: 'for a member unit: the street it sits in' }),
    createdBy: z.string().openapi({ description: 'the subject (user id) of who created it' }),
    createdAt: z.string(),
    revoked: z.boolean(),
    revokedAt: z.string().nullable(),
  })
  .openapi('CalendarFeedSummary');
export type CalendarFeedSummaryView = z.infer<typeof calendarFeedSummary>;
export const listCalendarFeedsQuery = z.object({ unit: unitCode.optional().openapi({ description: 'feeds of this division and below, or of member units in it; my unit by default' }) });
export const calendarFeedList = z.object({ items: z.array(calendarFeedSummary) }).openapi('CalendarFeedList');

export const replyInput = z
  .object({
    reply: z.enum(['accepted', 'declined', 'delegated']).openapi({ description: 'accepted 参加, declined 不参加, delegated 委托他人参加' }),
    delegateName: z.string().trim().min(1).max(60).optional(),
    comment: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((r) => r.reply !== 'delegated' || Boolean(r.delegateName), zodIssue(msg.delegate_needed(), ['delegateName']))
  .openapi('InvitationReply');
export type ReplyInput = z.infer<typeof replyInput>;

export const replyView = z
  .object({
    conference: z.string(),
    convenerUnit: z.string(),
    convenerName: z.string().nullable(),
    memberUnit: z.string(),
    startsAtLocal: z.string(),
    endsAtLocal: z.string(),
    venue: z.string(),
    status: z.enum(occurrenceStatuses),
    agenda: z.array(agendaItem),
    reply: z.enum(invitationReplies),
    replyLabel: z.string(),
    delegateName: z.string().nullable(),
    repliedAt: z.string().nullable(),
    replyOpenUntil: z.string(),
  })
  .openapi('InvitationReplyPage');
export type ReplyView = z.infer<typeof replyView>;

