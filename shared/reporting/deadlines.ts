import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { reportLateNotices, reportReminders } from '../../db/schema/reporting.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { requireProvince } from '../auth/principal.js';
import type { Call } from '../context.js';
import { recordSweepRun, reportRepairs, type SweepMessage } from '../sweeps/service.js';
import { noticeDeadline, noticePeriodOpened, type OpenPeriodRow } from './notices.js';
import { reconcileReportAggregates, type AggregateRepair } from './reconcile.js';
import { reminderStage, reportProvinceReaders } from './rules.js';

/**
 * The report.deadline_sweep verb: records the run, then for each open period the city has not reported for (nothing,
 * a draft, or a returned version) tells it the period is open (once), and reminds it at 14 and 3 days before the due
 * date and once late, in its inbox and mailbox; a late city is also added to the province's list. The (city, template,
 * period, stage) key and the notification's dedup key make every notice happen once, however often the sweep runs.
 */
export async function runReportDeadlineSweep(call: Call<SweepMessage> & { tx: Tx; messageKey: string }): Promise<{ day: string; repaired: AggregateRepair; opened: number; reminders: number }> {
  const { ctx, tx, input } = call;
  const { day } = await recordSweepRun(call);
  const repaired = reportRepairs(ctx, input, await reconcileReportAggregates(tx, ctx, input.tenant));
  const rows = rowsOf<OpenPeriodRow & { on_time_days: number; latest_status: string | null }>(
    await tx.execute(sql`
      select t.id as template_id, t.title, t.on_time_days, p.period, p.opens_on::text as opens_on, p.due_on::text as due_on, p.closes_on::text as closes_on,
        (select s.status from report_snapshots s where s.template_id = t.id and s.period = p.period order by s.version desc limit 1) as latest_status
      from report_periods p join report_templates t on t.id = p.template_id
      where p.opens_on <= ${day} and p.closes_on >= ${day}
      order by p.due_on, t.id, p.period`),
  );
  let sent = 0;
  let opened = 0;
  for (const r of rows) {
    if (r.latest_status === 'submitted' || r.latest_status === 'accepted') continue;
    if (r.latest_status === null && (await noticePeriodOpened(tx, ctx, input.tenant, r))) opened += 1;
    const stage = reminderStage(day, r.due_on, r.on_time_days);
    if (!stage) continue;
    const inserted = await tx
      .insert(reportReminders)
      .values({ tenantId: input.tenant, templateId: r.template_id, period: r.period, stage, sentAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ stage: reportReminders.stage });
    if (!inserted.length) continue;
    await noticeDeadline(tx, ctx, input.tenant, r, stage);
    if (stage === 'late') {
      await tx.insert(reportLateNotices).values({ templateId: r.template_id, period: r.period, cityCode: input.tenant, dueOn: r.due_on, notifiedAt: ctx.clock.now() }).onConflictDoNothing();
    }
    sent += 1;
  }
  return { day, repaired, opened, reminders: sent };
}

export async function listLateNotices({ ctx, input }: Call<{ template: string; period: string }>) {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx
      .select({ cityCode: reportLateNotices.cityCode, cityName: tenants.name, dueOn: reportLateNotices.dueOn, notifiedAt: reportLateNotices.notifiedAt })
      .from(reportLateNotices)
      .leftJoin(tenants, eq(tenants.code, reportLateNotices.cityCode))
      .where(and(eq(reportLateNotices.templateId, input.template), eq(reportLateNotices.period, input.period)))
      .orderBy(asc(reportLateNotices.cityCode));
    return rows.map((r) => ({ ...r, notifiedAt: r.notifiedAt.toISOString() }));
  });
}
