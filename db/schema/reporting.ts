import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { currentTenant, isProvinceScope, tenantIsolation } from './policy.js';
import { tenants } from './tenancy.js';
import { reportPeriodTypes, reportStatuses, snapshotStatuses, reportReminderStages } from '../../shared/reporting/rules.js';
import type { Addressees, Attachment, DistrictFigures, Figure, Indicator, ValidationRule } from '../../shared/reporting/schemas.js';

const provinceWrite = (table: string) =>
  pgPolicy(`${table}_province_write`, { as: 'permissive', for: 'all', to: 'public', using: isProvinceScope, withCheck: isProvinceScope });

/** A report template the province publishes (报告模板); every city reads it, only the province writes it. */
export const reportTemplates = pgTable(
  'report_templates',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    periodType: text('period_type', { enum: reportPeriodTypes }).notNull(),
    onTimeDays: integer('on_time_days').notNull(),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull(),
    rules: jsonb('rules').$type<ValidationRule[]>().notNull(),
    /** 主送 and 抄送: whom a report of this template is addressed to. */
    addressees: jsonb('addressees').$type<Addressees>().notNull().default(sql`'{"to":[],"cc":[]}'::jsonb`),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('report_templates_code').on(t.code),
    pgPolicy('report_templates_read', { as: 'permissive', for: 'select', to: 'public', using: sql`true` }),
    provinceWrite('report_templates'),
  ],
);

/** A reporting period of a template, with its window and due date. */
export const reportPeriods = pgTable(
  'report_periods',
  {
    templateId: uuid('template_id').notNull().references(() => reportTemplates.id),
    period: text('period').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'report_periods_pk', columns: [t.templateId, t.period] }),
    check('report_periods_dates_ordered', sql`${t.opensOn} <= ${t.dueOn} and ${t.dueOn} <= ${t.closesOn}`),
    pgPolicy('report_periods_read', { as: 'permissive', for: 'select', to: 'public', using: sql`true` }),
    provinceWrite('report_periods'),
  ],
);

/** A city's working copy of its report for one (template, period): the draft, never seen by the province. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    templateId: uuid('template_id').notNull().references(() => reportTemplates.id),
    period: text('period').notNull(),
    status: text('status', { enum: reportStatuses }).notNull(),
    version: integer('version').notNull(),
    figures: jsonb('figures').$type<Record<string, Figure>>().notNull(),
    districtFigures: jsonb('district_figures').$type<DistrictFigures>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    narrative: text('narrative').notNull().default(''),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('reports_tenant_template_period').on(t.tenantId, t.templateId, t.period),
    unique('reports_tenant_id').on(t.tenantId, t.id),
    index('reports_tenant_status').on(t.tenantId, t.status),
    tenantIsolation('reports'),
  ],
);

/**
 * What a city sends the province: figures per city and per district, the narrative and attachment references, frozen
 * with a content hash. The province reads these rows, and only these, by its own policy; a trigger keeps content immutable.
 */
export const reportSnapshots = pgTable(
  'report_snapshots',
  {
    id: uuid('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    reportId: uuid('report_id').notNull(),
    templateId: uuid('template_id').notNull().references(() => reportTemplates.id),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: snapshotStatuses }).notNull(),
    figures: jsonb('figures').$type<Record<string, Figure>>().notNull(),
    districtFigures: jsonb('district_figures').$type<DistrictFigures>().notNull(),
    narrative: text('narrative').notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull(),
    /** The template's addressees when the report was submitted, frozen with it. */
    addressees: jsonb('addressees').$type<Addressees>().notNull().default(sql`'{"to":[],"cc":[]}'::jsonb`),
    contentHash: text('content_hash').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    onTime: boolean('on_time').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    unique('report_snapshots_tenant_report_version').on(t.tenantId, t.reportId, t.version),
    index('report_snapshots_tenant_template_period').on(t.tenantId, t.templateId, t.period, t.version),
    tenantIsolation('report_snapshots'),
    pgPolicy('report_snapshots_province_read', {
      as: 'permissive', for: 'select', to: 'public',
      using: sql`${isProvinceScope} and status in ('submitted', 'accepted', 'returned')`,
    }),
    pgPolicy('report_snapshots_province_review', {
      as: 'permissive', for: 'update', to: 'public',
      using: sql`${isProvinceScope} and status = 'submitted'`,
      withCheck: sql`${isProvinceScope} and status in ('accepted', 'returned')`,
    }),
  ],
);

