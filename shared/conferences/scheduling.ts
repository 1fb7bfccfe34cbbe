import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { conferenceInvitations, conferenceOccurrences, conferenceReminders, conferenceReplyTokens, conferenceResolutions, conferenceSeries, memberUnits } from '../../db/schema/index.js';
import type { ServiceContext } from '../context.js';
import { addIsoDays, shanghaiDate, shanghaiDayStart } from '../dates.js';
import { newId } from '../ids.js';
import { notify } from '../notifications/service.js';
import type { QueueMessage } from '../queues.js';
import { recordSweepRun, reportRepairs } from '../sweeps/service.js';
import { shanghaiTime } from '../time.js';
import type { MessageCall } from '../workers/process.js';
import { agendaOf, agendaText, type OccurrenceRow, type SeriesRow } from './agenda.js';
import { reconcileConferenceSeries } from './reconcile.js';
import { addDays, addMonths, checkRecurrence, expandRecurrenceBounded, HORIZON_MONTHS, INVITATION_LEAD_DAYS, INVITATION_REMINDER_DAYS, invitationStageDue, RESOLUTION_DUE_SOON_DAYS, resolutionStageDue, type InvitationStage, type ResolutionStage } from './rules.js';
import { issueToken } from './tokens.js';

const MINUTE = 60_000;

export interface MaterialiseResult {
  created: number;
  rescheduled: number;
  cancelled: number;
  invited: number;
}

/**
 * Brings a series' occurrences in line with its current rule from `asOf` on, over the next 12 months. Meetings that
 * started before `asOf`, held ones and ones moved or cancelled by hand are left as they are, so a rule change
 * reschedules the future only. Running it twice changes nothing.
 */
export async function materialiseSeries(tx: Tx, ctx: ServiceContext, series: SeriesRow, asOf: Date): Promise<MaterialiseResult> {
  const result: MaterialiseResult = { created: 0, rescheduled: 0, cancelled: 0, invited: 0 };
  const horizon = addMonths(asOf, HORIZON_MONTHS);
  const now = ctx.clock.now();
  const future = await tx.select().from(conferenceOccurrences).where(and(eq(conferenceOccurrences.seriesId, series.id), gt(conferenceOccurrences.startsAt, asOf)));
  const checked = checkRecurrence({ rrule: series.rrule, firstStartLocal: series.firstStartLocal }, asOf);
  // a rule stored before today's checks (a sub-daily one) makes no new meetings and cancels none it made
  const expansion = series.status !== 'active' ? { starts: [], complete: true } : checked.ok ? expandRecurrenceBounded(checked.rule, new Date(asOf.getTime() + 1), horizon) : { starts: [], complete: false };
  if (!expansion.complete) ctx.logger.warn('conference series not fully expanded', { seriesId: series.id, ruleAccepted: checked.ok });
  const slots = expansion.starts;
  const wanted = new Map(slots.map((s) => [s.getTime(), s]));
  const byOriginal = new Map(future.map((o) => [o.originalStart.getTime(), o]));
  const allOriginals = new Set(
    (await tx.select({ at: conferenceOccurrences.originalStart }).from(conferenceOccurrences).where(and(eq(conferenceOccurrences.seriesId, series.id), gt(conferenceOccurrences.originalStart, asOf)))).map((r) => r.at.getTime()),
  );
  const duration = series.durationMinutes * MINUTE;

  for (const o of future) {
    if (o.detached || o.status === 'held') continue;
    const slot = wanted.get(o.originalStart.getTime());
    if (!slot) {
      // a meeting past where a cut-short expansion stopped is not known to be gone: it stays until a full one
      if (o.status === 'scheduled' && expansion.complete) {
        await tx.update(conferenceOccurrences).set({ status: 'cancelled', sequence: o.sequence + 1, changeReason: series.status === 'ended' ? '联席会议已停止召开' : '会议周期调整', updatedAt: now }).where(eq(conferenceOccurrences.id, o.id));
        result.cancelled++;
      }
      continue;
    }
    const end = new Date(slot.getTime() + duration);
    if (o.status === 'cancelled' || o.startsAt.getTime() !== slot.getTime() || o.endsAt.getTime() !== end.getTime() || o.venue !== series.venue) {
      await tx.update(conferenceOccurrences).set({ status: 'scheduled', startsAt: slot, endsAt: end, venue: series.venue, sequence: o.sequence + 1, changeReason: '会议安排调整', updatedAt: now }).where(eq(conferenceOccurrences.id, o.id));
      result.rescheduled++;
    }
  }

  const fresh = slots.filter((s) => !byOriginal.has(s.getTime()) && !allOriginals.has(s.getTime()));
  if (fresh.length) {
    await tx.insert(conferenceOccurrences).values(
      fresh.map((start) => ({
        id: newId(now.getTime()),
        tenantId: series.tenantId,
        seriesId: series.id,
        originalStart: start,
        startsAt: start,
        endsAt: new Date(start.getTime() + duration),
        venue: series.venue,
        status: 'scheduled' as const,
        createdAt: now,
        updatedAt: now,
      })),
    ).onConflictDoNothing();
    result.created = fresh.length;
  }

  if (series.defaultInvitees.length && series.status === 'active') {
    const invitees = await tx.select({ id: memberUnits.id }).from(memberUnits).where(and(inArray(memberUnits.id, series.defaultInvitees), eq(memberUnits.active, true)));
    const coming = await tx.select({ id: conferenceOccurrences.id }).from(conferenceOccurrences).where(and(eq(conferenceOccurrences.seriesId, series.id), eq(conferenceOccurrences.status, 'scheduled'), gt(conferenceOccurrences.startsAt, asOf)));
    const rows = coming.flatMap((o) => invitees.map((m) => ({ id: newId(now.getTime()), tenantId: series.tenantId, occurrenceId: o.id, memberUnitId: m.id, reply: 'pending' as const, createdAt: now })));
    for (let i = 0; i < rows.length; i += 1000) {
      const inserted = await tx.insert(conferenceInvitations).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ id: conferenceInvitations.id });
      result.invited += inserted.length;
    }
  }
  await tx.update(conferenceSeries).set({ materialisedRevision: series.revision, materialisedUntil: horizon }).where(eq(conferenceSeries.id, series.id));
  return result;
}

