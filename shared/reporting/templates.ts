import { asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { reportPeriods, reportTemplates } from '../../db/schema/reporting.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../audit/service.js';
import { requireProvince } from '../auth/principal.js';
import type { Call } from '../context.js';
import { AppError, notFound, type FieldProblem } from '../errors.js';
import { newId } from '../ids.js';
import { reformCompletionTemplate } from './default-template.js';
import { periodMatches, reportProvinceReaders, reportTemplateManagers, templateProblems, type PeriodType } from './rules.js';
import type { CreateTemplateInput, PeriodInput, TemplateView } from './schemas.js';
import { msg, periodTypeLabels } from './messages.js';
import { labelOf, messageIn } from '../i18n.js';

type TemplateRow = typeof reportTemplates.$inferSelect;
type PeriodRow = typeof reportPeriods.$inferSelect;

const templateView = (t: TemplateRow, periods: PeriodRow[]): TemplateView => ({
  id: t.id,
  code: t.code,
  title: t.title,
  periodType: t.periodType,
  onTimeDays: t.onTimeDays,
  indicators: t.indicators,
  rules: t.rules,
  addressees: t.addressees,
  periods: periods.map((p) => ({ period: p.period, opensOn: p.opensOn, dueOn: p.dueOn, closesOn: p.closesOn })),
  createdAt: t.createdAt.toISOString(),
});

function periodProblems(type: PeriodType, periods: PeriodInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  periods.forEach((p, n) => {
    if (!periodMatches(type, p.period)) problems.push({ path: `body.periods.${n}.period`, message: msg.period_format({ type: labelOf(periodTypeLabels, type), format: messageIn(msg, `period_written_${type}`) }) });
    if (seen.has(p.period)) problems.push({ path: `body.periods.${n}.period`, message: msg.period_appears_twice({ period: p.period }) });
    seen.add(p.period);
    if (!(p.opensOn <= p.dueOn && p.dueOn <= p.closesOn)) problems.push({ path: `body.periods.${n}.dueOn`, message: msg.period_dates_out_of_order() });
  });
  return problems;
}

async function loadTemplate(tx: Tx, id: string): Promise<{ row: TemplateRow; periods: PeriodRow[] }> {
  const [row] = await tx.select().from(reportTemplates).where(eq(reportTemplates.id, id));
  if (!row) throw notFound(msg.report_template_not_found({ id }));
  const periods = await tx.select().from(reportPeriods).where(eq(reportPeriods.templateId, id)).orderBy(asc(reportPeriods.opensOn));
  return { row, periods };
}

export async function loadPeriod(tx: Tx, templateId: string, period: string): Promise<{ template: TemplateRow; period: PeriodRow }> {
  const { row, periods } = await loadTemplate(tx, templateId);
  const found = periods.find((p) => p.period === period);
  if (!found) throw notFound(msg.template_period_not_found({ period, templateId }));
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
  if (problems.length) throw new AppError('validation_failed', msg.template_has_problems({ length: problems.length }), { errors: problems });
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
        addressees: definition.addressees,
        createdBy: principal.subject,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: reportTemplates.id });
    if (!inserted.length) throw new AppError('conflict', msg.template_code_exists({ code: definition.code }));
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
    if (problems.length) throw new AppError('validation_failed', msg.periods_invalid(), { errors: problems });
    const inserted = await tx.insert(reportPeriods).values({ templateId: id, ...period, createdAt: ctx.clock.now() }).onConflictDoNothing().returning({ period: reportPeriods.period });
    if (!inserted.length) throw new AppError('conflict', msg.period_already_open({ period: period.period }));
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
