import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { reportPeriods, reports, reportSnapshots, reportSnapshotValues, reportTemplates } from '../../db/schema/reporting.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireCity } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/enqueue.js';
import { computeMetrics, type MetricRun } from './metrics.js';
import { enqueueReportNotice } from './notices.js';
import { buildFigures, contentHash, metricOf, onTimeUntil, periodRange, reportAuthors, reportCityReaders, submissionProblems } from './rules.js';
import type { CreateReportInput, ReportView, OpenPeriodView, UpdateReportInput } from './schemas.js';
import { loadPeriod } from './templates.js';
import { msg } from './messages.js';
import { renderedProblems, type Language } from '../i18n.js';

type TemplateRow = typeof reportTemplates.$inferSelect;
type ReportRow = typeof reports.$inferSelect;
type SnapshotRow = typeof reportSnapshots.$inferSelect;
type PeriodRow = typeof reportPeriods.$inferSelect;

export const summaryOf = (s: SnapshotRow) => ({
  id: s.id,
  version: s.version,
  status: s.status,
  contentHash: s.contentHash,
  submittedBy: s.submittedBy,
  submittedAt: s.submittedAt.toISOString(),
  onTime: s.onTime,
  reviewedBy: s.reviewedBy,
  reviewedAt: s.reviewedAt?.toISOString() ?? null,
  reviewComment: s.reviewComment,
});

async function historyOf(tx: Tx, reportId: string): Promise<SnapshotRow[]> {
  return tx.select().from(reportSnapshots).where(eq(reportSnapshots.reportId, reportId)).orderBy(asc(reportSnapshots.version));
}

function reportView(language: Language | undefined, r: ReportRow, template: TemplateRow, period: PeriodRow, history: SnapshotRow[], queries?: number): ReportView {
  const latest = history.at(-1);
  const figures = r.figures;
  return {
    id: r.id,
    tenantId: r.tenantId,
    templateId: r.templateId,
    templateCode: template.code,
    templateTitle: template.title,
    period: r.period,
    dueOn: period.dueOn,
    indicators: template.indicators,
    status: r.status === 'draft' ? 'draft' : (latest?.status ?? 'submitted'),
    version: r.version,
    figures,
    districtFigures: r.districtFigures,
    computedAt: r.computedAt?.toISOString() ?? null,
    narrative: r.narrative,
    attachments: r.attachments,
    addressees: r.status === 'draft' || !latest ? template.addressees : latest.addressees,
    problems: r.status === 'draft' ? renderedProblems(submissionProblems(template.indicators, template.rules, figures, r.narrative), language) : [],
    history: history.map(summaryOf),
    ...(queries === undefined ? {} : { queries }),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Runs every computed metric the template names for the caller's city, a handful of set-based statements in all. */
async function computeFor(ctx: ServiceContext, tx: Tx, template: TemplateRow, period: string): Promise<MetricRun> {
  const asOf = shanghaiDate(ctx.clock.now());
  const keys = template.indicators.map(metricOf).filter((k): k is string => k !== null);
  const run = await computeMetrics(tx, keys, { asOf, ...periodRange(template.periodType, period, asOf), open: template.periodType === 'once' }, () => ctx.clock.now());
  ctx.logger.info('report figures computed', { template: template.id, period, metrics: keys.length, queries: run.queries });
  return run;
}

async function loadReport(tx: Tx, id: string): Promise<{ report: ReportRow; template: TemplateRow; period: PeriodRow }> {
  const [report] = await tx.select().from(reports).where(eq(reports.id, id));
  if (!report) throw notFound(msg.report_not_found({ id }));
  const { template, period } = await loadPeriod(tx, report.templateId, report.period);
  return { report, template, period };
}

function requireDraft(report: ReportRow): void {
  if (report.status !== 'draft') throw new AppError('conflict', msg.report_not_a_draft({ id: report.id }));
}

/** 起草报告 (city admin): a draft for (template, period) with every computed figure filled from the city's own data. */
export async function createReport({ ctx, input }: Call<CreateReportInput>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  if (input.city && input.city !== principal.tenant) throw notFound(msg.city_not_found({ city: input.city }));
  return withTenant(ctx.db, principal, async (tx) => {
    const templateId = input.templateId ?? (await tx.select({ id: reportTemplates.id }).from(reportTemplates).where(eq(reportTemplates.code, input.templateCode!)))[0]?.id;
    if (!templateId) throw notFound(msg.report_template_code_not_found({ templateCode: input.templateCode }));
    const { template, period } = await loadPeriod(tx, templateId, input.period);
    const today = shanghaiDate(ctx.clock.now());
    if (today < period.opensOn) throw new AppError('rule_violation', msg.period_not_open_yet({ period: period.period, opensOn: period.opensOn }), { errors: [{ path: 'body.period', message: msg.opens_on({ opensOn: period.opensOn }) }] });
    if (today > period.closesOn) throw new AppError('rule_violation', msg.period_closed({ period: period.period, closesOn: period.closesOn }), { errors: [{ path: 'body.period', message: msg.closed_on({ closesOn: period.closesOn }) }] });
    const [existing] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.templateId, template.id), eq(reports.period, period.period)));
    if (existing) throw new AppError('conflict', msg.report_exists_for_period({ id: existing.id }), { reportId: existing.id });
    const run = await computeFor(ctx, tx, template, period.period);
    const { figures, districtFigures } = buildFigures(template.indicators, run.results, {});
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(reports)
      .values({
        id: newId(now.getTime()),
        tenantId: principal.tenant,
        templateId: template.id,
        period: period.period,
        status: 'draft',
        version: 1,
        figures,
        districtFigures,
        computedAt: now,
        createdBy: principal.subject,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'report.created', entity: 'report', entityId: row!.id, detail: { templateId: template.id, period: period.period } });
    return reportView(ctx.language, row!, template, period, [], run.queries);
  });
}

