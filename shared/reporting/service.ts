import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/client.js';
import { reportLateNotices, reportPeriods, reportReminders, reports, reportSnapshots, reportSnapshotValues, reportTemplates } from '../../db/schema/reporting.js';
import { tenants } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireCity, requireProvince } from '../auth/principal.js';
import type { Call, ServiceContext } from '../context.js';
import { shanghaiDate } from '../dates.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { notify } from '../notifications/service.js';
import { enqueue } from '../outbox/enqueue.js';
import { recordSweepRun, reportRepairs, type SweepMessage } from '../sweeps/service.js';
import { reconcileReportAggregates, type AggregateRepair } from './reconcile.js';
import { reformCompletionTemplate } from './default-template.js';
import { computeMetrics, type MetricRun } from './metrics.js';
import {
  buildFigures,
  contentHash,
  metricOf,
  onTimeUntil,
  periodFormats,
  periodMatches,
  periodRange,
  reminderStage,
  reportAuthors,
  reportCityReaders,
  reportProvinceReaders,
  reportReviewers,
  reportTemplateManagers,
  submissionProblems,
  templateProblems,
  type PeriodType,
} from './rules.js';
import type {
  AggregatesView,
  CompletenessView,
  CreateReportInput,
  CreateTemplateInput,
  PeriodInput,
  ReportView,
  SnapshotView,
  OpenPeriodView,
  TemplateView,
  UpdateReportInput,
} from './schemas.js';


type TemplateRow = typeof reportTemplates.$inferSelect;
type ReportRow = typeof reports.$inferSelect;
type SnapshotRow = typeof reportSnapshots.$inferSelect;
type PeriodRow = typeof reportPeriods.$inferSelect;

const templateView = (t: TemplateRow, periods: PeriodRow[]): TemplateView => ({
  id: t.id,
  code: t.code,
  title: t.title,
  periodType: t.periodType,
  onTimeDays: t.onTimeDays,
  indicators: t.indicators,
  rules: t.rules,
  periods: periods.map((p) => ({ period: p.period, opensOn: p.opensOn, dueOn: p.dueOn, closesOn: p.closesOn })),
  createdAt: t.createdAt.toISOString(),
});

