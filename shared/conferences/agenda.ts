import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conferenceInvitations, conferenceOccurrences, conferenceResolutions, conferenceSeries, divisions, memberUnits } from '../../db/schema/index.js';
import { shanghaiDate } from '../dates.js';
import { inForce } from '../hierarchy/service.js';
import { occurrenceStatusLabels, replyLabels, resolutionStatusLabels } from './messages.js';
import { quorumRequired } from './rules.js';
import type { OccurrenceSummaryView, OccurrenceView, ResolutionView } from './schemas.js';
import { shanghaiTime } from '../time.js';

export type SeriesRow = typeof conferenceSeries.$inferSelect;
export type OccurrenceRow = typeof conferenceOccurrences.$inferSelect;
export type InvitationRow = typeof conferenceInvitations.$inferSelect;
export type ResolutionRow = typeof conferenceResolutions.$inferSelect;
type AgendaItem = OccurrenceView['agenda'][number];

/** The names in force today of convening units (streets, districts), by code; a code no longer in force has none. */
export async function unitNames(tx: Tx, codes: Iterable<string>, now: Date): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (!wanted.length) return new Map();
  const rows = await tx.select({ code: divisions.code, name: divisions.name }).from(divisions).where(and(inArray(divisions.code, wanted), inForce(shanghaiDate(now))));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export const agendaLines = (text: string): AgendaItem[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((title) => ({ kind: 'agenda' as const, title, resolutionId: null, dueDate: null }));

/**
 * Resolutions carried onto a meeting: for a held one, those open when its minutes were recorded; for a coming one,
 * every resolution of earlier meetings of the series that is still open.
 */
export async function carriedResolutions(tx: Tx, occurrence: OccurrenceRow): Promise<ResolutionRow[]> {
  if (occurrence.carriedResolutions) {
    if (!occurrence.carriedResolutions.length) return [];
    return tx.select().from(conferenceResolutions).where(inArray(conferenceResolutions.id, occurrence.carriedResolutions)).orderBy(asc(conferenceResolutions.dueDate));
  }
  return tx
    .select({ r: conferenceResolutions })
    .from(conferenceResolutions)
    .innerJoin(conferenceOccurrences, eq(conferenceOccurrences.id, conferenceResolutions.occurrenceId))
    .where(and(eq(conferenceResolutions.seriesId, occurrence.seriesId), eq(conferenceResolutions.status, 'open'), lt(conferenceOccurrences.startsAt, occurrence.startsAt)))
    .orderBy(asc(conferenceResolutions.dueDate))
    .then((rows) => rows.map((r) => r.r));
}

export async function agendaOf(tx: Tx, series: SeriesRow, occurrence: OccurrenceRow): Promise<AgendaItem[]> {
  const carried = await carriedResolutions(tx, occurrence);
  return [...agendaLines(series.agenda), ...carried.map((r) => ({ kind: 'carried_resolution' as const, title: r.title, resolutionId: r.id, dueDate: r.dueDate }))];
}

export const agendaText = (items: AgendaItem[]) =>
  items.length ? items.map((a, i) => `${i + 1}. ${a.kind === 'carried_resolution' ? `【跟进议定事项，${a.dueDate}到期】` : ''}${a.title}`).join('\n') : '（议程待定）';

export function quorumOf(invitations: Pick<InvitationRow, 'reply' | 'attended'>[], percent: number, held: boolean): OccurrenceView['quorum'] {
  const invited = invitations.length;
  const required = quorumRequired(invited, percent);
  const accepted = invitations.filter((i) => i.reply === 'accepted' || i.reply === 'delegated').length;
  const declined = invitations.filter((i) => i.reply === 'declined').length;
  const attended = held ? invitations.filter((i) => i.attended === true).length : null;
  return { invited, required, accepted, declined, pending: invited - accepted - declined, expected: accepted >= required, attended, met: attended === null ? null : attended >= required };
}

export function summaryView(series: SeriesRow, o: OccurrenceRow, quorum: OccurrenceView['quorum'], convenerName: string | null): OccurrenceSummaryView {
  return {
    id: o.id,
    seriesId: o.seriesId,
    title: series.title,
    convenerUnit: series.convenerUnit,
    convenerName,
    startsAt: o.startsAt.toISOString(),
    startsAtLocal: shanghaiTime(o.startsAt),
    endsAt: o.endsAt.toISOString(),
    venue: o.venue,
    status: o.status,
    statusLabel: occurrenceStatusLabels[o.status],
    sequence: o.sequence,
    detached: o.detached,
    changeReason: o.changeReason,
    quorum,
  };
}

export function resolutionView(r: ResolutionRow, ownerName: string | null, today: string): ResolutionView {
  const overdue = r.status === 'open' && r.dueDate < today;
  return {
    id: r.id,
    seriesId: r.seriesId,
    occurrenceId: r.occurrenceId,
    title: r.title,
    ownerMemberUnitId: r.ownerMemberUnitId,
    ownerUnit: r.ownerUnit,
    ownerName,
    dueDate: r.dueDate,
    status: r.status,
    public: r.public,
    overdue,
    statusLabel: resolutionStatusLabels[overdue ? 'overdue' : r.status],
    closedAt: r.closedAt?.toISOString() ?? null,
    closingNote: r.closingNote,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function occurrenceDetail(tx: Tx, series: SeriesRow, o: OccurrenceRow, now: Date): Promise<OccurrenceView> {
  const invitations = await tx
    .select({ i: conferenceInvitations, name: memberUnits.name })
    .from(conferenceInvitations)
    .innerJoin(memberUnits, eq(memberUnits.id, conferenceInvitations.memberUnitId))
    .where(eq(conferenceInvitations.occurrenceId, o.id))
    .orderBy(asc(memberUnits.name));
  const resolutions = await tx
    .select({ r: conferenceResolutions, name: memberUnits.name })
    .from(conferenceResolutions)
    .leftJoin(memberUnits, eq(memberUnits.id, conferenceResolutions.ownerMemberUnitId))
    .where(eq(conferenceResolutions.occurrenceId, o.id))
    .orderBy(asc(conferenceResolutions.createdAt));
  const today = shanghaiDate(now);
  const names = await unitNames(tx, [series.convenerUnit], now);
  return {
    ...summaryView(series, o, quorumOf(invitations.map((i) => i.i), series.quorumPercent, o.status === 'held'), names.get(series.convenerUnit) ?? null),
    agenda: await agendaOf(tx, series, o),
    minutes: o.minutes,
    invitations: invitations.map(({ i, name }) => ({
      id: i.id,
      memberUnitId: i.memberUnitId,
      memberUnitName: name,
      reply: i.reply,
      replyLabel: replyLabels[i.reply],
      delegateName: i.delegateName,
      replyComment: i.replyComment,
      repliedAt: i.repliedAt?.toISOString() ?? null,
      attended: i.attended,
      noticedAt: i.noticedAt?.toISOString() ?? null,
    })),
    resolutions: resolutions.map(({ r, name }) => resolutionView(r, name ?? r.ownerUnit, today)),
  };
}