/**
 * What the province has asked of this city and it can still answer: every published template's periods open today
 * (Asia/Shanghai), with the city's report for each if it has one. Cities read templates and periods through the same
 * policies that let them draft against them.
 */
export async function listOpenPeriods({ ctx, input }: Call<{ city?: string | undefined }>): Promise<OpenPeriodView[]> {
  const principal = requireCity(ctx.principal, reportCityReaders);
  if (input.city && input.city !== principal.tenant) throw notFound(msg.city_not_found({ city: input.city }));
  const today = shanghaiDate(ctx.clock.now());
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx
      .select({ templateId: reportTemplates.id, templateCode: reportTemplates.code, templateTitle: reportTemplates.title, period: reportPeriods.period, opensOn: reportPeriods.opensOn, dueOn: reportPeriods.dueOn, closesOn: reportPeriods.closesOn, reportId: reports.id })
      .from(reportPeriods)
      .innerJoin(reportTemplates, eq(reportTemplates.id, reportPeriods.templateId))
      .leftJoin(reports, and(eq(reports.templateId, reportPeriods.templateId), eq(reports.period, reportPeriods.period)))
      .where(and(lte(reportPeriods.opensOn, today), gte(reportPeriods.closesOn, today)))
      .orderBy(asc(reportPeriods.dueOn), asc(reportTemplates.code));
    return rows.map((r) => ({ ...r, reportId: r.reportId ?? null }));
  });
}