type Notice = 'invitation' | 'moved' | 'cancelled' | 'changed' | InvitationStage;

const noticeTitle: Record<Notice, string> = {
  invitation: '会议邀请',
  moved: '会议改期通知',
  cancelled: '会议取消通知',
  changed: '会议信息变更',
  invitation_7d: '会议提醒（7天后召开）',
  invitation_1d: '会议提醒（明天召开）',
};

async function mailInvitee(tx: Tx, ctx: ServiceContext, input: { notice: Notice; invitationId: string; unit: { id: string; name: string; email: string | null }; series: SeriesRow; occurrence: OccurrenceRow; dedupKey: string; asOf: Date }) {
  const { occurrence: o, series: s } = input;
  const withLink = input.notice !== 'cancelled';
  let privateLink: string | null = null;
  if (withLink) {
    const { token, hash } = issueToken(s.tenantId);
    await tx.insert(conferenceReplyTokens).values({ tenantId: s.tenantId, tokenHash: hash, invitationId: input.invitationId, issuedAt: input.asOf });
    privateLink = `/r/${token}`;
  }
  const agenda = agendaText(await agendaOf(tx, s, o));
  const lines = [
    `${input.unit.name}：`,
    input.notice === 'cancelled' ? `原定于${shanghaiTime(o.startsAt)}召开的“${s.title}”已取消。` : `“${s.title}”定于${shanghaiTime(o.startsAt)}至${shanghaiTime(o.endsAt)}在${o.venue}召开。`,
    o.changeReason && input.notice !== 'invitation' && !input.notice.startsWith('invitation_') ? `变更原因：${o.changeReason}` : '',
    withLink ? `议程：\n${agenda}` : '',
    withLink ? '请通过邮件中的专用链接答复参加、不参加或委托他人参加（无需登录，会议结束后失效）。' : '',
  ].filter(Boolean);
  await notify({
    ctx,
    tx,
    input: {
      recipient: { kind: 'user', id: `member_unit:${input.unit.id}` },
      reasonCode: `conference.${input.notice}`,
      reason: noticeTitle[input.notice],
      title: `${noticeTitle[input.notice]}：${s.title}`,
      body: lines.join('\n'),
      link: null,
      privateLink,
      email: input.unit.email,
      dedupKey: input.dedupKey,
    },
  });
}

