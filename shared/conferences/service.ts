import { and, asc, eq, gt, gte, inArray, like, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conferenceInvitations, conferenceOccurrences, conferenceResolutions, conferenceSeries, divisions, memberUnits } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, hasRole, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/enqueue.js';
import { shanghaiTime } from '../time.js';
import { occurrenceDetail, quorumOf, resolutionView, summaryView, unitNames, type OccurrenceRow, type SeriesRow } from './agenda.js';
import { conferenceConveners } from './roles.js';
import { addDays, addMonths, cadencePeriod, cadenceStatus, checkRecurrence, expandRecurrence, HORIZON_MONTHS, localToInstant, normaliseVenue, overlaps } from './rules.js';
import {
  CADENCE_MAX_WINDOW_YEARS, type CadenceInput, type CreateSeriesInput, type HeldMeetingInput, type ListOccurrencesInput, type MinutesInput, type MoveOccurrenceInput, type OccurrenceSummaryView, type OccurrenceView,
  type ResolutionView, type SeriesPatch, type SeriesView,
} from './schemas.js';
import { msg, occurrenceStatusLabels, seriesStatusLabels } from './messages.js';
import { defaultLanguage, labelOf } from '../i18n.js';
import { msg as notificationsMsg } from '../notifications/messages.js';
import { msg as adjustmentsMsg } from '../adjustments/messages.js';
import { common } from '../messages.js';

type CityPrincipal = Extract<Principal, { kind: 'city' }>;
const MINUTE = 60_000;

function requireConvener(ctx: ServiceContext): CityPrincipal {
  const p = requireCity(ctx.principal, cityRoles);
  if (!hasRole(p, conferenceConveners)) throw new AppError('forbidden', msg.street_or_district_convenes());
  return p;
}

function recurrenceOrThrow(input: { rrule: string; firstStartLocal: string }, now: Date) {
  const checked = checkRecurrence(input, now);
  if (!checked.ok) {
    const tooDense = checked.problems.some((p) => p.message.code === 'too_many_meetings');
    throw new AppError(tooDense ? 'rule_violation' : 'validation_failed', common.fields_invalid({ count: checked.problems.length }), { rule: tooDense ? 'conference_frequency' : undefined, errors: checked.problems });
  }
  return checked;
}

/** What a series view says beyond its row: the convener's name, and whether any meeting of it has taken place yet. */
interface SeriesFacts {
  names: Map<string, string>;
  started: Set<string>;
}

async function seriesFacts(tx: Tx, rows: SeriesRow[], now: Date): Promise<SeriesFacts> {
  const ids = rows.map((r) => r.id);
  const started = ids.length
    ? await tx
        .selectDistinct({ seriesId: conferenceOccurrences.seriesId })
        .from(conferenceOccurrences)
        .where(and(inArray(conferenceOccurrences.seriesId, ids), ne(conferenceOccurrences.status, 'cancelled'), lte(conferenceOccurrences.startsAt, now)))
    : [];
  return { names: await unitNames(tx, rows.map((r) => r.convenerUnit), now), started: new Set(started.map((r) => r.seriesId)) };
}