export async function listReports({ ctx, input }: Call<{ template?: string | undefined; period?: string | undefined; city?: string | undefined }>): Promise<ReportView[]> {
  const principal = requireCity(ctx.principal, reportCityReaders);
  if (input.city && input.city !== principal.tenant) throw notFound(msg.city_not_found({ city: input.city }));
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx
      .select()
      .from(reports)
      .where(and(input.template ? eq(reports.templateId, input.template) : undefined, input.period ? eq(reports.period, input.period) : undefined))
      .orderBy(desc(reports.createdAt));
    const templates = new Map((await tx.select().from(reportTemplates)).map((t) => [t.id, t]));
    const periods = await tx.select().from(reportPeriods);
    const snapshots = await tx.select().from(reportSnapshots).orderBy(asc(reportSnapshots.version));
    return rows.map((r) =>
      reportView(ctx.language, r, templates.get(r.templateId)!, periods.find((p) => p.templateId === r.templateId && p.period === r.period)!, snapshots.filter((s) => s.reportId === r.id)),
    );
  });
}

export async function getReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportCityReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    return reportView(ctx.language, report, template, period, await historyOf(tx, report.id));
  });
}

/** 刷新数据 (city admin): recomputes every computed figure of a draft, each with its new query time. */
export async function refreshReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    requireDraft(report);
    const run = await computeFor(ctx, tx, template, report.period);
    const { figures, districtFigures } = buildFigures(template.indicators, run.results, {}, report.figures);
    const now = ctx.clock.now();
    const [row] = await tx.update(reports).set({ figures, districtFigures, computedAt: now, updatedAt: now }).where(eq(reports.id, report.id)).returning();
    return reportView(ctx.language, row!, template, period, await historyOf(tx, report.id), run.queries);
  });
}

/** 填报 (city admin): manual figures, the written report and attachment references of a draft. */
export async function updateReport({ ctx, input }: Call<UpdateReportInput & { id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    requireDraft(report);
    const indicators = template.indicators;
    const manualCodes = new Set(indicators.filter((i) => i.source === 'manual').map((i) => i.code));
    const errors = Object.keys(input.manual ?? {})
      .filter((code) => !manualCodes.has(code))
      .map((code) => ({ path: `body.manual.${code}`, message: indicators.some((i) => i.code === code) ? msg.figure_is_computed() : msg.not_an_indicator() }));
    if (errors.length) throw new AppError('validation_failed', msg.only_manual_figures(), { errors });
    const { figures } = buildFigures(indicators, new Map(), input.manual ?? {}, report.figures);
    const [row] = await tx
      .update(reports)
      .set({ figures, narrative: input.narrative ?? report.narrative, attachments: input.attachments ?? report.attachments, updatedAt: ctx.clock.now() })
      .where(eq(reports.id, report.id))
      .returning();
    return reportView(ctx.language, row!, template, period, await historyOf(tx, report.id));
  });
}

/** The snapshot's city figures as typed rows for the aggregate, converted as the aggregate always read them; earlier versions stop being the latest. */
export async function recordSnapshotValues(tx: Tx, snapshot: Pick<SnapshotRow, 'id' | 'tenantId' | 'templateId' | 'period' | 'version'>): Promise<void> {
  await tx
    .update(reportSnapshotValues)
    .set({ latest: false })
    .where(and(eq(reportSnapshotValues.tenantId, snapshot.tenantId), eq(reportSnapshotValues.templateId, snapshot.templateId), eq(reportSnapshotValues.period, snapshot.period), eq(reportSnapshotValues.latest, true)));
  await tx.execute(sql`
    insert into report_snapshot_values (tenant_id, snapshot_id, template_id, period, version, indicator, value, ratio_numerator, ratio_denominator, status, latest)
    select s.tenant_id, s.id, s.template_id, s.period, s.version, f.key, (f.value ->> 'value')::numeric,
      (s.figures -> i.numerator ->> 'value')::numeric, (s.figures -> i.denominator ->> 'value')::numeric, s.status, true
    from report_snapshots s cross join jsonb_each(s.figures) f
      left join lateral (
        select x.numerator, x.denominator
        from report_templates t cross join lateral jsonb_to_recordset(t.indicators) as x(code text, aggregation text, numerator text, denominator text)
        where t.id = s.template_id and x.code = f.key and x.aggregation = 'ratio'
      ) i on true
    where s.id = ${snapshot.id}`);
}