/**
 * Each submitted snapshot's city figures as typed rows, one per indicator, written with the snapshot: what the provincial
 * aggregate reads, so it is one set-based statement over numbers instead of parsing every snapshot's JSON. `latest` marks
 * the city's newest version of its report for (template, period), `status` follows the snapshot's review; the province
 * reads them and sets the review status by its own policies, as for the snapshots.
 */
export const reportSnapshotValues = pgTable(
  'report_snapshot_values',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    snapshotId: uuid('snapshot_id').notNull().references(() => reportSnapshots.id),
    templateId: uuid('template_id').notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    indicator: text('indicator').notNull(),
    value: numeric('value', { mode: 'number' }),
    /** For a ratio indicator, the city's figures it is derived from, so the provincial ratio needs no second look-up. */
    ratioNumerator: numeric('ratio_numerator', { mode: 'number' }),
    ratioDenominator: numeric('ratio_denominator', { mode: 'number' }),
    status: text('status', { enum: snapshotStatuses }).notNull(),
    latest: boolean('latest').notNull(),
    /** What the aggregate counts: a value of the city's latest version, submitted or accepted. */
    counted: boolean('counted').generatedAlwaysAs(sql`latest and status in ('submitted', 'accepted') and value is not null`),
  },
  (t) => [
    primaryKey({ name: 'report_snapshot_values_pk', columns: [t.tenantId, t.snapshotId, t.indicator] }),
    tenantIsolation('report_snapshot_values'),
    pgPolicy('report_snapshot_values_province_read', {
      as: 'permissive', for: 'select', to: 'public',
      using: sql`${isProvinceScope} and status in ('submitted', 'accepted', 'returned')`,
    }),
    pgPolicy('report_snapshot_values_province_review', {
      as: 'permissive', for: 'update', to: 'public',
      using: sql`${isProvinceScope} and status = 'submitted'`,
      withCheck: sql`${isProvinceScope} and status in ('accepted', 'returned')`,
    }),
  ],
);

/** The provincial aggregate of one indicator for a (template, period): the worker rewrites it from all current snapshots. */
export const reportAggregates = pgTable(
  'report_aggregates',
  {
    templateId: uuid('template_id').notNull().references(() => reportTemplates.id),
    period: text('period').notNull(),
    indicator: text('indicator').notNull(),
    value: numeric('value', { mode: 'number' }),
    contributingCities: integer('contributing_cities').notNull(),
    /** Each contributing city's value: `perCityValues[n]` is city `perCityCodes[n]`'s. */
    perCityCodes: text('per_city_codes').array().notNull().default(sql`'{}'::text[]`),
    perCityValues: numeric('per_city_values').array().notNull().default(sql`'{}'::numeric[]`),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'report_aggregates_pk', columns: [t.templateId, t.period, t.indicator] }),
    provinceWrite('report_aggregates'),
  ],
);

/** A deadline reminder sent to a city, once per (template, period, stage). */
export const reportReminders = pgTable(
  'report_reminders',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.code),
    templateId: uuid('template_id').notNull(),
    period: text('period').notNull(),
    stage: text('stage', { enum: reportReminderStages }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'report_reminders_pk', columns: [t.tenantId, t.templateId, t.period, t.stage] }),
    tenantIsolation('report_reminders'),
  ],
);

/** The province's list of who is late: a city's own sweep adds its row, only the province reads them. */
export const reportLateNotices = pgTable(
  'report_late_notices',
  {
    templateId: uuid('template_id').notNull(),
    period: text('period').notNull(),
    cityCode: text('city_code').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'report_late_notices_pk', columns: [t.templateId, t.period, t.cityCode] }),
    pgPolicy('report_late_notices_city_insert', { as: 'permissive', for: 'insert', to: 'public', withCheck: sql`city_code = ${currentTenant}` }),
    pgPolicy('report_late_notices_province_read', { as: 'permissive', for: 'select', to: 'public', using: isProvinceScope }),
  ],
);