function seriesView(ctx: ServiceContext, s: SeriesRow, now: Date, facts: SeriesFacts): SeriesView {
  const checked = checkRecurrence({ rrule: s.rrule, firstStartLocal: s.firstStartLocal }, now);
  const next = checked.ok && s.status === 'active' ? expandRecurrence(checked.rule, now, addMonths(now, HORIZON_MONTHS)).slice(0, 4) : [];
  const firstStart = localToInstant(s.firstStartLocal);
  const firstPast = s.status === 'active' && firstStart !== null && firstStart <= now && !facts.started.has(s.id);
  return {
    id: s.id,
    convenerUnit: s.convenerUnit,
    convenerName: facts.names.get(s.convenerUnit) ?? null,
    title: s.title,
    rrule: s.rrule,
    firstStartLocal: s.firstStartLocal,
    timeZone: s.timeZone,
    durationMinutes: s.durationMinutes,
    venue: s.venue,
    agenda: s.agenda,
    quorumPercent: s.quorumPercent,
    defaultInvitees: s.defaultInvitees,
    status: s.status,
    statusLabel: seriesStatusLabels[s.status],
    revision: s.revision,
    materialisedRevision: s.materialisedRevision,
    materialisedUntil: s.materialisedUntil?.toISOString() ?? null,
    nextMeetings: next.map(shanghaiTime),
    pastFirstMeeting: firstPast
      ? { startsLocal: s.firstStartLocal, messageCode: 'first_meeting_past', message: msg.first_meeting_past({ time: s.firstStartLocal.replace('T', ' ') }).text(ctx.language ?? defaultLanguage) }
      : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

async function checkInvitees(tx: Tx, convenerUnit: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await tx.select({ id: memberUnits.id, streetCode: memberUnits.streetCode, active: memberUnits.active }).from(memberUnits).where(inArray(memberUnits.id, ids));
  const problems: FieldProblem[] = [];
  ids.forEach((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row || !unitCovers(convenerUnit, row.streetCode)) problems.push({ path: `body.defaultInvitees.${i}`, message: msg.not_member_unit_within({ id, convenerUnit }) });
    else if (!row.active) problems.push({ path: `body.defaultInvitees.${i}`, message: msg.member_unit_inactive_named({ id }) });
  });
  if (problems.length) throw new AppError('validation_failed', msg.invitees_not_member_units(), { errors: problems });
}

interface Slot {
  start: Date;
  end: Date;
}

/**
 * Meetings already booked at a venue in a window: materialised ones that are not cancelled, and the rule slots of
 * other series not materialised yet, so two series created before the worker runs cannot share a room either.
 */
async function venueBookings(tx: Tx, venue: string, from: Date, to: Date, except: { seriesId?: string; occurrenceId?: string }): Promise<(Slot & { label: string })[]> {
  const rows = await tx
    .select({ o: conferenceOccurrences, title: conferenceSeries.title })
    .from(conferenceOccurrences)
    .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
    .where(and(eq(conferenceOccurrences.venue, venue), ne(conferenceOccurrences.status, 'cancelled'), gt(conferenceOccurrences.endsAt, from), lt(conferenceOccurrences.startsAt, to)));
  const booked = rows
    .filter((r) => r.o.seriesId !== except.seriesId && r.o.id !== except.occurrenceId)
    .map((r) => ({ start: r.o.startsAt, end: r.o.endsAt, label: `${r.title} ${shanghaiTime(r.o.startsAt)}` }));
  const others = await tx.select().from(conferenceSeries).where(and(eq(conferenceSeries.venue, venue), eq(conferenceSeries.status, 'active')));
  for (const s of others) {
    if (s.id === except.seriesId) continue;
    const checked = checkRecurrence({ rrule: s.rrule, firstStartLocal: s.firstStartLocal }, from);
    if (!checked.ok) continue;
    const known = new Set(
      (await tx.select({ at: conferenceOccurrences.originalStart }).from(conferenceOccurrences).where(and(eq(conferenceOccurrences.seriesId, s.id), gte(conferenceOccurrences.originalStart, from)))).map((r) => r.at.getTime()),
    );
    for (const start of expandRecurrence(checked.rule, from, to)) {
      if (!known.has(start.getTime())) booked.push({ start, end: new Date(start.getTime() + s.durationMinutes * MINUTE), label: `${s.title} ${shanghaiTime(start)}` });
    }
  }
  return booked;
}

async function refuseDoubleBooking(tx: Tx, tenant: string, venue: string, slots: Slot[], except: { seriesId?: string; occurrenceId?: string }, path: string): Promise<void> {
  if (!slots.length) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`conference-venues:${tenant}`}))`);
  const from = slots[0]!.start;
  const to = new Date(slots[slots.length - 1]!.end.getTime() + MINUTE);
  const booked = await venueBookings(tx, venue, from, to, except);
  const clashes = slots.flatMap((slot) => booked.filter((b) => overlaps(slot, b)).map((b) => ({ at: shanghaiTime(slot.start), with: b.label })));
  if (clashes.length) {
    throw new AppError('conflict', msg.venue_booked({ venue, length: clashes.length }), { rule: 'venue_double_booked', clashes: clashes.slice(0, 20), errors: [{ path, message: msg.venue_booked_with({ venue, with: clashes[0]!.with }) }] });
  }
}

const seriesSlots = (s: { rrule: string; firstStartLocal: string; durationMinutes: number }, now: Date): Slot[] => {
  const checked = checkRecurrence(s, now);
  if (!checked.ok) return [];
  return expandRecurrence(checked.rule, now, addMonths(now, HORIZON_MONTHS)).map((start) => ({ start, end: new Date(start.getTime() + s.durationMinutes * MINUTE) }));
};

async function announce(tx: Tx, ctx: ServiceContext, tenant: string, seriesId: string): Promise<void> {
  await enqueue(tx, ctx, 'conferenceScheduling', { version: 1, type: 'conference.series_changed', tenant, seriesId, asOf: ctx.clock.now().toISOString() });
}

export async function createSeries({ ctx, input }: Call<CreateSeriesInput>): Promise<SeriesView> {
  const p = requireConvener(ctx);
  const convener = input.convenerUnit ?? p.unit;
  if (!unitCovers(p.unit, convener)) throw notFound(notificationsMsg.unit_not_found({ unit: convener }));
  if (!/^\d{6}$|^\d{9}$/.test(convener)) throw new AppError('validation_failed', msg.street_or_district_only(), { errors: [{ path: 'body.convenerUnit', message: msg.district_or_street_code() }] });
  const now = ctx.clock.now();
  const checked = recurrenceOrThrow(input, now);
  const venue = normaliseVenue(input.venue);
  return withTenant(ctx.db, p, async (tx) => {
    const [division] = await tx.select({ code: divisions.code }).from(divisions).where(and(eq(divisions.code, convener), inForce(shanghaiDate(now))));
    if (!division) throw notFound(notificationsMsg.unit_not_found({ unit: convener }));
    await checkInvitees(tx, convener, input.defaultInvitees);
    await refuseDoubleBooking(tx, p.tenant, venue, seriesSlots({ ...input, rrule: checked.rrule }, now), {}, 'body.venue');
    const [row] = await tx
      .insert(conferenceSeries)
      .values({
        id: newId(now.getTime()),
        tenantId: p.tenant,
        convenerUnit: convener,
        title: input.title,
        rrule: checked.rrule,
        firstStartLocal: input.firstStartLocal,
        timeZone: input.timeZone,
        durationMinutes: input.durationMinutes,
        venue,
        agenda: input.agenda,
        quorumPercent: input.quorumPercent,
        defaultInvitees: [...new Set(input.defaultInvitees)],
        status: 'active',
        revision: 1,
        changedAt: now,
        createdBy: p.subject,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await announce(tx, ctx, p.tenant, row!.id);
    await recordAudit(tx, ctx, { action: 'conference_series.created', entity: 'conference_series', entityId: row!.id, detail: { convener, rrule: checked.rrule, venue } });
    return seriesView(ctx, row!, now, await seriesFacts(tx, [row!], now));
  });
}

async function loadSeries(tx: Tx, p: CityPrincipal, id: string, lock = false): Promise<SeriesRow> {
  const query = tx.select().from(conferenceSeries).where(eq(conferenceSeries.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !(unitCovers(p.unit, row.convenerUnit) || unitCovers(row.convenerUnit, p.unit))) throw notFound(msg.series_not_found({ id }));
  return row;
}

function requireManager(p: CityPrincipal, s: SeriesRow): void {
  if (!hasRole(p, conferenceConveners) || !unitCovers(p.unit, s.convenerUnit)) throw new AppError('forbidden', msg.only_convener_officers({ convenerUnit: s.convenerUnit }));
}

export async function getSeries({ ctx, input }: Call<{ id: string }>): Promise<SeriesView> {
  const p = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, p, async (tx) => {
    const row = await loadSeries(tx, p, input.id);
    const now = ctx.clock.now();
    return seriesView(ctx, row, now, await seriesFacts(tx, [row], now));
  });
}

export async function listSeries({ ctx, input }: Call<{ unit?: string | undefined; status?: SeriesRow['status'] | undefined }>): Promise<{ items: SeriesView[] }> {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? p.unit;
  if (!unitCovers(p.unit, scope)) throw notFound(notificationsMsg.unit_not_found({ unit: scope }));
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select()
      .from(conferenceSeries)
      .where(and(scope.length === 4 ? undefined : like(conferenceSeries.convenerUnit, `${scope}%`), input.status ? eq(conferenceSeries.status, input.status) : undefined))
      .orderBy(asc(conferenceSeries.convenerUnit), asc(conferenceSeries.createdAt))
      .limit(500);
    const now = ctx.clock.now();
    const facts = await seriesFacts(tx, rows, now);
    return { items: rows.map((r) => seriesView(ctx, r, now, facts)) };
  });
}

/**
 * Edits a series. Rule, time, length and venue changes are applied by the scheduling worker to future meetings
 * only; a new title or agenda changes the coming meetings at once (their SEQUENCE goes up, invitees are told).
 */
export async function updateSeries({ ctx, input }: Call<{ id: string; patch: SeriesPatch }>): Promise<SeriesView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, p, async (tx) => {
    const current = await loadSeries(tx, p, input.id, true);
    requireManager(p, current);
    if (current.status === 'ended') throw new AppError('conflict', msg.series_ended());
    const patch = input.patch;
    const next = {
      rrule: patch.rrule ?? current.rrule,
      firstStartLocal: patch.firstStartLocal ?? current.firstStartLocal,
      durationMinutes: patch.durationMinutes ?? current.durationMinutes,
      venue: patch.venue ? normaliseVenue(patch.venue) : current.venue,
    };
    const checked = recurrenceOrThrow(next, now);
    if (patch.defaultInvitees) await checkInvitees(tx, current.convenerUnit, patch.defaultInvitees);
    const scheduleChanged = checked.rrule !== current.rrule || next.firstStartLocal !== current.firstStartLocal || next.durationMinutes !== current.durationMinutes || next.venue !== current.venue;
    if (scheduleChanged && patch.status !== 'ended') await refuseDoubleBooking(tx, p.tenant, next.venue, seriesSlots({ ...next, rrule: checked.rrule }, now), { seriesId: current.id }, patch.venue ? 'body.venue' : 'body.rrule');
    const [row] = await tx
      .update(conferenceSeries)
      .set({
        ...next,
        rrule: checked.rrule,
        title: patch.title ?? current.title,
        agenda: patch.agenda ?? current.agenda,
        quorumPercent: patch.quorumPercent ?? current.quorumPercent,
        defaultInvitees: patch.defaultInvitees ? [...new Set(patch.defaultInvitees)] : current.defaultInvitees,
        status: patch.status ?? current.status,
        revision: current.revision + 1,
        changedAt: now,
        updatedAt: now,
      })
      .where(eq(conferenceSeries.id, current.id))
      .returning();
    if ((patch.title && patch.title !== current.title) || (patch.agenda !== undefined && patch.agenda !== current.agenda)) {
      await tx
        .update(conferenceOccurrences)
        .set({ sequence: sql`${conferenceOccurrences.sequence} + 1`, updatedAt: now })
        .where(and(eq(conferenceOccurrences.seriesId, current.id), eq(conferenceOccurrences.status, 'scheduled'), gt(conferenceOccurrences.startsAt, now)));
    }
    await announce(tx, ctx, p.tenant, current.id);
    await recordAudit(tx, ctx, { action: 'conference_series.updated', entity: 'conference_series', entityId: current.id, detail: { fields: Object.keys(patch), revision: row!.revision } });
    return seriesView(ctx, row!, now, await seriesFacts(tx, [row!], now));
  });
}

async function loadOccurrence(tx: Tx, p: CityPrincipal, id: string, lock = false): Promise<{ o: OccurrenceRow; s: SeriesRow }> {
  const query = tx.select({ o: conferenceOccurrences, s: conferenceSeries }).from(conferenceOccurrences).innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId)).where(eq(conferenceOccurrences.id, id));
  const [row] = lock ? await query.for('update', { of: conferenceOccurrences }) : await query;
  if (!row || !(unitCovers(p.unit, row.s.convenerUnit) || unitCovers(row.s.convenerUnit, p.unit))) throw notFound(msg.occurrence_not_found({ id }));
  return row;
}

export async function getOccurrence({ ctx, input }: Call<{ id: string }>): Promise<OccurrenceView> {
  const p = requireCity(ctx.principal, cityRoles);
  return withTenant(ctx.db, p, async (tx) => {
    const { o, s } = await loadOccurrence(tx, p, input.id);
    return occurrenceDetail(tx, s, o, ctx.clock.now());
  });
}

export async function listOccurrences({ ctx, input }: Call<ListOccurrencesInput>): Promise<{ items: OccurrenceSummaryView[] }> {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? p.unit;
  if (!unitCovers(p.unit, scope) && !unitCovers(scope, p.unit)) throw notFound(notificationsMsg.unit_not_found({ unit: scope }));
  const from = new Date(`${input.from ?? shanghaiDate(ctx.clock.now())}T00:00:00+08:00`);
  const to = input.to ? new Date(`${input.to}T00:00:00+08:00`) : addMonths(from, 12);
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select({ o: conferenceOccurrences, s: conferenceSeries })
      .from(conferenceOccurrences)
      .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
      .where(
        and(
          gte(conferenceOccurrences.startsAt, from),
          lt(conferenceOccurrences.startsAt, to),
          input.series ? eq(conferenceOccurrences.seriesId, input.series) : undefined,
          input.status ? eq(conferenceOccurrences.status, input.status) : undefined,
          scope.length === 4 ? undefined : or(like(conferenceSeries.convenerUnit, `${scope}%`), sql`${scope} like ${conferenceSeries.convenerUnit} || '%'`),
        ),
      )
      .orderBy(asc(conferenceOccurrences.startsAt))
      .limit(1000);
    const ids = rows.map((r) => r.o.id);
    const invitations = ids.length ? await tx.select({ occurrenceId: conferenceInvitations.occurrenceId, reply: conferenceInvitations.reply, attended: conferenceInvitations.attended }).from(conferenceInvitations).where(inArray(conferenceInvitations.occurrenceId, ids)) : [];
    const names = await unitNames(tx, rows.map((r) => r.s.convenerUnit), ctx.clock.now());
    return { items: rows.map(({ o, s }) => summaryView(s, o, quorumOf(invitations.filter((i) => i.occurrenceId === o.id), s.quorumPercent, o.status === 'held'), names.get(s.convenerUnit) ?? null)) };
  });
}

/** Cancels one meeting; the scheduling worker mails its invitees, and later rule changes leave it cancelled. */
export async function cancelOccurrence({ ctx, input }: Call<{ id: string; reason: string }>): Promise<OccurrenceView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, p, async (tx) => {
    const { o, s } = await loadOccurrence(tx, p, input.id, true);
    requireManager(p, s);
    if (o.status !== 'scheduled') throw new AppError('conflict', msg.meeting_is_status({ status: labelOf(occurrenceStatusLabels, o.status) }));
    if (o.startsAt <= now) throw new AppError('rule_violation', msg.meeting_started_record_minutes(), { rule: 'meeting_started' });
    const [row] = await tx.update(conferenceOccurrences).set({ status: 'cancelled', detached: true, sequence: o.sequence + 1, changeReason: input.reason, updatedAt: now }).where(eq(conferenceOccurrences.id, o.id)).returning();
    await announce(tx, ctx, p.tenant, s.id);
    await recordAudit(tx, ctx, { action: 'conference_occurrence.cancelled', entity: 'conference_occurrence', entityId: o.id, detail: { reason: input.reason } });
    return occurrenceDetail(tx, s, row!, now);
  });
}

/** Moves one meeting (time, length, venue); it keeps its UID and invitations, and its invitees are told. */
export async function moveOccurrence({ ctx, input }: Call<{ id: string } & MoveOccurrenceInput>): Promise<OccurrenceView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  const start = localToInstant(input.startsLocal);
  if (!start) throw new AppError('validation_failed', msg.new_time_invalid(), { errors: [{ path: 'body.startsLocal', message: msg.wall_time_format() }] });
  if (start <= now) throw new AppError('validation_failed', msg.meeting_moved_to_future(), { errors: [{ path: 'body.startsLocal', message: msg.must_be_after({ time: shanghaiTime(now).slice(0, 16).replace('T', ' ') }) }] });
  return withTenant(ctx.db, p, async (tx) => {
    const { o, s } = await loadOccurrence(tx, p, input.id, true);
    requireManager(p, s);
    if (o.status !== 'scheduled') throw new AppError('conflict', msg.meeting_is_status({ status: labelOf(occurrenceStatusLabels, o.status) }));
    if (o.startsAt <= now) throw new AppError('rule_violation', msg.meeting_started_cannot_move(), { rule: 'meeting_started' });
    const minutes = input.durationMinutes ?? (o.endsAt.getTime() - o.startsAt.getTime()) / MINUTE;
    const end = new Date(start.getTime() + minutes * MINUTE);
    const venue = input.venue ? normaliseVenue(input.venue) : o.venue;
    await refuseDoubleBooking(tx, p.tenant, venue, [{ start, end }], { occurrenceId: o.id }, input.venue ? 'body.venue' : 'body.startsLocal');
    const [row] = await tx
      .update(conferenceOccurrences)
      .set({ startsAt: start, endsAt: end, venue, detached: true, sequence: o.sequence + 1, changeReason: input.reason, updatedAt: now })
      .where(eq(conferenceOccurrences.id, o.id))
      .returning();
    await announce(tx, ctx, p.tenant, s.id);
    await recordAudit(tx, ctx, { action: 'conference_occurrence.moved', entity: 'conference_occurrence', entityId: o.id, detail: { from: o.startsAt.toISOString(), to: start.toISOString(), venue } });
    return occurrenceDetail(tx, s, row!, now);
  });
}

/**
 * After the meeting: attendance, minutes, new resolutions and the carried ones it closed. The resolutions still open
 * are recorded as carried onto this meeting, and go on to the next one's agenda.
 */
export async function recordMinutes({ ctx, input }: Call<{ id: string } & MinutesInput>): Promise<OccurrenceView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, p, async (tx) => {
    const { o, s } = await loadOccurrence(tx, p, input.id, true);
    requireManager(p, s);
    if (o.status !== 'scheduled') throw new AppError('conflict', msg.minutes_recorded_once({ status: labelOf(occurrenceStatusLabels, o.status) }));
    if (o.startsAt > now) throw new AppError('rule_violation', msg.minutes_after_start({ time: shanghaiTime(o.startsAt) }), { rule: 'meeting_not_started' });
    const row = await writeMinutes(tx, p, s, o, input, now);
    await recordAudit(tx, ctx, { action: 'conference_occurrence.minutes_recorded', entity: 'conference_occurrence', entityId: o.id, detail: minutesDetail(input) });
    return occurrenceDetail(tx, s, row, now);
  });
}

/**
 * A meeting held before the system knew of it (a series set up after its first meeting, a meeting called outside the
 * rule), recorded after the fact: the meeting, an invitation per unit listed in the attendance, then the minutes as
 * for a scheduled meeting, in one transaction.
 */
export async function recordHeldMeeting({ ctx, input }: Call<{ id: string } & HeldMeetingInput>): Promise<OccurrenceView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  const start = localToInstant(input.startsLocal);
  if (!start) throw new AppError('validation_failed', common.fields_invalid({ count: 1 }), { errors: [{ path: 'body.startsLocal', message: msg.wall_time_format() }] });
  if (start > now) throw new AppError('validation_failed', msg.held_meeting_in_future(), { errors: [{ path: 'body.startsLocal', message: msg.must_not_be_after({ time: shanghaiTime(now).slice(0, 16).replace('T', ' ') }) }] });
  return withTenant(ctx.db, p, async (tx) => {
    const s = await loadSeries(tx, p, input.id, true);
    requireManager(p, s);
    const end = new Date(start.getTime() + (input.durationMinutes ?? s.durationMinutes) * MINUTE);
    const [clash] = await tx
      .select({ startsAt: conferenceOccurrences.startsAt })
      .from(conferenceOccurrences)
      .where(and(eq(conferenceOccurrences.seriesId, s.id), or(and(ne(conferenceOccurrences.status, 'cancelled'), lt(conferenceOccurrences.startsAt, end), gt(conferenceOccurrences.endsAt, start)), eq(conferenceOccurrences.originalStart, start))))
      .limit(1);
    if (clash) {
      const clashing = msg.meeting_already_at({ time: shanghaiTime(clash.startsAt).slice(0, 16).replace('T', ' ') });
      throw new AppError('conflict', clashing, { errors: [{ path: 'body.startsLocal', message: clashing }] });
    }
    const problems: FieldProblem[] = [];
    const convener = await convenerLabel(tx, s, now);
    const ids = input.attendance.map((a) => a.memberUnitId);
    const units = ids.length ? await tx.select({ id: memberUnits.id, streetCode: memberUnits.streetCode }).from(memberUnits).where(inArray(memberUnits.id, ids)) : [];
    input.attendance.forEach((a, i) => {
      if (ids.indexOf(a.memberUnitId) !== i) problems.push({ path: `body.attendance.${i}.memberUnitId`, message: msg.attendee_listed_twice() });
      else if (!units.some((u) => u.id === a.memberUnitId && unitCovers(s.convenerUnit, u.streetCode))) problems.push({ path: `body.attendance.${i}.memberUnitId`, message: msg.not_member_unit_of({ convenerUnit: convener }) });
    });
    if (problems.length) throw new AppError('validation_failed', msg.minutes_have_problems({ length: problems.length }), { errors: problems });
    const [o] = await tx
      .insert(conferenceOccurrences)
      .values({ id: newId(now.getTime()), tenantId: p.tenant, seriesId: s.id, originalStart: start, startsAt: start, endsAt: end, venue: input.venue ? normaliseVenue(input.venue) : s.venue, status: 'scheduled', detached: true, createdAt: now, updatedAt: now })
      .returning();
    if (ids.length) await tx.insert(conferenceInvitations).values(ids.map((memberUnitId) => ({ id: newId(now.getTime()), tenantId: p.tenant, occurrenceId: o!.id, memberUnitId, reply: 'pending' as const, createdAt: now })));
    const row = await writeMinutes(tx, p, s, o!, input, now);
    await recordAudit(tx, ctx, { action: 'conference_occurrence.held_recorded', entity: 'conference_occurrence', entityId: o!.id, detail: { seriesId: s.id, startsAt: start.toISOString(), venue: row.venue, ...minutesDetail(input) } });
    return occurrenceDetail(tx, s, row, now);
  });
}

/** The convening unit as a message names it: its name, or its code when no name is in force. */
const convenerLabel = async (tx: Tx, s: SeriesRow, now: Date) => (await unitNames(tx, [s.convenerUnit], now)).get(s.convenerUnit) ?? s.convenerUnit;

const minutesDetail = (input: MinutesInput) => ({ attended: input.attendance.filter((a) => a.attended).length, resolutions: input.resolutions.length, closed: input.closeResolutions.length });

/** Attendance, minutes, new resolutions and closed carried ones onto a meeting that has started; the caller audits. */
async function writeMinutes(tx: Tx, p: CityPrincipal, s: SeriesRow, o: OccurrenceRow, input: MinutesInput, now: Date): Promise<OccurrenceRow> {
  const invitations = await tx.select().from(conferenceInvitations).where(eq(conferenceInvitations.occurrenceId, o.id));
  const problems: FieldProblem[] = [];
  input.attendance.forEach((a, i) => {
    if (!invitations.some((inv) => inv.memberUnitId === a.memberUnitId)) problems.push({ path: `body.attendance.${i}.memberUnitId`, message: msg.unit_not_invited() });
  });
  const owners = input.resolutions.flatMap((r) => (r.ownerMemberUnitId ? [r.ownerMemberUnitId] : []));
  const ownerRows = owners.length ? await tx.select({ id: memberUnits.id, streetCode: memberUnits.streetCode }).from(memberUnits).where(inArray(memberUnits.id, owners)) : [];
  const today = shanghaiDate(now);
  const convener = input.resolutions.length ? await convenerLabel(tx, s, now) : s.convenerUnit;
  input.resolutions.forEach((r, i) => {
    if (r.ownerMemberUnitId && !ownerRows.some((m) => m.id === r.ownerMemberUnitId && unitCovers(s.convenerUnit, m.streetCode))) problems.push({ path: `body.resolutions.${i}.ownerMemberUnitId`, message: msg.not_member_unit_of({ convenerUnit: convener }) });
    if (r.ownerUnit && !unitCovers(s.convenerUnit, r.ownerUnit)) problems.push({ path: `body.resolutions.${i}.ownerUnit`, message: msg.not_unit_or_below({ convenerUnit: convener }) });
    if (r.dueDate < today) problems.push({ path: `body.resolutions.${i}.dueDate`, message: adjustmentsMsg.date_on_or_after_today({ today }) });
  });
  const carried = (await tx
    .select({ r: conferenceResolutions })
    .from(conferenceResolutions)
    .innerJoin(conferenceOccurrences, eq(conferenceOccurrences.id, conferenceResolutions.occurrenceId))
    .where(and(eq(conferenceResolutions.seriesId, s.id), eq(conferenceResolutions.status, 'open'), lt(conferenceOccurrences.startsAt, o.startsAt)))).map((r) => r.r);
  input.closeResolutions.forEach((c, i) => {
    if (!carried.some((r) => r.id === c.id)) problems.push({ path: `body.closeResolutions.${i}.id`, message: msg.not_open_resolution_carried() });
  });
  if (problems.length) throw new AppError('validation_failed', msg.minutes_have_problems({ length: problems.length }), { errors: problems });
  for (const a of input.attendance) {
    await tx.update(conferenceInvitations).set({ attended: a.attended }).where(and(eq(conferenceInvitations.occurrenceId, o.id), eq(conferenceInvitations.memberUnitId, a.memberUnitId)));
  }
  for (const c of input.closeResolutions) {
    await tx.update(conferenceResolutions).set({ status: 'closed', closedAt: now, closedBy: p.subject, closingNote: c.note }).where(eq(conferenceResolutions.id, c.id));
  }
  if (input.resolutions.length) {
    await tx.insert(conferenceResolutions).values(
      input.resolutions.map((r) => ({
        id: newId(now.getTime()),
        tenantId: p.tenant,
        seriesId: s.id,
        occurrenceId: o.id,
        title: r.title,
        ownerMemberUnitId: r.ownerMemberUnitId ?? null,
        ownerUnit: r.ownerUnit ?? null,
        dueDate: r.dueDate,
        public: r.public,
        status: 'open' as const,
        createdAt: now,
      })),
    );
  }
  const [row] = await tx
    .update(conferenceOccurrences)
    .set({ status: 'held', minutes: input.minutes, carriedResolutions: carried.map((r) => r.id), heldRecordedBy: p.subject, heldRecordedAt: now, updatedAt: now })
    .where(eq(conferenceOccurrences.id, o.id))
    .returning();
  return row!;
}

export async function listResolutions({ ctx, input }: Call<{ unit?: string | undefined; series?: string | undefined; status?: 'open' | 'closed' | undefined }>): Promise<{ items: ResolutionView[] }> {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? p.unit;
  if (!unitCovers(p.unit, scope)) throw notFound(notificationsMsg.unit_not_found({ unit: scope }));
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select({ r: conferenceResolutions, name: memberUnits.name })
      .from(conferenceResolutions)
      .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceResolutions.seriesId))
      .leftJoin(memberUnits, eq(memberUnits.id, conferenceResolutions.ownerMemberUnitId))
      .where(
        and(
          scope.length === 4 ? undefined : like(conferenceSeries.convenerUnit, `${scope}%`),
          input.series ? eq(conferenceResolutions.seriesId, input.series) : undefined,
          input.status ? eq(conferenceResolutions.status, input.status) : undefined,
        ),
      )
      .orderBy(asc(conferenceResolutions.dueDate))
      .limit(1000);
    const today = shanghaiDate(ctx.clock.now());
    return { items: rows.map(({ r, name }) => resolutionView(r, name ?? r.ownerUnit, today)) };
  });
}

export async function closeResolution({ ctx, input }: Call<{ id: string; note: string }>): Promise<ResolutionView> {
  const p = requireCity(ctx.principal, cityRoles);
  const now = ctx.clock.now();
  return withTenant(ctx.db, p, async (tx) => {
    const [found] = await tx.select({ r: conferenceResolutions, s: conferenceSeries }).from(conferenceResolutions).innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceResolutions.seriesId)).where(eq(conferenceResolutions.id, input.id));
    if (!found || !(unitCovers(p.unit, found.s.convenerUnit) || unitCovers(found.s.convenerUnit, p.unit))) throw notFound(msg.resolution_not_found({ id: input.id }));
    requireManager(p, found.s);
    if (found.r.status === 'closed') throw new AppError('conflict', msg.resolution_closed());
    const [row] = await tx.update(conferenceResolutions).set({ status: 'closed', closedAt: now, closedBy: p.subject, closingNote: input.note }).where(eq(conferenceResolutions.id, found.r.id)).returning();
    await recordAudit(tx, ctx, { action: 'conference_resolution.closed', entity: 'conference_resolution', entityId: found.r.id, detail: { note: input.note } });
    return resolutionView(row!, null, shanghaiDate(now));
  });
}

const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** The counting window, both ends inclusive Asia/Shanghai dates: by default the 12 months up to today. */
function cadenceWindow(input: CadenceInput, now: Date): { from: string; to: string; start: Date; end: Date } {
  const to = input.to ?? shanghaiDate(now);
  const from = input.from ?? shanghaiDate(addDays(addMonths(dayStart(to), -12), 1));
  const problems: FieldProblem[] = [];
  if (from > to) problems.push({ path: input.from ? 'query.from' : 'query.to', message: input.from ? msg.on_or_before_to({ to }) : common.on_or_after({ day: from }) });
  else if (dayStart(to) >= addMonths(dayStart(from), 12 * CADENCE_MAX_WINDOW_YEARS)) problems.push({ path: 'query.from', message: msg.window_at_most_years({ years: CADENCE_MAX_WINDOW_YEARS }) });
  if (problems.length) throw new AppError('validation_failed', msg.counting_window_invalid(), { errors: problems });
  const end = addDays(dayStart(to), 1);
  return { from, to, start: dayStart(from), end: end < now ? end : now };
}

/**
 * Streets (and districts) whose series say a conference is due and none was held in time; streets convening none.
 * Per series, over the window: meetings that started and were not cancelled, those held (minutes recorded) and those
 * held on the day their rule set; a meeting that has not started yet is not counted.
 */
export async function conferenceCadence({ ctx, input }: Call<CadenceInput>) {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = input.unit ?? p.unit;
  if (!unitCovers(p.unit, scope)) throw notFound(notificationsMsg.unit_not_found({ unit: scope }));
  const now = ctx.clock.now();
  const window = cadenceWindow(input, now);
  return withTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select({ s: conferenceSeries, lastHeld: sql<string | null>`max(${conferenceOccurrences.startsAt})` })
      .from(conferenceSeries)
      .leftJoin(conferenceOccurrences, and(eq(conferenceOccurrences.seriesId, conferenceSeries.id), eq(conferenceOccurrences.status, 'held')))
      .where(and(eq(conferenceSeries.status, 'active'), scope.length === 4 ? undefined : like(conferenceSeries.convenerUnit, `${scope}%`)))
      .groupBy(conferenceSeries.id)
      .orderBy(asc(conferenceSeries.convenerUnit));
    const inWindow = (instant: Date) => instant >= window.start && instant < window.end;
    // the window's meetings: those that start in it, and those the rule set in it (moved out or called off)
    const occurrences = rows.length && window.start < window.end
      ? await tx
          .select({ seriesId: conferenceOccurrences.seriesId, originalStart: conferenceOccurrences.originalStart, startsAt: conferenceOccurrences.startsAt, status: conferenceOccurrences.status })
          .from(conferenceOccurrences)
          .where(and(
            inArray(conferenceOccurrences.seriesId, rows.map((r) => r.s.id)),
            or(and(gte(conferenceOccurrences.startsAt, window.start), lt(conferenceOccurrences.startsAt, window.end)), and(gte(conferenceOccurrences.originalStart, window.start), lt(conferenceOccurrences.originalStart, window.end))),
          ))
      : [];
    const bySeries = new Map<string, typeof occurrences>();
    for (const o of occurrences) {
      const list = bySeries.get(o.seriesId);
      if (list) list.push(o);
      else bySeries.set(o.seriesId, [o]);
    }
    const items = rows.flatMap(({ s, lastHeld }) => {
      const checked = checkRecurrence({ rrule: s.rrule, firstStartLocal: s.firstStartLocal }, now);
      const firstStart = localToInstant(s.firstStartLocal);
      if (!checked.ok || !firstStart) return [];
      const period = cadencePeriod(checked.rule);
      const held = lastHeld ? new Date(lastHeld) : null;
      const { status, dueBy } = cadenceStatus({ firstStart, lastHeld: held, period, now });
      const own = bySeries.get(s.id) ?? [];
      const byRuleDate = new Map(own.map((o) => [o.originalStart.getTime(), o]));
      const ruleDates = window.start < window.end ? expandRecurrence(checked.rule, window.start, window.end) : [];
      const ruleSet = new Set(ruleDates.map((d) => d.getTime()));
      // due: each meeting the rule set, counted where it took place (a moved one where it moved to), unless called off;
      // one the rule set before the series was entered here was never scheduled, and is due all the same
      const expected =
        ruleDates.filter((d) => {
          const o = byRuleDate.get(d.getTime());
          return !o || (o.status !== 'cancelled' && inWindow(o.startsAt));
        }).length +
        own.filter((o) => !inWindow(o.originalStart) && o.status !== 'cancelled' && inWindow(o.startsAt) && !ruleSet.has(o.originalStart.getTime())).length;
      const heldHere = own.filter((o) => o.status === 'held' && inWindow(o.startsAt));
      const count = { expected, held: heldHere.length, heldOnTime: heldHere.filter((o) => shanghaiDate(o.startsAt) <= shanghaiDate(o.originalStart)).length };
      return [{ seriesId: s.id, convenerUnit: s.convenerUnit, title: s.title, period, lastHeldAt: held?.toISOString() ?? null, dueBy: dueBy.toISOString(), status, flagged: status === 'overdue', ...count }];
    });
    const streets = scope.length >= 12 ? [] : await tx
      .select({ code: divisions.code })
      .from(divisions)
      .where(and(eq(divisions.level, 'township'), inForce(shanghaiDate(now)), scope.length === 4 ? undefined : like(divisions.code, `${scope}%`)))
      .orderBy(asc(divisions.code));
    const convening = new Set(rows.map((r) => r.s.convenerUnit));
    return {
      unit: scope,
      asOf: now.toISOString(),
      window: { from: window.from, to: window.to },
      items,
      flagged: items.filter((i) => i.flagged).length,
      expected: items.reduce((n, i) => n + i.expected, 0),
      held: items.reduce((n, i) => n + i.held, 0),
      heldOnTime: items.reduce((n, i) => n + i.heldOnTime, 0),
      streetsWithoutSeries: streets.map((s) => s.code).filter((c) => !convening.has(c)),
    };
  });
}