export async function enqueueChanged(tx: Tx, ctx: ServiceContext, snapshot: Pick<SnapshotRow, 'tenantId' | 'templateId' | 'period' | 'reportId'>): Promise<void> {
  await enqueue(tx, ctx, 'reportAggregation', { version: 1, type: 'report.changed', tenant: snapshot.tenantId, templateId: snapshot.templateId, period: snapshot.period, reportId: snapshot.reportId });
}

/** 报送 (city admin): freezes the draft as an immutable snapshot for the province; every problem blocks it at once. */
export async function submitReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    requireDraft(report);
    const now = ctx.clock.now();
    const today = shanghaiDate(now);
    if (today > period.closesOn) throw new AppError('rule_violation', msg.period_closed({ period: period.period, closesOn: period.closesOn }), { errors: [{ path: 'period', message: msg.closed_on({ closesOn: period.closesOn }) }] });
    const figures = report.figures;
    const problems = submissionProblems(template.indicators, template.rules, figures, report.narrative);
    if (problems.length) throw new AppError('rule_violation', msg.report_has_problems({ length: problems.length }), { errors: problems });
    const content = {
      tenant: report.tenantId,
      templateId: report.templateId,
      period: report.period,
      version: report.version,
      figures,
      districtFigures: report.districtFigures,
      narrative: report.narrative,
      attachments: report.attachments,
      addressees: template.addressees,
    };
    const snapshot = {
      id: newId(now.getTime()),
      tenantId: report.tenantId,
      reportId: report.id,
      templateId: report.templateId,
      period: report.period,
      version: report.version,
      status: 'submitted' as const,
      figures,
      districtFigures: report.districtFigures,
      narrative: report.narrative,
      attachments: report.attachments,
      addressees: template.addressees,
      contentHash: await contentHash(content),
      submittedBy: principal.subject,
      submittedAt: now,
      onTime: today <= onTimeUntil(period.dueOn, template.onTimeDays),
    };
    await tx.insert(reportSnapshots).values(snapshot);
    await recordSnapshotValues(tx, snapshot);
    const [row] = await tx.update(reports).set({ status: 'submitted', updatedAt: now }).where(eq(reports.id, report.id)).returning();
    await enqueueChanged(tx, ctx, snapshot);
    await enqueueReportNotice(tx, ctx, { tenant: report.tenantId, event: 'submitted', reportId: report.id, reportVersion: report.version, snapshotId: snapshot.id });
    await recordAudit(tx, ctx, { action: 'report.submitted', entity: 'report', entityId: report.id, detail: { version: report.version, contentHash: snapshot.contentHash, onTime: snapshot.onTime } });
    return reportView(ctx.language, row!, template, period, await historyOf(tx, report.id));
  });
}

/** 修改后重报 (city admin): a returned report becomes the draft of its next version, figures recomputed; earlier versions stay. */
export async function reviseReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    const history = await historyOf(tx, report.id);
    if (report.status !== 'submitted' || history.at(-1)?.status !== 'returned') throw new AppError('conflict', msg.report_not_returned({ id: report.id }));
    const run = await computeFor(ctx, tx, template, report.period);
    const { figures, districtFigures } = buildFigures(template.indicators, run.results, {}, report.figures);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(reports)
      .set({ status: 'draft', version: report.version + 1, figures, districtFigures, computedAt: now, updatedAt: now })
      .where(eq(reports.id, report.id))
      .returning();
    await enqueueReportNotice(tx, ctx, { tenant: report.tenantId, event: 'revised', reportId: report.id, reportVersion: report.version + 1 });
    await recordAudit(tx, ctx, { action: 'report.revised', entity: 'report', entityId: report.id, detail: { version: report.version + 1 } });
    return reportView(ctx.language, row!, template, period, history, run.queries);
  });
}
