import { z } from '@hono/zod-openapi';
import { cityCode, isoDate } from '../patterns.js';
import { reportReminderStages, reportPeriodTypes, snapshotStatuses } from './rules.js';
import { msg } from './messages.js';
import { zodIssue } from '../zod-messages.js';

export const aggregations = ['sum', 'avg', 'min', 'max', 'ratio'] as const;
export const ruleOperators = ['lte', 'lt', 'gte', 'gt', 'eq'] as const;

const indicatorCode = z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, msg.indicator_code_format().code);
const period = z.string().regex(/^[0-9A-Za-z-]{1,20}$/, msg.period_code_format().code);

export const indicator = z
  .object({
    code: indicatorCode,
    label: z.string().trim().min(1).max(80).openapi({ example: '社区居民委员会' }),
    unit: z.string().trim().min(1).max(10).openapi({ example: '个' }),
    aggregation: z.enum(aggregations),
    source: z
      .string()
      .regex(/^(computed:[a-z][a-z0-9_]*|manual|derived)$/, msg.indicator_source_format().code)
      .openapi({ example: 'computed:residents_committees' }),
    numerator: indicatorCode.optional(),
    denominator: indicatorCode.optional(),
  })
  .strict()
  .openapi('ReportIndicator', { description: 'A ratio indicator is derived from two other indicators of the template: 100 × numerator / denominator.' });
export type Indicator = z.infer<typeof indicator>;

export const validationRule = z
  .object({ left: indicatorCode, op: z.enum(ruleOperators), right: indicatorCode, message: z.string().trim().min(1).max(200) })
  .strict()
  .openapi('ReportValidationRule', { example: { left: 'members_trained_on_time', op: 'lte', right: 'members_due_training', message: '按时轮训人数不得超过应训人数' } });
export type ValidationRule = z.infer<typeof validationRule>;

export const addressees = z
  .object({
    to: z.array(z.string().trim().min(1).max(50)).max(10).openapi({ description: '主送', example: ['省委', '省政府'] }),
    cc: z.array(z.string().trim().min(1).max(50)).max(10).openapi({ description: '抄送', example: ['省民政厅'] }),
  })
  .strict()
  .openapi('ReportAddressees', { description: 'whom a report is addressed to (主送) and copied to (抄送)' });
export type Addressees = z.infer<typeof addressees>;

export const periodInput = z
  .object({ period, opensOn: isoDate, dueOn: isoDate, closesOn: isoDate })
  .strict()
  .openapi('ReportPeriodInput', { example: { period: 'once', opensOn: '2026-11-01', dueOn: '2026-12-31', closesOn: '2027-01-31' } });
export type PeriodInput = z.infer<typeof periodInput>;

export const createTemplateInput = z
  .union([
    z.object({ preset: z.literal('reform_completion'), code: indicatorCode.optional(), periods: z.array(periodInput).max(20).default([]) }).strict(),
    z
      .object({
        code: indicatorCode,
        title: z.string().trim().min(2).max(100),
        periodType: z.enum(reportPeriodTypes),
        onTimeDays: z.number().int().min(0).max(90).default(0),
        indicators: z.array(indicator).min(1).max(100),
        rules: z.array(validationRule).max(100).default([]),
        addressees: addressees.default({ to: [], cc: [] }),
        periods: z.array(periodInput).max(20).default([]),
      })
      .strict(),
  ])
  .openapi('CreateReportTemplate', { description: '{ preset: "reform_completion" } publishes the shipped reform-completion template' });
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const reportPeriod = z.object({ period: z.string(), opensOn: z.string(), dueOn: z.string(), closesOn: z.string() }).openapi('ReportPeriod');
export const openPeriod = reportPeriod
  .extend({
    templateId: z.uuid(),
    templateCode: z.string(),
    templateTitle: z.string(),
    reportId: z.uuid().nullable().openapi({ description: 'the city’s report for this period, if drafted' }),
  })
  .openapi('OpenReportPeriod');
export type OpenPeriodView = z.infer<typeof openPeriod>;

export const template = z
  .object({
    id: z.uuid(),
    code: z.string(),
    title: z.string(),
    periodType: z.enum(reportPeriodTypes),
    onTimeDays: z.number().int().openapi({ description: 'days after the due date still counted as on time' }),
    indicators: z.array(indicator),
    rules: z.array(validationRule),
    addressees,
    periods: z.array(reportPeriod),
    createdAt: z.string(),
  })
  .openapi('ReportTemplate');
export type TemplateView = z.infer<typeof template>;

export const statedRuleView = z
  .object({
    code: z.string().openapi({ example: 'training.rule.rate', description: 'stable code of the rule’s text' }),
    params: z.record(z.string(), z.string()).openapi({ example: { cutOff: '2026-06-30' } }),
    zh: z.string().openapi({ description: 'the rule in Simplified Chinese' }),
    en: z.string().openapi({ description: 'the rule in English' }),
  })
  .openapi('StatedRule', { description: 'How a figure is counted: its denominator and cut-off day' });

export const figure = z
  .object({
    value: z.number().nullable(),
    source: z.enum(['computed', 'manual', 'derived']),
    status: z.enum(['ok', 'unavailable', 'missing']),
    metric: z.string().optional(),
    queriedAt: z.string().optional().openapi({ description: 'when the statement behind a computed figure ran' }),
    reason: z.string().optional(),
    basis: statedRuleView.optional().openapi({ description: 'the rule the figure was computed by (denominator, cut-off day), frozen with the report' }),
  })
  .openapi('ReportFigure');
export type Figure = z.infer<typeof figure>;

