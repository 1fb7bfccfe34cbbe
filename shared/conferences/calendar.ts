import { cityScopedSystem } from '../auth/principal.js';
import { and, asc, desc, eq, gte, isNull, like, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conferenceCalendarFeeds, conferenceInvitations, conferenceOccurrences, conferenceSeries, divisions, memberUnits } from '../../db/schema/index.js';
import { readAsTenant, withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { cityRoles, requireCity, unitCovers, type Principal } from '../auth/principal.js';
import type { Call } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { inForce } from '../hierarchy/service.js';
import { newId } from '../ids.js';
import { agendaLines } from './agenda.js';
import { renderCalendar, type CalendarEvent } from './ical.js';
import { calendarFeedManagers } from './roles.js';
import { addDays } from './rules.js';
import type { CalendarFeedSummaryView, CalendarFeedView } from './schemas.js';
import { requireActiveTenant } from '../tenancy/service.js';
import { issueToken, readToken } from './tokens.js';
import { msg as notificationsMsg } from '../notifications/messages.js';
import { msg } from './messages.js';

type Scope = { scope: 'unit' | 'member_unit'; subject: string };
const PAST_DAYS = 180;

async function calendarName(tx: Tx, s: Scope): Promise<string> {
  if (s.scope === 'member_unit') {
    const [m] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, s.subject));
    return `${m?.name ?? ''} 联席会议`;
  }
  const [d] = await tx.select({ name: divisions.name }).from(divisions).where(eq(divisions.code, s.subject)).limit(1);
  return `${d?.name ?? s.subject} 社区工作联席会议`;
}

/** The feed: every meeting of the last half year and the materialised year ahead, cancelled ones included. */
async function renderFeed(tx: Tx, s: Scope, now: Date): Promise<string> {
  const since = addDays(now, -PAST_DAYS);
  const rows =
    s.scope === 'unit'
      ? await tx
          .select({ o: conferenceOccurrences, s: conferenceSeries })
          .from(conferenceOccurrences)
          .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
          .where(and(eq(conferenceSeries.convenerUnit, s.subject), gte(conferenceOccurrences.startsAt, since)))
          .orderBy(asc(conferenceOccurrences.startsAt))
      : await tx
          .select({ o: conferenceOccurrences, s: conferenceSeries })
          .from(conferenceInvitations)
          .innerJoin(conferenceOccurrences, eq(conferenceOccurrences.id, conferenceInvitations.occurrenceId))
          .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
          .where(and(eq(conferenceInvitations.memberUnitId, s.subject), gte(conferenceOccurrences.startsAt, since)))
          .orderBy(asc(conferenceOccurrences.startsAt));
  const events: CalendarEvent[] = rows.map(({ o, s: series }) => ({
    uid: o.id,
    sequence: o.sequence,
    status: o.status,
    start: o.startsAt,
    end: o.endsAt,
    updatedAt: o.updatedAt,
    summary: series.title,
    location: o.venue,
    description: [o.status === 'cancelled' ? `已取消：${o.changeReason ?? ''}` : '', ...agendaLines(series.agenda).map((a, i) => `${i + 1}. ${a.title}`)].filter(Boolean).join('\n'),
    recurrenceId: o.originalStart,
    seriesId: series.id,
  }));
  return renderCalendar(await calendarName(tx, s), events);
}

async function checkScope(tx: Tx, p: Extract<Principal, { kind: 'city' }>, s: Scope): Promise<void> {
  if (s.scope === 'unit') {
    if (!/^\d{6}$|^\d{9}$/.test(s.subject) || !unitCovers(p.unit, s.subject)) throw notFound(notificationsMsg.unit_not_found({ unit: s.subject }));
    return;
  }
  const [m] = /^[0-9a-f-]{36}$/.test(s.subject) ? await tx.select({ streetCode: memberUnits.streetCode }).from(memberUnits).where(eq(memberUnits.id, s.subject)) : [];
  if (!m || !unitCovers(p.unit, m.streetCode)) throw notFound(msg.member_unit_not_found({ id: s.subject }));
}

function scopeOf(input: { unit?: string | undefined; memberUnit?: string | undefined }, p: Extract<Principal, { kind: 'city' }>): Scope {
  if (input.unit && input.memberUnit) throw new AppError('validation_failed', msg.one_calendar(), { errors: [{ path: 'query.memberUnit', message: msg.unit_or_member_unit() }] });
  if (input.memberUnit) return { scope: 'member_unit', subject: input.memberUnit };
  return { scope: 'unit', subject: input.unit ?? p.unit };
}

export async function getCalendar({ ctx, input }: Call<{ unit?: string | undefined; memberUnit?: string | undefined }>): Promise<string> {
  const p = requireCity(ctx.principal, cityRoles);
  const scope = scopeOf(input, p);
  return withTenant(ctx.db, p, async (tx) => {
    await checkScope(tx, p, scope);
    return renderFeed(tx, scope, ctx.clock.now());
  });
}

/** The service knows no origin: it gives the feed's path, and the HTTP layer makes `url` absolute from its request. */
export type CalendarFeedRecord = Omit<CalendarFeedView, 'url'>;

