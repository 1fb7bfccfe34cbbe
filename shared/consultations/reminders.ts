import { and, inArray, lte } from 'drizzle-orm';
import { consultationReminders, consultations } from '../../db/schema/index.js';
import { addIsoDays } from '../dates.js';
import { notify } from '../notifications/service.js';
import type { QueueMessage } from '../queues.js';
import { recordSweepRun } from '../sweeps/service.js';
import { shanghaiDay } from '../time.js';
import { divisionNames } from '../hierarchy/service.js';
import type { MessageCall } from '../workers/process.js';
import { msg } from './messages.js';
import { reminderStageOn, streetOf } from './rules.js';
import { readWorkingCalendar } from './service.js';

/** Far enough ahead that the working day before any deadline (after the longest holiday) falls inside it. */
const HORIZON_DAYS = 21;

/**
 * The daily sweep of one city: each unanswered consultation that has reached a stage on the sweep's day (the working
 * day before its deadline: the community is reminded; past it: the street is asked to follow it up) gets that stage
 * once. The (consultation, stage) key and the notification's dedup key make a repeated or redelivered sweep a no-op.
 */
export async function runConsultationSweep(call: MessageCall<QueueMessage<'consultations'>>) {
  const { ctx, tx, input } = call;
  const run = await recordSweepRun(call);
  const day = shanghaiDay(new Date(input.asOf));
  const now = ctx.clock.now();
  const calendar = await readWorkingCalendar(tx);
  const open = await tx
    .select({ id: consultations.id, communityCode: consultations.communityCode, trackingCode: consultations.trackingCode, category: consultations.category, receivedOn: consultations.receivedOn, dueOn: consultations.dueOn })
    .from(consultations)
    .where(and(inArray(consultations.status, ['new', 'assigned']), lte(consultations.dueOn, addIsoDays(day, HORIZON_DAYS))));
  const reached = open.flatMap((c) => {
    const stage = reminderStageOn(day, c.dueOn, calendar);
    return stage ? [{ ...c, stage }] : [];
  });
  const names = await divisionNames(tx, [...new Set(reached.map((c) => c.communityCode))]);
  let sent = 0;
  for (const c of reached) {
    const [claimed] = await tx
      .insert(consultationReminders)
      .values({ tenantId: input.tenant, consultationId: c.id, stage: c.stage, asOfDay: day, sentAt: now })
      .onConflictDoNothing()
      .returning({ id: consultationReminders.consultationId });
    if (!claimed) continue;
    const params = { trackingCode: c.trackingCode, category: c.category, communityName: names.get(c.communityCode) ?? c.communityCode, receivedOn: c.receivedOn, dueOn: c.dueOn };
    const recipient = c.stage === 'due_soon' ? c.communityCode : streetOf(c.communityCode);
    const title = c.stage === 'due_soon' ? msg['consultation.notice.due_soon_title'](params) : msg['consultation.notice.overdue_title'](params);
    const body = c.stage === 'due_soon' ? msg['consultation.notice.due_soon_body'](params) : msg['consultation.notice.overdue_body'](params);
    const reason = c.stage === 'due_soon' ? msg['consultation.notice.due_soon_reason']() : msg['consultation.notice.overdue_reason']();
    await notify({
      ctx, tx,
      input: {
        recipient: { kind: 'unit', id: recipient }, reasonCode: `consultation.${c.stage}`, reason: reason.text('zh'), title: title.text('zh'), body: body.text('zh'),
        link: `/console/consultations/${c.id}`, email: null, dedupKey: `consultation:${c.id}:${c.stage}:${recipient}`,
      },
    });
    sent++;
  }
  return { day: run.day, open: open.length, notifications: sent };
}