const summaryOf = (s: SnapshotRow) => ({
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

function periodProblems(type: PeriodType, periods: PeriodInput[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  periods.forEach((p, n) => {
    if (!periodMatches(type, p.period)) problems.push({ path: `body.periods.${n}.period`, message: `a ${type} period is written ${periodFormats[type]}` });
    if (seen.has(p.period)) problems.push({ path: `body.periods.${n}.period`, message: `period ${p.period} appears twice` });
    seen.add(p.period);
    if (!(p.opensOn <= p.dueOn && p.dueOn <= p.closesOn)) problems.push({ path: `body.periods.${n}.dueOn`, message: 'opensOn ≤ dueOn ≤ closesOn' });
  });
  return problems;
}

async function loadTemplate(tx: Tx, id: string): Promise<{ row: TemplateRow; periods: PeriodRow[] }> {
  const [row] = await tx.select().from(reportTemplates).where(eq(reportTemplates.id, id));
  if (!row) throw notFound(`report template ${id}`);
  const periods = await tx.select().from(reportPeriods).where(eq(reportPeriods.templateId, id)).orderBy(asc(reportPeriods.opensOn));
  return { row, periods };
}

async function loadPeriod(tx: Tx, templateId: string, period: string): Promise<{ template: TemplateRow; period: PeriodRow }> {
  const { row, periods } = await loadTemplate(tx, templateId);
  const found = periods.find((p) => p.period === period);
  if (!found) throw notFound(`period ${period} of report template ${templateId}`);
  return { template: row, period: found };
}

/** 发布报告模板 (province admin): the shipped reform-completion template or a template of its own, with its periods. */
export async function createReportTemplate({ ctx, input }: Call<CreateTemplateInput>): Promise<TemplateView> {
  const principal = requireProvince(ctx.principal, reportTemplateManagers);
  const definition =
    'preset' in input
      ? { ...reformCompletionTemplate, code: input.code ?? reformCompletionTemplate.code, periods: input.periods }
      : input;
  const problems = [...templateProblems(definition.indicators, definition.rules), ...periodProblems(definition.periodType, definition.periods)];
  if (problems.length) throw new AppError('validation_failed', `the template has ${problems.length} problem(s)`, { errors: problems });
  return withTenant(ctx.db, principal, async (tx) => {
    const now = ctx.clock.now();
    const id = newId(now.getTime());
    const inserted = await tx
      .insert(reportTemplates)
      .values({
        id,
        code: definition.code,
        title: definition.title,
        periodType: definition.periodType,
        onTimeDays: definition.onTimeDays,
        indicators: definition.indicators,
        rules: definition.rules,
        createdBy: principal.subject,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: reportTemplates.id });
    if (!inserted.length) throw new AppError('conflict', `a report template with code ${definition.code} exists`);
    if (definition.periods.length) {
      await tx.insert(reportPeriods).values(definition.periods.map((p) => ({ templateId: id, ...p, createdAt: now })));
    }
    await recordAudit(tx, ctx, { action: 'report_template.created', entity: 'report_template', entityId: id, detail: { code: definition.code, periods: definition.periods.map((p) => p.period) } });
    const loaded = await loadTemplate(tx, id);
    return templateView(loaded.row, loaded.periods);
  });
}

/** 开放报告期 (province admin): a further period of a template, with its window and due date. */
export async function openReportPeriod({ ctx, input }: Call<PeriodInput & { id: string }>): Promise<TemplateView> {
  const principal = requireProvince(ctx.principal, reportTemplateManagers);
  return withTenant(ctx.db, principal, async (tx) => {
    const { row } = await loadTemplate(tx, input.id);
    const { id, ...period } = input;
    const problems = periodProblems(row.periodType, [period]).map((p) => ({ ...p, path: p.path.replace('body.periods.0', 'body') }));
    if (problems.length) throw new AppError('validation_failed', 'the period is invalid', { errors: problems });
    const inserted = await tx.insert(reportPeriods).values({ templateId: id, ...period, createdAt: ctx.clock.now() }).onConflictDoNothing().returning({ period: reportPeriods.period });
    if (!inserted.length) throw new AppError('conflict', `period ${period.period} is already open`);
    await recordAudit(tx, ctx, { action: 'report_period.opened', entity: 'report_template', entityId: id, detail: period });
    const loaded = await loadTemplate(tx, id);
    return templateView(loaded.row, loaded.periods);
  });
}

export async function listReportTemplates({ ctx }: Call<Record<string, never>>): Promise<TemplateView[]> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const rows = await tx.select().from(reportTemplates).orderBy(desc(reportTemplates.createdAt));
    const periods = await tx.select().from(reportPeriods).orderBy(asc(reportPeriods.opensOn));
    return rows.map((t) => templateView(t, periods.filter((p) => p.templateId === t.id)));
  });
}

export async function getReportTemplate({ ctx, input }: Call<{ id: string }>): Promise<TemplateView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const { row, periods } = await loadTemplate(tx, input.id);
    return templateView(row, periods);
  });
}

async function historyOf(tx: Tx, reportId: string): Promise<SnapshotRow[]> {
  return tx.select().from(reportSnapshots).where(eq(reportSnapshots.reportId, reportId)).orderBy(asc(reportSnapshots.version));
}