/** A subscription URL for calendar clients, which cannot send a bearer token: shown once, stored as a hash, revocable. */
export async function createCalendarFeed({ ctx, input }: Call<Scope>): Promise<CalendarFeedRecord> {
  const p = requireCity(ctx.principal, calendarFeedManagers);
  return withTenant(ctx.db, p, async (tx) => {
    await checkScope(tx, p, input);
    const now = ctx.clock.now();
    const { token, hash } = issueToken(p.tenant);
    const [row] = await tx.insert(conferenceCalendarFeeds).values({ id: newId(now.getTime()), tenantId: p.tenant, tokenHash: hash, scope: input.scope, subject: input.subject, createdBy: p.subject, createdAt: now }).returning();
    await recordAudit(tx, ctx, { action: 'calendar_feed.created', entity: 'calendar_feed', entityId: row!.id, detail: input });
    return { id: row!.id, scope: row!.scope, subject: row!.subject, path: `/ical/${token}.ics`, createdAt: now.toISOString(), revokedAt: null };
  });
}

export async function revokeCalendarFeed({ ctx, input }: Call<{ id: string }>): Promise<CalendarFeedRecord> {
  const p = requireCity(ctx.principal, calendarFeedManagers);
  return withTenant(ctx.db, p, async (tx) => {
    const [row] = await tx.select().from(conferenceCalendarFeeds).where(eq(conferenceCalendarFeeds.id, input.id));
    if (!row) throw notFound(msg.calendar_feed_not_found({ id: input.id }));
    await checkScope(tx, p, row).catch(() => {
      throw notFound(msg.calendar_feed_not_found({ id: input.id }));
    });
    const now = ctx.clock.now();
    const [updated] = await tx.update(conferenceCalendarFeeds).set({ revokedAt: row.revokedAt ?? now }).where(eq(conferenceCalendarFeeds.id, row.id)).returning();
    await recordAudit(tx, ctx, { action: 'calendar_feed.revoked', entity: 'calendar_feed', entityId: row.id });
    return { id: row.id, scope: row.scope, subject: row.subject, path: null, createdAt: row.createdAt.toISOString(), revokedAt: updated!.revokedAt!.toISOString() };
  });
}

const LIST_LIMIT = 500;

/**
 * The feeds the caller could revoke (same roles, same unit rule as revokeCalendarFeed): a unit's feeds at or below the
 * caller's unit (or the `unit` asked for, within it), a member unit's when the unit sits there. Newest first; never the
 * token or the URL.
 */
export async function listCalendarFeeds({ ctx, input }: Call<{ unit?: string | undefined }>): Promise<{ items: CalendarFeedSummaryView[] }> {
  const p = requireCity(ctx.principal, calendarFeedManagers);
  const unit = input.unit ?? p.unit;
  if (!unitCovers(p.unit, unit)) throw notFound(notificationsMsg.unit_not_found({ unit }));
  const today = shanghaiDate(ctx.clock.now());
  return readAsTenant(ctx.db, p, async (tx) => {
    const rows = await tx
      .select({ f: conferenceCalendarFeeds, unitName: divisions.name, memberName: memberUnits.name, streetCode: memberUnits.streetCode })
      .from(conferenceCalendarFeeds)
      .leftJoin(memberUnits, and(eq(conferenceCalendarFeeds.scope, 'member_unit'), sql`${memberUnits.id}::text = ${conferenceCalendarFeeds.subject}`))
      .leftJoin(divisions, and(eq(conferenceCalendarFeeds.scope, 'unit'), eq(divisions.code, conferenceCalendarFeeds.subject), inForce(today)))
      .where(or(and(eq(conferenceCalendarFeeds.scope, 'unit'), like(conferenceCalendarFeeds.subject, `${unit}%`)), and(eq(conferenceCalendarFeeds.scope, 'member_unit'), like(memberUnits.streetCode, `${unit}%`))))
      .orderBy(desc(conferenceCalendarFeeds.createdAt), desc(conferenceCalendarFeeds.id))
      .limit(LIST_LIMIT);
    return {
      items: rows.map(({ f, unitName, memberName, streetCode }) => ({
        id: f.id,
        scope: f.scope,
        subject: f.subject,
        subjectName: (f.scope === 'unit' ? unitName : memberName) ?? null,
        streetCode: streetCode ?? null,
        createdBy: f.createdBy,
        createdAt: f.createdAt.toISOString(),
        revoked: f.revokedAt !== null,
        revokedAt: f.revokedAt?.toISOString() ?? null,
      })),
    };
  });
}

export async function readCalendarFeed({ ctx, input }: Call<{ token: string }>): Promise<string> {
  const parsed = readToken(input.token.replace(/\.ics$/, ''));
  if (!parsed) throw notFound(msg.calendar_feed_gone());
  const principal = cityScopedSystem('calendar-feed', parsed.tenant);
  return withTenant(ctx.db, principal, async (tx) => {
    const [feed] = await tx.select().from(conferenceCalendarFeeds).where(and(eq(conferenceCalendarFeeds.tokenHash, parsed.hash), isNull(conferenceCalendarFeeds.revokedAt)));
    if (!feed) throw notFound(msg.calendar_feed_gone());
    await requireActiveTenant(tx, parsed.tenant);
    return renderFeed(tx, feed, ctx.clock.now());
  });
}