export const attachment = z
  .object({ name: z.string().trim().min(1).max(200), ref: z.string().trim().min(1).max(500).openapi({ example: 's3://shequ-docs/4401/2026/report.pdf' }) })
  .strict()
  .openapi('ReportAttachment');
export type Attachment = z.infer<typeof attachment>;

/** Indicator code → district code → value. */
export type DistrictFigures = Record<string, Record<string, number>>;

export const createReportInput = z
  .object({
    templateId: z.uuid().optional(),
    templateCode: indicatorCode.optional().openapi({ example: 'reform_completion' }),
    period,
    city: cityCode.optional().openapi({ description: 'the reporting city; the caller’s own city when absent' }),
  })
  .strict()
  .refine((v) => Boolean(v.templateId) !== Boolean(v.templateCode), zodIssue(msg.template_id_or_code(), ['templateId']))
  .openapi('CreateReport');
export type CreateReportInput = z.infer<typeof createReportInput>;

export const updateReportInput = z
  .object({
    manual: z.record(indicatorCode, z.number().finite().nullable()).optional().openapi({ description: 'manual figures by indicator code' }),
    narrative: z.string().max(50_000).optional().openapi({ description: '书面报告正文' }),
    attachments: z.array(attachment).max(50).optional(),
  })
  .strict()
  .openapi('UpdateReport');
export type UpdateReportInput = z.infer<typeof updateReportInput>;

export const problem = z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() });

export const snapshotSummary = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    status: z.enum(snapshotStatuses),
    contentHash: z.string(),
    submittedBy: z.string(),
    submittedAt: z.string(),
    onTime: z.boolean(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
  })
  .openapi('ReportSnapshotSummary');

export const report = z
  .object({
    id: z.uuid(),
    tenantId: z.string(),
    templateId: z.uuid(),
    templateCode: z.string(),
    templateTitle: z.string(),
    period: z.string(),
    dueOn: z.string(),
    indicators: z.array(indicator),
    status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
    version: z.number().int(),
    figures: z.record(z.string(), figure),
    districtFigures: z.record(z.string(), z.record(z.string(), z.number())),
    computedAt: z.string().nullable(),
    narrative: z.string(),
    attachments: z.array(attachment),
    addressees: addressees.openapi({ description: '主送 and 抄送: the template’s while a draft, as frozen in the latest submitted version after' }),
    problems: z.array(problem).openapi({ description: 'what blocks submission now; empty when the draft can be submitted' }),
    history: z.array(snapshotSummary),
    queries: z.number().int().optional().openapi({ description: 'statements the last computation ran' }),
    updatedAt: z.string(),
  })
  .openapi('Report');
export type ReportView = z.infer<typeof report>;

export const snapshot = snapshotSummary
  .extend({
    tenantId: z.string(),
    cityName: z.string().nullable(),
    templateId: z.uuid(),
    period: z.string(),
    figures: z.record(z.string(), figure),
    districtFigures: z.record(z.string(), z.record(z.string(), z.number())),
    districtNames: z.record(z.string(), z.string()).openapi({ description: 'the name of each district code in districtFigures, from the city’s divisions' }),
    narrative: z.string(),
    attachments: z.array(attachment),
    addressees: addressees.openapi({ description: '主送 and 抄送 as the template named them when the report was submitted' }),
  })
  .openapi('ReportSnapshot');
export type SnapshotView = z.infer<typeof snapshot>;

export const reviewInput = z.object({ comment: z.string().trim().max(2000).optional() }).strict().openapi('ReportAcceptance');
export const returnInput = z.object({ comment: z.string().trim().min(2).max(2000) }).strict().openapi('ReportReturn');

export const periodQuery = z.object({ template: z.uuid(), period });
export const exportQuery = periodQuery.extend({ format: z.enum(['csv', 'xlsx']) });
export const listReportsQuery = z.object({ template: z.uuid().optional(), period: period.optional(), city: cityCode.optional() });
export const openPeriodsQuery = z.object({ city: cityCode.optional().openapi({ description: 'the caller’s own city; another is not found' }) });

export const aggregateRow = z
  .object({
    indicator: z.string(),
    label: z.string(),
    unit: z.string(),
    aggregation: z.enum(aggregations),
    value: z.number().nullable(),
    contributingCities: z.number().int(),
    perCity: z.record(z.string(), z.number()),
    computedAt: z.string().nullable(),
  })
  .openapi('ReportAggregate');

export const aggregates = z
  .object({ templateId: z.uuid(), period: z.string(), basis: z.string(), items: z.array(aggregateRow) })
  .openapi('ReportAggregates');
export type AggregatesView = z.infer<typeof aggregates>;

export const completenessCity = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['missing', 'submitted', 'accepted', 'returned']),
  version: z.number().int().nullable(),
  firstSubmittedAt: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
});

export const completeness = z
  .object({
    templateId: z.uuid(),
    period: z.string(),
    dueOn: z.string(),
    onTimeUntil: z.string(),
    expected: z.number().int(),
    submitted: z.number().int(),
    onTime: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    reportingRate: z.number().nullable().openapi({ description: '报送率 % submitted / expected' }),
    onTimeRate: z.number().nullable().openapi({ description: '及时率 % on time / expected' }),
    cities: z.array(completenessCity),
  })
  .openapi('ReportCompleteness');
export type CompletenessView = z.infer<typeof completeness>;

export const lateNotice = z.object({ cityCode: z.string(), cityName: z.string().nullable(), dueOn: z.string(), notifiedAt: z.string() }).openapi('ReportLateNotice');
export type LateNotice = z.infer<typeof lateNotice>;

export { reportReminderStages };