function reportView(r: ReportRow, template: TemplateRow, period: PeriodRow, history: SnapshotRow[], queries?: number): ReportView {
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
    problems: r.status === 'draft' ? submissionProblems(template.indicators, template.rules, figures, r.narrative) : [],
    history: history.map(summaryOf),
    ...(queries === undefined ? {} : { queries }),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Runs every computed metric the template names for the caller's city, a handful of set-based statements in all. */
async function computeFor(ctx: ServiceContext, tx: Tx, template: TemplateRow, period: string): Promise<MetricRun> {
  const asOf = shanghaiDate(ctx.clock.now());
  const keys = template.indicators.map(metricOf).filter((k): k is string => k !== null);
  const run = await computeMetrics(tx, keys, { asOf, ...periodRange(template.periodType, period, asOf) }, () => ctx.clock.now());
  ctx.logger.info('report figures computed', { template: template.id, period, metrics: keys.length, queries: run.queries });
  return run;
}

async function loadReport(tx: Tx, id: string): Promise<{ report: ReportRow; template: TemplateRow; period: PeriodRow }> {
  const [report] = await tx.select().from(reports).where(eq(reports.id, id));
  if (!report) throw notFound(`report ${id}`);
  const { template, period } = await loadPeriod(tx, report.templateId, report.period);
  return { report, template, period };
}

function requireDraft(report: ReportRow): void {
  if (report.status !== 'draft') throw new AppError('conflict', `report ${report.id} is submitted; only a draft changes (a returned report is revised first)`);
}

/** 起草报告 (city admin): a draft for (template, period) with every computed figure filled from the city's own data. */
export async function createReport({ ctx, input }: Call<CreateReportInput>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  if (input.city && input.city !== principal.tenant) throw notFound(`city ${input.city}`);
  return withTenant(ctx.db, principal, async (tx) => {
    const templateId = input.templateId ?? (await tx.select({ id: reportTemplates.id }).from(reportTemplates).where(eq(reportTemplates.code, input.templateCode!)))[0]?.id;
    if (!templateId) throw notFound(`report template ${input.templateCode}`);
    const { template, period } = await loadPeriod(tx, templateId, input.period);
    const today = shanghaiDate(ctx.clock.now());
    if (today < period.opensOn) throw new AppError('rule_violation', `period ${period.period} opens on ${period.opensOn}`, { errors: [{ path: 'body.period', message: `opens on ${period.opensOn}` }] });
    if (today > period.closesOn) throw new AppError('rule_violation', `period ${period.period} closed on ${period.closesOn}`, { errors: [{ path: 'body.period', message: `closed on ${period.closesOn}` }] });
    const [existing] = await tx.select({ id: reports.id }).from(reports).where(and(eq(reports.templateId, template.id), eq(reports.period, period.period)));
    if (existing) throw new AppError('conflict', `the city already has report ${existing.id} for this period`, { reportId: existing.id });
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
    return reportView(row!, template, period, [], run.queries);
  });
}

/**
 * What the province has asked of this city and it can still answer: every published template's periods open today
 * (Asia/Shanghai), with the city's report for each if it has one. Cities read templates and periods through the same
 * policies that let them draft against them.
 */
export async function listOpenPeriods({ ctx, input }: Call<{ city?: string | undefined }>): Promise<OpenPeriodView[]> {
  const principal = requireCity(ctx.principal, reportCityReaders);
  if (input.city && input.city !== principal.tenant) throw notFound(`city ${input.city}`);
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
  if (input.city && input.city !== principal.tenant) throw notFound(`city ${input.city}`);
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
      reportView(r, templates.get(r.templateId)!, periods.find((p) => p.templateId === r.templateId && p.period === r.period)!, snapshots.filter((s) => s.reportId === r.id)),
    );
  });
}

export async function getReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportCityReaders);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    return reportView(report, template, period, await historyOf(tx, report.id));
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
    return reportView(row!, template, period, await historyOf(tx, report.id), run.queries);
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
      .map((code) => ({ path: `body.manual.${code}`, message: indicators.some((i) => i.code === code) ? 'this figure is computed from the city’s data, not entered' : 'not an indicator of this template' }));
    if (errors.length) throw new AppError('validation_failed', 'only manual figures are entered', { errors });
    const { figures } = buildFigures(indicators, new Map(), input.manual ?? {}, report.figures);
    const [row] = await tx
      .update(reports)
      .set({ figures, narrative: input.narrative ?? report.narrative, attachments: input.attachments ?? report.attachments, updatedAt: ctx.clock.now() })
      .where(eq(reports.id, report.id))
      .returning();
    return reportView(row!, template, period, await historyOf(tx, report.id));
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

