import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { reportLateNotices, reportReminders } from '../../db/schema/reporting.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { requireProvince } from '../auth/principal.js';
import type { Call } from '../context.js';
import { notify } from '../notifications/service.js';
import { recordSweepRun, reportRepairs, type SweepMessage } from '../sweeps/service.js';
import { reconcileReportAggregates, type AggregateRepair } from './reconcile.js';
import { reminderStage, reportProvinceReaders } from './rules.js';

const stageTitles = { due_in_14_days: '距报告截止还有14天', due_in_3_days: '距报告截止还有3天', late: '报告已逾期' } as const;

/**
 * The report.deadline_sweep verb: records the run, then reminds the city of each open period it has not reported
 * for (nothing, a draft, or a returned version) at 14 and 3 days before the due date and once late; a late city is also
 * added to the province's list. The (city, template, period, stage) key makes every reminder happen once.
 */
export async function runReportDeadlineSweep(call: Call<SweepMessage> & { tx: Tx; messageKey: string }): Promise<{ day: string; repaired: AggregateRepair; reminders: number }> {
  const { ctx, tx, input } = call;
  const { day } = await recordSweepRun(call);
  const repaired = reportRepairs(ctx, input, await reconcileReportAggregates(tx, ctx, input.tenant));
  const rows = rowsOf<{ template_id: string; title: string; on_time_days: number; period: string; due_on: string; closes_on: string; latest_status: string | null }>(
    await tx.execute(sql`
      select t.id as template_id, t.title, t.on_time_days, p.period, p.due_on::text as due_on, p.closes_on::text as closes_on,
        (select s.status from report_snapshots s where s.template_id = t.id and s.period = p.period order by s.version desc limit 1) as latest_status
      from report_periods p join report_templates t on t.id = p.template_id
      where p.opens_on <= ${day} and p.closes_on >= ${day}`),
  );
  let sent = 0;
  for (const r of rows) {
    if (r.latest_status === 'submitted' || r.latest_status === 'accepted') continue;
    const stage = reminderStage(day, r.due_on, r.on_time_days);
    if (!stage) continue;
    const inserted = await tx
      .insert(reportReminders)
      .values({ tenantId: input.tenant, templateId: r.template_id, period: r.period, stage, sentAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ stage: reportReminders.stage });
    if (!inserted.length) continue;
    await notify({
      ctx,
      tx,
      input: {
        recipient: { kind: 'unit', id: input.tenant },
        reasonCode: `report.${stage}`,
        reason: `${r.title} (${r.period}) 截止日期 ${r.due_on}`,
        title: `${stageTitles[stage]}: ${r.title}`,
        body: stage === 'late' ? `${r.title} (${r.period}) 已过截止日期 ${r.due_on}, 请尽快报送。` : `${r.title} (${r.period}) 将于 ${r.due_on} 截止, 请按时报送。`,
        link: `/v1/reports?template=${r.template_id}&period=${encodeURIComponent(r.period)}`,
        dedupKey: `report:${r.template_id}:${r.period}:${stage}`,
      },
    });
    if (stage === 'late') {
      await tx.insert(reportLateNotices).values({ templateId: r.template_id, period: r.period, cityCode: input.tenant, dueOn: r.due_on, notifiedAt: ctx.clock.now() }).onConflictDoNothing();
    }
    sent += 1;
  }
  return { day, repaired, reminders: sent };
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