export interface DispatchResult {
  invitations: number;
  changeNotices: number;
  reminders: number;
  resolutionReminders: number;
}

/** Mails what is due at `asOf`: invitations entering the 30-day window, change notices, and each reminder stage once. */
export async function dispatchConferenceMail(tx: Tx, ctx: ServiceContext, asOf: Date): Promise<DispatchResult> {
  const result: DispatchResult = { invitations: 0, changeNotices: 0, reminders: 0, resolutionReminders: 0 };
  const today = shanghaiDate(asOf);
  /** Reminder stages are calendar days: a meeting any time on the 7th day ahead is within the first stage. */
  const remindBefore = shanghaiDayStart(addIsoDays(today, INVITATION_REMINDER_DAYS.invitation_7d + 1));
  const rows = await tx
    .select({ i: conferenceInvitations, o: conferenceOccurrences, s: conferenceSeries, m: { id: memberUnits.id, name: memberUnits.name, email: memberUnits.email } })
    .from(conferenceInvitations)
    .innerJoin(conferenceOccurrences, eq(conferenceOccurrences.id, conferenceInvitations.occurrenceId))
    .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceOccurrences.seriesId))
    .innerJoin(memberUnits, eq(memberUnits.id, conferenceInvitations.memberUnitId))
    .where(
      and(
        gt(conferenceOccurrences.startsAt, asOf),
        ne(conferenceOccurrences.status, 'held'),
        or(
          and(isNull(conferenceInvitations.noticeSequence), eq(conferenceOccurrences.status, 'scheduled'), lte(conferenceOccurrences.startsAt, addDays(asOf, INVITATION_LEAD_DAYS))),
          and(isNotNull(conferenceInvitations.noticeSequence), sql`${conferenceInvitations.noticeSequence} < ${conferenceOccurrences.sequence}`),
          and(isNotNull(conferenceInvitations.noticeSequence), eq(conferenceOccurrences.status, 'scheduled'), lt(conferenceOccurrences.startsAt, remindBefore), ne(conferenceInvitations.reply, 'declined')),
        ),
      ),
    )
    .orderBy(conferenceOccurrences.startsAt, conferenceInvitations.id);

  for (const { i, o, s, m } of rows) {
    if (i.noticeSequence === null || i.noticeSequence < o.sequence) {
      const notice: Notice = i.noticeSequence === null ? 'invitation' : o.status === 'cancelled' ? 'cancelled' : o.startsAt.getTime() !== o.originalStart.getTime() || o.detached ? 'moved' : 'changed';
      await mailInvitee(tx, ctx, { notice, invitationId: i.id, unit: m, series: s, occurrence: o, dedupKey: `conference:${notice}:${i.id}:${o.sequence}`, asOf });
      await tx.update(conferenceInvitations).set({ noticeSequence: o.sequence, noticedAt: asOf }).where(eq(conferenceInvitations.id, i.id));
      if (notice === 'invitation') result.invitations++;
      else result.changeNotices++;
      continue;
    }
    if (o.status !== 'scheduled' || i.reply === 'declined') continue;
    const stage = invitationStageDue(o.startsAt, i.noticedAt, asOf);
    if (!stage) continue;
    const claimed = await tx.insert(conferenceReminders).values({ tenantId: s.tenantId, subjectId: i.id, stage, sentAt: asOf }).onConflictDoNothing().returning({ stage: conferenceReminders.stage });
    if (!claimed.length) continue;
    await mailInvitee(tx, ctx, { notice: stage, invitationId: i.id, unit: m, series: s, occurrence: o, dedupKey: `conference:${stage}:${i.id}`, asOf });
    result.reminders++;
  }

  const open = await tx
    .select({ r: conferenceResolutions, s: conferenceSeries, m: { id: memberUnits.id, name: memberUnits.name, email: memberUnits.email } })
    .from(conferenceResolutions)
    .innerJoin(conferenceSeries, eq(conferenceSeries.id, conferenceResolutions.seriesId))
    .leftJoin(memberUnits, eq(memberUnits.id, conferenceResolutions.ownerMemberUnitId))
    .where(and(eq(conferenceResolutions.status, 'open'), lte(conferenceResolutions.dueDate, addIsoDays(today, RESOLUTION_DUE_SOON_DAYS))));
  for (const { r, s, m } of open) {
    const stage: ResolutionStage | null = resolutionStageDue(r.dueDate, today);
    if (!stage) continue;
    const claimed = await tx.insert(conferenceReminders).values({ tenantId: s.tenantId, subjectId: r.id, stage, sentAt: asOf }).onConflictDoNothing().returning({ stage: conferenceReminders.stage });
    if (!claimed.length) continue;
    const overdue = stage === 'resolution_overdue';
    const title = `${overdue ? '议定事项已逾期' : '议定事项即将到期'}：${r.title}`;
    const body = `“${s.title}”议定事项“${r.title}”${overdue ? `已于${r.dueDate}到期，尚未办结` : `将于${r.dueDate}到期`}。未办结事项将自动列入下次会议议程。`;
    const base = { reasonCode: `conference.${stage}`, reason: overdue ? '议定事项逾期未办结' : '议定事项即将到期', title, body, link: `/conferences/resolutions/${r.id}` };
    const owner = m ? { kind: 'user' as const, id: `member_unit:${m.id}` } : { kind: 'unit' as const, id: r.ownerUnit! };
    await notify({ ctx, tx, input: { ...base, recipient: owner, email: m?.email ?? null, dedupKey: `conference:${stage}:${r.id}` } });
    if (overdue && owner.id !== s.convenerUnit) await notify({ ctx, tx, input: { ...base, recipient: { kind: 'unit', id: s.convenerUnit }, dedupKey: `conference:${stage}:${r.id}:convener` } });
    result.resolutionReminders++;
  }
  return result;
}