async function enqueueChanged(tx: Tx, ctx: ServiceContext, snapshot: Pick<SnapshotRow, 'tenantId' | 'templateId' | 'period' | 'reportId'>): Promise<void> {
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
    if (today > period.closesOn) throw new AppError('rule_violation', `period ${period.period} closed on ${period.closesOn}`, { errors: [{ path: 'period', message: `closed on ${period.closesOn}` }] });
    const figures = report.figures;
    const problems = submissionProblems(template.indicators, template.rules, figures, report.narrative);
    if (problems.length) throw new AppError('rule_violation', `the report has ${problems.length} problem(s)`, { errors: problems });
    const content = {
      tenant: report.tenantId,
      templateId: report.templateId,
      period: report.period,
      version: report.version,
      figures,
      districtFigures: report.districtFigures,
      narrative: report.narrative,
      attachments: report.attachments,
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
      contentHash: await contentHash(content),
      submittedBy: principal.subject,
      submittedAt: now,
      onTime: today <= onTimeUntil(period.dueOn, template.onTimeDays),
    };
    await tx.insert(reportSnapshots).values(snapshot);
    await recordSnapshotValues(tx, snapshot);
    const [row] = await tx.update(reports).set({ status: 'submitted', updatedAt: now }).where(eq(reports.id, report.id)).returning();
    await enqueueChanged(tx, ctx, snapshot);
    await recordAudit(tx, ctx, { action: 'report.submitted', entity: 'report', entityId: report.id, detail: { version: report.version, contentHash: snapshot.contentHash, onTime: snapshot.onTime } });
    return reportView(row!, template, period, await historyOf(tx, report.id));
  });
}

/** 修改后重报 (city admin): a returned report becomes the draft of its next version, figures recomputed; earlier versions stay. */
export async function reviseReport({ ctx, input }: Call<{ id: string }>): Promise<ReportView> {
  const principal = requireCity(ctx.principal, reportAuthors);
  return withTenant(ctx.db, principal, async (tx) => {
    const { report, template, period } = await loadReport(tx, input.id);
    const history = await historyOf(tx, report.id);
    if (report.status !== 'submitted' || history.at(-1)?.status !== 'returned') throw new AppError('conflict', `report ${report.id} has not been returned`);
    const run = await computeFor(ctx, tx, template, report.period);
    const { figures, districtFigures } = buildFigures(template.indicators, run.results, {}, report.figures);
    const now = ctx.clock.now();
    const [row] = await tx
      .update(reports)
      .set({ status: 'draft', version: report.version + 1, figures, districtFigures, computedAt: now, updatedAt: now })
      .where(eq(reports.id, report.id))
      .returning();
    await recordAudit(tx, ctx, { action: 'report.revised', entity: 'report', entityId: report.id, detail: { version: report.version + 1 } });
    return reportView(row!, template, period, history, run.queries);
  });
}

async function snapshotViews(tx: Tx, rows: SnapshotRow[]): Promise<SnapshotView[]> {
  const names = new Map((await tx.select({ code: tenants.code, name: tenants.name }).from(tenants)).map((t) => [t.code, t.name]));
  return rows.map((s) => ({
    ...summaryOf(s),
    tenantId: s.tenantId,
    cityName: names.get(s.tenantId) ?? null,
    templateId: s.templateId,
    period: s.period,
    figures: s.figures,
    districtFigures: s.districtFigures,
    narrative: s.narrative,
    attachments: s.attachments,
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
    if (!row) throw notFound(`submitted report ${input.id}`);
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
      if (!existing) throw notFound(`submitted report ${id}`);
      throw new AppError('conflict', `this version was already ${existing.status}`);
    }
    await tx.update(reportSnapshotValues).set({ status: decision }).where(eq(reportSnapshotValues.snapshotId, row.id));
    await tx.execute(sql`select set_config('app.tenant_id', ${row.tenantId}, true)`);
    await enqueueChanged(tx, ctx, row);
    await recordAudit(tx, ctx, { action: `report.${decision}`, entity: 'report', entityId: row.reportId, tenantId: row.tenantId, detail: { snapshotId: row.id, version: row.version, comment: comment ?? null } });
    await tx.execute(sql`select set_config('app.tenant_id', '', true)`);
    return (await snapshotViews(tx, [row]))[0]!;
  });
}

export const acceptReport = ({ ctx, input }: Call<{ id: string; comment?: string | undefined }>) => reviewReport(ctx, input.id, 'accepted', input.comment);
export const returnReport = ({ ctx, input }: Call<{ id: string; comment: string }>) => reviewReport(ctx, input.id, 'returned', input.comment);

