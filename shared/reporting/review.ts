import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { reportSnapshots, reportSnapshotValues } from '../../db/schema/reporting.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireProvince } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { reportProvinceReaders, reportReviewers } from './rules.js';
import type { SnapshotView } from './schemas.js';
import { enqueueReportNotice } from './notices.js';
import { enqueueChanged, summaryOf } from './reports.js';
import { msg, snapshotStatusLabels } from './messages.js';
import { labelOf } from '../i18n.js';

type SnapshotRow = typeof reportSnapshots.$inferSelect;

async function snapshotViews(tx: Tx, rows: SnapshotRow[]): Promise<SnapshotView[]> {
  const names = new Map((await tx.select({ code: tenants.code, name: tenants.name }).from(tenants)).map((t) => [t.code, t.name]));
  // District names by the province's read of its cities' divisions (policy divisions_province_read): one statement.
  const wanted = rows.flatMap((s) => [...new Set(Object.values(s.districtFigures).flatMap((d) => Object.keys(d)))].map((code) => ({ tenant: s.tenantId, code })));
  const districtNames = new Map<string, Record<string, string>>();
  if (wanted.length) {
    const found = rowsOf<{ tenant: string; code: string; name: string }>(
      await tx.execute(sql`
        select d.tenant_id as tenant, d.code, d.name from divisions d
        join jsonb_to_recordset(${JSON.stringify(wanted)}::jsonb) as w(tenant text, code text) on w.tenant = d.tenant_id and w.code = d.code
        where d.valid_to is null`),
    );
    for (const f of found) districtNames.set(f.tenant, { ...districtNames.get(f.tenant), [f.code]: f.name });
  }
  return rows.map((s) => ({
    ...summaryOf(s),
    tenantId: s.tenantId,
    cityName: names.get(s.tenantId) ?? null,
    templateId: s.templateId,
    period: s.period,
    figures: s.figures,
    districtFigures: s.districtFigures,
    districtNames: districtNames.get(s.tenantId) ?? {},
    narrative: s.narrative,
    attachments: s.attachments,
    addressees: s.addressees,
  }));
}

/** 各市报送的报告 (province): the latest submitted version of each city for a (template, period); drafts never show. */
export async function listSubmittedReports({ ctx, input }: Call<{ template: string; period: string }>): Promise<SnapshotView[]> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx
      .selectDistinctOn([reportSnapshots.tenantId])
      .from(reportSnapshots)
      .where(and(eq(reportSnapshots.templateId, input.template), eq(reportSnapshots.period, input.period)))
      .orderBy(asc(reportSnapshots.tenantId), desc(reportSnapshots.version));
    return snapshotViews(tx, rows);
  });
}

export async function getSubmittedReport({ ctx, input }: Call<{ id: string }>): Promise<SnapshotView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const [row] = await tx.select().from(reportSnapshots).where(eq(reportSnapshots.id, input.id));
    if (!row) throw notFound(msg.submitted_report_not_found({ id: input.id }));
    return (await snapshotViews(tx, [row]))[0]!;
  });
}

/**
 * 采纳 / 退回 (province): decides the submitted version; the aggregation event goes into the city's outbox, the only
 * tenant row the province writes, with the city set for that one insert.
 */
async function reviewReport(ctx: ServiceContext, id: string, decision: 'accepted' | 'returned', comment: string | undefined): Promise<SnapshotView> {
  const principal = requireProvince(ctx.principal, reportReviewers);
  return withTenant(ctx.db, principal, async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .update(reportSnapshots)
      .set({ status: decision, reviewedBy: principal.subject, reviewedAt: now, reviewComment: comment ?? null })
      .where(and(eq(reportSnapshots.id, id), eq(reportSnapshots.status, 'submitted')))
      .returning();
    if (!row) {
      const [existing] = await tx.select({ status: reportSnapshots.status }).from(reportSnapshots).where(eq(reportSnapshots.id, id));
      if (!existing) throw notFound(msg.submitted_report_not_found({ id }));
      throw new AppError('conflict', msg.version_already_decided({ status: labelOf(snapshotStatusLabels, existing.status) }));
    }
    await tx.update(reportSnapshotValues).set({ status: decision }).where(eq(reportSnapshotValues.snapshotId, row.id));
    await tx.execute(sql`select set_config('app.tenant_id', ${row.tenantId}, true)`);
    await enqueueChanged(tx, ctx, row);
    await enqueueReportNotice(tx, ctx, { tenant: row.tenantId, event: decision, reportId: row.reportId, reportVersion: row.version, snapshotId: row.id });
    await recordAudit(tx, ctx, { action: `report.${decision}`, entity: 'report', entityId: row.reportId, tenantId: row.tenantId, detail: { snapshotId: row.id, version: row.version, comment: comment ?? null } });
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    return (await snapshotViews(tx, [row]))[0]!;
  });
}

export const acceptReport = ({ ctx, input }: Call<{ id: string; comment?: string | undefined }>) => reviewReport(ctx, input.id, 'accepted', input.comment);
export const returnReport = ({ ctx, input }: Call<{ id: string; comment: string }>) => reviewReport(ctx, input.id, 'returned', input.comment);