type SchedulingCall<T extends QueueMessage<'conferenceScheduling'>['type']> = MessageCall<Extract<QueueMessage<'conferenceScheduling'>, { type: T }>>;

/** A series was created or changed: bring its meetings in line, then mail what that makes due. */
export async function applySeriesChange({ ctx, tx, input }: SchedulingCall<'conference.series_changed'>) {
  const asOf = new Date(input.asOf);
  const [series] = await tx.select().from(conferenceSeries).where(eq(conferenceSeries.id, input.seriesId)).for('update');
  if (!series) throw new Error(`conference series ${input.seriesId} not found in ${input.tenant}`);
  const materialised = await materialiseSeries(tx, ctx, series, asOf > ctx.clock.now() ? asOf : ctx.clock.now());
  const mailed = await dispatchConferenceMail(tx, ctx, ctx.clock.now());
  return { seriesId: series.id, revision: series.revision, ...materialised, ...mailed };
}

/** The daily sweep: every active series' horizon rolls forward, then invitations, notices and reminders that fell due. */
export async function runConferenceSweep(call: SchedulingCall<'conference.sweep'>) {
  const { ctx, tx, input } = call;
  const asOf = new Date(input.asOf);
  const run = await recordSweepRun(call);
  const repaired = reportRepairs(ctx, input, await reconcileConferenceSeries(tx, ctx, asOf));
  const series = await tx.select().from(conferenceSeries).where(eq(conferenceSeries.status, 'active')).for('update');
  let created = 0;
  for (const s of series) created += (await materialiseSeries(tx, ctx, s, asOf)).created;
  const mailed = await dispatchConferenceMail(tx, ctx, asOf);
  return { day: run.day, repaired, series: series.length, created, ...mailed };
}