/** What the aggregate counts: each city's latest version, if it is submitted or accepted (a returned one waits for its resubmission). */
export const aggregateBasis = 'latest version per city, status submitted or accepted';

/**
 * Rewrites the provincial aggregate of (template, period) in one statement: one pass over the typed values of each
 * city's latest version when it is submitted or accepted (ratios from the parts stored beside them, min and max only
 * for the indicators that ask for them). The advisory lock orders racing recomputations, and the statement after it
 * reads everything committed before it, so the last writer always has the newest data; a redelivery rewrites the same values.
 */
export async function recomputeAggregate(tx: Tx, templateId: string, period: string, now: Date): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('report_aggregates'), hashtext(${`${templateId}:${period}`}))`);
  const result = await tx.execute(sql`
    with ind as (
      select i.code, i.aggregation
      from report_templates t cross join lateral jsonb_to_recordset(t.indicators) as i(code text, aggregation text)
      where t.id = ${templateId}
    ), per_code as (
      select indicator as code, sum(value) as total, array_agg(tenant_id) as codes, array_agg(value) as vals,
        round(100 * sum(ratio_numerator) filter (where ratio_numerator is not null)
          / nullif(sum(ratio_denominator) filter (where ratio_denominator is not null), 0), 2) as ratio
      from report_snapshot_values
      where template_id = ${templateId} and period = ${period} and counted
      group by indicator
    )
    insert into report_aggregates (template_id, period, indicator, value, contributing_cities, per_city_codes, per_city_values, computed_at)
    select ${templateId}, ${period}, i.code,
      case i.aggregation when 'sum' then a.total when 'avg' then round(a.total / cardinality(a.vals), 4)
        when 'min' then (select min(x) from unnest(a.vals) x) when 'max' then (select max(x) from unnest(a.vals) x) else a.ratio end,
      coalesce(cardinality(a.vals), 0), coalesce(a.codes, '{}'), coalesce(a.vals, '{}'), ${now}
    from ind i left join per_code a on a.code = i.code
    on conflict (template_id, period, indicator) do update set
      value = excluded.value, contributing_cities = excluded.contributing_cities, per_city_codes = excluded.per_city_codes,
      per_city_values = excluded.per_city_values, computed_at = excluded.computed_at`);
  return (result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;
}

/** The report.changed verb: the worker reads snapshots across cities in the province's scope for this statement only. */
export async function aggregateReports({ ctx, tx, input }: Call<{ tenant: string; templateId: string; period: string; reportId: string }> & { tx: Tx }): Promise<{ indicators: number }> {
  await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
  try {
    return { indicators: await recomputeAggregate(tx, input.templateId, input.period, ctx.clock.now()) };
  } finally {
    await tx.execute(sql`select set_config('app.scope', 'system', true), set_config('app.tenant_id', ${input.tenant}, true)`);
  }
}

/**
 * The batch form of report.changed: the aggregation recomputes a whole (template, period) from the counted snapshots,
 * whichever report changed, so the messages of one period collapse to one recompute. Periods go in a fixed order, so two
 * workers take the advisory locks in the same order.
 */
export async function aggregateReportsBatch({ ctx, tx, messages }: { ctx: ServiceContext; tx: Tx; messages: { input: { tenant: string; templateId: string; period: string } }[] }): Promise<{ messages: number; periods: number; indicators: number }> {
  const periods = new Map<string, { templateId: string; period: string }>();
  for (const { input } of messages) periods.set(JSON.stringify([input.templateId, input.period]), { templateId: input.templateId, period: input.period });
  const tenant = messages[0]!.input.tenant;
  await tx.execute(sql`select set_config('app.scope', 'province', true), set_config('app.tenant_id', '', true)`);
  try {
    let indicators = 0;
    for (const key of [...periods.keys()].sort()) {
      const { templateId, period } = periods.get(key)!;
      indicators += await recomputeAggregate(tx, templateId, period, ctx.clock.now());
    }
    return { messages: messages.length, periods: periods.size, indicators };
  } finally {
    await tx.execute(sql`select set_config('app.scope', 'system', true), set_config('app.tenant_id', ${tenant}, true)`);
  }
}

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

async function readAggregates(tx: Tx, templateId: string, period: string): Promise<AggregatesView> {
  const { template } = await loadPeriod(tx, templateId, period);
  const rows = rowsOf<{ indicator: string; value: string | null; contributing_cities: number; per_city_codes: string[]; per_city_values: string[]; computed_at: string | Date }>(
    await tx.execute(sql`select indicator, value::text as value, contributing_cities, per_city_codes, per_city_values::text[] as per_city_values, computed_at
      from report_aggregates where template_id = ${templateId} and period = ${period}`),
  );
  const byCode = new Map(rows.map((r) => [r.indicator, r]));
  return {
    templateId,
    period,
    basis: aggregateBasis,
    items: template.indicators.map((i) => {
      const r = byCode.get(i.code);
      return {
        indicator: i.code,
        label: i.label,
        unit: i.unit,
        aggregation: i.aggregation,
        value: r?.value == null ? null : Number(r.value),
        contributingCities: r?.contributing_cities ?? 0,
        perCity: Object.fromEntries((r?.per_city_codes ?? []).map((code, n) => [code, Number(r!.per_city_values[n])])),
        computedAt: r ? new Date(r.computed_at).toISOString() : null,
      };
    }),
  };
}

/** 省级汇总 (province): the aggregate the worker last wrote for a (template, period). */
export async function getAggregates({ ctx, input }: Call<{ template: string; period: string }>): Promise<AggregatesView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, (tx) => readAggregates(tx, input.template, input.period));
}

async function readCompleteness(tx: Tx, templateId: string, period: string): Promise<CompletenessView> {
  const { template, period: p } = await loadPeriod(tx, templateId, period);
  const until = onTimeUntil(p.dueOn, template.onTimeDays);
  const rows = rowsOf<{ code: string; name: string; status: 'submitted' | 'accepted' | 'returned' | null; version: number | null; first_at: string | Date | null; last_at: string | Date | null }>(
    await tx.execute(sql`
      with latest as (
        select distinct on (tenant_id) tenant_id, status, version, submitted_at
        from report_snapshots where template_id = ${templateId} and period = ${period}
        order by tenant_id, version desc
      ), first as (
        select tenant_id, min(submitted_at) as first_at from report_snapshots where template_id = ${templateId} and period = ${period} group by tenant_id
      )
      select t.code, t.name, l.status, l.version, f.first_at, l.submitted_at as last_at
      from tenants t left join latest l on l.tenant_id = t.code left join first f on f.tenant_id = t.code
      where t.status = 'active' or l.tenant_id is not null
      order by t.code`),
  );
  const cities = rows.map((r) => {
    const first = r.first_at ? new Date(r.first_at) : null;
    return {
      code: r.code,
      name: r.name,
      status: r.status ?? ('missing' as const),
      version: r.version,
      firstSubmittedAt: first?.toISOString() ?? null,
      lastSubmittedAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      onTime: first ? shanghaiDate(first) <= until : null,
    };
  });
  const count = (f: (c: (typeof cities)[number]) => boolean) => cities.filter(f).length;
  const expected = cities.length;
  const submitted = count((c) => c.status !== 'missing');
  const onTime = count((c) => c.onTime === true);
  const rate = (n: number) => (expected ? Math.round((10_000 * n) / expected) / 100 : null);
  return {
    templateId,
    period,
    dueOn: p.dueOn,
    onTimeUntil: until,
    expected,
    submitted,
    onTime,
    late: count((c) => c.onTime === false),
    missing: expected - submitted,
    accepted: count((c) => c.status === 'accepted'),
    returned: count((c) => c.status === 'returned'),
    reportingRate: rate(submitted),
    onTimeRate: rate(onTime),
    cities,
  };
}

/**
 * 报送情况 (province): expected (active cities), submitted (any version), on time / late by the first submission's day,
 * missing, and the latest version's review state: DHIS2's reporting and timeliness rates.
 */
export async function getCompleteness({ ctx, input }: Call<{ template: string; period: string }>): Promise<CompletenessView> {
  const principal = requireProvince(ctx.principal, reportProvinceReaders);
  return withTenant(ctx.db, principal, (tx) => readCompleteness(tx, input.template, input.period));
}
